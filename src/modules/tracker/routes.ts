/** The tracker's pages: sources, import and export, recommendations, actions, reports. */
import type { FastifyRequest } from 'fastify';
import type { TrackerRouteDeps as RouteDeps } from './route-deps.js';
import { pageRequest } from '../../platform/db/search.js';
import { can } from '../../platform/auth/permissions.js';
import { ValidationError, fieldErrorsOf } from '../../platform/errors.js';
import { sendCsv } from '../../platform/http/csv.js';
import { dateParts } from '../../platform/http/form-fields.js';
import { ACCEPTED_TEXT_ENCODINGS, decodeText } from '../../platform/files/text-encoding.js';
import { registerUploadPage, sendDownload } from '../../platform/http/files.js';
import { receivedBytes } from '../../platform/http/multipart.js';
import { meetingPaths } from '../meetings/index.js';
import { paginationFor } from '../../platform/http/pagination.js';
import { redirectWithFlash, registerFormPage } from '../../platform/http/render.js';
import { trackerPaths as paths } from './paths.js';
import {
  ACTION_RESULTS,
  ACTION_RESULT_LABELS,
  RECOMMENDATION_STATUSES,
  RECOMMENDATION_STATUS_LABELS,
  SOURCE_KINDS,
  SOURCE_KIND_LABELS,
} from './rules.js';
import { TRACKER_CSV_COLUMNS } from './transfer.js';

const T = 'modules/tracker/views';
const viewers = { config: { access: { action: 'tracker.view' as const } } };
const managers = { config: { access: { action: 'tracker.manage' as const } } };
const signedIn = { config: { access: 'signed-in' as const } };
const publicPage = { config: { access: 'public' as const } };

/** The largest CSV a source may be imported from: thousands of actions fit well inside it. */
const MAX_IMPORT_BYTES = 5 * 1024 * 1024;

type Values = Record<string, string | string[] | undefined>;

const capitalise = (s: string) => s.charAt(0).toUpperCase() + s.slice(1);

const labels = {
  kind: SOURCE_KIND_LABELS,
  result: ACTION_RESULT_LABELS,
  standing: RECOMMENDATION_STATUS_LABELS,
};

