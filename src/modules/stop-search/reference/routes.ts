/**
 * LEG-04: the reference data stop and search is read by borough with: the boroughs' boundaries
 * and their population by ethnic group, each shown as loaded and replaced by a file ONS
 * publishes. Authority officers only (`stop-search.import`), linked from the months imported.
 */
import type { FastifyReply, FastifyRequest } from 'fastify';
import { ValidationError, type FieldError } from '../../../platform/errors.js';
import { decodeText } from '../../../platform/files/text-encoding.js';
import { registerUploadPage } from '../../../platform/http/files.js';
import type { FormFile } from '../../../platform/http/multipart.js';
import { receivedBytes } from '../../../platform/http/multipart.js';
import { formShow, redirectWithFlash, registerFormPage } from '../../../platform/http/render.js';
import { wholeNumber } from '../presenter.js';
import { stopSearchPaths as paths } from '../paths.js';
import type { StopSearchRouteDeps as RouteDeps } from '../route-deps.js';
import type { Placed } from './service.js';

const T = 'modules/stop-search/reference/views';
const officers = { config: { access: { action: 'stop-search.import' as const } } };

/** ONS's generalised (BGC) boundaries of every district in the UK are a few megabytes. */
const MAX_BOUNDARY_BYTES = 50 * 1024 * 1024;
/** TS021 by every lower-tier authority in 20 categories is well under a megabyte. */
const MAX_CENSUS_BYTES = 10 * 1024 * 1024;

/** The file's text, or '' when none was sent (or it was too large: `tooLarge` says). */
async function fileText(file: FormFile | null): Promise<string> {
  const bytes = await receivedBytes(file);
  return bytes ? decodeText(bytes).text : '';
}

/** Every message against the file field, to list beside it as well as in the summary. */
const fileMessages = (errors: FieldError[] | undefined) =>
  (errors ?? []).filter((e) => e.field === 'file').map((e) => e.message);

export function registerReferenceRoutes({ app, services, renderPage }: RouteDeps): void {
  const { stopSearchReference: reference } = services;
  const crumbs = (t: (k: string) => string) => [
    { text: t('nav.home'), href: '/' },
    { text: t('stop-search:figures.title'), href: paths.figures },
    { text: t('stop-search:months.title'), href: paths.months },
  ];
  const placedMessage = (request: FastifyRequest, key: string, placed: Placed, boroughs = 0) =>
    request.t(key, { count: boroughs, located: wholeNumber(placed.located) });

  const showBoundaries = formShow(
    renderPage,
    `${T}/boundaries.njk`,
    async (request, _values, errors) => {
      const state = await reference.state();
      return {
        title: request.t('stop-search:reference.boundaries.title'),
        breadcrumbs: crumbs(request.t),
        file: state.boundaries,
        boroughs: state.boundaryBoroughs,
        fileMessages: fileMessages(errors),
        paths,
      };
    },
  );

  registerUploadPage(app, paths.boundaries, officers, MAX_BOUNDARY_BYTES, {
    show: showBoundaries,
    async submit(request, reply, form) {
      const t = request.t;
      const text = await fileText(form.file);
      if (!text)
        throw new ValidationError([
          {
            field: 'file',
            message: form.file?.tooLarge
              ? t('stop-search:reference.boundaries.file.tooLarge', {
                  size: MAX_BOUNDARY_BYTES / (1024 * 1024),
                })
              : t('stop-search:reference.boundaries.file.missing'),
          },
        ]);
      const done = await reference.loadBoundaries(
        request.principal,
        form.file?.filename ?? '',
        text,
        request.id,
      );
      request.log.info({ placed: done.placed }, 'stop-search searches placed in boroughs');
      return redirectWithFlash(
        reply,
        paths.boundaries,
        placedMessage(
          request,
          'stop-search:reference.boundaries.loaded',
          done.placed,
          done.boroughs,
        ),
      );
    },
  });

  registerFormPage(app, paths.placeSearches, officers, {
    shownElsewhere: true,
    show: showBoundaries,
    async submit(request: FastifyRequest, reply: FastifyReply) {
      const placed = await reference.placeAgain(request.principal);
      request.log.info({ placed }, 'stop-search searches placed in boroughs');
      return redirectWithFlash(
        reply,
        paths.boundaries,
        placedMessage(request, 'stop-search:reference.boundaries.placed', placed),
      );
    },
  });

  registerUploadPage(app, paths.population, officers, MAX_CENSUS_BYTES, {
    show: formShow(renderPage, `${T}/population.njk`, async (request, _values, errors) => {
      const state = await reference.state();
      return {
        title: request.t('stop-search:reference.population.title'),
        breadcrumbs: crumbs(request.t),
        file: state.population,
        boroughs: state.populationBoroughs,
        fileMessages: fileMessages(errors),
        paths,
      };
    }),
    async submit(request, reply, form) {
      const t = request.t;
      if (form.file?.tooLarge)
        throw new ValidationError([
          {
            field: 'file',
            message: t('stop-search:reference.population.tooLarge', {
              size: MAX_CENSUS_BYTES / (1024 * 1024),
            }),
          },
        ]);
      const done = await reference.loadPopulation(
        request.principal,
        form.file?.filename ?? '',
        await fileText(form.file),
        form.fields,
        request.id,
      );
      return redirectWithFlash(
        reply,
        paths.population,
        t('stop-search:reference.population.loaded', { count: done.boroughs }),
      );
    },
  });
}
