/**
 * LEG-04: the reference data stop and search is read by borough with, as the Office for National
 * Statistics publishes it: the boundaries of local authority districts (GeoJSON, longitude and
 * latitude) and the census's usual residents by ethnic group (TS021, CSV). Pure: reading a file
 * checks all of it and names each bad feature or line, so a file is loaded whole or not at all.
 */
import { booleanPointInPolygon } from '@turf/boolean-point-in-polygon';
import type { Said } from '../../platform/i18n/said.js';
import {
  ETHNIC_GROUPS,
  MAX_PROBLEMS_LISTED,
  readCsvRecords,
  type EthnicGroup,
  type LineProblem,
} from './rules.js';

const problem = (name: string, values?: Said['values']): Said => ({
  key: `stop-search:reference.problems.${name}`,
  values,
});

type Position = number[];
/** An area's shape as GeoJSON writes it: longitude then latitude. */
export type AreaGeometry =
  | { type: 'Polygon'; coordinates: Position[][] }
  | { type: 'MultiPolygon'; coordinates: Position[][][] };

export interface Box {
  minLongitude: number;
  minLatitude: number;
  maxLongitude: number;
  maxLatitude: number;
}

export interface BoundaryFeature {
  /** Its place in the file, from 1. */
  feature: number;
  /** The ONS code (E09000007), from a property such as LAD23CD. */
  code: string;
  /** The ONS name (Camden), from a property such as LAD23NM; null if the file gives none. */
  name: string | null;
  geometry: AreaGeometry;
  box: Box;
}

/** A problem with a feature (by its place in the file), or with the whole file (feature null). */
export interface FeatureProblem {
  feature: number | null;
  message: Said;
}

export type BoundaryFile =
  { features: BoundaryFeature[]; problems: [] } | { features: []; problems: FeatureProblem[] };

/** ONS names its columns by the year of the boundaries: LAD23CD, LAD22CD, LAD21CD... */
const CODE_PROPERTY = /^LAD\d\dCD$/;
const NAME_PROPERTY = /^LAD\d\dNM$/;

/**
 * The coordinate system a file's positions are in, told by their ranges: longitude and latitude
 * lie within ±180 and ±90; British National Grid eastings and northings (EPSG:27700) are metres,
 * 0 to 700,000 and 0 to 1,300,000. Anything else is neither.
 */
export function coordinateSystemOf(positions: Iterable<Position>): 'wgs84' | 'bng' | 'unknown' {
  let lonLat = true;
  let grid = true;
  let any = false;
  for (const [x, y] of positions) {
    any = true;
    if (!(Math.abs(x!) <= 180 && Math.abs(y!) <= 90)) lonLat = false;
    if (!(x! >= 0 && x! <= 700_000 && y! >= 0 && y! <= 1_300_000)) grid = false;
    if (!lonLat && !grid) return 'unknown';
  }
  if (!any) return 'unknown';
  return lonLat ? 'wgs84' : 'bng';
}

const isPosition = (p: unknown): p is Position =>
  Array.isArray(p) && p.length >= 2 && p.every((n) => typeof n === 'number' && Number.isFinite(n));
/** A ring: four positions or more, the last the first again. */
const isRing = (r: unknown): r is Position[] =>
  Array.isArray(r) &&
  r.length >= 4 &&
  r.every(isPosition) &&
  r[0]![0] === r[r.length - 1]![0] &&
  r[0]![1] === r[r.length - 1]![1];
const isPolygon = (p: unknown): p is Position[][] =>
  Array.isArray(p) && p.length >= 1 && p.every(isRing);

function* positionsOf(geometry: AreaGeometry): Generator<Position> {
  const polygons = geometry.type === 'Polygon' ? [geometry.coordinates] : geometry.coordinates;
  for (const polygon of polygons) for (const ring of polygon) yield* ring;
}

function boxOf(geometry: AreaGeometry): Box {
  const box = { minLongitude: 180, minLatitude: 90, maxLongitude: -180, maxLatitude: -90 };
  // Only the outer rings bound the area; holes lie within them.
  const polygons = geometry.type === 'Polygon' ? [geometry.coordinates] : geometry.coordinates;
  for (const [outer] of polygons)
    for (const [x, y] of outer!) {
      box.minLongitude = Math.min(box.minLongitude, x!);
      box.maxLongitude = Math.max(box.maxLongitude, x!);
      box.minLatitude = Math.min(box.minLatitude, y!);
      box.maxLatitude = Math.max(box.maxLatitude, y!);
    }
  return box;
}

