/**
 * CON-04, CON-05: applying online: start an application to an open round for what you represent,
 * fill in its sections (each saved as you go), check your answers and submit, or withdraw; your
 * applications. Staff's pages (the list across rounds and an application) are in staff-routes.ts.
 */
import type { FastifyRequest } from 'fastify';
import { pageRequest } from '../../../platform/db/search.js';
import { paginationFor } from '../../../platform/http/pagination.js';
import {
  formShow,
  redirectWithFlash,
  registerFormPage,
  type FormBody,
  type FormValues,
} from '../../../platform/http/render.js';
import { fundPaths } from '../funds/paths.js';
import type { GrantsRouteDeps as RouteDeps } from '../route-deps.js';
import { applicationPaths as paths } from './paths.js';
import { applicationView, taskListItems } from './presenter.js';
import { applicantValue, withdrawRefusal, type Section } from './rules.js';
import { awardPaths } from '../assessment/paths.js';
import { monitoringPaths } from '../monitoring/paths.js';

const T = 'modules/grants/applications/views';
const applicants = { config: { access: { action: 'grants.apply' as const } } };

const param = (request: FastifyRequest, name: string) =>
  (request.params as Record<string, string>)[name]!;
const idOf = (request: FastifyRequest) => param(request, 'applicationId');
const body = (request: FastifyRequest) => (request.body ?? {}) as FormBody;
/** A change to the applicant's draft, as the services make it. */
type Save = (
  principal: FastifyRequest['principal'],
  id: string,
  input: FormBody,
  requestId?: string,
) => Promise<unknown>;

