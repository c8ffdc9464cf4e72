/**
 * Issue 21, the HTTP edges: bad input never gives a 500, `next` never leaves the site, multipart
 * bodies are read only where a file is expected, client addresses come from trusted proxies
 * only, and the forgotten-password answer does not tell who has an account.
 */
import assert from 'node:assert/strict';
import { createHash } from 'node:crypto';
import { readdirSync, readFileSync } from 'node:fs';
import { readdir } from 'node:fs/promises';
import path from 'node:path';
import net from 'node:net';
import { after, before, describe, test } from 'node:test';
import { Agent, createTestApp, type TestApp } from '../app.js';
import { accountFor, FACTORY_PASSWORD, makeAccount, signInAsRole } from '../factories/accounts.js';
import { makeGroup } from '../factories/groups.js';

let t: TestApp;
/** A group on the register, for the pages that belong to one. */
let groupId: string;
before(async () => {
  t = await createTestApp({ demo: false });
  groupId = (await makeGroup(t)).id;
});
after(() => t.close());

/** An API token issued by the administrator, through the page that issues them. */
async function apiToken(scopes: string[]): Promise<string> {
  const admin = await signInAsRole(t, 'administrator');
  const page = await admin.post('/admin/api-tokens/new', { name: `Test ${Date.now()}`, scopes });
  const token = /data-testid="api-token">([^<]+)</.exec(page.body)?.[1];
  assert.ok(token, 'the token is shown once');
  return token;
}

function api(method: 'GET' | 'POST' | 'PUT', url: string, token: string, body?: unknown) {
  return t.app.inject({
    method,
    url,
    headers: { authorization: `Bearer ${token}` },
    ...(body === undefined ? {} : { payload: body as Record<string, unknown> }),
  });
}

const UUID = '[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}';

describe('issue 21 item 5: absurd page numbers', () => {
  const ABSURD = ['1e400', '-1', '99999999999999999999', '1.5', 'NaN', 'Infinity', '0x10', ''];

  test('issue 21 item 5: every list page treats an absurd page number as the first page, never a 500', async () => {
    const lists = t.routes
      .filter((r) => r.method === 'GET' && !r.url.includes(':') && !r.url.includes('*'))
      .filter(
        (r) => !r.url.startsWith('/api/') && !r.url.endsWith('.csv') && !r.url.endsWith('.ics'),
      )
      .map((r) => r.url);
    assert.ok(lists.includes('/directory') && lists.includes('/tracker/dashboard'), 'list pages');
    for (const role of ['administrator', 'coordination_unit'] as const) {
      const agent = await signInAsRole(t, role);
      for (const value of ABSURD) {
        const qs = ['page', 'overduePage', 'unownedPage', 'sourcesPage']
          .map((p) => `${p}=${encodeURIComponent(value)}`)
          .join('&');
        for (const url of lists) {
          const response = await agent.get(`${url}?${qs}`);
          assert.ok(response.statusCode < 500, `${role} ${url}?${qs}: ${response.statusCode}`);
        }
      }
    }
  });

  test("issue 21 item 5: a group's meetings at page 1e400 show the first page", async () => {
    const agent = await signInAsRole(t, 'coordination_unit');
    const first = await agent.get(`/groups/${groupId}/meetings`);
    assert.equal(first.statusCode, 200);
    for (const value of ['1e400', '-3', '99999999999999999999']) {
      const response = await agent.get(`/groups/${groupId}/meetings?page=${value}`);
      assert.equal(response.statusCode, 200, `page=${value}`);
      const heading = (body: string) => /<h1[^>]*>([^<]+)<\/h1>/.exec(body)?.[1];
      assert.equal(heading(response.body), heading(first.body));
    }
  });

  test('issue 21 item 5: the API answers an absurd page with 400 naming the parameter', async () => {
    const token = await apiToken(['directory:read']);
    const response = await api('GET', '/api/v1/people?page=1e400', token);
    assert.equal(response.statusCode, 400);
    assert.match(String(response.headers['content-type']), /application\/problem\+json/);
    assert.equal(response.json().errors[0].field, 'page');
  });
});

