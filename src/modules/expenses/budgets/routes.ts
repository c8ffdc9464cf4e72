/** Budgets and spend against them, per group and per advisor, and the auditors' report. */
import type { FastifyRequest } from 'fastify';
import type { ExpensesRouteDeps as RouteDeps } from '../route-deps.js';
import { pageRequest } from '../../../platform/db/search.js';
import { fieldErrorsOf } from '../../../platform/errors.js';
import { sendCsv } from '../../../platform/http/csv.js';
import { paginationFor } from '../../../platform/http/pagination.js';
import { formShow, redirectWithFlash, registerFormPage } from '../../../platform/http/render.js';
import { expensePaths as paths } from '../paths.js';
import { homeCrumb as home } from '../crumbs.js';

const T = 'modules/expenses/budgets/views';
const viewers = { config: { access: { action: 'expenses.view-all' as const } } };
const unit = { config: { access: { action: 'expenses.process' as const } } };

type Values = Record<string, string | string[] | undefined>;

export function registerBudgetRoutes({ app, services, renderPage }: RouteDeps): void {
  const { budgets } = services;
  const query = (request: FastifyRequest) => (request.query ?? {}) as Values;
  const pageOf = (request: FastifyRequest, size: number) => pageRequest(query(request).page, size);
  const crumbs = (request: FastifyRequest) => [
    home(request.t),
    { text: request.t('expenses:homeTasks.budgets.text'), href: paths.budgets },
  ];

  app.get(paths.budgets, viewers, async (request, reply) => {
    const page = pageOf(request, 50);
    const result = await budgets.overview(request.principal, query(request), page);
    return renderPage(request, reply, `${T}/budgets.njk`, {
      title: request.t('expenses:budgets.overview.title', { year: result.year.label }),
      breadcrumbs: [home(request.t)],
      ...result,
      pagination: paginationFor(
        paths.budgets,
        { year: String(result.year.startYear) },
        page.page,
        page.limit,
        result.total,
      ),
      paths,
    });
  });

  app.get(paths.budgetAdvisors, viewers, async (request, reply) => {
    const page = pageOf(request, 50);
    const result = await budgets.perAdvisor(request.principal, query(request), page);
    return renderPage(request, reply, `${T}/budget-advisors.njk`, {
      title: request.t('expenses:budgets.advisors.title', { year: result.year.label }),
      breadcrumbs: crumbs(request),
      ...result,
      pagination: paginationFor(
        paths.budgetAdvisors,
        { year: String(result.year.startYear) },
        page.page,
        page.limit,
        result.total,
      ),
      paths,
    });
  });

  registerFormPage(app, paths.setBudget.pattern, unit, {
    show: formShow(renderPage, `${T}/budget-form.njk`, async (request, values) => {
      const { groupId } = request.params as Record<string, string>;
      const form = await budgets.budgetForm(request.principal, groupId!, query(request));
      return {
        title: request.t('expenses:budgets.form.title', {
          name: form.group.name,
          year: form.year.label,
        }),
        breadcrumbs: crumbs(request),
        ...form,
        values:
          Object.keys(values).length || !form.budget
            ? values
            : { amount: (form.budget.amountPence / 100).toFixed(2) },
        paths,
      };
    }),
    async submit(request, reply) {
      const { groupId } = request.params as Record<string, string>;
      const set = await budgets.setBudget(
        request.principal,
        groupId!,
        { ...query(request), ...((request.body ?? {}) as Values) },
        request.id,
      );
      return redirectWithFlash(
        reply,
        `${paths.budgets}?year=${set.year.startYear}`,
        request.t('expenses:budgets.form.saved', { name: set.group.name, year: set.year.label }),
      );
    },
  });

  app.get(paths.auditReport, viewers, async (request, reply) => {
    const page = pageOf(request, 50);
    const input = query(request);
    const render = (data: Record<string, unknown>, status = 200) =>
      renderPage(
        request,
        reply,
        `${T}/audit.njk`,
        {
          title: request.t('expenses:budgets.audit.title'),
          breadcrumbs: crumbs(request),
          values: input,
          paths,
          ...data,
        },
        status,
      );
    try {
      const report = await budgets.auditReport(request.principal, input, page);
      const kept = {
        'from-day': report.from.slice(8),
        'from-month': report.from.slice(5, 7),
        'from-year': report.from.slice(0, 4),
        'to-day': report.to.slice(8),
        'to-month': report.to.slice(5, 7),
        'to-year': report.to.slice(0, 4),
      };
      return render({
        ...report,
        values: { ...kept, ...input },
        csvHref: `${paths.auditReportCsv}?${new URLSearchParams(kept).toString()}`,
        pagination: paginationFor(paths.auditReport, kept, page.page, page.limit, report.total),
      });
    } catch (error) {
      const errors = fieldErrorsOf(error);
      if (!errors) throw error;
      return render({ errors, items: [] }, 400);
    }
  });

  app.get(paths.auditReportCsv, viewers, async (request, reply) => {
    const { from, to, rows } = await budgets.auditCsv(request.principal, query(request));
    return sendCsv(reply, `expense-claims-${from}-to-${to}.csv`, rows);
  });
}
