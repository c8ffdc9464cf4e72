/** Bringing a source in from CSV, and taking it out again. */
import type { FastifyRequest } from 'fastify';
import type { TrackerRouteDeps as RouteDeps } from '../route-deps.js';
import { ACCEPTED_TEXT_ENCODINGS } from '../../../platform/files/text-encoding.js';
import { registerUploadPage, sendDownload } from '../../../platform/http/files.js';
import { receivedText } from '../../../platform/http/multipart.js';
import { formShow, redirectWithFlash } from '../../../platform/http/render.js';
import { trackerCrumbs } from '../crumbs.js';
import { trackerPaths as paths } from '../paths.js';
import { TRACKER_CSV_COLUMNS } from './csv.js';

const T = 'modules/tracker/transfer/views';
const viewers = { config: { access: { action: 'tracker.view' as const } } };
const managers = { config: { access: { action: 'tracker.manage' as const } } };

/** The largest CSV a source may be imported from: thousands of actions fit well inside it. */
const MAX_IMPORT_BYTES = 5 * 1024 * 1024;

export function registerTransferRoutes({ app, services, renderPage }: RouteDeps): void {
  const { tracker } = services;
  const params = (request: FastifyRequest) => request.params as Record<string, string>;

  registerUploadPage(app, paths.importSource, managers, MAX_IMPORT_BYTES, {
    show: formShow(renderPage, `${T}/import.njk`, async (request, values, errors) => {
      return {
        title: request.t('tracker:transfer.import.title'),
        breadcrumbs: trackerCrumbs(request),
        columns: TRACKER_CSV_COLUMNS,
        encodings: ACCEPTED_TEXT_ENCODINGS,
        // Every bad line is listed beside the field as well as in the summary.
        fileMessages: (errors ?? []).filter((e) => e.field === 'file').map((e) => e.message),
        paths,
      };
    }),
    async submit(request, reply, form) {
      // UTF-8, UTF-16 or Windows-1252, as a spreadsheet saved it (the page says which).
      const csv = await receivedText(form.file, {
        tooLarge: request.t('tracker:transfer.import.file.tooLarge', {
          size: MAX_IMPORT_BYTES / (1024 * 1024),
        }),
        missing: request.t('tracker:transfer.import.file.missing'),
      });
      const result = await tracker.importCsv(request.principal, csv, request.id);
      return redirectWithFlash(
        reply,
        paths.source(result.source.id),
        request.t('tracker:transfer.import.imported', {
          source: result.source.title,
          recommendations: result.recommendations,
          keyPoints: result.keyPoints,
          actions: result.actions,
        }),
      );
    },
  });

  app.get(paths.exportCsv.pattern, viewers, async (request, reply) => {
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
}
