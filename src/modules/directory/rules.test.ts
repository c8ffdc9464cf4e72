import assert from 'node:assert/strict';
import { test } from 'node:test';
import { validateOrganisation, validatePerson, versionOf } from './rules.js';

const fields = (errors: { field: string }[]) => errors.map((e) => e.field);
// The refusals' words are the catalogue's: here the keys stand for them.
const t = (key: string) => key;

test('an organisation needs a name and one of the kinds; blanks become none', () => {
  const { errors } = validateOrganisation({ name: ' ', kind: 'club' }, t);
  assert.deepEqual(fields(errors), ['name', 'kind']);
  const ok = validateOrganisation({ name: ' Camden ', kind: 'borough', email: 'A@Example.org' }, t);
  assert.deepEqual(ok.errors, []);
  assert.equal(ok.value.name, 'Camden');
  assert.equal(ok.value.email, 'a@example.org');
  assert.equal(ok.value.parentId, null);
});

test("an organisation's website must be a web address, and its contacts well formed", () => {
  const { errors } = validateOrganisation(
    {
      name: 'Forum',
      kind: 'community',
      website: 'javascript:alert(1)',
      email: 'not an address',
      phone: 'call us',
    },
    t,
  );
  assert.deepEqual(fields(errors), ['email', 'phone', 'website']);
  assert.deepEqual(
    validateOrganisation({ name: 'Forum', kind: 'community', website: 'https://forum.example' }, t)
      .errors,
    [],
  );
});

test('a person needs a full name; the account to link is read as typed', () => {
  assert.deepEqual(fields(validatePerson({ fullName: '' }, t).errors), ['fullName']);
  const { errors, value } = validatePerson({ fullName: 'Jordan Mensah', userEmail: 'j@x.org' }, t);
  assert.deepEqual(errors, []);
  assert.equal(value.userEmail, 'j@x.org');
  assert.equal(value.jobTitle, null);
});

test('the version a form sends is a whole number, or none', () => {
  assert.equal(versionOf({ version: '7' }), 7);
  assert.equal(versionOf({ version: '7a' }), undefined);
  assert.equal(versionOf({ version: ['7'] }), undefined);
  assert.equal(versionOf(undefined), undefined);
});
