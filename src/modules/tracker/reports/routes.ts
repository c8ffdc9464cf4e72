/** A source's progress report for its committee: the page, CSV and PDF, attaching it to a meeting, recording it as reported. */
import type { FastifyRequest } from 'fastify';
import type { TrackerRouteDeps as RouteDeps } from '../route-deps.js';
import { can } from '../../../platform/auth/permissions.js';
import { fieldErrorsOf } from '../../../platform/errors.js';
import { sendCsv } from '../../../platform/http/csv.js';
import { dateParts } from '../../../platform/http/form-fields.js';
import { sendDownload } from '../../../platform/http/files.js';
import { createDerivedCache } from '../../../platform/cache/derived-cache.js';
import { scrollableTables } from '../../../platform/http/table-scroll.js';
import { meetingPaths } from '../../meetings/index.js';
import { formShow, redirectWithFlash, registerFormPage } from '../../../platform/http/render.js';
import { sourceCrumbs } from '../crumbs.js';
import { presentReport, reportCaption } from './presenter.js';
import type { ProgressReport } from './service.js';
import { trackerPaths as paths } from '../paths.js';
const T = 'modules/tracker/reports/views';
const viewers = { config: { access: { action: 'tracker.view' as const } } };
const managers = { config: { access: { action: 'tracker.manage' as const } } };

type Values = Record<string, string | string[] | undefined>;

export function registerReportRoutes({ app, services, renderPage }: RouteDeps): void {
  const { tracker, trackerReports } = services;
  /**
   * A kept report laid out for a language and a reader's set of progress links, its items
   * rendered: the same for every reader with that set, and the most of the page’s work (ADR 0009).
   */
  const laidOut = createDerivedCache<
    ProgressReport,
    { presented: ReturnType<typeof presentReport>; itemsHtml: string }
  >({ max: 8 });
  const query = (request: FastifyRequest) => (request.query ?? {}) as Values;
  const params = (request: FastifyRequest) => request.params as Record<string, string>;

  app.get(paths.report.pattern, viewers, async (request, reply) => {
    const sourceId = params(request).sourceId!;
    try {
      const report = await trackerReports.report(request.principal, sourceId, query(request));
      const updatable = await trackerReports.updatable(request.principal, report);
      const links = updatable.size === report.actionOwners.size ? 'all' : [...updatable].join();
      const { presented, itemsHtml } = await laidOut.get(
        report,
        `${request.lang} ${links}`,
        async () => {
          const presented = presentReport(report, request.t, (id) =>
            updatable.has(id) ? paths.action(id) : null,
          );
          // Its tables are put in their scrolling regions now, once (the page's pass leaves them).
          const items = await reply.viewAsync(`${T}/report-items.njk`, {
            report: presented,
            htmlLang: request.lang,
          });
          return { presented, itemsHtml: scrollableTables(items) };
        },
      );
      return renderPage(request, reply, `${T}/report.njk`, {
        title: request.t('tracker:reports.title', { source: report.source.title }),
        breadcrumbs: sourceCrumbs(request, report.source),
        source: report.source,
        asOf: report.asOf,
        caption: presented.caption,
        report: presented,
        itemsHtml,
        mayManage: can(request.principal, 'tracker.manage'),
        values: dateParts('date', report.asOf),
        paths,
      });
    } catch (error) {
      const errors = fieldErrorsOf(error);
      if (!errors) throw error;
      const source = await tracker.sourceRecord(request.principal, sourceId);
      return renderPage(
        request,
        reply,
        `${T}/report.njk`,
        {
          title: request.t('tracker:reports.title', { source: source.title }),
          breadcrumbs: sourceCrumbs(request, source),
          source,
          caption: reportCaption(source, request.t),
          values: query(request),
          errors,
          paths,
        },
        400,
      );
    }
  });

  app.get(paths.reportCsv.pattern, viewers, async (request, reply) => {
    const { fileName, rows } = await trackerReports.reportCsv(
      request.principal,
      params(request).sourceId!,
      query(request),
    );
    return sendCsv(reply, fileName, rows);
  });

  app.get(paths.reportPdf.pattern, viewers, async (request, reply) => {
    const { fileName, bytes } = await trackerReports.reportPdf(
      request.principal,
      params(request).sourceId!,
      query(request),
    );
    return sendDownload(reply, { fileName, mediaType: 'application/pdf' }, bytes);
  });

  registerFormPage(app, paths.attachReport.pattern, managers, {
    initial: (request) => ({ date: String(query(request).date ?? '') }),
    show: formShow(renderPage, `${T}/attach.njk`, async (request, values) => {
      const form = await trackerReports.attachForm(request.principal, params(request).sourceId!, {
        ...query(request),
        ...values,
      });
      return {
        title: request.t('tracker:reports.attach.title'),
        breadcrumbs: sourceCrumbs(request, form.source),
        ...form,
        paths,
        meetingPaths,
      };
    }),
    async submit(request, reply) {
      const { meetingId } = await trackerReports.attachToMeeting(
        request.principal,
        params(request).sourceId!,
        (request.body ?? {}) as Values,
        request.id,
      );
      return redirectWithFlash(
        reply,
        meetingPaths.meeting(meetingId),
        request.t('tracker:reports.attach.attached'),
      );
    },
  });

  app.post(paths.recordReport.pattern, managers, async (request, reply) => {
    const sourceId = params(request).sourceId!;
    const report = await trackerReports.recordReport(
      request.principal,
      sourceId,
      (request.body ?? {}) as Values,
      request.id,
    );
    return redirectWithFlash(
      reply,
      `${paths.report(sourceId)}?date=${report.asOf}`,
      request.t('tracker:reports.recorded'),
    );
  });
}
