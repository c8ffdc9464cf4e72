/**
 * The custody visit report's pages (ICV-03 to ICV-07): the reports a person reads, beginning
 * one, a report's page with its detainees, checks and confirmation, and each part's form. Every
 * form works without JavaScript; with it, `offline-drafts.js` keeps what is typed on the device
 * and sends it when the signal returns, with the same idempotency key (never twice).
 */
import { randomUUID } from 'node:crypto';
import type { FastifyRequest } from 'fastify';
import { pageRequest } from '../../../platform/db/search.js';
import { paginationFor } from '../../../platform/http/pagination.js';
import {
  formShow,
  redirectWithFlash,
  registerFormPage,
  saveFor,
  type FormShow,
} from '../../../platform/http/render.js';
import type { RouteDeps } from '../../../platform/modules.js';
import { admissionDelayed, clockText, NOT_SEEN_REASONS, REPORT_CHECKS } from '../report-rules.js';
import { reportPaths as paths } from './paths.js';
import type { ReportsService } from './service.js';

const T = 'modules/custody-visiting/reports/views';
const readers = { config: { access: { action: 'custody.reports.view' as const } } };
const writers = { config: { access: { action: 'custody.reports.write' as const } } };
const reviewers = { config: { access: { action: 'custody.reports.review' as const } } };

type Values = Record<string, string | undefined>;
/** A report's forms save what was sent about the report in their address. */
const saveForReport = saveFor('reportId');
const idOf = (request: FastifyRequest) => (request.params as { reportId: string }).reportId;
const detaineeIdOf = (request: FastifyRequest) =>
  (request.params as { detaineeId: string }).detaineeId;

const crumbs = (request: FastifyRequest) => [
  { text: request.t('nav.home'), href: '/' },
  { text: request.t('custody-visiting:reports.title'), href: paths.reports },
];

/** The detainee's form values from its record, as the form names them. */
const yesNo = (value: boolean) => (value ? 'yes' : 'no');

