import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { latestOf, openDataWords } from './define.js';

describe("open data's datasets described by their module's words", () => {
  it("titles a dataset and describes each column by the module's keys", () => {
    const { dataset } = openDataWords((key) => `[things:openData.${key}]`);
    const made = dataset({
      id: 'things',
      words: 'counts',
      columns: [
        ['published_on', 'date'],
        ['meets_every_months', 'integer', 'meets'],
      ],
      rows: async () => [],
      lastChanged: async () => null,
    });
    assert.equal(made.title, '[things:openData.counts.title]');
    assert.equal(made.description, '[things:openData.counts.description]');
    assert.deepEqual(made.columns, [
      { name: 'published_on', type: 'date', description: '[things:openData.columns.publishedOn]' },
      {
        name: 'meets_every_months',
        type: 'integer',
        description: '[things:openData.columns.meets]',
      },
    ]);
    assert.equal(
      dataset({ id: 'x', columns: [], rows: async () => [], lastChanged: async () => null }).title,
      '[things:openData.title]',
    );
  });

  it('takes the latest of the times found, or none', () => {
    const early = new Date('2026-01-01T00:00:00Z');
    const late = new Date('2026-03-01T00:00:00Z');
    assert.deepEqual(latestOf([early, null, late, undefined]), late);
    assert.equal(latestOf([null, undefined]), null);
  });
});
