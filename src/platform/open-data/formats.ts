/**
 * A dataset as it is sent: CSV (a header of its columns' names, then its rows), JSON, and the
 * catalogue in DCAT as JSON-LD. Pure. Paths of Bridge (`url` columns, the distributions) are made
 * absolute with the base address given.
 */
import type { OpenDataRow, OpenDataset, OpenDataValue } from './dataset.js';
import { OPEN_GOVERNMENT_LICENCE } from './licence.js';
import { openDataPaths } from './paths.js';

type Described = Pick<OpenDataset, 'id' | 'title' | 'description' | 'columns' | 'standard'>;

/** The rows with every `url` cell made absolute; no other column kept but those described. */
export function publishedRows(
  dataset: Described,
  rows: readonly OpenDataRow[],
  base: string,
): OpenDataRow[] {
  return rows.map((row) =>
    Object.fromEntries(
      dataset.columns.map((c) => {
        const value = row[c.name] ?? null;
        return [c.name, c.type === 'url' && typeof value === 'string' ? base + value : value];
      }),
    ),
  );
}

const cell = (value: OpenDataValue): string => (value === null ? '' : String(value));

/** The CSV's lines: the columns' headings, then each row's cells (empty where there is none). */
export function csvRows(dataset: Described, rows: readonly OpenDataRow[]): string[][] {
  return [
    dataset.columns.map((c) => c.heading ?? c.name),
    ...rows.map((row) => dataset.columns.map((c) => cell(row[c.name] ?? null))),
  ];
}

/** The JSON download: the dataset described, then its rows. */
export function jsonBody(
  dataset: Described,
  rows: readonly OpenDataRow[],
  lastChanged: Date | null,
) {
  return {
    dataset: dataset.id,
    title: dataset.title,
    description: dataset.description,
    licence: OPEN_GOVERNMENT_LICENCE,
    lastChanged: lastChanged?.toISOString() ?? null,
    columns: dataset.columns.map(({ name, description, type }) => ({ name, description, type })),
    rows,
  };
}

const MEDIA_TYPES = {
  csv: 'https://www.iana.org/assignments/media-types/text/csv',
  json: 'https://www.iana.org/assignments/media-types/application/json',
};

/** The catalogue in DCAT (https://www.w3.org/TR/vocab-dcat-3/), as JSON-LD. */
export function dcatCatalogue(
  catalogue: { title: string; description: string },
  datasets: readonly (Described & { lastChanged: Date | null })[],
  base: string,
) {
  const licence = { '@id': OPEN_GOVERNMENT_LICENCE.url };
  const distribution = (d: Described, format: 'csv' | 'json') => ({
    '@type': 'dcat:Distribution',
    'dct:title': `${d.title} (${format.toUpperCase()})`,
    'dct:format': format.toUpperCase(),
    'dcat:downloadURL': { '@id': base + openDataPaths[format](d.id) },
    'dcat:mediaType': { '@id': MEDIA_TYPES[format] },
    'dct:license': licence,
  });
  return {
    '@context': {
      dcat: 'http://www.w3.org/ns/dcat#',
      dct: 'http://purl.org/dc/terms/',
      xsd: 'http://www.w3.org/2001/XMLSchema#',
    },
    '@id': base + openDataPaths.dcat,
    '@type': 'dcat:Catalog',
    'dct:title': catalogue.title,
    'dct:description': catalogue.description,
    'dct:license': licence,
    'dcat:dataset': datasets.map((d) => ({
      '@id': base + openDataPaths.dataset(d.id),
      '@type': 'dcat:Dataset',
      'dct:identifier': d.id,
      'dct:title': d.title,
      'dct:description': d.description,
      ...(d.lastChanged
        ? { 'dct:modified': { '@value': d.lastChanged.toISOString(), '@type': 'xsd:dateTime' } }
        : {}),
      ...(d.standard ? { 'dct:conformsTo': { '@id': d.standard.url } } : {}),
      'dct:license': licence,
      'dcat:landingPage': { '@id': base + openDataPaths.dataset(d.id) },
      'dcat:distribution': [distribution(d, 'csv'), distribution(d, 'json')],
    })),
  };
}
