/**
 * CON-04, CDRP-12: staff's grants home, a fund with its years' budgets, criteria and rounds, and
 * their forms; a round's page with its applications. Read by staff, changed by the authority's
 * officers. The public pages of rounds open now and soon are in public-routes.ts.
 */
import type { FastifyRequest } from 'fastify';
import { can } from '../../../platform/auth/permissions.js';
import { todayInLondon } from '../../../platform/calendar/index.js';
import { pageRequest } from '../../../platform/db/search.js';
import { paginationFor, queryString } from '../../../platform/http/pagination.js';
import {
  formShow,
  redirectWithFlash,
  type FormShow,
  type FormValues,
  registerFormPage,
  saveFor,
} from '../../../platform/http/render.js';
import { applicationPaths } from '../applications/paths.js';
import { awardPaths } from '../assessment/paths.js';
import { monitoringPaths } from '../monitoring/paths.js';
import { APPLICATION_STATUSES } from '../constants.js';
import type { GrantsRouteDeps as RouteDeps } from '../route-deps.js';
import { fundPaths as paths } from './paths.js';
import {
  applicantKindItems,
  applicantKindsText,
  kindItems,
  roundCriteriaText,
  stateText,
  yearLabel,
  yearRows,
} from './presenter.js';

const T = 'modules/grants/funds/views';
const readers = { config: { access: { action: 'grants.view' as const } } };
const managers = { config: { access: { action: 'grants.manage' as const } } };

const param = (request: FastifyRequest, name: string) =>
  (request.params as Record<string, string>)[name]!;
const saveForFund = saveFor('fundId');
const saveForRound = saveFor('roundId');
const saveForCriterion = saveFor('criterionId');

/**
 * A stale edit refused (the service's ConflictError on the `version` field): the form is shown
 * again with what was typed but the record's version as it is now, so a second, deliberate save
 * replaces the other change, as the refusal says; shown with the old version, every save would be
 * refused again. `current` reads the record's values (its form's `initial`).
 */
const withCurrentVersion =
  (
    show: FormShow,
    current: (request: FastifyRequest, values: FormValues) => Promise<FormValues>,
  ): FormShow =>
  async (request, reply, values, errors, status) =>
    show(
      request,
      reply,
      values.version && errors?.some((e) => e.field === 'version')
        ? { ...values, version: (await current(request, values)).version }
        : values,
      errors,
      status,
    );

