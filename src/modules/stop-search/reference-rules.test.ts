import assert from 'node:assert/strict';
import { test } from 'node:test';
import {
  boroughOfPoint,
  censusColumns,
  censusEthnicGroup,
  coordinateSystemOf,
  readBoundaryFile,
  readCensusFile,
  type PlacedBoundary,
} from './reference-rules.js';

/** A square from (x, y), `size` degrees a side, as a closed ring. */
const square = (x: number, y: number, size: number) => [
  [x, y],
  [x + size, y],
  [x + size, y + size],
  [x, y + size],
  [x, y],
];
const feature = (properties: Record<string, unknown>, geometry: unknown) => ({
  type: 'Feature',
  properties,
  geometry,
});
const collection = (...features: unknown[]) =>
  JSON.stringify({ type: 'FeatureCollection', features });
const problemsOf = (text: string) =>
  readBoundaryFile(text).problems.map(
    (p) => `${p.feature ?? 'file'}:${p.message.key.split('.').pop()}`,
  );

test("LEG-04: ONS's boundaries are read: the code from any LADyyCD property, Polygon and MultiPolygon, with each one's box", () => {
  const read = readBoundaryFile(
    collection(
      feature(
        { FID: 1, LAD23CD: 'E09000007', LAD23NM: 'Camden', BNG_E: 528000 },
        { type: 'Polygon', coordinates: [square(-0.2, 51.5, 0.1)] },
      ),
      feature(
        { LAD21CD: 'E09000033', LAD21NM: 'Westminster' },
        {
          type: 'MultiPolygon',
          coordinates: [[square(-0.1, 51.4, 0.05)], [square(0.25, 51.75, 0.25)]],
        },
      ),
    ),
  );
  assert.deepEqual(read.problems, []);
  assert.deepEqual(
    read.features.map((f) => [f.feature, f.code, f.name, f.geometry.type]),
    [
      [1, 'E09000007', 'Camden', 'Polygon'],
      [2, 'E09000033', 'Westminster', 'MultiPolygon'],
    ],
  );
  const box = read.features[1]!.box;
  assert.equal(box.minLongitude, -0.1);
  assert.equal(box.maxLongitude, 0.5);
  assert.equal(box.minLatitude, 51.4);
  assert.equal(box.maxLatitude, 52);
});

test('LEG-04: British National Grid is told from longitude and latitude by the coordinates\u2019 ranges', () => {
  assert.equal(
    coordinateSystemOf([
      [-0.14, 51.53],
      [0.3, 51.2],
    ]),
    'wgs84',
  );
  assert.equal(
    coordinateSystemOf([
      [528_000, 184_000],
      [530_000, 185_500],
    ]),
    'bng',
  );
  assert.equal(coordinateSystemOf([[-5_000, 184_000]]), 'unknown');
  assert.equal(coordinateSystemOf([]), 'unknown');
});

test('LEG-04: a file in British National Grid is refused once for the whole file, by its crs or its coordinates', () => {
  const bng = feature(
    { LAD23CD: 'E09000007' },
    { type: 'Polygon', coordinates: [square(528_000, 184_000, 1000)] },
  );
  assert.deepEqual(problemsOf(collection(bng, bng)), ['file:britishNationalGrid']);
  const named = JSON.stringify({
    type: 'FeatureCollection',
    crs: { type: 'name', properties: { name: 'urn:ogc:def:crs:EPSG::27700' } },
    features: [],
  });
  assert.deepEqual(problemsOf(named), ['file:britishNationalGrid']);
});

test('LEG-04: a bad boundary file is refused, each bad feature named by its place, and nothing is read', () => {
  assert.deepEqual(problemsOf('{"type":'), ['file:notJson']);
  assert.deepEqual(problemsOf('{"type":"Feature"}'), ['file:notFeatureCollection']);
  assert.deepEqual(problemsOf(collection()), ['file:noFeatures']);
  const good = { type: 'Polygon', coordinates: [square(-0.2, 51.5, 0.1)] };
  const text = collection(
    feature({ LAD23CD: 'E09000001' }, good),
    feature({ NAME: 'No code' }, good),
    feature({ LAD23CD: 'E09000002' }, { type: 'Point', coordinates: [-0.1, 51.5] }),
    feature({ LAD23CD: 'E09000003' }, { type: 'Polygon', coordinates: [[[0, 0]]] }),
    feature({ LAD23CD: 'E09000001' }, good),
    feature({ LAD23CD: 'E09000004' }, { type: 'Polygon', coordinates: [square(-500, 51, 1)] }),
  );
  assert.deepEqual(problemsOf(text), [
    '2:noCode',
    '3:geometryType',
    '4:coordinates',
    '5:codeTwice',
    '6:notLonLat',
  ]);
  assert.deepEqual(readBoundaryFile(text).features, []);
});

