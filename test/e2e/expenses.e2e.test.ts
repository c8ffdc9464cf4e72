/**
 * Expenses in the browser: an advisor claims for what they paid, with a receipt, and sends the
 * claim; a cost more than three months old is refused with its last day (IAG-11); the
 * coordination unit part-approves it item by item and the advisor reads why.
 */
import assert from 'node:assert/strict';
import { readFileSync } from 'node:fs';
import { after, before, test } from 'node:test';
import { addCalendarMonths, todayInLondon } from '../../src/platform/calendar/index.js';
import { groupIdByCode } from '../app.js';
import type { FactoryAccount } from '../factories/accounts.js';
import { makeChair, makeMember } from '../factories/groups.js';
import { expectErrors, expectSuccess, fillDate } from './pages/govuk.js';
import {
  expectAccessible,
  signInThroughPages,
  signInWithRole,
  startE2E,
  type E2E,
} from './support.js';

const PDF = Buffer.from('%PDF-1.4\n1 0 obj << /Type /Catalog >> endobj\ntrailer << >>\n%%EOF\n');

let e2e: E2E;
before(async () => {
  e2e = await startE2E({ demo: false });
});
after(() => e2e.close());

let raceMembers: Promise<{ avery: FactoryAccount; charlie: FactoryAccount }> | undefined;

/**
 * Avery Advisor and Charlie Chair of the Race IAG (reference data), made once for the file on
 * first asking: the unit's lists name claimants, and two Averys would make them ambiguous.
 */
function raceGroupMembers(): Promise<{ avery: FactoryAccount; charlie: FactoryAccount }> {
  raceMembers ??= (async () => {
    const race = await groupIdByCode(e2e.app, 'iag-race');
    return {
      avery: await makeMember(e2e.app, race, { name: 'Avery Advisor' }),
      charlie: await makeChair(e2e.app, race, { name: 'Charlie Chair' }),
    };
  })();
  return raceMembers;
}

