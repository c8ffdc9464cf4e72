/**
 * E-mail delivered through a real SMTP peer (smtp-server on a local port): the reset link
 * arrives, a refusal leaves the message pending with a later attempt, and the outbox page
 * is gone once Bridge delivers mail.
 */
import assert from 'node:assert/strict';
import type { AddressInfo } from 'node:net';
import { after, afterEach, before, describe, test } from 'node:test';
import { SMTPServer } from 'smtp-server';
import { smtpTransport } from '../../src/platform/mail/service.js';
import { Agent, createTestApp, type TestApp } from '../app.js';
import { accountFor, makeAccount, signInAsRole } from '../factories/accounts.js';

interface Received {
  to: string[];
  raw: string;
}

const received: Received[] = [];
let refuse = false;
let server: SMTPServer;
let t: TestApp;

before(async () => {
  server = new SMTPServer({
    authOptional: true,
    disabledCommands: ['STARTTLS'],
    logger: false,
    onRcptTo(_address, _session, callback) {
      if (!refuse) return callback();
      const error = new Error('Requested action not taken: mailbox unavailable') as Error & {
        responseCode: number;
      };
      error.responseCode = 550;
      callback(error);
    },
    onData(stream, session, callback) {
      const chunks: Buffer[] = [];
      stream.on('data', (c: Buffer) => chunks.push(c));
      stream.on('end', () => {
        received.push({
          to: session.envelope.rcptTo.map((r) => r.address),
          raw: Buffer.concat(chunks).toString('utf8'),
        });
        callback();
      });
    },
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  const { port } = server.server.address() as AddressInfo;
  t = await createTestApp({
    demo: false,
    mailTransport: smtpTransport(`smtp://127.0.0.1:${port}`),
  });
});
after(async () => {
  await t.close();
  await new Promise<void>((resolve) => server.close(() => resolve()));
});
// Each test begins at the same moment, whatever the tests before it did to the clock.
afterEach(() => t.clock.reset());

async function askForReset(email: string): Promise<void> {
  const agent = new Agent(t.app);
  await agent.get('/forgotten-password');
  const response = await agent.post('/forgotten-password', { email });
  assert.equal(response.statusCode, 200);
  assert.match(response.body, /Check your e-mail/);
  // The link is sent after the answer (issue 21 item 22).
  await t.services.auth.settled();
}

async function outboxTo(address: string) {
  const { items } = await t.services.mail.list({ limit: 1000, offset: 0 });
  return items.filter((m) => m.toAddress === address);
}

/** The raw message as it arrived, with quoted-printable soft line breaks undone. */
function decoded(raw: string): string {
  return raw.replace(/=\r?\n/g, '').replace(/=3D/g, '=');
}

describe('with an SMTP server', () => {
  test('the reset e-mail is delivered by the mail sweep, with a working link', async () => {
    const email = (await accountFor(t, 'ctset')).email;
    const before = received.length;
    await askForReset(email);
    const [queued] = await outboxTo(email);
    assert.equal(queued?.status, 'pending', 'queued for delivery, not held');
    assert.equal(received.length, before, 'nothing is sent inside the request');

    const sent = await t.services.mail.deliverDue(t.clock.now());
    assert.equal(sent, 1);
    assert.equal(received.length, before + 1);
    const message = received.at(-1)!;
    assert.deepEqual(message.to, [email]);
    assert.match(message.raw, /^Subject: Reset your Bridge password\r?$/m);
    assert.match(message.raw, /^From: Bridge <no-reply@bridge\.localhost>\r?$/m);
    const link = /http:\/\/localhost:3000(\/reset-password\/[\w-]{43})/.exec(decoded(message.raw));
    assert.ok(link, 'the message carries the reset link');

    const [after] = await outboxTo(email);
    assert.equal(after?.status, 'sent');
    assert.equal(after?.attempts, 1);
    assert.equal(after?.sentAt?.getTime(), t.clock.now().getTime());
    assert.equal(await t.services.mail.deliverDue(t.clock.now()), 0, 'sent only once');

    const browser = new Agent(t.app);
    assert.equal((await browser.get(link[1]!)).statusCode, 200);
    const reset = await browser.post(link[1]!, {
      newPassword: 'Tangerine violin quarry 47',
      confirmPassword: 'Tangerine violin quarry 47',
    });
    assert.equal(reset.statusCode, 303);
    const signIn = new Agent(t.app);
    await signIn.get('/sign-in');
    const signedIn = await signIn.post('/sign-in', {
      email,
      password: 'Tangerine violin quarry 47',
    });
    assert.equal(signedIn.statusCode, 303);
  });

  test('when the SMTP server refuses, the message stays pending with a later next attempt', async () => {
    const email = (await accountFor(t, 'requester')).email;
    await askForReset(email);
    refuse = true;
    const before = received.length;
    try {
      assert.equal(await t.services.mail.deliverDue(t.clock.now()), 0);
    } finally {
      refuse = false;
    }
    assert.equal(received.length, before);
    const [failed] = await outboxTo(email);
    assert.equal(failed?.status, 'pending');
    assert.equal(failed?.attempts, 1);
    assert.equal(failed?.nextAttemptAt.getTime(), t.clock.now().getTime() + 60_000);
    assert.match(failed?.lastError ?? '', /mailbox unavailable/);

    // Not yet due: nothing is tried.
    assert.equal(await t.services.mail.deliverDue(t.clock.now()), 0);
    assert.equal(received.length, before);

    // A minute later it goes.
    t.clock.advanceMinutes(1);
    assert.equal(await t.services.mail.deliverDue(t.clock.now()), 1);
    assert.deepEqual(received.at(-1)?.to, [email]);
    const [sent] = await outboxTo(email);
    assert.equal(sent?.status, 'sent');
    assert.equal(sent?.attempts, 2);
    assert.equal(sent?.lastError, null);
  });

  test('repeated refusals back off, doubling, and give up after 8 attempts', async () => {
    const email = (await accountFor(t, 'director')).email;
    await askForReset(email);
    refuse = true;
    try {
      const waits: number[] = [];
      for (let attempt = 1; attempt <= 8; attempt++) {
        assert.equal(await t.services.mail.deliverDue(t.clock.now()), 0);
        const [row] = await outboxTo(email);
        assert.equal(row?.attempts, attempt);
        if (attempt < 8) {
          assert.equal(row?.status, 'pending');
          const wait = (row!.nextAttemptAt.getTime() - t.clock.now().getTime()) / 60_000;
          waits.push(wait);
          t.clock.advanceMinutes(wait);
        } else assert.equal(row?.status, 'failed');
      }
      assert.deepEqual(waits, [1, 2, 4, 8, 16, 32, 64]);
    } finally {
      refuse = false;
    }
    t.clock.advanceMinutes(24 * 60);
    assert.equal(
      await t.services.mail.deliverDue(t.clock.now()),
      0,
      'a failed message is not retried',
    );
  });

  test('the outbox page is not found when mail is delivered, and not in the navigation', async () => {
    const admin = await signInAsRole(t, 'administrator');
    const list = await admin.get('/admin/outbox');
    assert.equal(list.statusCode, 404);
    // A message of its own, so that this test needs none of the others'.
    const email = (await makeAccount(t, { role: 'advisor' })).email;
    await askForReset(email);
    const [message] = await outboxTo(email);
    assert.ok(message);
    assert.equal((await admin.get(`/admin/outbox/${message.id}`)).statusCode, 404);
    const home = await admin.get('/');
    assert.doesNotMatch(home.body, /href="\/admin\/outbox"/);
    assert.match(home.body, /href="\/admin\/users"/);
  });
});
