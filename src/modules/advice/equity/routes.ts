/**
 * IAG-10: the coordination unit's view of who is deployed how often, on a page and as CSV.
 * Who may see it is decided by the equity service.
 */
import { fieldErrorsOf } from '../../../platform/errors.js';
import { sendCsv } from '../../../platform/http/csv.js';
import { paginationFor } from '../../../platform/http/pagination.js';
import { advicePaths as paths } from '../paths.js';
import { routeParts } from '../presenter.js';
import type { AdviceRouteDeps as RouteDeps } from '../route-deps.js';
import type { Input } from '../shared.js';

const T = 'modules/advice/equity/views';
const signedIn = { config: { access: 'signed-in' as const } };

export function registerEquityRoutes({ app, services, renderPage }: RouteDeps): void {
  const { pageOf, home } = routeParts(services.deployments.now);

  app.get(paths.equity, signedIn, async (request, reply) => {
    const query = request.query as Input;
    const page = pageOf(request, 50);
    const render = (data: Record<string, unknown>, status = 200) =>
      renderPage(
        request,
        reply,
        `${T}/equity.njk`,
        {
          title: request.t('advice:equity.title'),
          width: 'full',
          breadcrumbs: [home(request)],
          values: query,
          paths,
          ...data,
        },
        status,
      );
    try {
      const report = await services.equity.report(request.principal, query, page);
      const filters = {
        'from-day': query['from-day'],
        'from-month': query['from-month'],
        'from-year': query['from-year'],
        'to-day': query['to-day'],
        'to-month': query['to-month'],
        'to-year': query['to-year'],
        group: query.group,
      };
      const kept = Object.fromEntries(
        Object.entries(filters).filter(([, v]) => typeof v === 'string' && v !== ''),
      ) as Record<string, string>;
      return render({
        ...report,
        groupItems: [
          { value: '', text: request.t('advice:equity.filters.everyGroup') },
          ...report.groups.map((g) => ({
            value: g.id,
            text: g.name,
            selected: report.filters.group === g.id,
          })),
        ],
        sharePercent: Math.round(report.summary.busiestShare * 100),
        csvHref: `${paths.equityCsv}?${new URLSearchParams(kept).toString()}`,
        pagination: paginationFor(paths.equity, kept, page.page, page.limit, report.total),
      });
    } catch (error) {
      const errors = fieldErrorsOf(error);
      if (!errors) throw error;
      return render({ errors, items: [] }, 400);
    }
  });

  app.get(paths.equityCsv, signedIn, async (request, reply) => {
    const { filters, rows } = await services.equity.csv(request.principal, request.query as Input);
    return sendCsv(reply, `deployments-${filters.from}-to-${filters.to}.csv`, rows);
  });
}