export function registerTrackerRoutes({ app, services, renderPage }: RouteDeps): void {
  const { tracker, trackerReports } = services;
  const home = { text: 'Home', href: '/' };
  const trackerCrumb = { text: 'Recommendations tracker', href: paths.sources };
  const query = (request: FastifyRequest) => (request.query ?? {}) as Values;
  const params = (request: FastifyRequest) => request.params as Record<string, string>;
  const sourceCrumb = (source: { id: string; title: string }) => ({
    text: source.title,
    href: paths.source(source.id),
  });

  app.get(paths.sources, viewers, async (request, reply) => {
    const page = pageRequest(query(request).page, 25);
    const result = await tracker.list(request.principal, query(request), page);
    return renderPage(request, reply, `${T}/sources.njk`, {
      title: 'Recommendations tracker',
      breadcrumbs: [home],
      ...result,
      kinds: SOURCE_KINDS.map((k) => ({ value: k, text: SOURCE_KIND_LABELS[k] })),
      pagination: paginationFor(paths.sources, result.filters, page.page, page.limit, result.total),
      paths,
    });
  });

  registerFormPage(app, paths.newSource, managers, {
    async show(request, reply, values, errors, status = 200) {
      const form = await tracker.sourceForm(request.principal);
      return renderPage(
        request,
        reply,
        `${T}/source-form.njk`,
        {
          title: 'Record a source',
          breadcrumbs: [home, trackerCrumb],
          ...form,
          kinds: SOURCE_KINDS.map((k) => ({ value: k, text: SOURCE_KIND_LABELS[k] })),
          values,
          errors,
          paths,
        },
        status,
      );
    },
    async submit(request, reply) {
      const source = await tracker.createSource(
        request.principal,
        (request.body ?? {}) as Values,
        request.id,
      );
      return redirectWithFlash(reply, paths.source(source.id), `${source.title} has been recorded`);
    },
  });

  registerUploadPage(app, paths.importSource, managers, MAX_IMPORT_BYTES, {
    async show(request, reply, values, errors, status = 200) {
      return renderPage(
        request,
        reply,
        `${T}/import.njk`,
        {
          title: 'Import a source from CSV',
          breadcrumbs: [home, trackerCrumb],
          columns: TRACKER_CSV_COLUMNS,
          encodings: ACCEPTED_TEXT_ENCODINGS,
          // Every bad line is listed beside the field as well as in the summary.
          fileMessages: (errors ?? []).filter((e) => e.field === 'file').map((e) => e.message),
          values,
          errors,
          paths,
        },
        status,
      );
    },
    async submit(request, reply, form) {
      const bytes = await receivedBytes(form.file);
      // UTF-8, UTF-16 or Windows-1252, as a spreadsheet saved it (the page says which).
      const csv = bytes ? decodeText(bytes).text : '';
      if (!csv) {
        const message = form.file?.tooLarge
          ? `The selected file must be smaller than ${MAX_IMPORT_BYTES / (1024 * 1024)}MB`
          : 'Select a CSV file';
        throw new ValidationError([{ field: 'file', message }]);
      }
      const result = await tracker.importCsv(request.principal, csv, request.id);
      return redirectWithFlash(
        reply,
        paths.source(result.source.id),
        `Imported ${result.source.title}: ${result.recommendations} recommendations, ${result.keyPoints} key points and ${result.actions} actions`,
      );
    },
  });

  app.get('/tracker/sources/:sourceId', viewers, async (request, reply) => {
    const page = pageRequest(query(request).page, 20);
    const result = await tracker.source(request.principal, params(request).sourceId!, page);
    return renderPage(request, reply, `${T}/source.njk`, {
      title: result.source.title,
      breadcrumbs: [home, trackerCrumb],
      ...result,
      labels,
      pagination: paginationFor(
        paths.source(result.source.id),
        {},
        page.page,
        page.limit,
        result.total,
      ),
      paths,
    });
  });

  app.get('/tracker/sources/:sourceId/export.csv', viewers, async (request, reply) => {
    const { source, csv } = await tracker.exportCsv(request.principal, params(request).sourceId!);
    const name = source.title
      .toLowerCase()
      .replace(/[^a-z0-9]+/g, '-')
      .replace(/^-|-$/g, '');
    return sendDownload(
      reply,
      { fileName: `${name.slice(0, 80) || 'source'}.csv`, mediaType: 'text/csv; charset=utf-8' },
      Buffer.from(csv, 'utf8'),
    );
  });

  app.get('/tracker/sources/:sourceId/report', viewers, async (request, reply) => {
    const sourceId = params(request).sourceId!;
    try {
      const report = await trackerReports.report(request.principal, sourceId, query(request));
      return renderPage(request, reply, `${T}/report.njk`, {
        title: `Progress report: ${report.source.title}`,
        breadcrumbs: [home, trackerCrumb, sourceCrumb(report.source)],
        ...report,
        mayManage: can(request.principal, 'tracker.manage'),
        values: dateParts('date', report.asOf),
        labels,
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
          title: `Progress report: ${source.title}`,
          breadcrumbs: [home, trackerCrumb, sourceCrumb(source)],
          source,
          recommendations: [],
          values: query(request),
          errors,
          labels,
          paths,
        },
        400,
      );
    }
  });

  app.get('/tracker/sources/:sourceId/report.csv', viewers, async (request, reply) => {
    const { fileName, rows } = await trackerReports.reportCsv(
      request.principal,
      params(request).sourceId!,
      query(request),
    );
    return sendCsv(reply, fileName, rows);
  });

  app.get('/tracker/sources/:sourceId/report.pdf', viewers, async (request, reply) => {
    const { fileName, bytes } = await trackerReports.reportPdf(
      request.principal,
      params(request).sourceId!,
      query(request),
    );
    return sendDownload(reply, { fileName, mediaType: 'application/pdf' }, bytes);
  });

  registerFormPage(app, '/tracker/sources/:sourceId/report/attach', managers, {
    initial: (request) => ({ date: String(query(request).date ?? '') }),
    async show(request, reply, values, errors, status = 200) {
      const form = await trackerReports.attachForm(request.principal, params(request).sourceId!, {
        ...query(request),
        ...values,
      });
      return renderPage(
        request,
        reply,
        `${T}/attach.njk`,
        {
          title: 'Attach the report to a meeting’s agenda',
          breadcrumbs: [home, trackerCrumb, sourceCrumb(form.source)],
          ...form,
          values,
          errors,
          paths,
          meetingPaths,
        },
        status,
      );
    },
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
        'The progress report has been attached to the agenda as a paper, and recorded as reported',
      );
    },
  });

  app.post('/tracker/sources/:sourceId/report/record', managers, async (request, reply) => {
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
      'The report has been recorded as reported: the next report says what changed since it',
    );
  });

  app.get('/tracker/recommendations/:recommendationId', viewers, async (request, reply) => {
    const result = await tracker.recommendation(
      request.principal,
      params(request).recommendationId!,
    );
    return renderPage(request, reply, `${T}/recommendation.njk`, {
      title: `${capitalise(result.source.noun.one)} ${result.recommendation.number}: ${result.source.title}`,
      breadcrumbs: [home, trackerCrumb, sourceCrumb(result.source)],
      ...result,
      labels,
      paths,
    });
  });

  registerFormPage(app, '/tracker/recommendations/:recommendationId/standing', managers, {
    initial: async (request) => {
      const form = await tracker.standingForm(request.principal, params(request).recommendationId!);
      return {
        status: form.recommendation.status,
        supersededBy: form.supersededByNumber ?? '',
        rationale: form.recommendation.rationale ?? '',
      };
    },
    async show(request, reply, values, errors, status = 200) {
      const form = await tracker.standingForm(request.principal, params(request).recommendationId!);
      return renderPage(
        request,
        reply,
        `${T}/standing.njk`,
        {
          title: `Standing of ${form.source.noun.one} ${form.recommendation.number}`,
          breadcrumbs: [home, trackerCrumb, sourceCrumb(form.source)],
          ...form,
          statuses: RECOMMENDATION_STATUSES.map((s) => ({
            value: s,
            text: RECOMMENDATION_STATUS_LABELS[s],
          })),
          values,
          errors,
          paths,
        },
        status,
      );
    },
    async submit(request, reply) {
      const id = params(request).recommendationId!;
      const after = await tracker.setStanding(
        request.principal,
        id,
        (request.body ?? {}) as Values,
        request.id,
      );
      return redirectWithFlash(
        reply,
        paths.recommendation(id),
        `The standing of recommendation ${after.number} has been saved`,
      );
    },
  });

  app.get(paths.publicSources, publicPage, async (request, reply) => {
    const page = pageRequest(query(request).page, 25);
    const result = await tracker.publicList(page);
    return renderPage(request, reply, `${T}/public-sources.njk`, {
      title: 'Recommendations and progress',
      breadcrumbs: [home],
      ...result,
      pagination: paginationFor(paths.publicSources, {}, page.page, page.limit, result.total),
      paths,
    });
  });

  app.get('/recommendations/:sourceId', publicPage, async (request, reply) => {
    const page = pageRequest(query(request).page, 20);
    const result = await tracker.publicSource(params(request).sourceId!, page);
    return renderPage(request, reply, `${T}/public-source.njk`, {
      title: result.source.title,
      section: 'Recommendations and progress',
      breadcrumbs: [home, { text: 'Recommendations and progress', href: paths.publicSources }],
      ...result,
      pagination: paginationFor(
        paths.publicSource(result.source.id),
        {},
        page.page,
        page.limit,
        result.total,
      ),
      paths,
    });
  });

  app.get(paths.myActions, signedIn, async (request, reply) => {
    const page = pageRequest(query(request).page, 25);
    const result = await tracker.myActions(request.principal, page);
    return renderPage(request, reply, `${T}/my-actions.njk`, {
      title: 'Your actions',
      breadcrumbs: [home],
      ...result,
      pagination: paginationFor(paths.myActions, {}, page.page, page.limit, result.total),
      paths,
    });
  });

  registerFormPage(app, '/tracker/actions/:actionId', signedIn, {
    initial: async (request) => {
      const form = await tracker.actionForm(request.principal, params(request).actionId!);
      return {
        result: form.action.result,
        narrative: form.action.narrative ?? '',
        ...(form.action.completed?.precision === 'day'
          ? dateParts('completedOn', form.action.completed.date)
          : {}),
      };
    },
    async show(request, reply, values, errors, status = 200) {
      const form = await tracker.actionForm(request.principal, params(request).actionId!);
      // After someone else's update (409) the form carries the version just read, so the person
      // can record theirs again once they have seen it; otherwise the one their form was read at.
      const kept = status === 409 ? { ...values, version: undefined } : values;
      return renderPage(
        request,
        reply,
        `${T}/action.njk`,
        {
          title: `Record progress on an action`,
          breadcrumbs: form.mayViewSource
            ? [home, trackerCrumb, sourceCrumb(form.source)]
            : [home, { text: 'Your actions', href: paths.myActions }],
          ...form,
          results: ACTION_RESULTS.map((r) => ({ value: r, text: ACTION_RESULT_LABELS[r] })),
          values: kept,
          errors,
          paths,
        },
        status,
      );
    },
    async submit(request, reply) {
      const { recommendationId } = await tracker.updateAction(
        request.principal,
        params(request).actionId!,
        (request.body ?? {}) as Values,
        request.id,
      );
      return redirectWithFlash(
        reply,
        can(request.principal, 'tracker.view')
          ? paths.recommendation(recommendationId)
          : paths.myActions,
        'Your update has been recorded',
      );
    },
  });
}
