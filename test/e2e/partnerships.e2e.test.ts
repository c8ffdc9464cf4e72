/**
 * Issue 26 part 6 (CDRP-01, CDRP-15): an authority officer adds a borough's partnership to the
 * register (a deputy below superintendent refused first); the borough's partnership officer
 * confirms the nominated officer and records the information-sharing protocol; anyone then reads
 * the published page. Axe checks every page.
 */
import assert from 'node:assert/strict';
import { after, before, test } from 'node:test';
import { makeAccount } from '../factories/accounts.js';
import { makeBorough, uniqueTag } from '../factories/directory.js';
import { expectErrors, expectSuccess, fillDate, summaryValue } from './pages/govuk.js';
import {
  expectAccessible,
  signInThroughPages,
  signInWithRole,
  startE2E,
  visit,
  type E2E,
} from './support.js';

let e2e: E2E;
before(async () => {
  e2e = await startE2E({ demo: false });
});
after(() => e2e.close());

test('a borough’s nominated officer is confirmed and its information-sharing protocol recorded, then published', async () => {
  const borough = await makeBorough(e2e.app, { name: `Borough ${uniqueTag()}` });
  const partnership = `${borough.name} Community Safety Partnership`;

  // The authority officer adds the borough's entry from the register.
  const authority = await e2e.newPage();
  await signInWithRole(e2e, authority, 'authority_officer');
  await authority.getByRole('link', { name: 'Partnerships', exact: true }).click();
  await authority.getByRole('heading', { level: 1, name: 'Partnerships register' }).waitFor();
  await expectAccessible(authority);
  await authority.getByRole('button', { name: "Add a borough's partnership" }).click();
  await authority.getByRole('heading', { level: 1, name: "Add a borough's partnership" }).waitFor();
  await expectAccessible(authority);
  await authority.getByLabel('Borough').selectOption({ label: borough.name });
  await authority.getByLabel('Name of the partnership').fill(partnership);
  const officer = authority.getByRole('group', { name: 'Nominated officer' });
  await officer.getByLabel('Full name').fill('Ada Lane');
  await officer.getByLabel('Rank').selectOption({ label: 'Inspector' });
  const deputy = authority.getByRole('group', { name: 'Deputy' });
  await deputy.getByLabel('Full name').fill('Ben Ortiz');
  await deputy.getByLabel('Rank').selectOption({ label: 'Chief Inspector' });
  await authority.getByRole('button', { name: 'Add the partnership' }).click();
  await expectErrors(authority, [
    {
      field: 'deputyRank',
      message: 'The deputy must be a superintendent or chief superintendent',
    },
  ]);
  await authority
    .getByRole('group', { name: 'Deputy' })
    .getByLabel('Rank')
    .selectOption({ label: 'Superintendent' });
  await authority.getByRole('button', { name: 'Add the partnership' }).click();
  await expectSuccess(authority, `${partnership} has been added to the register`);
  await expectAccessible(authority);
  assert.equal(await summaryValue(authority, 'Nominated officer'), 'Inspector Ada Lane');
  assert.equal(await summaryValue(authority, 'Deputy'), 'Superintendent Ben Ortiz');

  // The borough's partnership officer confirms it and records the protocol.
  const account = await makeAccount(e2e.app, {
    role: 'partnership_officer',
    scope: { type: 'borough', id: borough.id },
  });
  const keeper = await e2e.newPage();
  await signInThroughPages(keeper, account);
  await keeper.getByRole('link', { name: `Keep the ${partnership} entry current` }).click();
  await keeper.getByRole('heading', { level: 1, name: partnership }).waitFor();
  await expectAccessible(keeper);
  await keeper.getByRole('button', { name: 'Confirm the officers are current' }).click();
  await expectSuccess(keeper, `${partnership} has been confirmed as current`);
  assert.match(await summaryValue(keeper, 'Last confirmed'), new RegExp(`by ${account.name}$`));

  await keeper.getByRole('link', { name: 'Record the protocol' }).click();
  await keeper
    .getByRole('heading', { level: 1, name: 'Record the information-sharing protocol' })
    .waitFor();
  await expectAccessible(keeper);
  await fillDate(keeper, 'Date agreed', '2025-05-01');
  await fillDate(keeper, 'Review date', '2027-05-01');
  await keeper.getByLabel('Partly compliant').check();
  await keeper.getByRole('button', { name: 'Save the protocol' }).click();
  await expectErrors(keeper, [
    { field: 'complianceNote', message: 'Say why the protocol is not fully compliant' },
  ]);
  await keeper.getByLabel('Why it falls short').fill('Purposes of sharing not yet stated');
  await keeper.getByRole('button', { name: 'Save the protocol' }).click();
  await expectSuccess(
    keeper,
    `The information-sharing protocol of ${partnership} has been recorded`,
  );
  await expectAccessible(keeper);
  assert.equal(await summaryValue(keeper, 'Compliance'), 'Partly compliant');
  assert.equal(await summaryValue(keeper, 'Agreed'), '1 May 2025');

  // Anyone reads the published page: names and ranks, the protocol's standing, no note.
  const visitor = await e2e.newPage();
  await visit(visitor, '/partnerships');
  await expectAccessible(visitor);
  await visitor.getByRole('link', { name: partnership }).click();
  await visitor.getByRole('heading', { level: 1, name: partnership }).waitFor();
  await expectAccessible(visitor);
  assert.equal(await summaryValue(visitor, 'Nominated officer'), 'Inspector Ada Lane');
  assert.equal(await summaryValue(visitor, 'Compliance'), 'Partly compliant');
  assert.doesNotMatch(await visitor.locator('main').innerText(), /Purposes of sharing/);
});