const isObject = (v: unknown): v is Record<string, unknown> =>
  typeof v === 'object' && v !== null && !Array.isArray(v);

/**
 * LEG-04: reads a GeoJSON FeatureCollection of local authority district boundaries as ONS
 * publishes them: each feature's code from its LADyyCD property, its name from LADyyNM, a
 * Polygon or MultiPolygon in longitude and latitude. A file in British National Grid is refused
 * with what to download instead (a reprojection here could only approximate ONS's own).
 */
export function readBoundaryFile(text: string): BoundaryFile {
  const refuse = (problems: FeatureProblem[]): BoundaryFile => ({
    features: [],
    problems: problems.slice(0, MAX_PROBLEMS_LISTED),
  });
  let json: unknown;
  try {
    json = JSON.parse(text.replace(/^\uFEFF/, ''));
  } catch {
    return refuse([{ feature: null, message: problem('notJson') }]);
  }
  if (!isObject(json) || json.type !== 'FeatureCollection' || !Array.isArray(json.features))
    return refuse([{ feature: null, message: problem('notFeatureCollection') }]);
  const crs = isObject(json.crs) && isObject(json.crs.properties) ? json.crs.properties.name : '';
  if (typeof crs === 'string' && /27700/.test(crs))
    return refuse([{ feature: null, message: problem('britishNationalGrid') }]);
  if (!json.features.length) return refuse([{ feature: null, message: problem('noFeatures') }]);

  const problems: FeatureProblem[] = [];
  const features: BoundaryFeature[] = [];
  const seen = new Map<string, number>();
  json.features.forEach((f: unknown, i) => {
    const feature = i + 1;
    const bad = (name: string, values?: Said['values']) =>
      problems.push({ feature, message: problem(name, values) });
    const properties = isObject(f) && isObject(f.properties) ? f.properties : {};
    const codeKey = Object.keys(properties).find((k) => CODE_PROPERTY.test(k));
    const nameKey = Object.keys(properties).find((k) => NAME_PROPERTY.test(k));
    const code = codeKey ? properties[codeKey] : undefined;
    const name = nameKey ? properties[nameKey] : undefined;
    if (!isObject(f) || f.type !== 'Feature') return bad('notFeature');
    if (typeof code !== 'string' || !code.trim()) return bad('noCode');
    const geometry = f.geometry;
    const type = isObject(geometry) ? geometry.type : undefined;
    if (type !== 'Polygon' && type !== 'MultiPolygon')
      return bad('geometryType', { code, type: String(type ?? '') });
    const coordinates = (geometry as { coordinates: unknown }).coordinates;
    const ok =
      type === 'Polygon'
        ? isPolygon(coordinates)
        : Array.isArray(coordinates) && coordinates.length >= 1 && coordinates.every(isPolygon);
    if (!ok) return bad('coordinates', { code });
    const shape = { type, coordinates } as AreaGeometry;
    const system = coordinateSystemOf(positionsOf(shape));
    if (system === 'bng') return bad('britishNationalGrid');
    if (system !== 'wgs84') return bad('notLonLat', { code });
    const first = seen.get(code.trim());
    if (first) return bad('codeTwice', { code, first });
    seen.set(code.trim(), feature);
    features.push({
      feature,
      code: code.trim(),
      name: typeof name === 'string' ? name.trim() : null,
      geometry: shape,
      box: boxOf(shape),
    });
  });
  // One British National Grid feature means the whole file is: said once, for the file.
  if (problems.some((p) => p.message.key.endsWith('.britishNationalGrid')))
    return refuse([{ feature: null, message: problem('britishNationalGrid') }]);
  if (problems.length) return refuse(problems);
  return { features, problems: [] };
}

/** A borough's loaded boundary, as placing a search reads it. */
export interface PlacedBoundary {
  boroughId: string;
  box: Box;
  geometry: AreaGeometry;
}

/**
 * LEG-04: the borough a search's location lies in, or null when it lies in none (counted as
 * outside the boroughs, never guessed). The box is checked first: most boroughs are ruled out
 * without looking at their shape. A point on a shared border goes to the first borough given.
 */
export function boroughOfPoint(
  longitude: number,
  latitude: number,
  boundaries: readonly PlacedBoundary[],
): string | null {
  for (const b of boundaries) {
    const { box } = b;
    if (
      longitude < box.minLongitude ||
      longitude > box.maxLongitude ||
      latitude < box.minLatitude ||
      latitude > box.maxLatitude
    )
      continue;
    if (booleanPointInPolygon([longitude, latitude], b.geometry)) return b.boroughId;
  }
  return null;
}