test('LEG-04: a point is placed in the borough whose shape holds it, holes and all; outside every one it has none', () => {
  const boundaries: PlacedBoundary[] = [
    {
      boroughId: 'a',
      geometry: {
        type: 'Polygon',
        // A square with a square hole in its middle.
        coordinates: [square(0, 0, 1), square(0.4, 0.4, 0.2)],
      },
      box: { minLongitude: 0, minLatitude: 0, maxLongitude: 1, maxLatitude: 1 },
    },
    {
      boroughId: 'b',
      // A triangle whose box holds (1.9, 1.9), which the triangle does not.
      geometry: {
        type: 'Polygon',
        coordinates: [
          [
            [1, 1],
            [2, 1],
            [1, 2],
            [1, 1],
          ],
        ],
      },
      box: { minLongitude: 1, minLatitude: 1, maxLongitude: 2, maxLatitude: 2 },
    },
  ];
  assert.equal(boroughOfPoint(0.1, 0.2, boundaries), 'a');
  assert.equal(boroughOfPoint(0.5, 0.5, boundaries), null);
  assert.equal(boroughOfPoint(1.2, 1.2, boundaries), 'b');
  assert.equal(boroughOfPoint(1.9, 1.9, boundaries), null);
  assert.equal(boroughOfPoint(5, 5, boundaries), null);
});

test("LEG-04: each census category is counted in its broad group, in any of TS021's classifications", () => {
  const cases: [string, string | null | undefined][] = [
    ['Asian, Asian British or Asian Welsh: Bangladeshi', 'asian'],
    ['Asian, Asian British or Asian Welsh', 'asian'],
    ['Black, Black British, Black Welsh, Caribbean or African: African', 'black'],
    ['Black, Black British, Black Welsh, Caribbean or African: Caribbean', 'black'],
    ['Mixed or Multiple ethnic groups: White and Black Caribbean', 'mixed'],
    ['White: English, Welsh, Scottish, Northern Irish or British', 'white'],
    ['White: Gypsy or Irish Traveller', 'white'],
    ['White', 'white'],
    ['Other ethnic group: Arab', 'other'],
    ['Other ethnic group: Any other ethnic group', 'other'],
    ['Does not apply', null],
    ['Total', undefined],
    ['Black British', undefined],
  ];
  for (const [category, group] of cases) assert.equal(censusEthnicGroup(category), group, category);
});

const CENSUS_20 = censusColumns(20)
  .map((c) => `"${c}"`)
  .join(',');
const row = (code: string, name: string, categoryCode: number, category: string, n: string) =>
  `"${code}","${name}",${categoryCode},"${category}",${n}`;

test('LEG-04: a TS021 file by local authority is summed into the five broad groups per area; Does not apply is left out', () => {
  const read = readCensusFile(
    [
      CENSUS_20,
      row('E09000007', 'Camden', -8, 'Does not apply', '0'),
      row('E09000007', 'Camden', 1, 'Asian, Asian British or Asian Welsh: Bangladeshi', '12000'),
      row('E09000007', 'Camden', 2, 'Asian, Asian British or Asian Welsh: Chinese', '6000'),
      row(
        'E09000007',
        'Camden',
        6,
        'Black, Black British, Black Welsh, Caribbean or African: African',
        '14000',
      ),
      row(
        'E09000007',
        'Camden',
        13,
        'White: English, Welsh, Scottish, Northern Irish or British',
        '90000',
      ),
      row('E09000007', 'Camden', 14, 'White: Irish', '5000'),
      row('E09000007', 'Camden', 19, 'Other ethnic group: Arab', '4000'),
      row(
        'E09000033',
        'Westminster',
        11,
        'Mixed or Multiple ethnic groups: Other Mixed or Multiple ethnic groups',
        '7',
      ),
    ].join('\r\n'),
  );
  assert.deepEqual(read.problems, []);
  assert.deepEqual(read.areas, [
    {
      code: 'E09000007',
      name: 'Camden',
      people: { white: 95000, black: 14000, asian: 18000, mixed: 0, other: 4000 },
    },
    {
      code: 'E09000033',
      name: 'Westminster',
      people: { white: 0, black: 0, asian: 0, mixed: 7, other: 0 },
    },
  ]);
  // The 6-category file reads alike.
  const six = readCensusFile(
    [
      censusColumns(6).join(','),
      'E09000007,Camden,5,White,95000',
      'E09000007,Camden,1,"Asian, Asian British or Asian Welsh",18000',
    ].join('\n'),
  );
  assert.deepEqual(six.problems, []);
  assert.equal(six.areas[0]!.people.asian, 18000);
});

test('LEG-04: a census file with an unknown category, a count that is not a number or a category twice is refused by line', () => {
  const text = [
    CENSUS_20,
    row('E09000007', 'Camden', 1, 'Asian, Asian British or Asian Welsh: Bangladeshi', '12000'),
    row('E09000007', 'Camden', 99, 'Martian', '3'),
    row('E09000007', 'Camden', 14, 'White: Irish', '"5,000"'),
    row('E09000007', 'Camden', 1, 'Asian, Asian British or Asian Welsh: Bangladeshi', '12000'),
    '"E09000007","Camden",14',
  ].join('\n');
  const read = readCensusFile(text);
  assert.deepEqual(
    read.problems.map((p) => `${p.line}:${p.message.key.split('.').pop()}`),
    ['3:category', '4:observation', '5:categoryTwice', '6:cellCount'],
  );
  assert.deepEqual(read.areas, []);
  assert.deepEqual(
    readCensusFile('Code,Area,Group,Count\nE09000007,Camden,White,1\n').problems.map(
      (p) => `${p.line}:${p.message.key.split('.').pop()}`,
    ),
    ['1:censusHeader'],
  );
  assert.deepEqual(
    readCensusFile(`${CENSUS_20}\n`).problems.map((p) => p.message.key.split('.').pop()),
    ['noAreas'],
  );
});