describe('issue 21 items 5 and 17: where sign-in goes next', () => {
  const NASTY = [
    '/%09/evil.example/phish',
    '//evil.example',
    '/\\evil.example',
    '/.//evil.example',
    'https://evil.example/',
    '/directory%0d%0aSet-Cookie:%20a=b',
    '/directory%0aX',
  ];

  test('issue 21 item 17: a signed-in person is never sent off the site by next', async () => {
    const agent = await signInAsRole(t, 'coordination_unit');
    for (const next of NASTY) {
      const response = await agent.get(`/sign-in?next=${next}`);
      assert.equal(response.statusCode, 303, next);
      assert.equal(response.headers.location, '/', next);
    }
    const local = await agent.get(`/sign-in?next=${encodeURIComponent('/directory?q=Zoë')}`);
    assert.equal(local.headers.location, '/directory?q=Zo%C3%AB');
  });

  test('issue 21 item 5: next with CR/LF or non-ASCII characters signs in and goes somewhere safe', async () => {
    const account = await accountFor(t, 'requester');
    for (const next of ['/directory\r\nSet-Cookie: a=b', '/directory?q=€ ü', '/\t/evil.example']) {
      const agent = new Agent(t.app);
      await agent.get(`/sign-in?next=${encodeURIComponent(next)}`);
      const response = await agent.post('/sign-in', {
        email: account.email,
        password: FACTORY_PASSWORD,
        next,
      });
      assert.equal(
        response.statusCode,
        303,
        `${JSON.stringify(next)}: ${response.body.slice(0, 200)}`,
      );
      const location = response.headers.location as string;
      assert.ok(location.startsWith('/') && !location.startsWith('//'), location);
      assert.doesNotMatch(location, /[\r\n\t]|[^\x21-\x7e]/);
      // The person is signed in and the page they land on shows it.
      const home = await agent.get('/');
      assert.match(home.body, /Sign out/);
    }
  });
});

describe('issue 21 item 24: sessions and caches', () => {
  test('issue 21 item 24: signing in renews the CSRF secret, so a token from before no longer works', async () => {
    const account = await accountFor(t, 'requester');
    const agent = new Agent(t.app);
    await agent.get('/sign-in');
    const secretBefore = agent.cookies.get('bridge_csrf');
    const tokenBefore = agent.csrfToken!;
    assert.ok(secretBefore && tokenBefore);
    const signedIn = await agent.post('/sign-in', {
      email: account.email,
      password: FACTORY_PASSWORD,
    });
    assert.equal(signedIn.statusCode, 303);
    assert.equal(agent.cookies.get('bridge_csrf'), undefined, 'the old secret is cleared');
    await agent.get('/account/password');
    const secretAfter = agent.cookies.get('bridge_csrf');
    assert.ok(secretAfter && secretAfter !== secretBefore, 'a new secret');
    // The old token, sent with the new secret, is refused; the new one works.
    const tokenAfter = agent.csrfToken!;
    agent.csrfToken = tokenBefore;
    const stale = await agent.post('/account/password', {});
    assert.equal(stale.statusCode, 403);
    agent.csrfToken = tokenAfter;
    const fresh = await agent.post('/account/password', {});
    assert.equal(fresh.statusCode, 400);
    assert.match(fresh.body, /Enter your current password/);
  });

  test('issue 21 item 24: API answers are never cached, errors included', async () => {
    const token = await apiToken(['directory:read']);
    const ok = await api('GET', '/api/v1/people', token);
    assert.equal(ok.statusCode, 200);
    assert.equal(ok.headers['cache-control'], 'no-store');
    const missing = await api('GET', '/api/v1/people/00000000-0000-4000-8000-000000000000', token);
    assert.equal(missing.statusCode, 404);
    assert.equal(missing.headers['cache-control'], 'no-store');
    const unauthenticated = await t.app.inject({ method: 'GET', url: '/api/v1/people' });
    assert.equal(unauthenticated.statusCode, 401);
    assert.equal(unauthenticated.headers['cache-control'], 'no-store');
  });
});

