/**
 * Seed 002's Appendix 4 typed in through the pages (issue 23, TRK-01): a committee clerk records
 * the work plan, its parts "Objectives" (1 to 3) and "MPA Action Plan 2002/03" (1 to 10), item
 * 2's sub-items 2.1 to 2.3 as numbered key points and item 3's 3.1 to 3.6 as numbered actions
 * directly under it, several typed out of order; the report page, the CSV and the PDF its links
 * give read them in the seed's order, with the seed's numbers and wording. Axe checks each page.
 */
import assert from 'node:assert/strict';
import { after, before, test } from 'node:test';
import { parse } from 'csv-parse/sync';
import { SEED_002_APPENDIX_4, seed002Order } from '../factories/tracker.js';
import { assertInOrder } from '../html.js';
import { pdfPages } from '../pdf-text.js';
import { expectSuccess } from './pages/govuk.js';
import { expectAccessible, signInWithRole, startE2E, type E2E } from './support.js';

let e2e: E2E;
before(async () => {
  e2e = await startE2E({ demo: false });
});
after(() => e2e.close());

const TITLE = 'Community and Police Consultative Groups - Action plan – year 1';
const {
  objectivesPart: OBJECTIVES_PART,
  planPart: PLAN_PART,
  objectives: OBJECTIVES,
  plan: PLAN,
  item2: ITEM_2,
  item3: ITEM_3,
} = SEED_002_APPENDIX_4;

/** What the seed reads, in its order, as the report shows it (a work plan's items are objectives). */
const SEED_ORDER = seed002Order('Objective');

test('TRK-01: a clerk types seed 002’s Appendix 4, partly out of order, and its report page, CSV and PDF read in the seed’s order', async () => {
  const clerk = await e2e.newPage();
  await signInWithRole(e2e, clerk, 'authority_officer');
  await clerk.goto('/tracker/new');
  await clerk.getByLabel('Title').fill(TITLE);
  await clerk.getByLabel('Work plan', { exact: true }).check();
  await clerk.getByRole('button', { name: 'Record the source' }).click();
  await expectSuccess(clerk, `${TITLE} has been recorded`);
  const sourceUrl = clerk.url();

  for (const part of [OBJECTIVES_PART, PLAN_PART]) {
    await clerk.getByRole('link', { name: 'Add a part' }).click();
    await clerk.getByLabel('Title of the part').fill(part);
    await clerk.getByRole('button', { name: 'Save the part' }).click();
    await expectSuccess(clerk, `The part ${part} has been added`);
  }

  // Objectives 3, 1, 2; the action plan's 10 before 1 and 3 before 2.
  await clerk.getByRole('button', { name: 'Add an objective' }).click();
  await clerk.getByRole('heading', { level: 1, name: 'Add an objective' }).waitFor();
  await expectAccessible(clerk);
  const newItemUrl = clerk.url();
  const addItem = async (part: string, number: number, words: string) => {
    if (clerk.url() !== newItemUrl) await clerk.goto(newItemUrl);
    await clerk.getByLabel(part, { exact: true }).check();
    await clerk.getByLabel('Number', { exact: true }).fill(String(number));
    await clerk.getByLabel('Text', { exact: true }).fill(words);
    await clerk.getByRole('button', { name: 'Add it' }).click();
    await expectSuccess(clerk, `Objective ${number} has been added to ${TITLE}`);
  };
  for (const n of [3, 1, 2]) await addItem(OBJECTIVES_PART, n, OBJECTIVES[n - 1]!);
  for (const n of [10, 1, 3]) await addItem(PLAN_PART, n, PLAN[n - 1]!);

  // Item 3's sub-items: numbered actions directly under it, 3.6 typed first, Not started.
  for (const [number, words] of [ITEM_3[5], ...ITEM_3.slice(0, 5)]) {
    await clerk.getByRole('button', { name: 'Add an action' }).click();
    await clerk.getByRole('heading', { level: 1, name: 'Add an action' }).waitFor();
    await expectAccessible(clerk);
    await clerk.getByLabel('Number (optional)').fill(number);
    await clerk.getByLabel('Action (optional)').fill(words);
    await clerk.getByRole('button', { name: 'Add the action' }).click();
    await expectSuccess(clerk, 'The action has been added');
  }

  // Item 2's sub-items: numbered key points, typed 2.3, 2.1, 2.2.
  await addItem(PLAN_PART, 2, PLAN[1]!);
  for (const [number, words] of [ITEM_2[2], ITEM_2[0], ITEM_2[1]]) {
    await clerk.getByRole('button', { name: 'Add a key point' }).click();
    await clerk.getByRole('heading', { level: 1, name: 'Add a key point' }).waitFor();
    await expectAccessible(clerk);
    await clerk.getByLabel('Number (optional)').fill(number);
    await clerk.getByLabel('Key point', { exact: true }).fill(words);
    await clerk.getByRole('button', { name: 'Add the key point' }).click();
    await expectSuccess(clerk, 'The key point has been added');
  }
  for (const n of [4, 5, 6, 7, 8, 9]) await addItem(PLAN_PART, n, PLAN[n - 1]!);

  // (1) The report page.
  await clerk.goto(sourceUrl);
  await clerk.getByRole('button', { name: 'Progress report for a committee' }).click();
  await clerk.getByRole('heading', { level: 1, name: TITLE }).waitFor();
  await expectAccessible(clerk);
  const page = (await clerk.locator('main').innerText()).replace(/\s+/g, ' ');
  assertInOrder(page, ['Not started 6', 'Every action 6', ...SEED_ORDER]);

  // (2) The CSV its link gives: one row per item, key point or action, in the seed's order.
  const csvHref = await clerk.getByRole('link', { name: /Download as CSV/ }).getAttribute('href');
  const csv = await clerk.request.get(csvHref!);
  assert.equal(csv.status(), 200);
  const rows = parse((await csv.text()).replace(/^\uFEFF/, '')) as string[][];
  assert.deepEqual(
    [rows[0]![0], rows[0]![1], rows[0]![3], rows[0]![6], rows[0]![7], rows[0]![9], rows[0]![10]],
    [
      'Part',
      'Objective',
      'Objective text',
      'Key point number',
      'Key point',
      'Action number',
      'Action',
    ],
  );
  const item = (part: string, n: number, words: string) => [part, String(n), words];
  assert.deepEqual(
    rows.slice(1).map((r) => [r[0], r[1], r[3], r[6], r[7], r[9], r[10], r[13]]),
    [
      ...OBJECTIVES.map((words, i) => [...item(OBJECTIVES_PART, i + 1, words), '', '', '', '', '']),
      [...item(PLAN_PART, 1, PLAN[0]!), '', '', '', '', ''],
      ...ITEM_2.map(([n, words]) => [...item(PLAN_PART, 2, PLAN[1]!), n, words, '', '', '']),
      ...ITEM_3.map(([n, words]) => [
        ...item(PLAN_PART, 3, PLAN[2]!),
        '',
        '',
        n,
        words,
        'Not started',
      ]),
      ...PLAN.slice(3).map((words, i) => [...item(PLAN_PART, i + 4, words), '', '', '', '', '']),
    ],
  );

  // (3) The PDF its link gives, read back as a screen reader reads it.
  const pdfHref = await clerk.getByRole('link', { name: /Download as PDF/ }).getAttribute('href');
  const pdf = await clerk.request.get(pdfHref!);
  assert.equal(pdf.status(), 200);
  const pdfText = (await pdfPages(new Uint8Array(await pdf.body())))
    .flat()
    .filter((l) => !l.artifact)
    .map((l) => l.text)
    .join(' ')
    .replace(/\s+/g, ' ');
  assertInOrder(pdfText, [TITLE, 'Not started 6', 'Every action 6', ...SEED_ORDER]);
});