test('an advisor claims with a receipt, a late cost is refused, and the unit part-approves the claim', async () => {
  const today = todayInLondon(new Date());
  const avery = await e2e.newPage();
  await signInThroughPages(avery, (await raceGroupMembers()).avery);
  await avery.getByRole('link', { name: 'Your expense claims' }).first().click();
  await avery.getByRole('heading', { level: 1, name: 'Your expense claims' }).waitFor();
  await expectAccessible(avery);
  await avery.getByRole('button', { name: 'Make a claim' }).click();
  await avery.getByRole('heading', { level: 1, name: 'Make a claim' }).waitFor();
  await expectAccessible(avery);
  await avery.getByRole('button', { name: 'Continue' }).click();
  await expectErrors(avery, [{ field: 'occasion', message: 'Select what you are claiming for' }]);
  await avery.getByLabel('Something else for one of my groups').check();
  await avery
    .getByLabel('Which group was it for?')
    .selectOption({ label: 'Race Independent Advisory Group' });
  await avery.getByLabel('What were the costs for?').fill('Community walkabout in Tottenham');
  await avery.getByRole('button', { name: 'Continue' }).click();
  await expectSuccess(avery, /has been started: add each cost/);
  await avery.getByRole('heading', { level: 1, name: 'Add a cost' }).waitFor();
  await expectAccessible(avery);

  await avery.getByRole('button', { name: 'Add the cost' }).click();
  await expectErrors(avery, [
    { field: 'category', message: 'Select what kind of cost it is' },
    { field: 'incurredOn-day', message: 'Enter the date of the cost' },
    { field: 'description', message: 'Enter what the cost was for' },
    { field: 'amount', message: 'Enter the amount in pounds and pence, like 12.50' },
  ]);
  await expectAccessible(avery);
  // IAG-11: four months ago is too late, and the page says until when it could have been claimed.
  await avery.getByLabel('Public transport').check();
  const old = addCalendarMonths(today, -4);
  await fillDate(avery, 'When did you pay it?', old);
  await avery.getByLabel('What was it for?').fill('Bus fares');
  await avery.getByLabel('Amount').fill('3.20');
  await avery.getByRole('button', { name: 'Add the cost' }).click();
  const lateMessage = await avery.locator('.govuk-error-summary').innerText();
  assert.match(lateMessage, /it could be claimed until .* three months later \(IAG-11\)/);

  await fillDate(avery, 'When did you pay it?', today);
  await avery.getByLabel('What was it for?').fill('Return train, Enfield to Tottenham Hale');
  await avery.getByLabel('Amount').fill('14.60');
  await avery.getByLabel('Receipt (optional)').setInputFiles({
    name: 'ticket.pdf',
    mimeType: 'application/pdf',
    buffer: PDF,
  });
  await avery.getByRole('button', { name: 'Add the cost' }).click();
  await expectSuccess(avery, '“Return train, Enfield to Tottenham Hale” has been added');
  await expectAccessible(avery);
  await avery.getByRole('button', { name: 'Add a cost' }).click();
  await avery.getByLabel('Parking').check();
  await fillDate(avery, 'When did you pay it?', today);
  await avery.getByLabel('What was it for?').fill('Station car park');
  await avery.getByLabel('Amount').fill('6');
  await avery.getByRole('button', { name: 'Add the cost' }).click();
  await expectSuccess(avery, '“Station car park” has been added');
  const claim = await avery.getByRole('main').innerText();
  assert.match(claim, /Claimed\s+£20.60/);
  assert.match(claim, /Last day to claim/);
  await avery.getByRole('button', { name: 'Send the claim' }).click();
  await expectSuccess(avery, /has been sent to the coordination unit/);
  await expectAccessible(avery);
  const claimUrl = avery.url();

  // The coordination unit part-approves: the fare at the off-peak price, with the reason.
  const casey = await e2e.newPage();
  await signInWithRole(e2e, casey, 'coordination_unit');
  await casey.getByRole('link', { name: 'Expense claims to decide' }).first().click();
  await casey.getByRole('heading', { level: 1, name: 'Expense claims to decide' }).waitFor();
  await expectAccessible(casey);
  await casey.getByRole('link', { name: /Community walkabout in Tottenham/ }).click();
  await expectAccessible(casey);
  await casey.getByRole('button', { name: 'Decide this claim' }).click();
  await casey
    .getByRole('heading', { level: 1, name: 'Decide the claim of Avery Advisor' })
    .waitFor();
  await expectAccessible(casey);
  await casey.getByRole('button', { name: 'Record the decision' }).click();
  await expectErrors(casey, [{ field: 'decision', message: 'Select your decision' }]);
  await casey.getByLabel('Approve part of it').check();
  const fare = casey.getByRole('group', { name: /Return train/ });
  await fare.getByLabel('Amount approved').fill('10.00');
  await casey.getByRole('button', { name: 'Record the decision' }).click();
  const errors = await casey.locator('.govuk-error-summary').innerText();
  assert.match(errors, /Enter why less than was claimed is approved/);
  await expectAccessible(casey);
  await casey
    .getByRole('group', { name: /Return train/ })
    .getByLabel('Why less? (if less)')
    .fill('Off-peak fare only');
  await casey.getByRole('button', { name: 'Record the decision' }).click();
  await expectSuccess(casey, /partly approved; the advisor has been e-mailed/);

  await avery.goto(claimUrl);
  const decided = await avery.getByRole('main').innerText();
  assert.match(decided, /Partly approved/);
  assert.match(decided, /Approved\s+£16.00/);
  assert.match(decided, /Off-peak fare only/);
  await expectAccessible(avery);

  // IAG-11: paid without delay, in a batch the finance system takes, once.
  await casey.goto('/');
  await casey.getByRole('link', { name: 'Payments' }).first().click();
  await casey.getByRole('heading', { level: 1, name: 'Payments' }).waitFor();
  await expectAccessible(casey);
  assert.match(
    await casey.getByRole('main').innerText(),
    /1 approved claim is waiting to be paid: £16.00/,
  );
  await casey.getByRole('button', { name: 'Put them in a payment batch' }).click();
  await expectSuccess(casey, /holds 1 claim: download it for the finance system/);
  await expectAccessible(casey);
  const [download] = await Promise.all([
    casey.waitForEvent('download'),
    casey.getByRole('button', { name: 'Export the batch for the finance system (CSV)' }).click(),
  ]);
  const csv = readFileSync((await download.path())!, 'utf8');
  assert.match(csv, /^Batch,Claim,Payee,Payee ID,Cost centre,Group,Submitted,Approved,Amount\n/);
  assert.match(csv, /Avery Advisor,.*,16.00\n$/);
  await casey.getByRole('button', { name: 'Mark the batch as paid' }).click();
  await expectSuccess(casey, /is marked paid; 1 advisor has been told/);
  await expectAccessible(casey);
  await avery.goto(claimUrl);
  assert.match(await avery.getByRole('main').innerText(), /Paid/);

  // The budget the group's spend is counted against, and the claims for auditors.
  await casey.goto('/');
  await casey.getByRole('link', { name: 'Expenses budgets' }).first().click();
  await casey.getByRole('heading', { level: 1, name: 'Expenses budgets' }).waitFor();
  await expectAccessible(casey);
  await casey
    .getByRole('link', { name: 'Set the budget of Race Independent Advisory Group' })
    .click();
  await expectAccessible(casey);
  await casey.getByRole('button', { name: 'Save the budget' }).click();
  await expectErrors(casey, [
    { field: 'amount', message: 'Enter the budget in pounds, like 2500 or 2500.00' },
  ]);
  await casey.getByLabel(/Budget for/).fill('2500');
  await casey.getByRole('button', { name: 'Save the budget' }).click();
  await expectSuccess(
    casey,
    /The budget of the Race Independent Advisory Group for .* has been saved/,
  );
  const row = await casey.getByRole('row', { name: /Race Independent Advisory Group/ }).innerText();
  assert.match(row, /£2,500.00\s+£0.00\s+£16.00\s+£2,484.00/);
  await casey.getByRole('link', { name: 'Spend per advisor' }).click();
  await casey.getByRole('heading', { level: 1, name: 'Expenses per advisor' }).waitFor();
  await expectAccessible(casey);
  assert.match(await casey.getByRole('main').innerText(), /Avery Advisor\s+1\s+£0.00\s+£16.00/);
  await casey.goBack();
  await casey.getByRole('link', { name: 'Claims for auditors' }).click();
  await casey.getByRole('heading', { level: 1, name: 'Expense claims for auditors' }).waitFor();
  await expectAccessible(casey);
  assert.match(await casey.getByRole('main').innerText(), /Casey|Coordination|batch 1/);
});