describe('issue 21 item 19: client addresses behind a proxy', () => {
  test('issue 21 item 19: a forged X-Forwarded-For entry is not taken as the client address', async () => {
    // inject's connections come from 127.0.0.1, standing for the load balancer.
    for (const trustProxy of [1, ['127.0.0.1']]) {
      const proxied = await createTestApp({ demo: false, config: { trustProxy } });
      try {
        const requester = await makeAccount(proxied, { role: 'requester' });
        const forwarded = { 'x-forwarded-for': '6.6.6.6, 203.0.113.9' };
        const agent = new Agent(proxied.app);
        await agent.get('/sign-in', forwarded);
        const params = new URLSearchParams({
          email: requester.email,
          password: FACTORY_PASSWORD,
          _csrf: agent.csrfToken!,
        });
        const response = await proxied.app.inject({
          method: 'POST',
          url: '/sign-in',
          headers: {
            ...forwarded,
            cookie: [...agent.cookies].map(([k, v]) => `${k}=${encodeURIComponent(v)}`).join('; '),
            'content-type': 'application/x-www-form-urlencoded',
          },
          payload: params.toString(),
        });
        assert.equal(response.statusCode, 303);
        agent.cookies.set(
          'bridge_session',
          response.cookies.find((c) => c.name === 'bridge_session')!.value,
        );
        const sessions = await agent.get('/account/sessions', forwarded);
        assert.equal(sessions.statusCode, 200);
        assert.match(sessions.body, /203\.0\.113\.9/, JSON.stringify(trustProxy));
        assert.doesNotMatch(sessions.body, /6\.6\.6\.6/, JSON.stringify(trustProxy));
      } finally {
        await proxied.close();
      }
    }
  });
});

/**
 * Sends the headers of a POST declaring a body of `declaredBytes`, and only the first `sentBytes`
 * of it, then waits for the answer's status: an answer that needed the whole body never comes.
 */
async function answerToPartialPost(
  port: number,
  url: string,
  headers: Record<string, string>,
  declaredBytes: number,
  sentBytes: number,
): Promise<number> {
  return new Promise((resolve, reject) => {
    const socket = net.connect(port, '127.0.0.1');
    const timer = setTimeout(() => {
      socket.destroy();
      reject(new Error(`no answer from ${url} without the whole body`));
    }, 5000);
    let received = '';
    socket.on('data', (chunk) => {
      received += chunk.toString('latin1');
      const status = /^HTTP\/1\.1 (\d{3})/.exec(received);
      if (status) {
        clearTimeout(timer);
        socket.destroy();
        resolve(Number(status[1]));
      }
    });
    socket.on('error', (error) => {
      clearTimeout(timer);
      reject(error);
    });
    const head = [
      `POST ${url} HTTP/1.1`,
      'Host: 127.0.0.1',
      `Content-Length: ${declaredBytes}`,
      ...Object.entries(headers).map(([k, v]) => `${k}: ${v}`),
      '',
      '',
    ].join('\r\n');
    socket.write(head);
    socket.write(Buffer.alloc(sentBytes, 'a'));
  });
}

