/**
 * Open data's JSON as the OpenAPI description publishes it (TypeBox, as the JSON API's): the
 * dataset envelope `/open-data/{id}.json` sends (formats.ts `jsonBody`) and the DCAT catalogue.
 * Documentation only: the routes send their JSON already written, so these never change a reply.
 */
import { Type } from '@fastify/type-provider-typebox';
import { OPEN_DATA_TYPES } from './dataset.js';

const Nullable = <T extends Parameters<typeof Type.Union>[0][number]>(t: T) =>
  Type.Union([t, Type.Null()]);

const Cell = Type.Union([Type.String(), Type.Number(), Type.Null()], {
  description: 'A cell: text, a number, an ISO date, an absolute URL, or null where there is none',
});

export const OpenDatasetSchema = Type.Object(
  {
    dataset: Type.String({ description: "The dataset's id, as in its address" }),
    title: Type.String(),
    description: Type.String(),
    licence: Type.Object({
      name: Type.String({ examples: ['Open Government Licence v3.0'] }),
      url: Type.String({ format: 'uri' }),
    }),
    lastChanged: Nullable(
      Type.String({
        format: 'date-time',
        description: 'When what it publishes last changed; null when it holds nothing yet',
      }),
    ),
    columns: Type.Array(
      Type.Object({
        name: Type.String({ description: "The column's name, the key of each row's cell" }),
        description: Type.String(),
        type: Type.Union(
          OPEN_DATA_TYPES.map((t) => Type.Literal(t)),
          { description: '`url` cells are absolute addresses; `date` cells are YYYY-MM-DD' },
        ),
      }),
    ),
    rows: Type.Array(Type.Object({}, { additionalProperties: Cell }), {
      description: 'Every row, keyed by the columns’ names',
    }),
  },
  { $id: 'OpenDataset' },
);

const Ref = Type.Object({ '@id': Type.String({ format: 'uri' }) });

export const DcatCatalogueSchema = Type.Object(
  {
    '@context': Type.Object({}, { additionalProperties: Type.String({ format: 'uri' }) }),
    '@id': Type.String({ format: 'uri' }),
    '@type': Type.Literal('dcat:Catalog'),
    'dct:title': Type.String(),
    'dct:description': Type.String(),
    'dct:license': Ref,
    'dcat:dataset': Type.Array(
      Type.Object({
        '@id': Type.String({ format: 'uri' }),
        '@type': Type.Literal('dcat:Dataset'),
        'dct:identifier': Type.String(),
        'dct:title': Type.String(),
        'dct:description': Type.String(),
        'dct:modified': Type.Optional(
          Type.Object({
            '@value': Type.String({ format: 'date-time' }),
            '@type': Type.Literal('xsd:dateTime'),
          }),
        ),
        'dct:license': Ref,
        'dcat:landingPage': Ref,
        'dcat:distribution': Type.Array(
          Type.Object({
            '@type': Type.Literal('dcat:Distribution'),
            'dct:title': Type.String(),
            'dct:format': Type.Union([Type.Literal('CSV'), Type.Literal('JSON')]),
            'dcat:downloadURL': Ref,
            'dcat:mediaType': Ref,
            'dct:license': Ref,
          }),
        ),
      }),
    ),
  },
  { $id: 'DcatCatalogue' },
);

/** An unknown dataset is answered with the site's not-found page. */
export const notFound = { 404: { description: 'No dataset has that id' } };