export function registerApplicationRoutes({ app, services, renderPage }: RouteDeps): void {
  const { grantApplications: applications } = services;
  const yoursCrumbs = (request: FastifyRequest) => [
    { text: request.t('nav.home'), href: '/' },
    { text: request.t('grants:applications.yours.title'), href: paths.yours },
  ];
  const appCrumbs = (request: FastifyRequest, title: string) => [
    ...yoursCrumbs(request),
    { text: title, href: paths.application(idOf(request)) },
  ];

  registerFormPage(app, paths.start.pattern, applicants, {
    show: formShow(renderPage, `${T}/start.njk`, async (request, values) => {
      const offered = await applications.offered(request.principal, param(request, 'roundId'));
      return {
        title: request.t('grants:applications.start.title'),
        section: offered.round.title,
        breadcrumbs: [
          { text: request.t('nav.home'), href: '/' },
          { text: request.t('grants:funds.public.title'), href: fundPaths.funding },
          { text: offered.round.title, href: fundPaths.publicRound(offered.round.id) },
        ],
        round: offered.round,
        fund: offered.fund,
        open: offered.state === 'open',
        stateText: request.t(`grants:funds.rounds.states.${offered.state}`),
        applicantItems: offered.applicants.map((a) => ({
          value: applicantValue(a),
          text: a.name,
          hint: { text: request.t(`grants:funds.applicantKinds.${a.kind}`) },
          checked: applicantValue(a) === values.applicant,
        })),
        action: paths.start(offered.round.id),
        roundHref: fundPaths.publicRound(offered.round.id),
      };
    }),
    async submit(request, reply) {
      const row = await applications.start(
        request.principal,
        param(request, 'roundId'),
        body(request),
        request.id,
      );
      return redirectWithFlash(
        reply,
        paths.application(row.id),
        request.t('grants:applications.start.started', { title: row.projectTitle }),
      );
    },
  });

  app.get(paths.yours, applicants, async (request, reply) => {
    const page = pageRequest((request.query as Record<string, unknown>).page);
    const result = await applications.yours(request.principal, page);
    return renderPage(request, reply, `${T}/yours.njk`, {
      title: request.t('grants:applications.yours.title'),
      breadcrumbs: yoursCrumbs(request).slice(0, 1),
      rows: result.items.map((a) => ({
        ...a,
        href: paths.application(a.id),
        statusName: request.t(`grants:applications.statuses.${a.status}`),
      })),
      total: result.total,
      fundingHref: fundPaths.funding,
      pagination: paginationFor(paths.yours, {}, page.page, page.limit, result.total),
    });
  });

  /** The applicant's page: a draft's task list, or what was submitted and where it stands. */
  app.get(paths.application.pattern, applicants, async (request, reply) => {
    const found = await applications.own(request.principal, idOf(request));
    const a = found.application;
    const draft = a.status === 'draft';
    const completed = Object.values(found.sections).filter((s) => s === 'complete').length;
    return renderPage(request, reply, `${T}/application.njk`, {
      title: draft ? request.t('grants:applications.taskList.title') : a.projectTitle,
      section: `${a.projectTitle} (${request.t('grants:applications.referenceText', { reference: a.reference })})`,
      breadcrumbs: yoursCrumbs(request),
      ...found,
      view: applicationView(request, found),
      draft,
      tasks: taskListItems(request, a.id, found.sections),
      completed,
      checkHref: paths.check(a.id),
      withdrawHref: paths.withdraw(a.id),
      // Offered only where withdrawing is allowed: the rule that refuses it decides.
      canWithdraw: withdrawRefusal(a.status) === null,
      roundHref: fundPaths.publicRound(found.round.id),
      // Once decided: the panel's reason, and for an award its letter and its monitoring.
      letterHref: awardPaths.letter(a.id),
      monitoringHref: monitoringPaths.grant(a.id),
    });
  });

  /**
   * A section of the draft, one GET and POST: its form with what is saved (or what was typed,
   * with its errors); saved, the person goes on to `to`, or to their applications when they
   * will come back later. The budget and outcomes list what was added, each removable, above
   * a form adding one.
   */
  const next = (request: FastifyRequest, to: string) => (body(request).later ? paths.yours : to);
  const section = (s: {
    name: Section;
    save: Save;
    to: (id: string) => string;
    saved: string;
    initial?: (principal: FastifyRequest['principal'], id: string) => Promise<FormValues>;
    /** The page after a list section (its "Continue"). */
    continueTo?: (id: string) => string;
  }) => {
    const show = formShow(renderPage, `${T}/${s.name}.njk`, async (request) => {
      const found = await applications.own(request.principal, idOf(request));
      const id = found.application.id;
      const page = {
        title: request.t(`grants:applications.sections.${s.name}`),
        section: found.application.projectTitle,
        breadcrumbs: appCrumbs(request, found.application.projectTitle),
        application: found.application,
        action: request.url.split('?')[0],
      };
      if (!s.continueTo) return page;
      return {
        ...page,
        ...found,
        lines: found.lines.map((l) => ({ ...l, removeAction: paths.removeLine(id, l.id) })),
        outcomes: found.outcomes.map((o) => ({
          ...o,
          removeAction: paths.removeOutcome(id, o.id),
        })),
        taskListHref: paths.application(id),
        nextHref: s.continueTo(id),
        yoursHref: paths.yours,
      };
    });
    registerFormPage(app, paths[s.name].pattern, applicants, {
      ...(s.initial && { initial: (request) => s.initial!(request.principal, idOf(request)) }),
      show,
      async submit(request, reply) {
        const id = idOf(request);
        await s.save(request.principal, id, body(request), request.id);
        return redirectWithFlash(reply, next(request, s.to(id)), request.t(s.saved));
      },
    });
    return show;
  };
  section({
    name: 'about',
    initial: applications.aboutValues,
    save: applications.saveAbout,
    to: paths.objectives,
    saved: 'grants:applications.saved',
  });
  section({
    name: 'objectives',
    initial: applications.objectivesValues,
    save: applications.saveObjectives,
    to: paths.budget,
    saved: 'grants:applications.saved',
  });
  const showBudget = section({
    name: 'budget',
    save: applications.addLine,
    to: paths.budget,
    saved: 'grants:applications.budget.added',
    continueTo: paths.outcomes,
  });
  const showOutcomes = section({
    name: 'outcomes',
    save: applications.addOutcome,
    to: paths.outcomes,
    saved: 'grants:applications.outcomes.added',
    continueTo: paths.check,
  });
  registerFormPage(app, paths.removeLine.pattern, applicants, {
    shownElsewhere: true,
    show: showBudget,
    async submit(request, reply) {
      await applications.removeLine(
        request.principal,
        idOf(request),
        param(request, 'lineId'),
        request.id,
      );
      return redirectWithFlash(
        reply,
        paths.budget(idOf(request)),
        request.t('grants:applications.budget.removed'),
      );
    },
  });
  registerFormPage(app, paths.removeOutcome.pattern, applicants, {
    shownElsewhere: true,
    show: showOutcomes,
    async submit(request, reply) {
      await applications.removeOutcome(
        request.principal,
        idOf(request),
        param(request, 'outcomeId'),
        request.id,
      );
      return redirectWithFlash(
        reply,
        paths.outcomes(idOf(request)),
        request.t('grants:applications.outcomes.removed'),
      );
    },
  });

  const showCheck = formShow(renderPage, `${T}/check.njk`, async (request) => {
    const found = await applications.own(request.principal, idOf(request));
    return {
      title: request.t('grants:applications.check.title'),
      section: found.application.projectTitle,
      breadcrumbs: appCrumbs(request, found.application.projectTitle),
      ...found,
      view: applicationView(request, found),
      canChange: found.application.status === 'draft',
      submitAction: paths.submit(found.application.id),
    };
  });
  app.get(paths.check.pattern, applicants, (request, reply) => showCheck(request, reply, {}));
  registerFormPage(app, paths.submit.pattern, applicants, {
    shownElsewhere: true,
    show: showCheck,
    async submit(request, reply) {
      const row = await applications.submit(
        request.principal,
        idOf(request),
        body(request),
        request.id,
      );
      return redirectWithFlash(
        reply,
        paths.application(row.id),
        request.t('grants:applications.check.submitted', { reference: row.reference }),
      );
    },
  });

  registerFormPage(app, paths.withdraw.pattern, applicants, {
    show: formShow(renderPage, `${T}/withdraw.njk`, async (request) => {
      const found = await applications.own(request.principal, idOf(request));
      return {
        title: request.t('grants:applications.withdraw.title'),
        section: found.application.projectTitle,
        breadcrumbs: appCrumbs(request, found.application.projectTitle),
        application: found.application,
        // A decided (or withdrawn) application's address says so, with no button to press.
        canWithdraw: withdrawRefusal(found.application.status) === null,
        action: paths.withdraw(found.application.id),
        backHref: paths.application(found.application.id),
      };
    }),
    async submit(request, reply) {
      const row = await applications.withdraw(
        request.principal,
        idOf(request),
        body(request),
        request.id,
      );
      return redirectWithFlash(
        reply,
        paths.yours,
        request.t('grants:applications.withdraw.done', { title: row.projectTitle }),
      );
    },
  });
}
