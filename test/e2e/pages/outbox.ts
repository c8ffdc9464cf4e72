/**
 * The outbox an administrator reads when no mail server is set up: where the e-mails Bridge
 * sends (password links, invitations) can be read in development and in these journeys.
 */
import assert from 'node:assert/strict';
import type { Page } from 'playwright-core';
import { expectAccessible, visit } from '../support.js';

/**
 * Opens the newest e-mail to an address with a subject, checks both pages with axe, and
 * returns the path of the link it carries (the link itself names the configured public URL).
 */
export async function linkInLatestEmail(
  adminPage: Page,
  to: string,
  subject: string,
): Promise<string> {
  await visit(adminPage, '/admin/outbox');
  const row = adminPage.getByRole('row').filter({ hasText: to });
  await row.getByRole('link', { name: subject }).first().click();
  await adminPage.getByRole('heading', { level: 1, name: subject }).waitFor();
  await expectAccessible(adminPage);
  const body = await adminPage.getByRole('main').innerText();
  assert.ok(body.includes(to), 'the e-mail is addressed to the person');
  const url = /https?:\/\/\S+\/reset-password\/\S+/.exec(body)?.[0];
  assert.ok(url, `a link in the e-mail: ${body}`);
  return new URL(url).pathname;
}