describe('issue 21 item 18: multipart bodies', () => {
  const MULTIPART = { 'Content-Type': 'multipart/form-data; boundary=----bridge' };
  const TEN_MB = 10 * 1024 * 1024;

  test('issue 21 item 18: a multipart POST to a form without a file is refused before its body is read', async () => {
    const address = await t.app.listen({ port: 0, host: '127.0.0.1' });
    const port = Number(new URL(address).port);
    // Signed out, to a form that takes no file: 415 with 64KB of a 10MB body sent.
    assert.equal(await answerToPartialPost(port, '/sign-in', MULTIPART, TEN_MB, 65536), 415);
    assert.equal(
      await answerToPartialPost(port, '/forgotten-password', MULTIPART, TEN_MB, 65536),
      415,
    );
    // Signed out, to a form that does take a file: sent to sign in, the body unread.
    const upload = `/advice-requests/00000000-0000-4000-8000-000000000000/documents/new`;
    assert.equal(await answerToPartialPost(port, upload, MULTIPART, TEN_MB, 65536), 303);
    // Signed in, to a form without a file: the same 415, and the page says so.
    const agent = await signInAsRole(t, 'coordination_unit');
    const cookie = [...agent.cookies].map(([k, v]) => `${k}=${encodeURIComponent(v)}`).join('; ');
    assert.equal(
      await answerToPartialPost(
        port,
        '/directory/people/new',
        { ...MULTIPART, Cookie: cookie },
        TEN_MB,
        65536,
      ),
      415,
    );
    const refused = await agent.postFile('/directory/people/new', { fullName: 'Ann Other' }, null);
    assert.equal(refused.statusCode, 415);
    assert.match(refused.body, /This form does not take a file/);
  });

  test('issue 21 item 18: an upload with a wrong CSRF token is refused before its file is written', async () => {
    const officer = await signInAsRole(t, 'authority_officer');
    const incoming = t.services.files.incomingDir;
    const before = await readdir(incoming).catch(() => []);
    officer.csrfToken = 'not-the-token';
    const response = await officer.postFile(
      '/tracker/import',
      {},
      { field: 'file', name: 'source.csv', bytes: Buffer.alloc(512 * 1024, 'a'), type: 'text/csv' },
    );
    assert.equal(response.statusCode, 403);
    assert.deepEqual(await readdir(incoming).catch(() => []), before);
  });

  test('issue 21 item 18: a file over the limit is refused, and nothing received is left on disk', async () => {
    const officer = await signInAsRole(t, 'authority_officer');
    await officer.get('/tracker/import');
    const tooLarge = await officer.postFile(
      '/tracker/import',
      {},
      {
        field: 'file',
        name: 'big.csv',
        bytes: Buffer.alloc(6 * 1024 * 1024, 'a'),
        type: 'text/csv',
      },
    );
    assert.equal(tooLarge.statusCode, 400);
    assert.match(tooLarge.body, /The selected file must be smaller than 5MB/);
    // Nothing is left behind in the incoming directory, kept or refused.
    assert.deepEqual(await readdir(t.services.files.incomingDir).catch(() => []), []);
  });
});

