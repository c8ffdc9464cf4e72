import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { collectOpenData, type OpenDataset } from './dataset.js';
import { csvRows, dcatCatalogue, jsonBody, publishedRows } from './formats.js';

const dataset: OpenDataset = {
  id: 'things',
  title: 'Things',
  description: 'Every thing',
  columns: [
    { name: 'name', type: 'text', description: 'Its name' },
    { name: 'count', type: 'integer', description: 'How many' },
    { name: 'url', type: 'url', description: 'Its page' },
  ],
  rows: async () => [],
  lastChanged: async () => null,
};
const BASE = 'https://bridge.example';

describe('open data', () => {
  it('makes paths absolute, keeps only the described columns, and writes empty cells for none', () => {
    const rows = publishedRows(
      dataset,
      [
        { name: 'A', count: 3, url: '/things/a', secret: 'never' },
        { name: 'B', count: null, url: null },
      ],
      BASE,
    );
    assert.deepEqual(rows, [
      { name: 'A', count: 3, url: 'https://bridge.example/things/a' },
      { name: 'B', count: null, url: null },
    ]);
    assert.deepEqual(csvRows(dataset, rows), [
      ['name', 'count', 'url'],
      ['A', '3', 'https://bridge.example/things/a'],
      ['B', '', ''],
    ]);
    const json = jsonBody(dataset, rows, new Date('2026-01-02T03:04:05Z'));
    assert.equal(json.lastChanged, '2026-01-02T03:04:05.000Z');
    assert.equal(json.licence.name, 'Open Government Licence v3.0');
    assert.deepEqual(
      json.columns.map((c) => c.name),
      ['name', 'count', 'url'],
    );
  });

  it('describes the catalogue in DCAT, with each distribution and the date only where known', () => {
    const catalogue = dcatCatalogue(
      { title: 'Open data', description: 'All of it' },
      [{ ...dataset, lastChanged: null }],
      BASE,
    );
    const [entry] = catalogue['dcat:dataset'];
    assert.equal(entry!['@id'], 'https://bridge.example/open-data/things');
    assert.ok(!('dct:modified' in entry!));
    assert.deepEqual(
      entry!['dcat:distribution'].map((d) => d['dcat:downloadURL']['@id']),
      [
        'https://bridge.example/open-data/things.csv',
        'https://bridge.example/open-data/things.json',
      ],
    );
  });

  it("a dataset that follows a standard heads its CSV with the standard's names and is said to conform", () => {
    const standard: OpenDataset = {
      ...dataset,
      columns: [
        { name: 'name', heading: 'Recipient Org:Name', type: 'text', description: 'Its name' },
        { name: 'count', type: 'integer', description: 'How many' },
      ],
      standard: { name: 'A standard', url: 'https://standard.example' },
    };
    assert.deepEqual(csvRows(standard, [{ name: 'A', count: 1 }]), [
      ['Recipient Org:Name', 'count'],
      ['A', '1'],
    ]);
    const [entry] = dcatCatalogue(
      { title: 'T', description: 'D' },
      [{ ...standard, lastChanged: null }],
      BASE,
    )['dcat:dataset'];
    assert.deepEqual(entry!['dct:conformsTo'], { '@id': 'https://standard.example' });
    assert.throws(() =>
      collectOpenData([
        {
          openData: [
            {
              ...standard,
              columns: [
                { name: 'a', heading: 'Same', type: 'text', description: '' },
                { name: 'b', heading: 'Same', type: 'text', description: '' },
              ],
            },
          ],
        },
      ]),
    );
  });

  it('refuses an id given twice or not kebab-case, and a column not snake_case', () => {
    assert.throws(() => collectOpenData([{ openData: [dataset] }, { openData: [dataset] }]));
    assert.throws(() => collectOpenData([{ openData: [{ ...dataset, id: 'Things' }] }]));
    assert.throws(() =>
      collectOpenData([
        { openData: [{ ...dataset, columns: [{ name: 'Name', type: 'text', description: '' }] }] },
      ]),
    );
    assert.deepEqual(collectOpenData([{}, { openData: [dataset] }]), [dataset]);
  });
});
