/** LEG-04: the months imported, and a month brought in from police.uk's file. */
import { pageRequest } from '../../../platform/db/search.js';
import { ACCEPTED_TEXT_ENCODINGS } from '../../../platform/files/text-encoding.js';
import { registerUploadPage } from '../../../platform/http/files.js';
import { receivedText } from '../../../platform/http/multipart.js';
import { paginationFor, queryString } from '../../../platform/http/pagination.js';
import { formShow, redirectWithFlash } from '../../../platform/http/render.js';
import { formatMonth } from '../../../platform/i18n/dates.js';
import { say } from '../../../platform/i18n/said.js';
import { wholeNumber } from '../presenter.js';
import { stopSearchPaths as paths } from '../paths.js';
import { POLICE_UK_COLUMNS } from '../rules.js';
import type { StopSearchRouteDeps as RouteDeps } from '../route-deps.js';

const T = 'modules/stop-search/imports/views';
const importers = { config: { access: { action: 'stop-search.import' as const } } };

/** A month of the largest force is a few megabytes; this leaves room without taking a year. */
const MAX_FILE_BYTES = 40 * 1024 * 1024;

export function registerImportRoutes({ app, services, renderPage }: RouteDeps): void {
  const { stopSearchImports: imports } = services;
  const crumbs = (t: (k: string) => string) => [
    { text: t('nav.home'), href: '/' },
    { text: t('stop-search:figures.title'), href: paths.figures },
  ];

  app.get(paths.months, importers, async (request, reply) => {
    const t = request.t;
    const page = pageRequest(queryString(request.query, 'page'), 24);
    const result = await imports.months(page);
    return renderPage(request, reply, `${T}/months.njk`, {
      title: t('stop-search:months.title'),
      breadcrumbs: crumbs(t),
      months: result.items.map((m) => ({
        ...m,
        monthText: formatMonth(t, m.month),
        searchesText: wholeNumber(m.searches),
      })),
      total: result.total,
      paths,
      pagination: paginationFor(paths.months, {}, page.page, page.limit, result.total),
    });
  });

  registerUploadPage(app, paths.importMonth, importers, MAX_FILE_BYTES, {
    show: formShow(renderPage, `${T}/import.njk`, async (request, _values, errors) => ({
      title: request.t('stop-search:imports.title'),
      breadcrumbs: [
        ...crumbs(request.t),
        { text: request.t('stop-search:months.title'), href: paths.months },
      ],
      columns: POLICE_UK_COLUMNS,
      encodings: ACCEPTED_TEXT_ENCODINGS,
      // Every bad line is listed beside the field as well as in the summary.
      fileMessages: (errors ?? []).filter((e) => e.field === 'file').map((e) => e.message),
      paths,
    })),
    async submit(request, reply, form) {
      const t = request.t;
      const text = await receivedText(form.file, {
        tooLarge: t('stop-search:imports.file.tooLarge', { size: MAX_FILE_BYTES / (1024 * 1024) }),
        missing: t('stop-search:imports.file.missing'),
      });
      const done = await imports.importFile(
        request.principal,
        form.file?.filename ?? '',
        text,
        request.id,
      );
      return redirectWithFlash(
        reply,
        paths.months,
        say(t, {
          key: done.replaced ? 'stop-search:imports.replaced' : 'stop-search:imports.imported',
          values: {
            month: { month: done.month },
            searches: done.searches,
            replaced: done.replaced,
          },
        }),
      );
    },
  });
}