test('TRK-01: a clerk moves an objective typed into the wrong part to the right one, removes an empty part and withdraws another, each page accessible', async () => {
  const clerk = await e2e.newPage();
  await signInWithRole(e2e, clerk, 'authority_officer');
  const title = 'Consultative groups work plan, parts';
  await clerk.goto('/tracker/new');
  await clerk.getByLabel('Title').fill(title);
  await clerk.getByLabel('Work plan', { exact: true }).check();
  await clerk.getByRole('button', { name: 'Record the source' }).click();
  await expectSuccess(clerk, `${title} has been recorded`);
  const sourceUrl = clerk.url();
  for (const part of [OBJECTIVES_PART, PLAN_PART, 'Spare']) {
    await clerk.getByRole('link', { name: 'Add a part' }).click();
    await clerk.getByLabel('Title of the part').fill(part);
    await clerk.getByRole('button', { name: 'Save the part' }).click();
    await expectSuccess(clerk, `The part ${part} has been added`);
  }

  // Item 4 of the plan, typed into the objectives by mistake, moved to the plan.
  await clerk.getByRole('button', { name: 'Add an objective' }).click();
  await clerk.getByLabel(OBJECTIVES_PART, { exact: true }).check();
  await clerk.getByLabel('Number', { exact: true }).fill('4');
  await clerk.getByLabel('Text', { exact: true }).fill(PLAN[3]!);
  await clerk.getByRole('button', { name: 'Add it' }).click();
  await expectSuccess(clerk, `Objective 4 has been added to ${title}`);
  await clerk.getByRole('link', { name: /Move to another part/ }).click();
  await clerk
    .getByRole('heading', { level: 1, name: 'Move objective 4 to another part' })
    .waitFor();
  await expectAccessible(clerk);
  await clerk.getByLabel(PLAN_PART, { exact: true }).check();
  await clerk.getByRole('button', { name: 'Move it' }).click();
  await expectSuccess(clerk, `It has been moved to the part ${PLAN_PART}`);
  assert.match(
    (await clerk.locator('main').innerText()).replace(/\s+/g, ' '),
    /Changed the part from “Objectives” to “MPA Action Plan 2002\/03”/,
  );

  // The empty part is removed; the objectives (empty now too) are withdrawn instead.
  await clerk.goto(sourceUrl);
  await clerk.getByRole('link', { name: 'Remove or withdraw Spare' }).click();
  await clerk.getByRole('heading', { level: 1, name: 'Remove or withdraw a part' }).waitFor();
  await expectAccessible(clerk);
  await clerk.getByRole('button', { name: 'Remove it' }).click();
  await expectSuccess(clerk, 'The part Spare has been removed');
  await clerk.getByRole('link', { name: `Remove or withdraw ${OBJECTIVES_PART}` }).click();
  await clerk.getByRole('button', { name: 'Withdraw it' }).click();
  await clerk.getByRole('link', { name: 'Enter why it is withdrawn' }).waitFor();
  await expectAccessible(clerk);
  await clerk.getByLabel('Why is it withdrawn?').fill('The objectives are in the strategy now');
  await clerk.getByRole('button', { name: 'Withdraw it' }).click();
  await expectSuccess(clerk, `The part ${OBJECTIVES_PART} has been withdrawn`);
  assertInOrder((await clerk.locator('main').innerText()).replace(/\s+/g, ' '), [
    'Parts of the source',
    `${OBJECTIVES_PART} Withdrawn`,
    PLAN_PART,
    'Objective 4',
    PLAN[3]!,
    'withdrew a part of the source',
    'Reason: The objectives are in the strategy now',
  ]);
});
