import assert from 'node:assert/strict';
import { describe, test } from 'node:test';
import { acceptedTotpStep, newTotpSecret, totpCode, totpUri } from './totp.js';

const secret = 'JBSWY3DPEHPK3PXPJBSWY3DPEHPK3PXP';
const now = new Date('2026-11-23T10:00:10Z');
const step = Math.floor(now.getTime() / 30_000);
const seconds = (s: number) => new Date(now.getTime() + s * 1000);

describe('acceptedTotpStep', () => {
  test('the current code gives the current 30-second step', () => {
    assert.equal(acceptedTotpStep(secret, totpCode(secret, now), now), step);
  });

  test('the code of the step before or after is accepted, and names that step', () => {
    assert.equal(acceptedTotpStep(secret, totpCode(secret, seconds(-30)), now), step - 1);
    assert.equal(acceptedTotpStep(secret, totpCode(secret, seconds(30)), now), step + 1);
  });

  test('a code two steps away is refused', () => {
    assert.equal(acceptedTotpStep(secret, totpCode(secret, seconds(-60)), now), null);
    assert.equal(acceptedTotpStep(secret, totpCode(secret, seconds(60)), now), null);
  });

  test('spaces are ignored; anything but six digits is refused', () => {
    const code = totpCode(secret, now);
    assert.equal(acceptedTotpStep(secret, `${code.slice(0, 3)} ${code.slice(3)}`, now), step);
    assert.equal(acceptedTotpStep(secret, code.slice(0, 5), now), null);
    assert.equal(acceptedTotpStep(secret, `${code}0`, now), null);
    assert.equal(acceptedTotpStep(secret, 'abcdef', now), null);
    assert.equal(acceptedTotpStep(secret, '', now), null);
  });

  test('a code from another secret is refused', () => {
    const other = newTotpSecret();
    const code = totpCode(other, now);
    // One in a million chance the two secrets share a code; pick another time if so.
    if (code !== totpCode(secret, now)) assert.equal(acceptedTotpStep(secret, code, now), null);
    else assert.equal(acceptedTotpStep(secret, totpCode(other, seconds(-90)), now), null);
  });
});

describe('newTotpSecret and totpUri', () => {
  test('a secret is 160 bits in base32, and new each time', () => {
    const a = newTotpSecret();
    assert.match(a, /^[A-Z2-7]{32}$/);
    assert.notEqual(a, newTotpSecret());
  });

  test('the URI names Bridge, the person and the secret', () => {
    const uri = totpUri(secret, 'pat@example.org');
    assert.match(uri, /^otpauth:\/\/totp\/Bridge:pat%40example\.org\?/);
    assert.match(uri, new RegExp(`secret=${secret}`));
    assert.match(uri, /issuer=Bridge/);
    assert.match(uri, /digits=6/);
    assert.match(uri, /period=30/);
  });
});
