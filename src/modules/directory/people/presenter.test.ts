import assert from 'node:assert/strict';
import { test } from 'node:test';
import { personPickerItems } from './presenter.js';

const principal = null;

test('the person picker searches only once something is typed, and describes each match', async () => {
  const asked: unknown[] = [];
  const directory = {
    people: {
      async list(_p: unknown, query: { q: string; limit: number; offset: number }) {
        asked.push(query);
        return {
          items: [
            {
              id: 'a',
              fullName: 'Pat',
              jobTitle: 'Inspector',
              organisationName: null,
              email: 'p@x.org',
            },
            { id: 'b', fullName: 'Sam', jobTitle: null, organisationName: null, email: null },
          ],
        };
      },
    },
  };
  assert.deepEqual(await personPickerItems(directory, principal, undefined, undefined), []);
  assert.deepEqual(asked, []);
  const items = await personPickerItems(directory, principal, 'pa', 'b');
  assert.deepEqual(asked, [{ q: 'pa', limit: 20, offset: 0 }]);
  assert.deepEqual(items, [
    { value: 'a', text: 'Pat', hint: { text: 'Inspector, p@x.org' }, checked: false },
    { value: 'b', text: 'Sam', hint: { text: undefined }, checked: true },
  ]);
});