test('a rejected claim is disputed: the chair does not uphold it, the Director does (IAG-13)', async () => {
  const today = todayInLondon(new Date());
  const avery = await e2e.newPage();
  await signInThroughPages(avery, (await raceGroupMembers()).avery);
  await avery.goto('/expenses/new');
  await avery.getByLabel('Something else for one of my groups').check();
  await avery
    .getByLabel('Which group was it for?')
    .selectOption({ label: 'Race Independent Advisory Group' });
  await avery.getByLabel('What were the costs for?').fill('Leaflets for the stop and search forum');
  await avery.getByRole('button', { name: 'Continue' }).click();
  await avery.getByLabel('Something else').check();
  await fillDate(avery, 'When did you pay it?', today);
  await avery.getByLabel('What was it for?').fill('Printing 200 leaflets');
  await avery.getByLabel('Amount').fill('30');
  await avery.getByRole('button', { name: 'Add the cost' }).click();
  await avery.getByRole('button', { name: 'Send the claim' }).click();
  await expectSuccess(avery, /has been sent to the coordination unit/);
  const claimUrl = avery.url();

  const casey = await e2e.newPage();
  await signInWithRole(e2e, casey, 'coordination_unit');
  await casey.goto(`${claimUrl}/decision`);
  await casey.getByLabel('Reject the claim').check();
  await casey.getByLabel('Reason', { exact: true }).fill('The unit prints leaflets for groups');
  await casey.getByRole('button', { name: 'Record the decision' }).click();
  await expectSuccess(casey, /rejected; the advisor has been e-mailed/);

  await avery.goto(claimUrl);
  await avery.getByRole('button', { name: 'Dispute the decision' }).click();
  await avery.getByRole('heading', { level: 1, name: 'Dispute the decision' }).waitFor();
  await expectAccessible(avery);
  await avery.getByRole('button', { name: 'Send the dispute' }).click();
  await expectErrors(avery, [
    { field: 'reason', message: 'Enter why you disagree with the decision' },
  ]);
  await avery
    .getByLabel('Why do you disagree with the decision?')
    .fill('The unit could not print in time for the forum');
  await avery.getByRole('button', { name: 'Send the dispute' }).click();
  await expectSuccess(avery, 'Your dispute has gone to your group’s chair');
  await expectAccessible(avery);

  const charlie = await e2e.newPage();
  await signInThroughPages(charlie, (await raceGroupMembers()).charlie);
  await charlie.getByRole('link', { name: 'Disputed expense claims' }).first().click();
  await charlie.getByRole('heading', { level: 1, name: 'Disputed expense claims' }).waitFor();
  await expectAccessible(charlie);
  await charlie.getByRole('link', { name: /Leaflets for the stop and search forum/ }).click();
  await expectAccessible(charlie);
  await charlie.getByLabel('No, do not uphold it').check();
  await charlie.getByLabel('Your reason').fill('The forum date was known a month ahead');
  await charlie.getByRole('button', { name: 'Record your decision' }).click();
  await expectSuccess(charlie, /Your decision on claim \d+ is recorded/);

  await avery.goto(claimUrl);
  assert.match(await avery.getByRole('main').innerText(), /chair did not uphold it/);
  await avery.getByRole('button', { name: 'Refer the dispute to the Director' }).click();
  await expectAccessible(avery);
  await avery
    .getByLabel('Why should the Director look at it?')
    .fill('The unit was closed that week');
  await avery.getByRole('button', { name: 'Refer it to the Director' }).click();
  await expectSuccess(avery, 'Your dispute has gone to the Director');

  const dana = await e2e.newPage();
  await signInWithRole(e2e, dana, 'director');
  await dana.getByRole('link', { name: 'Disputed expense claims' }).first().click();
  await dana.getByRole('link', { name: /Leaflets for the stop and search forum/ }).click();
  await dana
    .getByRole('heading', { level: 1, name: /Decide the dispute of Avery Advisor/ })
    .waitFor();
  await expectAccessible(dana);
  await dana.getByLabel('Yes, uphold it').check();
  await dana.getByLabel('Your reason').fill('Reasonable: the unit could not help that week');
  await dana.getByRole('button', { name: 'Record your decision' }).click();
  await expectSuccess(dana, /is recorded; the advisor has been told/);

  await avery.goto(claimUrl);
  const final = await avery.getByRole('main').innerText();
  assert.match(final, /Approved\s+£30.00/);
  assert.match(final, /The Director upheld it/);
  await expectAccessible(avery);
});
