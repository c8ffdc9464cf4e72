/** The SMTP transport against a real SMTP peer on a local port (no database). */
import assert from 'node:assert/strict';
import type { AddressInfo } from 'node:net';
import { after, before, describe, test } from 'node:test';
import { SMTPServer } from 'smtp-server';
import { smtpTransport } from './service.js';

interface Received {
  from: string | undefined;
  to: string[];
  raw: string;
}

const received: Received[] = [];
let refuse = false;
let server: SMTPServer;
let port: number;

before(async () => {
  server = new SMTPServer({
    authOptional: true,
    disabledCommands: ['STARTTLS'],
    logger: false,
    onRcptTo(address, _session, callback) {
      if (refuse) {
        const error = new Error('Mailbox unavailable') as Error & { responseCode: number };
        error.responseCode = 550;
        callback(error);
      } else callback();
    },
    onData(stream, session, callback) {
      const chunks: Buffer[] = [];
      stream.on('data', (c: Buffer) => chunks.push(c));
      stream.on('end', () => {
        received.push({
          from: session.envelope.mailFrom ? session.envelope.mailFrom.address : undefined,
          to: session.envelope.rcptTo.map((r) => r.address),
          raw: Buffer.concat(chunks).toString('utf8'),
        });
        callback();
      });
    },
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  port = (server.server.address() as AddressInfo).port;
});
after(() => new Promise<void>((resolve) => server.close(() => resolve())));

describe('smtpTransport', () => {
  test('delivers a message with its sender, recipient, subject and body', async () => {
    const send = smtpTransport(`smtp://127.0.0.1:${port}`);
    await send({
      from: 'Bridge <no-reply@bridge.localhost>',
      to: 'pat@example.org',
      subject: 'Reset your Bridge password',
      text: 'Open this link: http://localhost:3000/reset-password/abc',
    });
    const message = received.at(-1);
    assert.ok(message, 'the SMTP peer received a message');
    assert.equal(message.from, 'no-reply@bridge.localhost');
    assert.deepEqual(message.to, ['pat@example.org']);
    assert.match(message.raw, /^Subject: Reset your Bridge password\r?$/m);
    assert.match(message.raw, /http:\/\/localhost:3000\/reset-password\/abc/);
  });

  test('STARTTLS with an untrusted certificate is refused, unless the URL says ignoreTLS', async () => {
    // smtp-server offers STARTTLS with its own self-signed certificate unless told not to.
    const tls = new SMTPServer({
      authOptional: true,
      logger: false,
      onData(stream, _session, callback) {
        stream.resume();
        stream.on('end', () => callback());
      },
    });
    await new Promise<void>((resolve) => tls.listen(0, '127.0.0.1', resolve));
    const tlsPort = (tls.server.address() as AddressInfo).port;
    const message = {
      from: 'no-reply@bridge.localhost',
      to: 'sam@example.org',
      subject: 'Hi',
      text: 'Hi',
    };
    try {
      await assert.rejects(smtpTransport(`smtp://127.0.0.1:${tlsPort}`)(message), /certificate/i);
      await smtpTransport(`smtp://127.0.0.1:${tlsPort}?ignoreTLS=true`)(message);
    } finally {
      await new Promise<void>((resolve) => tls.close(() => resolve()));
    }
  });

  test('a refusal by the peer rejects, with the peer’s reason', async () => {
    refuse = true;
    const before = received.length;
    try {
      await assert.rejects(
        smtpTransport(`smtp://127.0.0.1:${port}`)({
          from: 'no-reply@bridge.localhost',
          to: 'nobody@example.org',
          subject: 'Hello',
          text: 'Hello',
        }),
        /Mailbox unavailable/,
      );
    } finally {
      refuse = false;
    }
    assert.equal(received.length, before);
  });

  test('no peer listening rejects', async () => {
    const closed = new SMTPServer({ authOptional: true, logger: false });
    await new Promise<void>((resolve) => closed.listen(0, '127.0.0.1', resolve));
    const freePort = (closed.server.address() as AddressInfo).port;
    await new Promise<void>((resolve) => closed.close(() => resolve()));
    await assert.rejects(
      smtpTransport(`smtp://127.0.0.1:${freePort}`)({
        from: 'no-reply@bridge.localhost',
        to: 'nobody@example.org',
        subject: 'Hello',
        text: 'Hello',
      }),
    );
  });
});