/** The census's broad groups as TS021 names them, before the colon of each finer category. */
const CENSUS_GROUPS: [string, EthnicGroup][] = [
  ['Asian, Asian British or Asian Welsh', 'asian'],
  ['Black, Black British, Black Welsh, Caribbean or African', 'black'],
  ['Mixed or Multiple ethnic groups', 'mixed'],
  ['White', 'white'],
  ['Other ethnic group', 'other'],
];
const DOES_NOT_APPLY = 'Does not apply';

/**
 * LEG-04: the broad group of a census ethnic-group category, in any of TS021's classifications
 * ("Black, Black British, Black Welsh, Caribbean or African: African" is Black; the 6-category
 * "White" is White). Null for "Does not apply" (no one is counted there); undefined if unknown.
 */
export function censusEthnicGroup(category: string): EthnicGroup | null | undefined {
  const trimmed = category.trim();
  if (trimmed === DOES_NOT_APPLY) return null;
  const broad = trimmed.split(':')[0]!.trim();
  return CENSUS_GROUPS.find(([name]) => name === broad)?.[1];
}

/** The classifications of TS021 the custom-dataset tool offers by lower-tier local authority. */
export const CENSUS_CATEGORY_COUNTS = [20, 8, 6] as const;
export const censusColumns = (n: number) => [
  'Lower tier local authorities Code',
  'Lower tier local authorities',
  `Ethnic group (${n} categories) Code`,
  `Ethnic group (${n} categories)`,
  'Observation',
];

/** An area of a census file: its ONS code and name, and its residents by broad group. */
export interface CensusArea {
  code: string;
  name: string;
  people: Record<EthnicGroup, number>;
}

export type CensusFile =
  { areas: CensusArea[]; problems: [] } | { areas: []; problems: LineProblem[] };

/** More residents than any local authority has, many times over. */
const MOST_PEOPLE = 100_000_000;

/**
 * LEG-04: reads a TS021 (Ethnic group) file by lower-tier local authority as ONS's "Create a
 * custom dataset" tool writes it, in 20, 8 or 6 categories, and sums each area's categories
 * into the five broad groups. "Does not apply" (code -8) is left out; an unknown category, a
 * count that is not a whole number, or a category given twice for an area is refused by line.
 */
export function readCensusFile(text: string): CensusFile {
  const refuse = (problems: LineProblem[]): CensusFile => ({
    areas: [],
    problems: problems.slice(0, MAX_PROBLEMS_LISTED),
  });
  const read = readCsvRecords(text, problem);
  if ('problem' in read) return refuse([read.problem]);
  const [header, ...rows] = read.records;
  const headings = header.record.map((h) => h.trim()).join(',');
  if (!CENSUS_CATEGORY_COUNTS.some((n) => censusColumns(n).join(',') === headings))
    return refuse([{ line: 1, message: problem('censusHeader', { header: headings }) }]);
  if (!rows.length) return refuse([{ line: 1, message: problem('noAreas') }]);

  const problems: LineProblem[] = [];
  const areas = new Map<string, CensusArea>();
  const given = new Map<string, number>();
  for (const { record, info } of rows) {
    const line = info.lines;
    const bad = (name: string, values?: Said['values']) =>
      problems.push({ line, message: problem(name, values) });
    if (record.length !== 5) {
      bad('cellCount', { found: record.length, expected: 5 });
    } else {
      const [code, name, categoryCode, category, observation] = record.map((c) => c.trim()) as [
        string,
        string,
        string,
        string,
        string,
      ];
      const group = categoryCode === '-8' ? null : censusEthnicGroup(category);
      const people = /^\d{1,9}$/.test(observation) ? Number(observation) : NaN;
      if (!code) bad('noAreaCode');
      if (group === undefined) bad('category', { value: category });
      if (!(people <= MOST_PEOPLE)) bad('observation', { value: observation });
      const key = `${code}\u0000${categoryCode}\u0000${category}`;
      const first = given.get(key);
      if (first) bad('categoryTwice', { code, category, first });
      given.set(key, line);
      if (code && group && people <= MOST_PEOPLE && !first) {
        const area =
          areas.get(code) ??
          ({
            code,
            name,
            people: Object.fromEntries(ETHNIC_GROUPS.map((g) => [g, 0])),
          } as CensusArea);
        area.people[group] += people;
        areas.set(code, area);
      }
    }
    if (problems.length >= MAX_PROBLEMS_LISTED) break;
  }
  if (problems.length) return refuse(problems);
  return { areas: [...areas.values()], problems: [] };
}
