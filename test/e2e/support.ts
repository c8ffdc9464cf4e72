/**
 * End-to-end support: a real Bridge listening on a free port (fresh in-memory database with
 * reference data, and demo data when a journey asks), Debian's Chromium driven by playwright-core,
 * and an axe check of every page a journey visits.
 */
import { createHash } from 'node:crypto';
import { existsSync, readFileSync } from 'node:fs';
import { createRequire } from 'node:module';
import { writeFile } from 'node:fs/promises';
import path from 'node:path';
import assert from 'node:assert/strict';
import {
  chromium,
  type Browser,
  type BrowserContext,
  type Cookie,
  type Locator,
  type Page,
} from 'playwright-core';
import { buildApp } from '../../src/app.js';
import { testConfig } from '../../src/app.js';
import { DEMO_ACCOUNTS, DEMO_PASSWORD } from '../../src/demo/demo-data.js';
import type { Role } from '../../src/platform/auth/roles.js';
import type { TestApp } from '../app.js';
import { accountFor, type FactoryAccount } from '../factories/accounts.js';
import { totpCode } from '../../src/platform/auth/totp.js';
import { prepareDatabase } from '../../src/startup.js';
import { createTestDatabase } from '../database.js';

export const WCAG_TAGS = ['wcag2a', 'wcag2aa', 'wcag21a', 'wcag21aa', 'wcag22aa'];

export interface E2E {
  baseUrl: string;
  browser: Browser;
  services: Awaited<ReturnType<typeof buildApp>>['services'];
  /** The app as the factories (test/factories) take it, to make the rows a journey needs. */
  app: TestApp;
  /** A new browser profile (no cookies), with JavaScript on or off. */
  newPage(options?: { javaScript?: boolean }): Promise<Page>;
  close(): Promise<void>;
}

/**
 * The e2e app's clock: the real time (the browser's and the authenticator's), except while a
 * factory puts it elsewhere, as factories do to make a row dated in the past. A factory reads
 * `current`, sets it, and puts back what it read: putting back a moment read while the clock
 * was live makes it live again, not pinned at that moment.
 */
class LiveClock {
  private pinned: Date | undefined;
  private readonly live = new WeakSet<Date>();
  readonly start = new Date();
  get current(): Date {
    if (this.pinned) return this.pinned;
    const now = new Date();
    this.live.add(now);
    return now;
  }
  set current(moment: Date) {
    this.pinned = this.live.has(moment) ? undefined : moment;
  }
  now = (): Date => new Date(this.current);
  advanceMinutes(minutes: number): void {
    this.current = new Date(this.current.getTime() + minutes * 60_000);
  }
  reset(): void {
    this.pinned = undefined;
  }
}

/**
 * Starts Bridge and the browser for one journey file. `demo: true` loads the demo accounts and
 * data, for journeys whose subject is what a new user of the demo sees; other journeys make
 * their own rows with the factories (`e2e.app`) and sign in with `signInWithRole`.
 */