describe('issue 21 item 4: the null character', () => {
  const NUL_TEXT = 'Ann\u0000Other';

  /** The names of a form page's text boxes (not hidden, radios, checkboxes or files). */
  function textFields(html: string): string[] {
    const inputs = [...html.matchAll(/<input\b[^>]*>/g)]
      .map((m) => m[0])
      .filter((tag) => !/type="(hidden|radio|checkbox|file|submit)"/.test(tag));
    const names = [...inputs, ...[...html.matchAll(/<textarea\b[^>]*>/g)].map((m) => m[0])]
      .map((tag) => /name="([^"]+)"/.exec(tag)?.[1])
      .filter((n): n is string => Boolean(n));
    return [...new Set(names)];
  }

  async function refusesEveryField(agent: Agent, url: string) {
    const form = await agent.get(url);
    assert.equal(form.statusCode, 200, `${url}: ${form.statusCode}`);
    const fields = textFields(form.body);
    assert.ok(fields.length > 0, `${url} has text boxes`);
    const response = await agent.post(url, Object.fromEntries(fields.map((f) => [f, NUL_TEXT])));
    assert.equal(
      response.statusCode,
      400,
      `${url}: ${response.statusCode} ${response.body.slice(0, 300)}`,
    );
    assert.match(response.body, /There is a problem/, url);
    // Each field is named in the summary, linked to its box, with its message beside it.
    for (const name of fields) {
      // A date's three boxes are one field, its error against the day.
      const date = /^(.+)-(day|month|year)$/.exec(name)?.[1];
      const link = date ? `${date}-day` : name;
      assert.ok(response.body.includes(`href="#${link}"`), `${url}: the summary links to ${link}`);
      assert.match(
        response.body,
        new RegExp(`id="${date ?? name}-error"[^>]*>[\\s\\S]*?must not include a null character`),
        `${url}: ${name}`,
      );
    }
    // What was typed comes back without the character.
    assert.ok(response.body.includes('AnnOther'), url);
    assert.ok(!response.body.includes('\u0000'), url);
  }

  test('issue 21 item 4: a null character in any text box of a form is refused, naming the field, on every module', async () => {
    const coordination = await signInAsRole(t, 'coordination_unit');
    for (const url of [
      '/directory/people/new',
      '/directory/organisations/new',
      '/groups/new',
      '/tracker/new',
    ])
      await refusesEveryField(coordination, url);
    await refusesEveryField(coordination, `/groups/${groupId}/meetings/new`);
    await refusesEveryField(await signInAsRole(t, 'requester'), '/advice-requests/new');
    await refusesEveryField(await signInAsRole(t, 'advisor'), '/expenses/new');
    await refusesEveryField(await signInAsRole(t, 'ctset'), '/advice-offers/new');
    await refusesEveryField(await signInAsRole(t, 'administrator'), '/admin/users/new');
    // Signed out: the sign-in and forgotten-password forms.
    const visitor = new Agent(t.app);
    await refusesEveryField(visitor, '/sign-in');
    await refusesEveryField(visitor, '/forgotten-password');
    // Nothing was saved.
    const people = await coordination.get('/directory/people?q=AnnOther');
    assert.equal(people.statusCode, 200);
    assert.doesNotMatch(
      people.body,
      new RegExp(`href="/directory/people/${UUID}"[^>]*>\\s*AnnOther`),
    );
  });

  test('issue 21 item 4: a null character in a query string is refused with 400 naming it', async () => {
    const agent = await signInAsRole(t, 'coordination_unit');
    const response = await agent.get('/directory/people?q=Ann%00');
    assert.equal(response.statusCode, 400);
    assert.match(response.body, /Q must not include a null character/);
  });

  test('issue 21 item 4: the API answers a null character with 400 problem+json naming the field', async () => {
    const token = await apiToken(['directory:read', 'directory:write']);
    const response = await api('POST', '/api/v1/organisations', token, {
      name: 'Camden\u0000 Forum',
      kind: 'community',
      description: 'Fine',
    });
    assert.equal(response.statusCode, 400, response.body);
    assert.match(String(response.headers['content-type']), /application\/problem\+json/);
    assert.deepEqual(
      response.json().errors.map((e: { field: string }) => e.field),
      ['name'],
    );
    const search = await api('GET', '/api/v1/people?q=a%00', token);
    assert.equal(search.statusCode, 400);
    assert.equal(search.json().errors[0].field, 'q');
  });

  test("issue 21 item 4: a null character in a group's member list is refused, naming the list", async () => {
    const agent = await signInAsRole(t, 'coordination_unit');
    const url = `/groups/${groupId}/members/import`;
    assert.equal((await agent.get(url)).statusCode, 200);
    const response = await agent.post(url, {
      csv: 'name,first_joined\nAnn\u0000 Other,2020-01-01\n',
    });
    assert.equal(response.statusCode, 400);
    assert.ok(response.body.includes('href="#csv"'));
    assert.match(response.body, /CSV must not include a null character \(U\+0000\)/);
  });

  test('issue 21 item 4: a null character in a file form field or an imported CSV is refused', async () => {
    const officer = await signInAsRole(t, 'authority_officer');
    await officer.get('/tracker/import');
    const csv = readFileSync(
      path.resolve(
        'examples/tracker',
        readdirSync(path.resolve('examples/tracker')).find((f) => f.endsWith('.csv'))!,
      ),
      'utf8',
    );
    const lines = csv.split('\n');
    lines[2] = lines[2]!.replace(/[A-Za-z]/, (c) => `${c}\u0000`);
    const response = await officer.postFile(
      '/tracker/import',
      {},
      {
        field: 'file',
        name: 'source.csv',
        bytes: Buffer.from(lines.join('\n')),
        type: 'text/csv',
      },
    );
    assert.equal(response.statusCode, 400);
    assert.match(response.body, /Line 3: remove the null character \(U\+0000\)/);
  });
});

