/**
 * LEG-06, CDRP-12: an awarded grant's monitoring page, its returns (sent by the applicant,
 * accepted by the authority's officers), its schedule made when missing, underspend and
 * clawback, and its evaluation.
 */
import type { FastifyRequest } from 'fastify';
import { formShow, redirectWithFlash, registerFormPage } from '../../../platform/http/render.js';
import { can } from '../../../platform/auth/permissions.js';
import { ADJUSTMENT_KINDS, EVALUATION_RATINGS, PROGRESS_STATUSES } from '../constants.js';
import { tiedToView } from '../links/presenter.js';
import type { GrantsRouteDeps as RouteDeps } from '../route-deps.js';
import { monitoringPaths as paths } from './paths.js';
import { STATE_TAGS, pounds } from './presenter.js';

const T = 'modules/grants/monitoring/views';
/** The grant's pages are read by staff and by the applicant: the service narrows to them. */
const applicants = { config: { access: { action: 'grants.apply' as const } } };
const managers = { config: { access: { action: 'grants.manage' as const } } };

const idOf = (request: FastifyRequest) =>
  (request.params as { applicationId: string }).applicationId;
const returnIdOf = (request: FastifyRequest) => (request.params as { returnId: string }).returnId;

export function registerMonitoringRoutes({ app, services, renderPage }: RouteDeps): void {
  const { grantsMonitoring: monitoring, grantsClosing: closing } = services;
  const crumbs = (request: FastifyRequest) => [{ text: request.t('nav.home'), href: '/' }];
  const grantCrumbs = (request: FastifyRequest, id: string, title: string) => [
    ...crumbs(request),
    { text: title, href: paths.grant(id) },
  ];
  const ratingItems = (request: FastifyRequest, chosen: unknown) =>
    EVALUATION_RATINGS.map((r) => ({
      value: r,
      text: request.t(`grants:monitoring.ratings.${r}`),
      checked: r === chosen,
    }));

  app.get(paths.grant.pattern, applicants, async (request, reply) => {
    const g = await monitoring.grant(request.principal, idOf(request));
    const id = g.application.id;
    return renderPage(request, reply, `${T}/grant.njk`, {
      title: request.t('grants:monitoring.grant.title', { title: g.application.projectTitle }),
      breadcrumbs: crumbs(request),
      g,
      reference: `G-${g.application.reference}`,
      awarded: pounds(g.awardedPence),
      adjusted: pounds(g.adjustedPence),
      toRecover: g.recoverPence ? pounds(g.recoverPence) : null,
      net: pounds(g.netPence),
      spent: pounds(g.spentPence),
      lines: g.lines.map((l) => ({
        ...l,
        amount: pounds(l.amountPence),
        spent: pounds(l.spentPence),
        remaining: pounds(l.remainingPence),
        over: l.remainingPence < 0,
      })),
      returns: g.returns.map((r) => ({
        ...r,
        href: paths.ret(id, r.id),
        stateName: request.t(`grants:monitoring.states.${r.state}`),
        tag: STATE_TAGS[r.state],
      })),
      adjustments: g.adjustments.map((a) => ({
        ...a,
        kindName: request.t(`grants:monitoring.kinds.${a.kind}`),
        amount: pounds(a.amountPence),
      })),
      outcomes: g.outcomes.map((o) => ({
        ...o,
        statusName: o.latest
          ? request.t(`grants:monitoring.progress.${o.latest.status}`)
          : request.t('grants:monitoring.grant.noProgress'),
      })),
      evaluationHref: paths.evaluation(id),
      adjustmentHref: paths.adjustment(id),
      scheduleAction: paths.schedule(id),
      lateHref: paths.late,
      // CON-04: staff see what the grant served; the applicant does not read others' records.
      tiedTo: can(request.principal, 'grants.view')
        ? await tiedToView(request, services.grantLinks, id, 'monitoring')
        : null,
    });
  });

  registerFormPage(app, paths.schedule.pattern, managers, {
    shownElsewhere: true,
    show: async (request, reply) => reply.redirect(paths.grant(idOf(request)), 303),
    async submit(request, reply) {
      const id = idOf(request);
      const written = await monitoring.makeSchedule(request.principal, id, request.id);
      return redirectWithFlash(
        reply,
        paths.grant(id),
        request.t('grants:monitoring.schedule.made', { count: written }),
      );
    },
  });

  /** A return: what it said, or its form for the applicant; staff accept it from here. */
  const showReturn = formShow(renderPage, `${T}/return.njk`, async (request, values) => {
    const id = idOf(request);
    const r = await monitoring.returnOf(request.principal, id, returnIdOf(request));
    return {
      title: request.t('grants:monitoring.ret.title', {
        period: r.ret.period,
        title: r.application.projectTitle,
      }),
      breadcrumbs: grantCrumbs(request, id, r.application.projectTitle),
      r,
      stateName: request.t(`grants:monitoring.states.${r.ret.state}`),
      tag: STATE_TAGS[r.ret.state],
      lines: r.lines.map((l) => ({
        ...l,
        amount: pounds(l.amountPence),
        spent: pounds(l.spentPence),
        thisReturn: l.thisReturnPence === null ? '' : pounds(l.thisReturnPence),
        value: values[`spend-${l.id}`] ?? '',
      })),
      outcomes: r.outcomes.map((o) => ({
        ...o,
        statusName: o.progress ? request.t(`grants:monitoring.progress.${o.progress.status}`) : '',
        items: PROGRESS_STATUSES.map((s) => ({
          value: s,
          text: request.t(`grants:monitoring.progress.${s}`),
          checked: values[`status-${o.id}`] === s,
        })),
        note: values[`note-${o.id}`] ?? '',
      })),
      action: paths.ret(id, r.ret.id),
      acceptAction: paths.accept(id, r.ret.id),
      canAccept: r.access.manage && !!r.ret.submittedAt && !r.ret.acceptedAt,
    };
  });
  registerFormPage(app, paths.ret.pattern, applicants, {
    show: showReturn,
    async submit(request, reply) {
      const id = idOf(request);
      const { ret, overBudget } = await monitoring.sendReturn(
        request.principal,
        id,
        returnIdOf(request),
        (request.body ?? {}) as Record<string, string>,
        request.id,
      );
      const sent = request.t('grants:monitoring.ret.sent', { period: ret.period });
      const warning = overBudget.length
        ? ` ${request.t('grants:monitoring.ret.overBudget', { lines: overBudget.join(', ') })}`
        : '';
      return redirectWithFlash(reply, paths.grant(id), `${sent}${warning}`);
    },
  });

  registerFormPage(app, paths.accept.pattern, managers, {
    shownElsewhere: true,
    show: showReturn,
    async submit(request, reply) {
      const id = idOf(request);
      const ret = await monitoring.acceptReturn(
        request.principal,
        id,
        returnIdOf(request),
        request.id,
      );
      return redirectWithFlash(
        reply,
        paths.grant(id),
        request.t('grants:monitoring.ret.accepted', { period: ret.period }),
      );
    },
  });

  registerFormPage(app, paths.adjustment.pattern, managers, {
    initial: () => closing.adjustmentDefaults(),
    show: formShow(renderPage, `${T}/adjustment.njk`, async (request, values) => {
      const g = await closing.adjustable(request.principal, idOf(request));
      return {
        title: request.t('grants:monitoring.adjustment.title'),
        breadcrumbs: grantCrumbs(request, g.application.id, g.application.projectTitle),
        g,
        awarded: pounds(g.awardedPence),
        left: pounds(g.leftPence),
        unpaid: pounds(g.unpaidPence),
        kindItems: ADJUSTMENT_KINDS.map((k) => ({
          value: k,
          text: request.t(`grants:monitoring.kinds.${k}`),
          hint: { text: request.t(`grants:monitoring.kindHints.${k}`) },
          checked: values.kind === k,
        })),
        action: paths.adjustment(g.application.id),
        backHref: paths.grant(g.application.id),
      };
    }),
    async submit(request, reply) {
      const id = idOf(request);
      const row = await closing.recordAdjustment(
        request.principal,
        id,
        (request.body ?? {}) as Record<string, string>,
        request.id,
      );
      return redirectWithFlash(
        reply,
        paths.grant(id),
        request.t('grants:monitoring.adjustment.recorded', {
          kind: request.t(`grants:monitoring.kinds.${row.kind}`),
          amount: pounds(row.amountPence),
        }),
      );
    },
  });

  registerFormPage(app, paths.evaluation.pattern, managers, {
    show: formShow(renderPage, `${T}/evaluation.njk`, async (request, values) => {
      const e = await closing.evaluation(request.principal, idOf(request));
      const id = e.application.id;
      // The entry starts from what the grant knows: its title, borough, number and page.
      const library = new URLSearchParams({
        sourceKind: 'grant',
        sourceId: id,
        title: e.application.projectTitle,
        sourceReference: `G-${e.application.reference}`,
        sourceLink: paths.grant(id),
        ...(e.application.boroughId ? { boroughId: e.application.boroughId } : {}),
      });
      return {
        title: request.t('grants:monitoring.evaluation.title', {
          title: e.application.projectTitle,
        }),
        breadcrumbs: grantCrumbs(request, id, e.application.projectTitle),
        e,
        effectivenessName: e.evaluation
          ? request.t(`grants:monitoring.ratings.${e.evaluation.effectiveness}`)
          : '',
        valueName: e.evaluation
          ? request.t(`grants:monitoring.ratings.${e.evaluation.valueForMoney}`)
          : '',
        effectivenessItems: ratingItems(request, values.effectiveness),
        valueItems: ratingItems(request, values.valueForMoney),
        action: paths.evaluation(id),
        backHref: paths.grant(id),
        libraryHref: `${paths.goodPractice}?${library.toString()}`,
      };
    }),
    async submit(request, reply) {
      const id = idOf(request);
      await closing.recordEvaluation(
        request.principal,
        id,
        (request.body ?? {}) as Record<string, string>,
        request.id,
      );
      return redirectWithFlash(
        reply,
        paths.evaluation(id),
        request.t('grants:monitoring.evaluation.recorded'),
      );
    },
  });
}
