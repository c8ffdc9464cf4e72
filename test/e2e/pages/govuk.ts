/**
 * What every Bridge page shares, read the way a person (or their screen reader) meets it:
 * the service navigation, the success banner, the error summary and each field's message.
 */
import assert from 'node:assert/strict';
import type { Locator, Page } from 'playwright-core';
import { expectAccessible } from '../support.js';

export function mainNavigation(page: Page): Locator {
  return page.getByRole('navigation', { name: 'Menu' });
}

/** The names of the links in the service navigation, in order. */
export async function navigationLinks(page: Page): Promise<string[]> {
  const links = await mainNavigation(page).getByRole('link').allInnerTexts();
  return links.map((t) => t.trim());
}

export async function signOut(page: Page): Promise<void> {
  await mainNavigation(page).getByRole('button', { name: 'Sign out' }).click();
  await expectSuccess(page, 'You have signed out');
  await page.getByRole('heading', { name: 'Sign in to Bridge' }).waitFor();
}

/**
 * A page whose banner or error summary a journey has checked is marked, so the next check waits
 * for the page the next submission brings rather than reading the old one again.
 */
const SEEN = 'data-e2e-checked';

async function newDocument(page: Page): Promise<void> {
  await page.locator(`html:not([${SEEN}])`).waitFor({ state: 'attached' });
}

async function markChecked(page: Page): Promise<void> {
  await page.evaluate((name) => document.documentElement.setAttribute(name, ''), SEEN);
}

/** The green banner after an action, with the words it should say; checks the page with axe. */
export async function expectSuccess(page: Page, message: string | RegExp): Promise<void> {
  await newDocument(page);
  const banner = page.getByRole('alert', { name: 'Success' });
  await banner.waitFor();
  const text = (await banner.innerText()).replace(/\s+/g, ' ').trim();
  if (typeof message === 'string') assert.ok(text.includes(message), `banner says “${text}”`);
  else assert.match(text, message);
  await expectAccessible(page);
  await markChecked(page);
}

/** The text of the elements that describe a field or its fieldset (hint and error message). */
export async function descriptionOf(field: Locator): Promise<string> {
  return field.evaluate((el) =>
    [el.getAttribute('aria-describedby'), el.closest('fieldset')?.getAttribute('aria-describedby')]
      .join(' ')
      .split(/\s+/)
      .filter(Boolean)
      .map((id) => document.getElementById(id)?.textContent ?? '')
      .join(' ')
      .replace(/\s+/g, ' ')
      .trim(),
  );
}

export interface ExpectedError {
  /** The id of the field the summary links to. */
  field: string;
  message: string;
}

/**
 * The GOV.UK error pattern: "Error:" in the title, the error summary listing each problem and
 * linking to its field, and the same message beside the field, announced with it. Following
 * the first link puts the cursor in that field. Checks the page with axe.
 */
export async function expectErrors(page: Page, expected: ExpectedError[]): Promise<void> {
  await newDocument(page);
  const summary = page
    .getByRole('alert')
    .filter({ has: page.getByRole('heading', { name: 'There is a problem' }) });
  await summary.waitFor();
  assert.match(await page.title(), /^Error: /, 'the page title starts with “Error:”');
  const links = summary.getByRole('link');
  const listed = await links.evaluateAll((as) =>
    as.map((a) => ({
      field: (a.getAttribute('href') ?? '').replace(/^#/, ''),
      message: (a.textContent ?? '').trim(),
    })),
  );
  assert.deepEqual(listed, expected, 'the error summary');
  for (const e of expected) {
    const field = page.locator(`[id="${e.field}"]`);
    assert.equal(await field.count(), 1, `one field with the id ${e.field}`);
    const described = await descriptionOf(field);
    assert.ok(
      described.includes(`Error: ${e.message}`),
      `the ${e.field} field is described by its message; it says “${described}”`,
    );
  }
  await expectAccessible(page);
  await markChecked(page);
  const first = expected[0];
  if (first) {
    // Checked once, not polled: with JavaScript off the page runs no timers to poll with.
    await links.first().click();
    const focused = await page.evaluate(() => document.activeElement?.id);
    assert.equal(focused, first.field, 'the first link in the summary moves to its field');
  }
}

/** Which page a status code gave: its heading. */
export async function heading(page: Page): Promise<string> {
  return (await page.getByRole('heading', { level: 1 }).innerText()).trim();
}

/** The value beside a key in a GOV.UK summary list. */
export async function summaryValue(page: Page, key: string): Promise<string> {
  const row = page
    .locator('.govuk-summary-list__row')
    .filter({ has: page.locator('dt', { hasText: new RegExp(`^\\s*${key}\\s*$`) }) });
  return (await row.locator('dd').first().innerText()).trim();
}

/** Types a date into the GOV.UK date input whose fieldset has this legend. */
export async function fillDate(page: Page, legend: string | RegExp, iso: string): Promise<void> {
  const group = page.getByRole('group', { name: legend });
  const [y, m, d] = iso.split('-');
  await group.getByLabel('Day').fill(String(Number(d)));
  await group.getByLabel('Month').fill(String(Number(m)));
  await group.getByLabel('Year').fill(y!);
}
