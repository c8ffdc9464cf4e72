/**
 * Open data's public addresses (issue 27 part 6): the catalogue page, each dataset's page, its
 * CSV and JSON, and the catalogue in DCAT for machines. Read by anyone, GET only, and kept while
 * Bridge's data is unchanged (http/public-cache.ts). Links in what is downloaded are absolute,
 * from the configured public address: never the request's Host, which a kept answer would then
 * give to everyone else.
 */
import { Type } from '@fastify/type-provider-typebox';
import type { FastifyRequest } from 'fastify';
import { NotFoundError } from '../errors.js';
import { sendPublicCsv } from '../http/csv.js';
import type { RouteDeps } from '../modules.js';
import type { OpenDataset } from './dataset.js';
import { csvRows, dcatCatalogue, jsonBody, publishedRows } from './formats.js';
import { OPEN_GOVERNMENT_LICENCE } from './licence.js';
import { openDataPaths as paths } from './paths.js';
import { DcatCatalogueSchema, notFound, OpenDatasetSchema } from './schemas.js';

const T = 'platform/open-data/views';
const publicData = { config: { access: 'public' as const, publicCache: true as const } };

/** In the OpenAPI description: read by anyone, with no token (`security: []`). */
const documented = { tags: ['Open data'], security: [] };
const DATASET_NOTE =
  'The same rows are at `/open-data/{id}.csv` (a header of the columns’ names); every dataset is listed at `/open-data` and in `/open-data/catalogue.jsonld`. Under the Open Government Licence v3.0. Kept while the data is unchanged (`ETag`, `304 Not Modified`).';

/** The words for each kind of column, by name (the catalogue test finds each key). */
const TYPE_WORDS = {
  text: 'openData.types.text',
  integer: 'openData.types.integer',
  decimal: 'openData.types.decimal',
  date: 'openData.types.date',
  url: 'openData.types.url',
} as const;

export function registerOpenDataRoutes(
  { app, services, renderPage, config }: RouteDeps,
  datasets: readonly OpenDataset[],
): void {
  const { db } = services;
  const base = config.publicUrl;
  const byId = new Map(datasets.map((d) => [d.id, d]));
  const find = (request: FastifyRequest) => {
    const dataset = byId.get((request.params as { id: string }).id);
    if (!dataset) throw new NotFoundError();
    return dataset;
  };
  const withDates = () =>
    Promise.all(datasets.map(async (d) => ({ ...d, lastChanged: await d.lastChanged(db) })));
  const crumbs = (request: FastifyRequest) => [
    { text: request.t('openData.home'), href: '/' },
    { text: request.t('openData.catalogue.title'), href: paths.catalogue },
  ];

  app.get(paths.catalogue, publicData, async (request, reply) =>
    renderPage(request, reply, `${T}/catalogue.njk`, {
      title: request.t('openData.catalogue.title'),
      breadcrumbs: [{ text: request.t('openData.home'), href: '/' }],
      datasets: await withDates(),
      licence: OPEN_GOVERNMENT_LICENCE,
      paths,
    }),
  );

  app.get(
    paths.dcat,
    {
      ...publicData,
      schema: {
        ...documented,
        summary: 'The open-data catalogue, in DCAT as JSON-LD',
        description:
          'Every open dataset with its title, description, licence, last change and its CSV and JSON downloads, in the W3C Data Catalog Vocabulary (DCAT), as JSON-LD (`application/ld+json`).',
        response: {
          200: {
            description: 'The catalogue',
            content: { 'application/ld+json': { schema: DcatCatalogueSchema } },
          },
        },
      },
    },
    async (request, reply) => {
      const catalogue = dcatCatalogue(
        {
          title: request.t('openData.catalogue.title'),
          description: request.t('openData.catalogue.lead'),
        },
        await withDates(),
        base,
      );
      return reply
        .header('content-type', 'application/ld+json; charset=utf-8')
        .header('cache-control', 'public, max-age=300')
        .send(JSON.stringify(catalogue, null, 2));
    },
  );

  app.get(paths.dataset.pattern, publicData, async (request, reply) => {
    const dataset = find(request);
    return renderPage(request, reply, `${T}/dataset.njk`, {
      title: dataset.title,
      // Named apart from the public page of the same records (page titles are unique).
      section: request.t('openData.catalogue.title'),
      breadcrumbs: crumbs(request),
      dataset,
      columns: dataset.columns.map((c) => ({
        ...c,
        typeText: request.t(TYPE_WORDS[c.type]),
      })),
      lastChanged: await dataset.lastChanged(db),
      licence: OPEN_GOVERNMENT_LICENCE,
      paths,
    });
  });

  app.get(paths.csv.pattern, publicData, async (request, reply) => {
    const dataset = find(request);
    const rows = publishedRows(dataset, await dataset.rows(db), base);
    return sendPublicCsv(reply, `${dataset.id}.csv`, csvRows(dataset, rows));
  });

  app.get(
    paths.json.pattern,
    {
      ...publicData,
      schema: {
        ...documented,
        summary: 'One open dataset, as JSON',
        description: `The dataset described (title, description, licence, when it last changed, each column's name, meaning and kind), then every row keyed by the columns' names. A dataset that follows a published standard (its page names it) is sent in that standard's own shape instead: grants-360giving as a 360Giving data package. ${DATASET_NOTE}`,
        params: Type.Object({
          id: Type.String({ description: "The dataset's id, e.g. `good-practice`" }),
        }),
        response: { 200: { ...OpenDatasetSchema, description: 'The dataset' }, ...notFound },
      },
    },
    async (request, reply) => {
      const dataset = find(request);
      const [rows, lastChanged] = await Promise.all([dataset.rows(db), dataset.lastChanged(db)]);
      const published = publishedRows(dataset, rows, base);
      // A dataset that follows a standard sends the standard's shape (360Giving's package).
      const body = dataset.jsonBody
        ? dataset.jsonBody(published, lastChanged)
        : jsonBody(dataset, published, lastChanged);
      return reply
        .header('content-type', 'application/json; charset=utf-8')
        .header('cache-control', 'public, max-age=300')
        .send(JSON.stringify(body));
    },
  );
}
