/**
 * ICV-10, LEG-05: what the statistics page shows of a period's surges and of each panel's
 * community activities and recruitment, and those panel figures as their own CSV (a row a
 * panel: their columns are not the suites' visits, so they are not mixed into that file).
 */
import type { FastifyInstance, FastifyRequest } from 'fastify';
import { sendCsv } from '../../../platform/http/csv.js';
import { formatDate } from '../../../platform/i18n/dates.js';
import { ACTIVITY_KINDS } from '../community-rules.js';
import { custodyPaths as paths } from '../paths.js';
import { formatTarget } from '../rules.js';
import type { Period } from '../statistics-rules.js';
import { panelTotal, type AppliedSurge, type PanelFigures } from './panel-figures.js';
import { periodQuery } from './query.js';
import type { StatisticsService } from './service.js';
import { keptPage } from '../../../platform/http/route-options.js';

/** The page's surges and panels sections; `query` names the period (`quarter=…` or `year=…`). */
export function panelFiguresView(
  request: FastifyRequest,
  result: { surges: AppliedSurge[]; panels: PanelFigures[]; allApplications: number },
  query: string,
) {
  const t = request.t;
  return {
    surges: result.surges.map((s) => ({
      ...s,
      period: t('custody-visiting:panelFigures.surgePeriod', {
        from: formatDate(t, s.startsOn),
        to: formatDate(t, s.endsOn),
      }),
      target: formatTarget(s.visitsPerWeek),
      suiteNames: s.suites.map((x) => `${x.name} (${x.area})`).join(', '),
    })),
    activityKinds: ACTIVITY_KINDS.map((k) => t(`custody-visiting:community.kindsPlural.${k}`)),
    panelFigures: result.panels,
    panelTotal: panelTotal(result.panels, result.allApplications),
    panelsCsvHref: `${paths.statisticsPanelsCsv}?${query}`,
  };
}

/** The panel figures of a quarter or a year as CSV, a row a panel and their total. */
export function registerPanelFiguresCsv(app: FastifyInstance, statistics: StatisticsService) {
  app.get(paths.statisticsPanelsCsv, keptPage('quarter', 'year'), async (request, reply) => {
    const result = await statistics.period(periodQuery(request));
    const period: Period = result.period;
    const t = request.t;
    const head = [
      t(`custody-visiting:statistics.csv.${period.kind === 'year' ? 'year' : 'quarter'}`),
      t('custody-visiting:statistics.csv.area'),
      t('custody-visiting:panelFigures.csv.panel'),
      ...ACTIVITY_KINDS.map((k) => t(`custody-visiting:community.kindsPlural.${k}`)),
      t('custody-visiting:panelFigures.csv.activities'),
      t('custody-visiting:panelFigures.csv.reached'),
      t('custody-visiting:panelFigures.csv.applications'),
      t('custody-visiting:panelFigures.csv.appointments'),
      t('custody-visiting:panelFigures.csv.leavers'),
    ];
    const total = panelTotal(result.panels, result.allApplications);
    return sendCsv(reply, `custody-visiting-panels-${period.start}.csv`, [
      head,
      ...result.panels.map((p) => [
        period.start,
        p.area,
        p.panel,
        ...p.activities.kinds.map((k) => String(k.count)),
        String(p.activities.count),
        String(p.activities.reached),
        String(p.applications),
        String(p.appointments),
        String(p.leavers),
      ]),
      [
        period.start,
        t('custody-visiting:statistics.total'),
        t('custody-visiting:panelFigures.allPanels'),
        ...total.kinds.map(String),
        String(total.count),
        String(total.reached),
        String(total.applications),
        String(total.appointments),
        String(total.leavers),
      ],
    ]);
  });
}
