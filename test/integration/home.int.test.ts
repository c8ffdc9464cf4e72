/**
 * The home page's tasks, as a person reads them: each module's and the platform's, in order. A
 * member of a group is offered their groups (the groups module) and their deployments (the
 * advice module); someone with no membership is offered neither.
 */
import assert from 'node:assert/strict';
import { after, before, test } from 'node:test';
import { createTestApp, groupIdByCode, type TestApp } from '../app.js';
import { makeAccount, signInAccount } from '../factories/accounts.js';
import { makeMember } from '../factories/groups.js';

let t: TestApp;
let race: string;

before(async () => {
  // No demo data: the file makes the people it signs in. The IAGs are reference data.
  t = await createTestApp({ demo: false });
  race = await groupIdByCode(t, 'iag-race');
});
after(() => t.close());

/** Every task on the page: where it goes, its words and its hint, in the page's order. */
function tasksOn(body: string): string[] {
  const task =
    /<a class="govuk-link govuk-!-font-weight-bold" href="([^"]*)">([^<]*)<\/a>\s*<p class="govuk-body govuk-!-margin-bottom-0">([^<]*)<\/p>/g;
  return [...body.matchAll(task)].map(([, href, text, hint]) => `${href} | ${text} | ${hint}`);
}

test('a member of a group is offered their groups and their deployments, in order', async () => {
  const member = await makeMember(t, race, { name: 'Morgan Member', startsOn: '2026-10-01' });
  const home = await (await signInAccount(t, member)).get('/');
  assert.equal(home.statusCode, 200);
  assert.deepEqual(tasksOn(home.body), [
    '/my-groups | Your advisory groups | The groups you are a member of, and when each term ends',
    '/deployments | Your deployments | Requests you are nominated for: accept or decline; and the days you cannot do',
    '/expenses | Your expense claims | Claim back what you paid to take part, within three months of each cost',
    '/account | Your account | Password, second factor and where you are signed in',
  ]);
});

test('an advisor with no membership is offered neither their groups nor deployments', async () => {
  const advisor = await makeAccount(t, { role: 'advisor', name: 'Nadia Newcomer' });
  const home = await (await signInAccount(t, advisor)).get('/');
  assert.equal(home.statusCode, 200);
  assert.deepEqual(tasksOn(home.body), [
    '/expenses | Your expense claims | Claim back what you paid to take part, within three months of each cost',
    '/account | Your account | Password, second factor and where you are signed in',
  ]);
});
