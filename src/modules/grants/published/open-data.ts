/**
 * Grants awarded as open data (issue 27 part 6): the awards as the public page shows them, and the
 * same awards in the 360Giving Data Standard: its flat columns in the CSV, and its data package
 * (`{"grants": [...]}`) as the JSON, at /open-data/grants-360giving.json. DP-01: recipients are
 * the units that applied; nothing of who wrote, sent or decided an application.
 */
import { toLondonDate } from '../../../platform/calendar/index.js';
import type { Executor } from '../../../platform/db/database.js';
import type { Translate } from '../../../platform/i18n/messages.js';
import type { OpenDataRow, OpenDataset } from '../../../platform/open-data/dataset.js';
import { OPEN_GOVERNMENT_LICENCE } from '../../../platform/open-data/licence.js';
import { yearLabel } from '../funds/presenter.js';
import type { GrantsSettings } from '../settings.js';
import { boroughText } from './presenter.js';
import {
  COLUMNS_360,
  grantIdentifier,
  package360,
  poundsOf,
  row360,
  type AwardRecord,
} from './rules.js';
import type { PublishedGrantsService } from './service.js';

export const GRANTS_AWARDED_DATASET = 'grants-awarded';
export const GRANTS_360_DATASET = 'grants-360giving';
const STANDARD_URL = 'https://standard.threesixtygiving.org/';

/** 360Giving's kinds for its columns: its amount a number, its dates days, the rest text. */
const TYPES_360: Partial<Record<string, OpenDataset['columns'][number]['type']>> = {
  amount_awarded: 'decimal',
  award_date: 'date',
  planned_start_date: 'date',
  planned_end_date: 'date',
};

export function grantsOpenData(
  t: Translate,
  settings: GrantsSettings,
  published: Pick<PublishedGrantsService, 'all' | 'lastChanged'>,
): OpenDataset[] {
  const w = (key: string) => t(`grants:openData.${key}`);
  const lastChanged = (executor: Executor) => published.lastChanged(executor);
  const describe = (a: AwardRecord) =>
    t('grants:openData.description360', {
      title: a.projectTitle,
      fund: a.fundName,
      round: a.roundTitle,
      where: boroughText(t, a.borough),
    });

  const flat: OpenDataset = {
    id: GRANTS_AWARDED_DATASET,
    title: w('flat.title'),
    description: w('flat.description'),
    columns: (
      [
        ['identifier', 'text'],
        ['recipient', 'text'],
        ['recipient_kind', 'text'],
        ['title', 'text'],
        ['fund', 'text'],
        ['round', 'text'],
        ['reporting_year', 'text'],
        ['borough', 'text'],
        ['amount_awarded', 'decimal'],
        ['amount_after_adjustments', 'decimal'],
        ['award_date', 'date'],
        ['starts_on', 'date'],
        ['ends_on', 'date'],
      ] as const
    ).map(([name, type]) => ({ name, type, description: w(`flat.columns.${name}`) })),
    async rows(executor) {
      return (await published.all(executor)).map((a): OpenDataRow => ({
        identifier: grantIdentifier(settings.prefix360, a.reference),
        recipient: a.applicantName,
        recipient_kind: t(`grants:published.kinds.${a.applicantKind}`),
        title: a.projectTitle,
        fund: a.fundName,
        round: a.roundTitle,
        reporting_year: yearLabel(a.startYear),
        borough: boroughText(t, a.borough),
        amount_awarded: poundsOf(a.awardedPence),
        amount_after_adjustments: poundsOf(a.netPence),
        award_date: toLondonDate(a.decidedAt),
        starts_on: a.startsOn,
        ends_on: a.endsOn,
      }));
    },
    lastChanged,
  };

  const giving: OpenDataset = {
    id: GRANTS_360_DATASET,
    title: w('giving.title'),
    description: w('giving.description'),
    standard: { name: w('giving.standard'), url: STANDARD_URL },
    columns: COLUMNS_360.map(([name, heading]) => ({
      name,
      heading,
      type: TYPES_360[name] ?? 'text',
      description: w(`giving.columns.${name}`),
    })),
    async rows(executor) {
      return (await published.all(executor)).map((a) => row360(settings, a, describe));
    },
    lastChanged,
    jsonBody: (rows, modified) =>
      package360(rows, {
        title: w('giving.title'),
        publisherName: settings.funderName,
        licence: OPEN_GOVERNMENT_LICENCE.url,
        modified,
      }),
  };
  return [flat, giving];
}