describe('issue 21 item 22: forgotten password', () => {
  test('issue 21 item 22: the answer does the same work for an address with an account and one without', async () => {
    const queries: string[] = [];
    const app = await createTestApp({
      demo: false,
      onQuery: (query) => void queries.push(query),
    });
    try {
      const known = (await makeAccount(app, { role: 'ctset' })).email;
      const unknown = 'nobody-here@example.org';
      const answer = async (email: string) => {
        const agent = new Agent(app.app);
        await agent.get('/forgotten-password');
        await app.services.auth.settled();
        queries.length = 0;
        const response = await agent.post('/forgotten-password', { email });
        const before = [...queries];
        await app.services.auth.settled();
        return { response, before, after: queries.slice(before.length) };
      };
      const a = await answer(known);
      const b = await answer(unknown);
      // The same page, and the same statements before it was sent: none looks the address up.
      for (const { response } of [a, b]) {
        assert.equal(response.statusCode, 200);
        assert.match(response.body, /Check your e-mail/);
      }
      assert.deepEqual(a.before, b.before);
      assert.ok(!a.before.some((q) => /"users"/.test(q)), a.before.join('\n'));
      // Afterwards the account's link is sent; the unknown address gets nothing.
      assert.ok(
        a.after.some((q) => /insert into "mail_outbox"/i.test(q)),
        'the link is queued after',
      );
      assert.ok(!b.after.some((q) => /insert into/i.test(q)), 'nothing is written for no account');
      const { items } = await app.services.mail.list({ limit: 1000, offset: 0 });
      const mail = items.find((m) => m.toAddress === known);
      assert.ok(mail, 'the reset e-mail is in the outbox');
      assert.match(mail.subject, /Reset your Bridge password/);
      assert.equal(items.filter((m) => m.toAddress === unknown).length, 0);
    } finally {
      await app.close();
    }
  });
});

test('every page carries the security headers, a new nonce in its content security policy each time, and no inline script', async () => {
  const first = await new Agent(t.app).get('/advisory-groups');
  const second = await new Agent(t.app).get('/advisory-groups');
  // The page's scripts are files of Bridge's own ('self'): no script is written into a page, so
  // a page holds nothing made for one answer and a public one can be kept (http/public-cache.ts).
  // Inline, only the GOV.UK template's one line marking the page as having JavaScript, which
  // the policy allows by its hash (a browser hashes the script's text exactly as written).
  const scripts = [...first.body.matchAll(/<script\b[^>]*>([^<]*)<\/script>/g)];
  assert.deepEqual(
    scripts.map((m) => (m[1] ? m[0].replace(m[1], '…') : m[0])),
    ['<script>…</script>', '<script type="module" src="/assets/bridge/init.js"></script>'],
  );
  const inlineHash = createHash('sha256').update(scripts[0]![1]!).digest('base64');
  const nonces = (csp: unknown) =>
    [...String(csp).matchAll(/'nonce-([0-9a-f]{32})'/g)].map((m) => m[1]);
  const [scriptNonce] = nonces(first.headers['content-security-policy']);
  assert.ok(scriptNonce, 'the policy has a nonce');
  assert.notEqual(
    nonces(second.headers['content-security-policy'])[0],
    scriptNonce,
    'each answer its own nonce',
  );
  const headers = first.headers;
  const csp = String(headers['content-security-policy']).replace(
    /'nonce-([0-9a-f]{32})'/g,
    (_, n: string) => (n === scriptNonce ? "'nonce-SCRIPT'" : "'nonce-STYLE'"),
  );
  assert.equal(
    csp,
    [
      "default-src 'self'",
      "base-uri 'self'",
      "font-src 'self' https: data:",
      "form-action 'self'",
      "frame-ancestors 'none'",
      "img-src 'self' data:",
      "object-src 'none'",
      `script-src 'self' 'sha256-${inlineHash}' 'nonce-SCRIPT'`,
      "script-src-attr 'none'",
      "style-src 'self' 'nonce-STYLE'",
    ].join(';'),
  );
  assert.deepEqual(
    Object.fromEntries(
      [
        'cross-origin-opener-policy',
        'cross-origin-resource-policy',
        'origin-agent-cluster',
        'referrer-policy',
        'strict-transport-security',
        'x-content-type-options',
        'x-dns-prefetch-control',
        'x-download-options',
        'x-frame-options',
        'x-permitted-cross-domain-policies',
        'x-xss-protection',
        'x-powered-by',
      ].map((name) => [name, headers[name]]),
    ),
    {
      'cross-origin-opener-policy': 'same-origin',
      'cross-origin-resource-policy': 'same-origin',
      'origin-agent-cluster': '?1',
      'referrer-policy': 'no-referrer',
      'strict-transport-security': 'max-age=31536000; includeSubDomains',
      'x-content-type-options': 'nosniff',
      'x-dns-prefetch-control': 'off',
      'x-download-options': 'noopen',
      'x-frame-options': 'SAMEORIGIN',
      'x-permitted-cross-domain-policies': 'none',
      'x-xss-protection': '0',
      'x-powered-by': undefined,
    },
  );
});