export async function startE2E(options: { demo?: boolean } = {}): Promise<E2E> {
  const { database, drop } = await createTestDatabase();
  const config = testConfig({ port: 0, demo: options.demo ?? false });
  await prepareDatabase(database, config);
  const clock = new LiveClock();
  const { app, services, routes } = await buildApp({
    config,
    database,
    mailTransport: null,
    now: clock.now,
  });
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
  const testApp: TestApp = {
    app,
    services,
    routes,
    config,
    clock,
    sent: [],
    close: () => Promise.resolve(),
  };
  return {
    baseUrl,
    browser,
    services,
    app: testApp,
    async newPage(options = {}) {
      const context = await browser.newContext({
        baseURL: baseUrl,
        javaScriptEnabled: options.javaScript ?? true,
      });
      contexts.push(context);
      if (options.javaScript === false) scriptless.add(context);
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

/** Browser profiles with JavaScript off. */
const scriptless = new WeakSet<BrowserContext>();

/** For each profile with JavaScript off, a page with it on where axe can run. */
const axeHelpers = new WeakMap<BrowserContext, Promise<Page>>();

/**
 * axe cannot run in a page with JavaScript off (its timers never fire), so it checks a copy:
 * the same HTML at the same address, without the scripts, in a page that loads the same
 * stylesheets and images from Bridge. That is exactly what a browser without JavaScript shows.
 */
async function scriptlessCopy(page: Page): Promise<Page> {
  const context = page.context();
  let helper = axeHelpers.get(context);
  if (!helper) {
    const browser = context.browser();
    if (!browser) throw new Error('no browser');
    helper = browser.newPage();
    axeHelpers.set(context, helper);
  }
  const copy = await helper;
  const url = page.url().split('#')[0]!;
  const html = (await page.content()).replace(/<script\b[^>]*>[\s\S]*?<\/script>/gi, '');
  await copy.route(
    (u) => u.href === url,
    (route) => route.fulfill({ status: 200, contentType: 'text/html; charset=utf-8', body: html }),
    { times: 1 },
  );
  await copy.goto(url);
  return copy;
}

/**
 * What makes two pages the same to axe: the same rendered markup (the document as it stands
 * after load, scripts' changes included), seen with JavaScript on or off, at the same window
 * size. Only what differs on every response is left out: the CSRF token and any nonce. Any
 * other difference, a name, a row, an error message, makes it another page, checked again.
 */
async function markupKey(page: Page): Promise<string> {
  const markup = (await page.content())
    .replace(/<input\b[^>]*\bname="_csrf"[^>]*>/g, '<input name="_csrf">')
    .replace(/\snonce="[^"]*"/g, '');
  const size = page.viewportSize();
  return createHash('sha256')
    .update(`${scriptless.has(page.context())}\n${size?.width}x${size?.height}\n${markup}`)
    .digest('hex');
}

/**
 * Where the keys of pages axe has passed are remembered: shared by every end-to-end file in one
 * run (the runner names the directory). Identical markup gives axe identical results, so
 * whichever file checks a page first, every page every journey visits is checked.
 */
const sharedChecks = process.env.BRIDGE_AXE_CHECKED_DIR;

function alreadyChecked(key: string): boolean {
  if (checkedMarkup.has(key)) return true;
  if (sharedChecks && existsSync(path.join(sharedChecks, key))) return true;
  return false;
}

async function rememberChecked(key: string): Promise<void> {
  checkedMarkup.add(key);
  if (sharedChecks) await writeFile(path.join(sharedChecks, key), '').catch(() => undefined);
}

/**
 * axe-core, served to the browser at an address of Bridge's own (the test answers it; Bridge is
 * never asked, and its content security policy allows scripts from itself). Adding it by address
 * takes a third less time than pasting its 500KB source into every page checked.
 */
const AXE_URL = '/__e2e__/axe.min.js';
const axeSource = readFileSync(
  createRequire(import.meta.url).resolve('axe-core/axe.min.js'),
  'utf8',
);
const axeServed = new WeakSet<BrowserContext>();

interface AxeGlobal {
  run(
    context: Document,
    options: unknown,
  ): Promise<{ violations: { id: string; help: string; nodes: { target: string[] }[] }[] }>;
}

async function withAxe(page: Page): Promise<void> {
  const context = page.context();
  if (!axeServed.has(context)) {
    axeServed.add(context);
    await context.route(`**${AXE_URL}`, (route) =>
      route.fulfill({ status: 200, contentType: 'application/javascript', body: axeSource }),
    );
  }
  await page.addScriptTag({ url: AXE_URL });
}

/**
 * Fails with a readable list when axe finds any WCAG 2.2 AA violation on the page. Bridge's
 * pages have no frames, so axe runs in the page itself.
 */
export async function expectAccessible(page: Page): Promise<void> {
  // Markup already passed in this run is not checked again (see markupKey).
  const key = await markupKey(page);
  if (alreadyChecked(key)) return;
  const checked = scriptless.has(page.context()) ? await scriptlessCopy(page) : page;
  await withAxe(checked);
  const results = await checked.evaluate(
    (tags) =>
      (window as unknown as { axe: AxeGlobal }).axe.run(document, {
        runOnly: { type: 'tag', values: tags },
        // Only violations are read: collecting every passing node too doubles the time.
        resultTypes: ['violations'],
      }),
    WCAG_TAGS,
  );
  const summary = results.violations.map(
    (v) => `${v.id}: ${v.help} (${v.nodes.map((n) => n.target.join(' ')).join(', ')})`,
  );
  assert.deepEqual(summary, [], `axe violations on ${page.url()}`);
  await rememberChecked(key);
}

/** Keys of the pages axe has already passed in this process. */
const checkedMarkup = new Set<string>();

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
export async function freshTotpCode(secret: string): Promise<string> {
  const nowStep = Math.floor(Date.now() / 30_000);
  const step = Math.max(nowStep, (lastStep.get(secret) ?? 0) + 1);
  if (step > nowStep + 1)
    await new Promise((r) => setTimeout(r, (step - 1) * 30_000 - Date.now() + 500));
  lastStep.set(secret, step);
  return totpCode(secret, new Date(step * 30_000 + 1000));
}

/** A six-digit code that no authenticator would show for this secret just now. */
export function wrongTotpCode(secret: string): string {
  const nowStep = Math.floor(Date.now() / 30_000);
  const valid = new Set(
    [-2, -1, 0, 1, 2].map((d) => totpCode(secret, new Date((nowStep + d) * 30_000 + 1000))),
  );
  for (let n = 123456; ; n = (n + 111111) % 1_000_000) {
    const code = String(n).padStart(6, '0');
    if (!valid.has(code)) return code;
  }
}

export interface Account {
  email: string;
  name: string;
  password: string;
  totpSecret?: string | undefined;
}

/** The demo account for a role, with the demo password. */
export function demoAccount(role: Role): Account {
  const account = DEMO_ACCOUNTS.find((a) => a.role === role);
  if (!account) throw new Error(`no demo account for ${role}`);
  return { ...account, password: DEMO_PASSWORD };
}

/**
 * Waits for the page a form submission leads to; if Bridge answered with the error summary
 * instead, fails at once with what it says.
 */
async function expectArrival(page: Page, arrived: Locator, step: string): Promise<void> {
  const problem = page.locator('.govuk-error-summary');
  await arrived.or(problem).first().waitFor();
  if (await problem.isVisible())
    assert.fail(`${step} was refused: ${(await problem.innerText()).replace(/\s+/g, ' ')}`);
}

/** Signs in through the pages (checking each with axe), second factor included. */
export async function signInAs(page: Page, account: Account): Promise<void> {
  await visit(page, '/sign-in');
  await page.getByLabel('E-mail address').fill(account.email);
  await page.getByLabel('Password', { exact: true }).fill(account.password);
  await page.getByRole('button', { name: 'Sign in' }).click();
  const welcome = page.getByRole('heading', { name: `Welcome, ${account.name}` });
  if (account.totpSecret) {
    const codeField = page.getByLabel('Enter the code from your authenticator app');
    await expectArrival(page, codeField, 'The password');
    await expectAccessible(page);
    await codeField.fill(await freshTotpCode(account.totpSecret));
    await page.getByRole('button', { name: 'Continue' }).click();
    await expectArrival(page, welcome, 'The code');
  } else {
    await expectArrival(page, welcome, 'The password');
  }
  await expectAccessible(page);
}

/** Session cookies of the accounts already signed in through the pages in this file, by e-mail. */
const sessions = new Map<string, Cookie[]>();

/**
 * Signs in as an account (or the demo account for a role): through the pages, second factor
 * included, the first time in a file; after that the browser is given the session that sign-in
 * made (as a person's second tab has it), unless that session has since ended. The sign-in pages
 * themselves are proved by the sign-in, account and no-JavaScript journeys, which always go
 * through them.
 */
export async function signInThroughPages(page: Page, who: Role | Account): Promise<void> {
  const account = typeof who === 'string' ? demoAccount(who) : who;
  const cookies = sessions.get(account.email);
  if (cookies) {
    await page.context().addCookies(cookies);
    await page.goto('/');
    const welcome = page.getByRole('heading', { level: 1, name: `Welcome, ${account.name}` });
    if ((await welcome.count()) > 0) return;
    await page.context().clearCookies();
  }
  await signInAs(page, account);
  sessions.set(account.email, await page.context().cookies());
}

/**
 * Signs in through the pages as this app's factory account for a role (made the first time any
 * journey in the file asks), and returns it, for journeys that act as "an administrator".
 */
export async function signInWithRole(e2e: E2E, page: Page, role: Role): Promise<FactoryAccount> {
  const account = await accountFor(e2e.app, role);
  await signInThroughPages(page, account);
  return account;
}
