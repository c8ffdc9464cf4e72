/**
 * Builds a whole Bridge on a fresh database for one test file, with reference and demo data,
 * a pinned clock that tests can move, and e-mail captured instead of sent.
 */
import type { FastifyInstance, LightMyRequestResponse } from 'fastify';
import { buildApp, type RouteInfo, type Services } from '../src/app.js';
import { testConfig } from '../src/app.js';
import type { Config } from '../src/config.js';
import { DEMO_ACCOUNTS, DEMO_PASSWORD } from '../src/demo/demo-data.js';
import type { UserPrincipal } from '../src/platform/auth/principal.js';
import type { Catalogues } from '../src/platform/i18n/messages.js';
import { loadRoles } from '../src/platform/auth/service.js';
import { totpCode } from '../src/platform/auth/totp.js';
import { findUserIdByEmail } from '../src/platform/auth/users-service.js';
import type { MailMessage, MailTransport } from '../src/platform/mail/service.js';
import { prepareDatabase } from '../src/startup.js';
import { queryRows, sql } from '../src/platform/db/database.js';
import { createTestDatabase } from './database.js';

/**
 * The clock of one app under test: pinned, and moved only by the tests of the file that built
 * the app. A file whose tests move it calls `reset()` after each test (`afterEach`), so every
 * test begins at the same moment whatever ran before it.
 */
export class TestClock {
  readonly start: Date;
  constructor(public current = new Date('2026-11-23T10:00:00Z')) {
    this.start = new Date(current);
  }
  now = (): Date => new Date(this.current);
  advanceMinutes(minutes: number): void {
    this.current = new Date(this.current.getTime() + minutes * 60_000);
  }
  /** Back to the moment the app was built with. */
  reset(): void {
    this.current = new Date(this.start);
  }
}

export interface TestApp {
  app: FastifyInstance;
  services: Services;
  routes: RouteInfo[];
  config: Config;
  clock: TestClock;
  /** Messages handed to the SMTP transport (only when `deliverMail` was asked for). */
  sent: MailMessage[];
  close(): Promise<void>;
}

export async function createTestApp(
  options: {
    config?: Partial<Config>;
    deliverMail?: boolean;
    mailTransport?: MailTransport;
    demo?: boolean;
    logStream?: { write(line: string): void };
    onQuery?: (query: string) => void;
    /** The waits the app asks for (slowing failed sign-ins); by default none are waited. */
    sleep?: (ms: number) => Promise<void>;
    /** More message catalogues, as a second language's would be found on disk. */
    catalogues?: Catalogues;
  } = {},
): Promise<TestApp> {
  const { database, drop } = await createTestDatabase({ onQuery: options.onQuery });
  const config = testConfig({ demo: options.demo ?? false, ...options.config });
  await prepareDatabase(database, config);
  const clock = new TestClock();
  const sent: MailMessage[] = [];
  const transport: MailTransport | null =
    options.mailTransport ?? (options.deliverMail ? async (m) => void sent.push(m) : null);
  const { app, services, routes } = await buildApp({
    config,
    database,
    mailTransport: transport,
    now: clock.now,
    sleep: options.sleep ?? (async () => undefined),
    logStream: options.logStream,
    catalogues: options.catalogues,
  });
  await app.ready();
  return {
    app,
    services,
    routes,
    config,
    clock,
    sent,
    close: async () => {
      await services.auth.settled();
      await app.close();
      await drop();
    },
  };
}

export function demoAccount(role: (typeof DEMO_ACCOUNTS)[number]['role']) {
  const account = DEMO_ACCOUNTS.find((a) => a.role === role);
  if (!account) throw new Error(`no demo account for ${role}`);
  return account;
}

/** A browser stand-in for app.inject: keeps cookies and the latest CSRF token. */
export class Agent {
  cookies = new Map<string, string>();
  csrfToken: string | undefined;

  constructor(private readonly app: FastifyInstance) {}

  private cookieHeader(): string {
    // Values are kept decoded, so encode them again as a browser sends them.
    return [...this.cookies].map(([k, v]) => `${k}=${encodeURIComponent(v)}`).join('; ');
  }