export function registerFundRoutes({ app, services, renderPage }: RouteDeps): void {
  const { grantFunds: funds, grantApplications: applications } = services;
  const homeCrumbs = (request: FastifyRequest) => [
    { text: request.t('nav.home'), href: '/' },
    { text: request.t('grants:funds.home.title'), href: paths.home },
  ];
  const fundCrumbs = async (request: FastifyRequest, fundId: string) => {
    const fund = await funds.findFund(request.principal, fundId);
    return [...homeCrumbs(request), { text: fund.name, href: paths.fund(fund.id) }];
  };

  app.get(paths.home, readers, async (request, reply) => {
    const page = pageRequest((request.query as Record<string, unknown>).page);
    const home = await funds.home(request.principal, page);
    return renderPage(request, reply, `${T}/home.njk`, {
      title: request.t('grants:funds.home.title'),
      breadcrumbs: homeCrumbs(request).slice(0, 1),
      funds: home.funds.map((f) => ({
        ...f,
        href: paths.fund(f.id),
        kindName: request.t(`grants:funds.kinds.${f.kind}`),
        closed: f.closedAt !== null,
      })),
      total: home.total,
      open: home.open.map((o) => ({
        ...o.round,
        fundName: o.fundName,
        href: paths.round(o.round.id),
      })),
      awaiting: home.awaiting,
      awaitingHref: `${applicationPaths.list}?status=submitted`,
      applicationsHref: applicationPaths.list,
      publicHref: paths.funding,
      // The reports and payments are reached from here, not only by their addresses.
      lateHref: monitoringPaths.late,
      spendingHref: monitoringPaths.spending,
      paymentsHref: awardPaths.payments,
      canManage: can(request.principal, 'grants.manage'),
      newFundHref: paths.newFund,
      pagination: paginationFor(paths.home, {}, page.page, page.limit, home.total),
    });
  });

  const fundForm = (
    title: (request: FastifyRequest) => string,
    action: (r: FastifyRequest) => string,
  ) =>
    formShow(renderPage, `${T}/fund-form.njk`, async (request, values) => ({
      title: title(request),
      breadcrumbs: homeCrumbs(request),
      kinds: kindItems(request, values.kind),
      applicantKinds: applicantKindItems(request, values.applicantKinds),
      action: action(request),
      backHref: paths.home,
    }));

  registerFormPage(app, paths.newFund, managers, {
    initial: () => ({ returnIntervalMonths: '3' }),
    show: fundForm(
      (r) => r.t('grants:funds.add'),
      () => paths.newFund,
    ),
    async submit(request, reply) {
      const fund = await funds.createFund(
        request.principal,
        (request.body ?? {}) as Record<string, string>,
        request.id,
      );
      return redirectWithFlash(
        reply,
        paths.fund(fund.id),
        request.t('grants:funds.added', { name: fund.name }),
      );
    },
  });

  const fundValues = (request: FastifyRequest) =>
    funds.fundValues(request.principal, param(request, 'fundId'));
  registerFormPage(app, paths.editFund.pattern, managers, {
    initial: fundValues,
    show: withCurrentVersion(
      fundForm(
        (r) => r.t('grants:funds.change'),
        (r) => paths.editFund(param(r, 'fundId')),
      ),
      fundValues,
    ),
    submit: saveForFund(funds.updateFund, (id, fund, request) => ({
      to: paths.fund(id),
      message: request.t('grants:funds.changed', { name: fund.name }),
    })),
  });

  app.get(paths.fund.pattern, readers, async (request, reply) => {
    const page = pageRequest((request.query as Record<string, unknown>).page);
    const found = await funds.fund(request.principal, param(request, 'fundId'), page);
    const { fund } = found;
    const canManage = can(request.principal, 'grants.manage');
    return renderPage(request, reply, `${T}/fund.njk`, {
      title: fund.name,
      breadcrumbs: homeCrumbs(request),
      fund,
      kindName: request.t(`grants:funds.kinds.${fund.kind}`),
      applicantKindsText: applicantKindsText(request, fund.applicantKinds),
      years: yearRows(found.years).map((y) => ({
        ...y,
        changeHref: `${paths.budget(fund.id)}?year=${y.startYear}`,
      })),
      criteria: found.criteria.map((c, i) => ({
        ...c,
        first: i === 0,
        last: i === found.criteria.length - 1,
        editHref: paths.editCriterion(c.id),
        moveAction: paths.moveCriterion(c.id),
        removeAction: paths.removeCriterion(c.id),
      })),
      canChangeCriteria: canManage,
      rounds: found.rounds.map((r) => ({
        ...r,
        href: paths.round(r.id),
        yearLabel: yearLabel(r.startYear),
        state: stateText(request, r, found.today),
        criteriaText: roundCriteriaText(request, r, found.today),
      })),
      total: found.total,
      canManage,
      closed: fund.closedAt !== null,
      closedOn: fund.closedAt ? todayInLondon(fund.closedAt) : null,
      editHref: paths.editFund(fund.id),
      closeHref: paths.closeFund(fund.id),
      reopenAction: paths.reopenFund(fund.id),
      budgetHref: paths.budget(fund.id),
      newCriterionHref: paths.newCriterion(fund.id),
      newRoundHref: paths.newRound(fund.id),
      pagination: paginationFor(paths.fund(fund.id), {}, page.page, page.limit, found.total),
    });
  });

  registerFormPage(app, paths.budget.pattern, managers, {
    initial: (request) =>
      funds.budgetValues(
        request.principal,
        param(request, 'fundId'),
        queryString(request.query, 'year'),
      ),
    show: withCurrentVersion(
      formShow(renderPage, `${T}/budget-form.njk`, async (request, values) => {
        // Changing a year's budget: the year is the one its version is of, not typed again.
        const year = values.version ? Number(values.startYear) : NaN;
        return {
          title: request.t('grants:funds.budget.title'),
          breadcrumbs: await fundCrumbs(request, param(request, 'fundId')),
          fixedYearLabel: Number.isInteger(year) ? yearLabel(year) : null,
          action: paths.budget(param(request, 'fundId')),
          backHref: paths.fund(param(request, 'fundId')),
        };
      }),
      (request, values) =>
        funds.budgetValues(request.principal, param(request, 'fundId'), String(values.startYear)),
    ),
    submit: saveForFund(funds.setBudget, (id, year, request) => ({
      to: paths.fund(id),
      message: request.t('grants:funds.budget.saved', { year: yearLabel(year.startYear) }),
    })),
  });

  const closeValues = (request: FastifyRequest) =>
    funds.closeValues(request.principal, param(request, 'fundId'));
  registerFormPage(app, paths.closeFund.pattern, managers, {
    initial: closeValues,
    show: withCurrentVersion(
      formShow(renderPage, `${T}/close-fund.njk`, async (request) => {
        const fund = await funds.findFund(request.principal, param(request, 'fundId'));
        return {
          title: request.t('grants:funds.close.title', { name: fund.name }),
          breadcrumbs: await fundCrumbs(request, fund.id),
          fund,
          action: paths.closeFund(fund.id),
          backHref: paths.fund(fund.id),
        };
      }),
      closeValues,
    ),
    submit: saveForFund(funds.closeFund, (id, fund, request) => ({
      to: paths.fund(id),
      message: request.t('grants:funds.close.done', { name: fund.name }),
    })),
  });

  /** Opening a closed fund again: a button on its page; a refusal shows a page saying why. */
  registerFormPage(app, paths.reopenFund.pattern, managers, {
    shownElsewhere: true,
    show: async (request, reply, _values, errors, status) => {
      const fund = await funds.findFund(request.principal, param(request, 'fundId'));
      return renderPage(
        request,
        reply,
        `${T}/refused.njk`,
        {
          title: fund.name,
          breadcrumbs: homeCrumbs(request),
          errors,
          backHref: paths.fund(fund.id),
        },
        status,
      );
    },
    submit: saveForFund(funds.reopenFund, (id, fund, request) => ({
      to: paths.fund(id),
      message: request.t('grants:funds.close.reopened', { name: fund.name }),
    })),
  });

  registerFormPage(app, paths.newCriterion.pattern, managers, {
    show: formShow(renderPage, `${T}/criterion-form.njk`, async (request) => ({
      title: request.t('grants:funds.criteria.add'),
      breadcrumbs: await fundCrumbs(request, param(request, 'fundId')),
      action: paths.newCriterion(param(request, 'fundId')),
      backHref: paths.fund(param(request, 'fundId')),
    })),
    submit: saveForFund(funds.addCriterion, (id, c, request) => ({
      to: paths.fund(id),
      message: request.t('grants:funds.criteria.added', { title: c.title }),
    })),
  });

  const criterionValues = (request: FastifyRequest) =>
    funds.criterionValues(request.principal, param(request, 'criterionId'));
  registerFormPage(app, paths.editCriterion.pattern, managers, {
    initial: criterionValues,
    show: withCurrentVersion(
      formShow(renderPage, `${T}/criterion-form.njk`, async (request) => {
        const c = await funds.findCriterion(request.principal, param(request, 'criterionId'));
        return {
          title: request.t('grants:funds.criteria.change'),
          breadcrumbs: await fundCrumbs(request, c.fundId),
          action: paths.editCriterion(c.id),
          backHref: paths.fund(c.fundId),
        };
      }),
      criterionValues,
    ),
    submit: saveForCriterion(funds.updateCriterion, (_id, c, request) => ({
      to: paths.fund(c.fundId),
      message: request.t('grants:funds.criteria.changed', { title: c.title }),
    })),
  });

  /** Moving or removing a criterion: a button on the fund's page; a refusal shows that page. */
  const criterionButton = (
    url: string,
    save: typeof funds.moveCriterion,
    message: 'grants:funds.criteria.moved' | 'grants:funds.criteria.removed',
  ) =>
    registerFormPage(app, url, managers, {
      shownElsewhere: true,
      show: async (request, reply, _values, errors, status) => {
        const c = await funds.findCriterion(request.principal, param(request, 'criterionId'));
        const found = await funds.fund(request.principal, c.fundId, pageRequest('1'));
        return renderPage(
          request,
          reply,
          `${T}/refused.njk`,
          {
            title: found.fund.name,
            breadcrumbs: homeCrumbs(request),
            errors,
            backHref: paths.fund(c.fundId),
          },
          status,
        );
      },
      submit: saveForCriterion(save, (_id, c, request) => ({
        to: paths.fund(c.fundId),
        message: request.t(message, { title: c.title }),
      })),
    });
  criterionButton(paths.moveCriterion.pattern, funds.moveCriterion, 'grants:funds.criteria.moved');
  criterionButton(
    paths.removeCriterion.pattern,
    funds.removeCriterion,
    'grants:funds.criteria.removed',
  );

  const roundForm = (
    title: string,
    action: (r: FastifyRequest) => string,
    fundId: (r: FastifyRequest) => Promise<string>,
  ) =>
    formShow(renderPage, `${T}/round-form.njk`, async (request, values) => {
      const id = await fundId(request);
      const years = await funds.fundYears(request.principal, id);
      return {
        title: request.t(title),
        breadcrumbs: await fundCrumbs(request, id),
        yearItems: [
          { value: '', text: request.t('grants:funds.rounds.chooseYear') },
          ...years.map((y) => ({
            value: String(y.startYear),
            text: yearLabel(y.startYear),
            selected: String(y.startYear) === values.startYear,
          })),
        ],
        noYears: years.length === 0,
        budgetHref: paths.budget(id),
        action: action(request),
        backHref: paths.fund(id),
      };
    });

  registerFormPage(app, paths.newRound.pattern, managers, {
    show: roundForm(
      'grants:funds.rounds.add',
      (r) => paths.newRound(param(r, 'fundId')),
      async (r) => param(r, 'fundId'),
    ),
    submit: saveForFund(funds.createRound, (_id, round, request) => ({
      to: paths.round(round.id),
      message: request.t('grants:funds.rounds.added', { title: round.title }),
    })),
  });

  const roundValues = (request: FastifyRequest) =>
    funds.roundValues(request.principal, param(request, 'roundId'));
  registerFormPage(app, paths.editRound.pattern, managers, {
    initial: roundValues,
    show: withCurrentVersion(
      roundForm(
        'grants:funds.rounds.change',
        (r) => paths.editRound(param(r, 'roundId')),
        async (r) => (await funds.findRound(r.principal, param(r, 'roundId'))).fund.id,
      ),
      roundValues,
    ),
    submit: saveForRound(funds.updateRound, (id, round, request) => ({
      to: paths.round(id),
      message: request.t('grants:funds.rounds.changed', { title: round.title }),
    })),
  });

  app.get(paths.round.pattern, readers, async (request, reply) => {
    const query = request.query as Record<string, unknown>;
    const page = pageRequest(query.page);
    const filter = { status: queryString(query, 'status'), q: queryString(query, 'q') };
    const { round, fund, criteria, today } = await funds.findRound(
      request.principal,
      param(request, 'roundId'),
    );
    const list = await applications.forRound(request.principal, round.id, filter, page);
    return renderPage(request, reply, `${T}/round.njk`, {
      title: round.title,
      breadcrumbs: [...homeCrumbs(request), { text: fund.name, href: paths.fund(fund.id) }],
      round,
      fund,
      yearLabel: yearLabel(round.startYear),
      state: stateText(request, round, today),
      criteria,
      criteriaText: roundCriteriaText(request, round, today),
      fundClosed: fund.closedAt !== null,
      rows: list.items.map((a) => ({
        ...a,
        href: applicationPaths.staffApplication(a.id),
        statusName: request.t(`grants:applications.statuses.${a.status}`),
      })),
      total: list.total,
      requestedPence: list.requestedPence,
      filter,
      statusItems: [
        { value: '', text: request.t('grants:applications.anyStatus') },
        ...APPLICATION_STATUSES.filter((s) => s !== 'draft').map((s) => ({
          value: s,
          text: request.t(`grants:applications.statuses.${s}`),
          selected: s === filter.status,
        })),
      ],
      canManage: can(request.principal, 'grants.manage'),
      editHref: paths.editRound(round.id),
      publicHref: paths.publicRound(round.id),
      action: paths.round(round.id),
      pagination: paginationFor(paths.round(round.id), filter, page.page, page.limit, list.total),
    });
  });
}
