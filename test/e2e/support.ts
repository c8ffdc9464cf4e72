/**
 * End-to-end support: a real Bridge listening on a free port (fresh in-memory database with
 * reference and demo data), Debian's Chromium driven by playwright-core, and an axe check of
 * every page a journey visits.
 */
import assert from 'node:assert/strict';
import { AxeBuilder } from '@axe-core/playwright';
import { chromium, type Browser, type BrowserContext, type Page } from 'playwright-core';
import { buildApp } from '../../src/app.js';
import { testConfig } from '../../src/config.js';
import { DEMO_ACCOUNTS, DEMO_PASSWORD } from '../../src/demo/demo-data.js';
import type { Role } from '../../src/platform/auth/roles.js';
import { totpCode } from '../../src/platform/auth/totp.js';
import { prepareDatabase } from '../../src/startup.js';
import { createTestDatabase } from '../database.js';

export const WCAG_TAGS = ['wcag2a', 'wcag2aa', 'wcag21a', 'wcag21aa', 'wcag22aa'];

export interface E2E {
  baseUrl: string;
  browser: Browser;
  services: Awaited<ReturnType<typeof buildApp>>['services'];
  /** A new browser profile (no cookies), with JavaScript on or off. */
  newPage(options?: { javaScript?: boolean }): Promise<Page>;
  close(): Promise<void>;
}

export async function startE2E(): Promise<E2E> {
  const { database, drop } = await createTestDatabase();
  const config = testConfig({ port: 0 });
  await prepareDatabase(database, config);
  const { app, services } = await buildApp({ config, database, mailTransport: null });
  await app.listen({ port: 0, host: '127.0.0.1' });
  const address = app.server.address();
  if (!address || typeof address === 'string') throw new Error('no port');
  const baseUrl = `http://127.0.0.1:${address.port}`;
  const browser = await chromium.launch({
    executablePath: process.env.CHROME_PATH ?? '/usr/bin/chromium',
    args: [
      '--no-sandbox',
      '--disable-gpu',
      '--disable-quic',
      '--no-first-run',
      '--disable-background-networking',
      '--disable-component-update',
      '--disable-sync',
    ],
  });
  const contexts: BrowserContext[] = [];
  return {
    baseUrl,
    browser,
    services,
    async newPage(options = {}) {
      const context = await browser.newContext({
        baseURL: baseUrl,
        javaScriptEnabled: options.javaScript ?? true,
      });
      contexts.push(context);
      return context.newPage();
    },
    async close() {
      for (const c of contexts) await c.close().catch(() => undefined);
      await browser.close();
      await app.close();
      await drop();
    },
  };
}

/** Fails with a readable list when axe finds any WCAG 2.2 AA violation on the page. */
export async function expectAccessible(page: Page): Promise<void> {
  const results = await new AxeBuilder({ page }).withTags(WCAG_TAGS).analyze();
  const summary = results.violations.map(
    (v) => `${v.id}: ${v.help} (${v.nodes.map((n) => n.target.join(' ')).join(', ')})`,
  );
  assert.deepEqual(summary, [], `axe violations on ${page.url()}`);
}

/** Goes to a path, checks the status and accessibility, and returns the page. */
export async function visit(page: Page, path: string, expectedStatus = 200): Promise<Page> {
  const response = await page.goto(path);
  assert.equal(response?.status(), expectedStatus, `status of ${path}`);
  await expectAccessible(page);
  return page;
}

const lastStep = new Map<string, number>();

/**
 * A code Bridge has not yet accepted for this secret: a replayed code is refused, so a second
 * sign-in within the same 30 seconds uses the next step (accepted as clock drift), or waits.
 */
async function freshCode(secret: string): Promise<string> {
  const nowStep = Math.floor(Date.now() / 30_000);
  const step = Math.max(nowStep, (lastStep.get(secret) ?? 0) + 1);
  if (step > nowStep + 1)
    await new Promise((r) => setTimeout(r, (step - 1) * 30_000 - Date.now() + 500));
  lastStep.set(secret, step);
  return totpCode(secret, new Date(step * 30_000 + 1000));
}

/** Signs in through the pages as the demo account for a role, second factor included. */
export async function signInThroughPages(page: Page, role: Role): Promise<void> {
  const account = DEMO_ACCOUNTS.find((a) => a.role === role);
  if (!account) throw new Error(`no demo account for ${role}`);
  await visit(page, '/sign-in');
  await page.getByLabel('E-mail address').fill(account.email);
  await page.getByLabel('Password', { exact: true }).fill(DEMO_PASSWORD);
  await page.getByRole('button', { name: 'Sign in' }).click();
  if (account.totpSecret) {
    await page.waitForURL(/second-factor/);
    await expectAccessible(page);
    await page
      .getByLabel('Enter the code from your authenticator app')
      .fill(await freshCode(account.totpSecret));
    await page.getByRole('button', { name: 'Continue' }).click();
  }
  await page.getByRole('heading', { name: `Welcome, ${account.name}` }).waitFor();
}
