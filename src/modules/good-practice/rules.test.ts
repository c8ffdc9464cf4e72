import assert from 'node:assert/strict';
import { test } from 'node:test';
import { can } from '../../platform/auth/permissions.js';
import type { UserPrincipal } from '../../platform/auth/principal.js';
import type { Role } from '../../platform/auth/roles.js';
import { keeperRefusal, publicationRefusal, publicView, validateEntry, THEMES } from './rules.js';

const fieldsOf = (refusals: { field: string }[]) => refusals.map((r) => r.field);
const BOROUGH = '11111111-2222-4333-8444-555555555555';
const GRANT = 'AAAAAAAA-2222-4333-8444-555555555555';

test('CDRP-08: an entry needs a title, a summary of what was done and a theme from the list', () => {
  assert.deepEqual(fieldsOf(validateEntry({}).refusals), ['title', 'summary', 'theme']);
  assert.deepEqual(
    fieldsOf(validateEntry({ title: ' ', summary: ' ', theme: 'gardening' }).refusals),
    ['title', 'summary', 'theme'],
  );
  const { refusals, value } = validateEntry({
    title: '  Youth   forum ',
    summary: 'Young people met officers monthly.',
    theme: 'youth',
  });
  assert.deepEqual(refusals, []);
  assert.equal(value.title, 'Youth forum');
  assert.equal(value.lessons, null);
  assert.equal(value.boroughId, null, 'no borough: area-wide');
  assert.ok(THEMES.includes(value.theme));
});

test('CDRP-08: each field within its length', () => {
  const { refusals } = validateEntry({
    title: 'x'.repeat(201),
    summary: 'x'.repeat(5001),
    lessons: 'x'.repeat(5001),
    theme: 'other',
  });
  assert.deepEqual(fieldsOf(refusals), ['title', 'summary', 'lessons']);
  assert.deepEqual(refusals[0]!.values, { max: 200 });
});

test('LEG-06: a source names its kind; a grant sent by id is kept; a link stays within Bridge', () => {
  const ok = validateEntry({
    title: 'T',
    summary: 'S',
    theme: 'engagement',
    sourceKind: 'grant',
    sourceId: GRANT,
    sourceReference: 'Grant 2026/14',
    sourceLink: '/grants/abc',
  });
  assert.deepEqual(ok.refusals, []);
  assert.equal(ok.value.sourceId, GRANT.toLowerCase());
  assert.equal(ok.value.sourceKind, 'grant');
  const base = { title: 'T', summary: 'S', theme: 'engagement' };
  assert.deepEqual(fieldsOf(validateEntry({ ...base, sourceReference: 'Ref' }).refusals), [
    'sourceKind',
  ]);
  assert.deepEqual(fieldsOf(validateEntry({ ...base, sourceKind: 'lottery' }).refusals), [
    'sourceKind',
  ]);
  for (const sourceLink of ['https://evil.example/', '//evil.example', 'javascript:alert(1)'])
    assert.deepEqual(
      fieldsOf(validateEntry({ ...base, sourceKind: 'other', sourceLink }).refusals),
      ['sourceLink'],
      sourceLink,
    );
  // Not an id: dropped, not stored.
  assert.equal(validateEntry({ ...base, sourceKind: 'grant', sourceId: 'x' }).value.sourceId, null);
  assert.deepEqual(fieldsOf(validateEntry({ ...base, boroughId: 'camden' }).refusals), [
    'boroughId',
  ]);
});

test('CDRP-08: a partnership officer keeps entries of their own borough only; others keep every entry', () => {
  const officer = { everyBorough: false, boroughs: [BOROUGH] };
  assert.equal(keeperRefusal(officer, BOROUGH), null);
  assert.equal(keeperRefusal(officer, GRANT)?.key, 'good-practice:errors.boroughNotYours');
  assert.equal(keeperRefusal(officer, null)?.key, 'good-practice:errors.boroughNotYours');
  assert.equal(keeperRefusal({ everyBorough: true, boroughs: [] }, null), null);
});

const user = (role: Role): UserPrincipal => ({
  kind: 'user',
  userId: 'u',
  displayName: 'U',
  email: 'u@example.org',
  roles: [{ role, scopeType: null, scopeId: null }],
});

test('CDRP-08: only the authority’s officers mark an entry public or withdraw it, and only once', () => {
  assert.equal(can(user('authority_officer'), 'good-practice.publish'), true);
  for (const role of ['coordination_unit', 'partnership_officer', 'authority_member'] as const)
    assert.equal(can(user(role), 'good-practice.publish'), false, role);
  assert.equal(publicationRefusal({ publishedAt: null }, 'publish'), null);
  assert.equal(publicationRefusal({ publishedAt: new Date() }, 'withdraw'), null);
  assert.equal(
    publicationRefusal({ publishedAt: new Date() }, 'publish')?.key,
    'good-practice:errors.alreadyPublic',
  );
  assert.equal(
    publicationRefusal({ publishedAt: null }, 'withdraw')?.key,
    'good-practice:errors.notPublic',
  );
  // Said of the entry, with no field: the page then shows the other button, not this one.
  assert.ok(!('field' in publicationRefusal({ publishedAt: new Date() }, 'publish')!));
  assert.ok(!('field' in publicationRefusal({ publishedAt: null }, 'withdraw')!));
});

test('CDRP-08: the public reads a published entry’s story, never its contact or source; an unpublished one not at all', () => {
  const entry = {
    id: 'e',
    title: 'T',
    summary: 'S',
    lessons: 'L',
    theme: 'youth',
    borough: 'Camden',
    publishedAt: new Date('2026-11-01T10:00:00Z'),
    contact: 'Ann Other',
    sourceReference: 'Grant 14',
  };
  assert.deepEqual(Object.keys(publicView(entry)!).sort(), [
    'borough',
    'id',
    'lessons',
    'publishedAt',
    'summary',
    'theme',
    'title',
  ]);
  assert.equal(publicView({ ...entry, publishedAt: null }), null);
});
