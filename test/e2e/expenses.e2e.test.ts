/**
 * Expenses in the browser: an advisor claims for what they paid, with a receipt, and sends the
 * claim; a cost more than three months old is refused with its last day (IAG-11); the
 * coordination unit part-approves it item by item and the advisor reads why.
 */
import assert from 'node:assert/strict';
import { after, before, test } from 'node:test';
import { addCalendarMonths, todayInLondon } from '../../src/platform/calendar/index.js';
import { expectErrors, expectSuccess } from './pages/govuk.js';
import { expectAccessible, signInThroughPages, startE2E, type E2E } from './support.js';

const PDF = Buffer.from('%PDF-1.4\n1 0 obj << /Type /Catalog >> endobj\ntrailer << >>\n%%EOF\n');

let e2e: E2E;
before(async () => {
  e2e = await startE2E();
});
after(() => e2e.close());

/** Fills a GOV.UK date input for a day. */
async function fillDate(page: import('playwright-core').Page, legend: string, iso: string) {
  const [year, month, day] = iso.split('-');
  const group = page.getByRole('group', { name: legend });
  await group.getByLabel('Day').fill(String(Number(day)));
  await group.getByLabel('Month').fill(String(Number(month)));
  await group.getByLabel('Year').fill(year!);
}

test('an advisor claims with a receipt, a late cost is refused, and the unit part-approves the claim', async () => {
  const today = todayInLondon(new Date());
  const avery = await e2e.newPage();
  await signInThroughPages(avery, 'advisor');
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
  await signInThroughPages(casey, 'coordination_unit');
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
});
