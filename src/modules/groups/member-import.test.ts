import assert from 'node:assert/strict';
import path from 'node:path';
import { test } from 'node:test';
import { loadMessages } from '../../platform/i18n/messages.js';
import { parseMemberImport as parse } from './member-import.js';

const t = loadMessages(path.resolve('src')).translator('en');
const parseMemberImport = (csv: string, today: string) => parse(csv, today, t);

test('a member list reads names, e-mails, first-joined dates (ISO or UK) and consent', () => {
  const { rows, problems } = parseMemberImport(
    'Name,Email,First joined,Publish name\nAda Lovelace,ADA@example.org,2003-06-01,yes\n"Smith, Jo",,01/04/2019,\n',
    '2026-11-24',
  );
  assert.deepEqual(problems, []);
  assert.deepEqual(rows, [
    {
      line: 2,
      name: 'Ada Lovelace',
      email: 'ada@example.org',
      firstJoined: '2003-06-01',
      publishName: true,
      secondTermAgreement: null,
    },
    {
      line: 3,
      name: 'Smith, Jo',
      email: null,
      firstJoined: '2019-04-01',
      publishName: false,
      secondTermAgreement: null,
    },
  ]);
});

test('every bad row is named by its line number', () => {
  const { problems } = parseMemberImport(
    [
      'name,email,first_joined,publish_name',
      'Ada,ada@example.org,2003-06-01,yes',
      ',not-an-email,2003-02-30,maybe',
      'Bob,bob@example.org,2027-01-01,',
      'Ada again,ada@example.org,2004-01-01,no',
    ].join('\n'),
    '2026-11-24',
  );
  assert.deepEqual(
    problems.map((p) => p.line),
    [3, 4, 5],
  );
  assert.match(
    problems[0]!.message,
    /Enter the member’s name; “not-an-email” is not an e-mail address; “2003-02-30” is not a real date.*publish_name/,
  );
  assert.match(problems[1]!.message, /cannot be in the future/);
  assert.match(problems[2]!.message, /the same person is on line 2/i);
});

test('a list without the needed columns, or with none, or with broken quotes is refused', () => {
  assert.match(
    parseMemberImport('who,when\nA,2003-01-01', '2026-11-24').problems[0]!.message,
    /missing: name, first_joined/,
  );
  assert.match(
    parseMemberImport('name,first_joined\n', '2026-11-24').problems[0]!.message,
    /no members/,
  );
  assert.match(
    parseMemberImport('name,first_joined\n"Ada,2003-01-01\n', '2026-11-24').problems[0]!.message,
    /not valid CSV/,
  );
});

test('IAG-18: issue 21 item 12: a second term’s agreement is read with its date and who gave it, all three or none', () => {
  const { rows, problems } = parseMemberImport(
    [
      'name,first_joined,second_term_agreed_on,agreed_by_chair,agreed_by_director',
      'Ada,2015-06-01,15/05/2019,Grace Chair,Dana Director',
      'Bob,2015-06-01,2019-05-15,Grace Chair,',
      'Cy,2015-06-01,2030-01-01,Grace Chair,Dana Director',
      'Di,2015-06-01,2019-05-15,Grace Chair,grace chair',
    ].join('\n'),
    '2026-11-24',
  );
  assert.deepEqual(rows[0]!.secondTermAgreement, {
    agreedOn: '2019-05-15',
    chair: 'Grace Chair',
    director: 'Dana Director',
  });
  assert.deepEqual(
    problems.map((p) => p.line),
    [3, 4, 5],
  );
  assert.match(
    problems[0]!.message,
    /needs all three of second_term_agreed_on, agreed_by_chair and agreed_by_director/,
  );
  assert.match(problems[1]!.message, /cannot be in the future/);
  assert.match(problems[2]!.message, /two different people/);
});
