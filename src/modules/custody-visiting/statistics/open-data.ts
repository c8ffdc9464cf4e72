/**
 * ICV-10 as open data (issue 27 part 6): each area's visits made against target, and the issues
 * its visitors raised and saw resolved, quarter by quarter, for the quarters the public
 * statistics page offers, with the very figures that page shows (read from its service). By area
 * only: no visitor or detainee, and none of the page's small counts of children or vulnerable
 * people seen (DP-01).
 */
import type { Translate } from '../../../platform/i18n/messages.js';
import type { OpenDataset } from '../../../platform/open-data/dataset.js';
import { latest, latestOf, openDataWords } from '../../../platform/open-data/define.js';
import { custodyIssues } from '../follow-up/schema.js';
import { custodyVisitReports } from '../reports/schema.js';
import { custodySuites, custodyVisits } from '../schema.js';
import { custodySurges } from '../surges/schema.js';
import type { StatisticsService } from './service.js';
import { periodName } from './words.js';

export function custodyStatisticsOpenData(
  t: Translate,
  statistics: Pick<StatisticsService, 'quarters' | 'period'>,
): OpenDataset {
  return openDataWords((key) => t(`custody-visiting:openData.${key}`)).dataset({
    id: 'custody-visiting-statistics',
    columns: [
      ['quarter', 'date'],
      ['quarter_name', 'text'],
      ['area', 'text'],
      ['target_visits', 'integer'],
      ['visits_made', 'integer'],
      ['percent_of_target', 'integer'],
      ['visits_missed', 'integer'],
      ['issues_raised', 'integer'],
      ['issues_resolved', 'integer'],
      ['percent_resolved', 'integer'],
    ],
    // The statistics service counts and keeps each quarter's figures (the page's own).
    async rows() {
      const quarters = await Promise.all(
        statistics.quarters().map((quarter) => statistics.period({ quarter })),
      );
      return quarters.flatMap(({ period, areas, reports }) => {
        const issuesOf = new Map(reports.areas.map((a) => [a.area, a.total]));
        return areas.map(({ area, total }) => {
          const issues = issuesOf.get(area);
          return {
            quarter: period.start,
            quarter_name: periodName(t, period),
            area,
            target_visits: total.target,
            visits_made: total.made,
            percent_of_target: total.percentOfTarget,
            visits_missed: total.missed,
            issues_raised: issues?.issuesRaised ?? 0,
            issues_resolved: issues?.issuesResolved ?? 0,
            percent_resolved: issues?.percentResolved ?? null,
          };
        });
      });
    },
    // A suite (its target), a visit, a report, an issue or a surge changed.
    async lastChanged(executor) {
      const tables = [
        custodySuites,
        custodyVisits,
        custodyVisitReports,
        custodyIssues,
        custodySurges,
      ];
      const found = await Promise.all(
        tables.map((table) => executor.select({ at: latest(table.updatedAt) }).from(table)),
      );
      return latestOf(found.map(([row]) => row?.at));
    },
  });
}
