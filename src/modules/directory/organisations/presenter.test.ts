import assert from 'node:assert/strict';
import path from 'node:path';
import { test } from 'node:test';
import { DEFAULT_LANGUAGE, loadMessages } from '../../../platform/i18n/messages.js';
import type { Organisation } from '../access.js';
import { kindItems, organisationKindOf, organisationView } from './presenter.js';

const t = loadMessages(path.resolve('src')).translator(DEFAULT_LANGUAGE);
const ID = '3f2b6a9e-1c4d-4e8f-9a0b-2c3d4e5f6a7b';
const organisation = (archivedAt: Date | null): Organisation => ({
  id: ID,
  name: 'Camden',
  kind: 'borough',
  code: 'E09000007',
  parentId: null,
  description: null,
  email: null,
  phone: null,
  address: null,
  website: null,
  archivedAt,
  version: 3,
  createdAt: new Date(0),
  updatedAt: new Date(0),
});

test('a kind in the query is used only if it is one of the kinds', () => {
  assert.equal(organisationKindOf('borough'), 'borough');
  assert.equal(organisationKindOf('club'), undefined);
  assert.equal(organisationKindOf(undefined), undefined);
  const items = kindItems(t, 'police_unit', 'All types');
  assert.deepEqual(items[0], { value: '', text: 'All types' });
  assert.deepEqual(
    items.filter((i) => 'selected' in i && i.selected),
    [{ value: 'police_unit', text: 'Police unit', selected: true }],
  );
});

test("an organisation's page links its people, and offers to archive or restore it", () => {
  const detail = {
    parent: { id: 'p1', name: 'London' },
    children: [{ id: 'c1', name: 'Ward' }],
    members: [{ id: 'm1', fullName: 'Pat', jobTitle: null }],
    memberCount: 60,
  };
  const live = organisationView({ organisation: organisation(null), ...detail }, t);
  assert.equal(live.kindLabel, 'Borough');
  assert.deepEqual(live.parent, { name: 'London', href: '/directory/organisations/p1' });
  assert.equal(live.children[0]!.href, '/directory/organisations/c1');
  assert.equal(live.members[0]!.href, '/directory/people/m1');
  assert.equal(live.changeHref, `/directory/organisations/${ID}/edit`);
  assert.equal(live.archiveAction, `/directory/organisations/${ID}/archive`);
  assert.equal(live.allPeopleHref, `/directory/people?organisation=${ID}`);
  assert.equal(live.addPersonHref, `/directory/people/new?organisation=${ID}`);
  const archived = organisationView({ organisation: organisation(new Date()), ...detail }, t);
  assert.equal(archived.archiveAction, `/directory/organisations/${ID}/restore`);
});
