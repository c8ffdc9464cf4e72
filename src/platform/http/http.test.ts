import assert from 'node:assert/strict';
import path from 'node:path';
import { test } from 'node:test';
import { pageRequest, prefixTsQuery } from '../db/search.js';
import { loadMessages } from '../i18n/messages.js';
import { say } from '../i18n/said.js';
import { paginationFor } from './pagination.js';
import { isUuid } from './params.js';

const english = loadMessages(path.resolve('src')).translator('en');

test('search input becomes a prefix tsquery and nothing else', () => {
  assert.equal(prefixTsQuery('Jo Smi'), 'jo:* & smi:*');
  assert.equal(prefixTsQuery("O'Brien & (x) | !y"), 'o:* & brien:* & x:* & y:*');
  assert.equal(prefixTsQuery('  --  '), null);
  assert.equal(prefixTsQuery('Ōmura Zoë'), 'ōmura:* & zoë:*');
});

test('page numbers from the query string fall back to the first page', () => {
  assert.deepEqual(pageRequest('3', 25), { page: 3, limit: 25, offset: 50 });
  assert.deepEqual(pageRequest('0'), { page: 1, limit: 25, offset: 0 });
  assert.deepEqual(pageRequest('-2'), { page: 1, limit: 25, offset: 0 });
  assert.deepEqual(pageRequest(['2']), { page: 1, limit: 25, offset: 0 });
  assert.deepEqual(pageRequest('99999999999'), { page: 1, limit: 25, offset: 0 });
});

test('pagination keeps the filters and elides distant pages', () => {
  assert.equal(paginationFor('/x', {}, 1, 25, 25), null);
  const p = paginationFor('/x', { q: 'camden', kind: undefined }, 5, 10, 200)!;
  assert.equal(p.previous?.href, '/x?q=camden&page=4');
  assert.equal(p.next?.href, '/x?q=camden&page=6');
  assert.deepEqual(
    p.items.map((i) => ('number' in i ? i.number : '…')),
    [1, '…', 4, 5, 6, '…', 20],
  );
  assert.equal(say(english, p.summary), 'Showing 41 to 50 of 200');
});

test('a count that stopped at its limit is said as "more than", with its own page parameter', () => {
  const p = paginationFor('/x', {}, 1, 50, 10_000, { pageParam: 'auditPage', more: true })!;
  assert.equal(say(english, p.summary), 'Showing 1 to 50 of more than 10,000');
  assert.equal(p.next?.href, '/x?auditPage=2');
});

test('ids in URLs must be UUIDs', () => {
  assert.equal(isUuid('0b6f1f3e-4a1c-4c43-9f36-2c1a0c1e9d11'), true);
  assert.equal(isUuid('1'), false);
  assert.equal(isUuid("' or 1=1 --"), false);
});
