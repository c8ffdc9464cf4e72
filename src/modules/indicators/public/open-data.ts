/**
 * CDRP-10, LEG-04 as open data (issue 27 part 6): each public indicator's whole-area figures by
 * period, with the period's target and RAG, as its public page shows them. Only the whole area's
 * (as the page). DP-01: a count of people below 10 is published as the page shows it ("fewer
 * than 10"), with no value and its status withheld.
 */
import { and, eq, isNull, sql } from 'drizzle-orm';
import { queryRows } from '../../../platform/db/database.js';
import type { Translate } from '../../../platform/i18n/messages.js';
import type { OpenDataset } from '../../../platform/open-data/dataset.js';
import { latest, latestOf, openDataWords } from '../../../platform/open-data/define.js';
import type { DirectoryApi } from '../../directory/index.js';
import { indicatorsPaths } from '../paths.js';
import { periodText, publicRagTag, publicValue } from '../presenter.js';
import { ragStatus, type Frequency, type Polarity, type Unit } from '../rules.js';
import {
  indicatorTargets as targets,
  indicatorValues as values,
  indicators as i,
} from '../schema.js';

interface Row {
  id: string;
  name: string;
  owner: string | null;
  unit: Unit;
  polarity: Polarity;
  frequency: Frequency;
  tolerance: number;
  period: string;
  value: string | number | null;
  target: string | number | null;
}

const hundredths = (n: string | number | null) => (n === null ? null : Number(n));

export function indicatorsOpenData(
  t: Translate,
  directory: Pick<DirectoryApi, 'organisationNameSql'>,
): OpenDataset {
  return openDataWords((key) => t(`indicators:openData.${key}`)).dataset({
    id: 'indicators',
    columns: [
      ['indicator', 'text'],
      ['owner', 'text'],
      ['unit', 'text'],
      ['better_when', 'text', 'polarity'],
      ['period', 'date'],
      ['period_name', 'text'],
      ['value', 'decimal'],
      ['value_shown', 'text'],
      ['target', 'decimal'],
      ['status', 'text'],
      ['url', 'url'],
    ],
    // Every period with a whole-area value or a target, in one query.
    async rows(executor) {
      const rows = await queryRows<Row>(
        executor,
        sql`select ${i.id} as id, ${i.name} as name, ${directory.organisationNameSql(i.ownerId)} as owner,
                   ${i.unit} as unit, ${i.polarity} as polarity, ${i.frequency} as frequency,
                   ${i.tolerance} as tolerance, p.period::text as period, v.value, g.target
            from ${i}
            join (select indicator_id, period from ${values} where borough_id is null
                  union select indicator_id, period from ${targets}) p on p.indicator_id = ${i.id}
            left join ${values} v on v.indicator_id = ${i.id} and v.period = p.period and v.borough_id is null
            left join ${targets} g on g.indicator_id = ${i.id} and g.period = p.period
            where ${i.isPublic}
            order by ${i.name}, ${i.id}, p.period`,
      );
      return rows.map((r) => {
        const value = hundredths(r.value);
        const target = hundredths(r.target);
        const shown = value === null ? null : publicValue(t, value, r.unit);
        const rag = ragStatus(value, target, r.polarity, Number(r.tolerance));
        return {
          indicator: r.name,
          owner: r.owner,
          unit: t(`indicators:units.${r.unit}`),
          better_when: t(`indicators:polarities.${r.polarity}`),
          period: r.period,
          period_name: periodText(t, r.period, r.frequency),
          // DP-01: a small count of people is not published, only that it is small.
          value: shown?.drawn == null ? null : shown.drawn / 100,
          value_shown: shown ? shown.text : t('indicators:series.noValue'),
          target: target === null ? null : target / 100,
          status: publicRagTag(t, value, r.unit, rag).text,
          url: indicatorsPaths.publicIndicator(r.id),
        };
      });
    },
    // An indicator changed (made public or not among them), or a value or target was given.
    async lastChanged(executor) {
      const publicOnes = eq(i.isPublic, true);
      const [[indicator], [value], [target]] = await Promise.all([
        executor.select({ at: latest(i.updatedAt) }).from(i),
        executor
          .select({ at: latest(values.recordedAt) })
          .from(values)
          .innerJoin(i, and(eq(i.id, values.indicatorId), publicOnes))
          .where(isNull(values.boroughId)),
        executor
          .select({ at: latest(targets.setAt) })
          .from(targets)
          .innerJoin(i, and(eq(i.id, targets.indicatorId), publicOnes)),
      ]);
      return latestOf([indicator?.at, value?.at, target?.at]);
    },
  });
}