  private remember(response: LightMyRequestResponse): LightMyRequestResponse {
    for (const c of response.cookies) {
      if (c.value === '' || (c.expires && c.expires.getTime() < Date.now()))
        this.cookies.delete(c.name);
      else this.cookies.set(c.name, c.value);
    }
    const match = /name="_csrf" value="([^"]+)"/.exec(response.body);
    if (match) this.csrfToken = match[1];
    return response;
  }

  async get(url: string, headers: Record<string, string> = {}): Promise<LightMyRequestResponse> {
    return this.remember(
      await this.app.inject({
        method: 'GET',
        url,
        headers: { cookie: this.cookieHeader(), ...headers },
      }),
    );
  }

  /** Any other method, with the session's cookies and no body. */
  async send(method: 'PUT' | 'PATCH' | 'DELETE', url: string): Promise<LightMyRequestResponse> {
    return this.remember(
      await this.app.inject({ method, url, headers: { cookie: this.cookieHeader() } }),
    );
  }

  /** Posts a form. The CSRF token is added unless `csrf: false`. */
  async post(
    url: string,
    form: Record<string, string | string[]> = {},
    options: { csrf?: boolean } = {},
  ): Promise<LightMyRequestResponse> {
    if (options.csrf !== false && !this.csrfToken) await this.get('/sign-in');
    const params = new URLSearchParams();
    for (const [k, v] of Object.entries(form))
      for (const one of Array.isArray(v) ? v : [v]) params.append(k, one);
    if (options.csrf !== false && this.csrfToken) params.set('_csrf', this.csrfToken);
    return this.remember(
      await this.app.inject({
        method: 'POST',
        url,
        headers: {
          cookie: this.cookieHeader(),
          'content-type': 'application/x-www-form-urlencoded',
        },
        payload: params.toString(),
      }),
    );
  }

  /** Posts a form with a file (multipart/form-data), as a browser does; the CSRF token added. */
  async postFile(
    url: string,
    fields: Record<string, string>,
    file: { field: string; name: string; bytes: Buffer; type?: string } | null,
  ): Promise<LightMyRequestResponse> {
    if (!this.csrfToken) await this.get('/sign-in');
    const form = new FormData();
    form.append('_csrf', this.csrfToken ?? '');
    for (const [k, v] of Object.entries(fields)) form.append(k, v);
    if (file)
      form.append(
        file.field,
        new Blob([new Uint8Array(file.bytes)], { type: file.type ?? 'application/octet-stream' }),
        file.name,
      );
    const encoded = new Response(form);
    return this.remember(
      await this.app.inject({
        method: 'POST',
        url,
        headers: {
          cookie: this.cookieHeader(),
          'content-type': encoded.headers.get('content-type')!,
        },
        payload: Buffer.from(await encoded.arrayBuffer()),
      }),
    );
  }
}

/** Signs a demo (or any) account in, through the second factor when it has one. */
export async function signIn(
  app: FastifyInstance,
  email: string,
  options: { password?: string; totpSecret?: string | undefined; now?: Date } = {},
): Promise<Agent> {
  const agent = new Agent(app);
  await agent.get('/sign-in');
  const response = await agent.post('/sign-in', {
    email,
    password: options.password ?? DEMO_PASSWORD,
  });
  if (response.statusCode !== 303)
    throw new Error(`sign-in failed for ${email}: ${response.statusCode}`);
  if (response.headers.location?.startsWith('/sign-in/second-factor')) {
    const secret = options.totpSecret ?? DEMO_ACCOUNTS.find((a) => a.email === email)?.totpSecret;
    if (!secret) throw new Error(`${email} needs a second factor`);
    await agent.get('/sign-in/second-factor');
    const second = await agent.post('/sign-in/second-factor', {
      code: totpCode(secret, options.now),
    });
    if (second.statusCode !== 303)
      throw new Error(
        `second factor failed for ${email}: ${second.statusCode} ${second.body.slice(0, 500)}`,
      );
  }
  await agent.get('/');
  return agent;
}

/**
 * Signs in the demo account for a role. A replayed second-factor code is refused, so an account
 * with a second factor signs in at a moment after the last code it used (the account's
 * totp_last_step), which may be later than the clock says when an earlier test ran the clock
 * on; the clock is put back afterwards, so the test goes on at the moment it chose.
 */
export async function signInAs(
  t: TestApp,
  role: (typeof DEMO_ACCOUNTS)[number]['role'],
): Promise<Agent> {
  const { email, totpSecret } = demoAccount(role);
  if (!totpSecret) return signIn(t.app, email);
  const kept = t.clock.current;
  await clockPastLastCode(t, email);
  try {
    return await signIn(t.app, email, { now: t.clock.now() });
  } finally {
    t.clock.current = kept;
  }
}

/**
 * Moves the clock, if it must, into the first 30-second step after the last second-factor code
 * the account used (its totp_last_step), where its next code is accepted rather than refused as
 * a replay. Tests begin at the same moment, but the codes earlier tests used are in the database.
 */
export async function clockPastLastCode(t: TestApp, email: string): Promise<void> {
  const [row] = await queryRows<{ step: string | null }>(
    t.services.db,
    sql`select totp_last_step as step from users where email = ${email}`,
  );
  const unused = row?.step == null ? 0 : (Number(row.step) + 1) * 30_000 + 1_000;
  t.clock.current = new Date(Math.max(t.clock.current.getTime(), unused));
}

/** The principal an account acts as, for calling services directly in a test. */
export async function principalFor(t: TestApp, email: string): Promise<UserPrincipal> {
  const userId = await findUserIdByEmail(t.services.db, email);
  if (!userId) throw new Error(`no account for ${email}`);
  const summary = await t.services.users.summary(userId);
  return {
    kind: 'user',
    userId,
    displayName: summary!.displayName,
    email,
    roles: await loadRoles(t.services.db, userId),
  };
}

/** The id of a reference group (the five corporate IAGs) by its code, e.g. 'iag-race'. */
export async function groupIdByCode(t: TestApp, code: string): Promise<string> {
  const [row] = await queryRows<{ id: string }>(
    t.services.db,
    sql`select id from advisory_groups where code = ${code}`,
  );
  if (!row) throw new Error(`No group with the code ${code}`);
  return row.id;
}

/** A GOV.UK date input's three fields (`name-day`, `name-month`, `name-year`) for a date. */
export function dateFields(name: string, iso: string): Record<string, string> {
  return {
    [`${name}-day`]: String(Number(iso.slice(8))),
    [`${name}-month`]: String(Number(iso.slice(5, 7))),
    [`${name}-year`]: iso.slice(0, 4),
  };
}