export function registerReportRoutes({
  app,
  services,
  renderPage,
}: RouteDeps<{ custodyReports: ReportsService }>): void {
  const { custodyReports: reports } = services;
  const reportCrumbs = (request: FastifyRequest, id: string, suite: string) => [
    ...crumbs(request),
    { text: suite, href: paths.report(id) },
  ];

  app.get(paths.reports, readers, async (request, reply) => {
    const t = request.t;
    const page = pageRequest((request.query as Record<string, unknown>).page);
    const result = await reports.list(request.principal, page);
    const mayWrite =
      request.principal?.kind === 'user' &&
      request.principal.roles.some((g) => g.role === 'lay_visitor');
    return renderPage(request, reply, `${T}/list.njk`, {
      title: t('custody-visiting:reports.title'),
      breadcrumbs: [{ text: t('nav.home'), href: '/' }],
      rows: result.items.map((r) => ({
        ...r,
        href: paths.report(r.id),
        status: t(`custody-visiting:reports.status.${r.status}`),
      })),
      total: result.total,
      newReportHref: mayWrite ? paths.newReport : null,
      pagination: paginationFor(paths.reports, {}, page.page, page.limit, result.total),
    });
  });

  registerFormPage(app, paths.newReport, writers, {
    // ICV-03: begun from a visit on the rota, its day (and time, if fixed) are filled in.
    initial: async (request) => {
      const visitId = (request.query as Record<string, unknown>).visit;
      if (typeof visitId !== 'string') return { idempotencyKey: randomUUID() };
      const { visit, today } = await reports.starting(request.principal, visitId);
      const [year, month, day] = (visit?.visitOn ?? today).split('-');
      return {
        idempotencyKey: randomUUID(),
        visitId,
        'visitedOn-day': String(Number(day)),
        'visitedOn-month': String(Number(month)),
        'visitedOn-year': year,
        arrivedAt: visit?.visitMinutes == null ? undefined : clockText(visit.visitMinutes),
      };
    },
    show: formShow(renderPage, `${T}/new.njk`, async (request, values) => {
      const visitId =
        typeof values.visitId === 'string' && values.visitId ? values.visitId : undefined;
      const starting = await reports.starting(request.principal, visitId);
      return {
        title: request.t('custody-visiting:reports.new.title'),
        breadcrumbs: crumbs(request),
        ...starting,
        action: paths.newReport,
      };
    }),
    async submit(request, reply) {
      const report = await reports.start(request.principal, request.body as Values, request.id);
      return redirectWithFlash(
        reply,
        paths.report(report.id),
        request.t('custody-visiting:reports.done.started'),
      );
    },
  });

  /** A report's page: shown by its address, and again by a refused confirmation. */
  const showReport: FormShow = async (request, reply, values, errors, status = 200) => {
    const detail = await reports.get(request.principal, idOf(request));
    const id = detail.report.id;
    return renderPage(
      request,
      reply,
      `${T}/report.njk`,
      {
        title: request.t('custody-visiting:reports.report.title', { suite: detail.suite.name }),
        breadcrumbs: crumbs(request),
        ...detail,
        delayed: admissionDelayed(detail.report),
        terrorismDetainee: detail.detainees.some((d) => d.terrorism),
        awaitingCopies: detail.copies.filter((c) => !c.sentAt),
        checks: REPORT_CHECKS,
        draft: detail.report.status === 'draft' && !!detail.role,
        links: {
          visit: paths.visit(id),
          newDetainee: paths.newDetainee(id),
          checks: paths.checks(id),
          confirm: paths.confirm(id),
          copySent: paths.copySent(id),
          detainee: (detaineeId: string) => paths.detainee(id, detaineeId),
          removeDetainee: (detaineeId: string) => paths.removeDetainee(id, detaineeId),
        },
        values,
        errors,
      },
      status,
    );
  };

  app.get(paths.report.pattern, readers, (request, reply) => showReport(request, reply, {}));

  registerFormPage(app, paths.visit.pattern, writers, {
    initial: async (request) => {
      const r = await reports.draft(request.principal, idOf(request));
      const [year, month, day] = r.visitedOn.split('-');
      return {
        'visitedOn-day': String(Number(day)),
        'visitedOn-month': String(Number(month)),
        'visitedOn-year': year,
        arrivedAt: r.arrivedAt.slice(0, 5),
        admittedAt: r.admittedAt.slice(0, 5),
        delayReason: r.delayReason ?? undefined,
        delayAuthorisedBy: r.delayAuthorisedBy ?? undefined,
      };
    },
    show: formShow(renderPage, `${T}/visit.njk`, async (request) => {
      const { report, suite } = await reports.draftForm(request.principal, idOf(request));
      return {
        title: request.t('custody-visiting:reports.visit.title'),
        breadcrumbs: reportCrumbs(request, report.id, suite.name),
        suite,
        action: paths.visit(report.id),
        backHref: paths.report(report.id),
      };
    }),
    submit: saveForReport(reports.changeVisit, (id, _saved, request) => ({
      to: paths.report(id),
      message: request.t('custody-visiting:reports.done.visit'),
    })),
  });

  const detaineeForm = (edit: boolean) =>
    formShow(renderPage, `${T}/detainee.njk`, async (request) => {
      const { report, suite } = await reports.draftForm(request.principal, idOf(request));
      return {
        title: request.t(`custody-visiting:reports.detainee.${edit ? 'editTitle' : 'title'}`),
        breadcrumbs: reportCrumbs(request, report.id, suite.name),
        suite,
        reasons: NOT_SEEN_REASONS,
        action: edit
          ? paths.detainee(report.id, detaineeIdOf(request))
          : paths.newDetainee(report.id),
        backHref: paths.report(report.id),
        edit,
      };
    });

  registerFormPage(app, paths.newDetainee.pattern, writers, {
    initial: () => ({ idempotencyKey: randomUUID() }),
    show: detaineeForm(false),
    async submit(request, reply) {
      const id = idOf(request);
      await reports.saveDetainee(request.principal, id, null, request.body as Values, request.id);
      return redirectWithFlash(
        reply,
        paths.report(id),
        request.t('custody-visiting:reports.done.detaineeAdded'),
      );
    },
  });

  registerFormPage(app, paths.detainee.pattern, writers, {
    initial: async (request) => {
      const d = await reports.detainee(request.principal, idOf(request), detaineeIdOf(request));
      return {
        custodyRecordNumber: d.custodyRecordNumber,
        child: d.child ? 'yes' : undefined,
        vulnerable: d.vulnerable ? 'yes' : undefined,
        consent: yesNo(d.consent),
        seen: yesNo(d.seen),
        notSeenReason: d.notSeenReason ?? undefined,
        recordChecked: d.recordChecked ? 'yes' : undefined,
        observations: d.observations ?? undefined,
        terrorism: d.terrorism ? 'yes' : undefined,
        recordingsViewed: d.terrorism ? yesNo(d.recordingsViewed) : undefined,
        recordingsNotes: d.recordingsNotes ?? undefined,
      };
    },
    show: detaineeForm(true),
    async submit(request, reply) {
      const id = idOf(request);
      await reports.saveDetainee(
        request.principal,
        id,
        detaineeIdOf(request),
        request.body as Values,
        request.id,
      );
      return redirectWithFlash(
        reply,
        paths.report(id),
        request.t('custody-visiting:reports.done.detaineeChanged'),
      );
    },
  });

  registerFormPage(app, paths.removeDetainee.pattern, writers, {
    show: formShow(renderPage, `${T}/remove-detainee.njk`, async (request) => {
      const id = idOf(request);
      const detainee = await reports.detainee(request.principal, id, detaineeIdOf(request));
      const { suite } = await reports.draftForm(request.principal, id);
      return {
        title: request.t('custody-visiting:reports.remove.title', {
          number: detainee.custodyRecordNumber,
        }),
        breadcrumbs: reportCrumbs(request, id, suite.name),
        suite,
        action: paths.removeDetainee(id, detainee.id),
        backHref: paths.report(id),
      };
    }),
    async submit(request, reply) {
      const id = idOf(request);
      await reports.removeDetainee(request.principal, id, detaineeIdOf(request), request.id);
      return redirectWithFlash(
        reply,
        paths.report(id),
        request.t('custody-visiting:reports.done.detaineeRemoved'),
      );
    },
  });

  registerFormPage(app, paths.checks.pattern, writers, {
    initial: async (request) => {
      const r = await reports.draft(request.principal, idOf(request));
      if (!r.checksRecordedAt) return {};
      return {
        rightsCheck: r.rightsCheck ?? undefined,
        rightsNotes: r.rightsNotes ?? undefined,
        healthCheck: r.healthCheck ?? undefined,
        healthNotes: r.healthNotes ?? undefined,
        cellsCheck: r.cellsCheck ?? undefined,
        cellsNotes: r.cellsNotes ?? undefined,
        detaineesPresent: r.detaineesPresent === null ? undefined : String(r.detaineesPresent),
        conditions: r.conditions ?? undefined,
        issuesRaised: r.issuesRaised ?? undefined,
        actionTaken: r.actionTaken ?? undefined,
        followUp: r.followUp ?? undefined,
      };
    },
    show: formShow(renderPage, `${T}/checks.njk`, async (request) => {
      const { report, suite } = await reports.draftForm(request.principal, idOf(request));
      return {
        title: request.t('custody-visiting:reports.checks.title'),
        breadcrumbs: reportCrumbs(request, report.id, suite.name),
        suite,
        checks: REPORT_CHECKS,
        action: paths.checks(report.id),
        backHref: paths.report(report.id),
      };
    }),
    submit: saveForReport(reports.recordChecks, (id, _saved, request) => ({
      to: paths.report(id),
      message: request.t('custody-visiting:reports.done.checks'),
    })),
  });

  // The confirmation is a button on the report's page: a refusal shows the page again, saying why.
  registerFormPage(app, paths.confirm.pattern, writers, {
    shownElsewhere: true,
    show: showReport,
    async submit(request, reply) {
      const report = await reports.confirm(request.principal, idOf(request), request.id);
      return redirectWithFlash(
        reply,
        paths.report(report.id),
        request.t(
          `custody-visiting:reports.done.${
            report.terrorismReport
              ? 'sentTerrorism'
              : report.status === 'submitted'
                ? 'sent'
                : 'confirmed'
          }`,
        ),
      );
    },
  });

  // ICV-09: a copy the scheme manager has sent is recorded on the report's page, as confirming is.
  registerFormPage(app, paths.copySent.pattern, reviewers, {
    shownElsewhere: true,
    show: showReport,
    async submit(request, reply) {
      const id = idOf(request);
      await reports.recordCopySent(request.principal, id, request.body as Values, request.id);
      return redirectWithFlash(
        reply,
        paths.report(id),
        request.t('custody-visiting:reports.done.copySent'),
      );
    },
  });
}
