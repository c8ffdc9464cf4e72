import assert from 'node:assert/strict';
import { test } from 'node:test';
import { offTargetFirst, publicRag, ragCounts } from './rules.js';

test('CON-01, CDRP-10: a dashboard lists the indicators off target first (red, amber), then green, then those without a status, by name within each', () => {
  const list = [
    { name: 'Visits', rag: 'green' as const },
    { name: 'Answers', rag: 'none' as const },
    { name: 'Stops', rag: 'red' as const },
    { name: 'Arrests', rag: 'red' as const },
    { name: 'Meetings', rag: 'amber' as const },
    { name: 'Children', rag: 'withheld' as const },
  ];
  assert.deepEqual(
    offTargetFirst(list).map((i) => i.name),
    ['Arrests', 'Stops', 'Meetings', 'Visits', 'Answers', 'Children'],
  );
  assert.deepEqual(ragCounts(list), [
    { rag: 'red', count: 2 },
    { rag: 'amber', count: 1 },
    { rag: 'green', count: 1 },
    { rag: 'none', count: 1 },
    { rag: 'withheld', count: 1 },
  ]);
});

test('DP-01: the status of a count of people below 10 is withheld from the public, as its figure is', () => {
  assert.equal(publicRag(900, 'people', 'red'), 'withheld');
  assert.equal(publicRag(1000, 'people', 'red'), 'red');
  assert.equal(publicRag(900, 'count', 'red'), 'red', 'a count of things, not people');
  assert.equal(publicRag(null, 'people', 'none'), 'none');
});
