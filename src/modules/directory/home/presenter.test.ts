import assert from 'node:assert/strict';
import path from 'node:path';
import { test } from 'node:test';
import { DEFAULT_LANGUAGE, loadMessages } from '../../../platform/i18n/messages.js';
import { homeView } from './presenter.js';

const t = loadMessages(path.resolve('src')).translator(DEFAULT_LANGUAGE);

test("the home page's links to every match keep the search, encoded", () => {
  const none = { items: [], total: 0 };
  const searched = homeView(t, 'Zoë & co', none, none);
  assert.equal(searched.allOrganisationsHref, '/directory/organisations?q=Zo%C3%AB%20%26%20co');
  assert.equal(searched.allPeopleHref, '/directory/people?q=Zo%C3%AB%20%26%20co');
  const all = homeView(t, undefined, none, none);
  assert.equal(all.allOrganisationsHref, '/directory/organisations');
  assert.equal(all.allPeopleHref, '/directory/people');
});

test('each match on the home page links to its own page, with what it is', () => {
  const view = homeView(
    t,
    'cam',
    { items: [{ id: 'o1', name: 'Camden', kind: 'borough' }], total: 1 },
    {
      items: [{ id: 'p1', fullName: 'Pat', jobTitle: null, organisationName: 'Camden' }],
      total: 1,
    },
  );
  assert.deepEqual(view.organisations, [
    { name: 'Camden', href: '/directory/organisations/o1', kindLabel: 'Borough' },
  ]);
  assert.equal(view.people[0]!.href, '/directory/people/p1');
});
