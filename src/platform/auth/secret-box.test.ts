import assert from 'node:assert/strict';
import { describe, test } from 'node:test';
import { createSecretBox } from './secret-box.js';

const box = createSecretBox('a test secret that is at least 32 characters long');

describe('secret box (second-factor keys at rest)', () => {
  test('what is sealed opens to the same text', () => {
    const plain = 'JBSWY3DPEHPK3PXPJBSWY3DPEHPK3PXP';
    const sealed = box.seal(plain);
    assert.notEqual(sealed, plain);
    assert.ok(!sealed.includes(plain));
    assert.match(sealed, /^v1\.[\w-]+\.[\w-]+\.[\w-]+$/);
    assert.equal(box.open(sealed), plain);
  });

  test('sealing the same text twice gives different boxes (a fresh IV each time)', () => {
    assert.notEqual(box.seal('same'), box.seal('same'));
  });

  test('non-ASCII text survives the round trip', () => {
    assert.equal(box.open(box.seal('zażółć gęślą jaźń')), 'zażółć gęślą jaźń');
  });

  test('a changed body, tag or IV is detected', () => {
    const [version, iv, tag, body] = box.seal('JBSWY3DPEHPK3PXP').split('.') as [
      string,
      string,
      string,
      string,
    ];
    const flip = (s: string) => {
      const bytes = Buffer.from(s, 'base64url');
      bytes[0] = bytes[0]! ^ 1;
      return bytes.toString('base64url');
    };
    assert.throws(() => box.open([version, iv, tag, flip(body)].join('.')));
    assert.throws(() => box.open([version, iv, flip(tag), body].join('.')));
    assert.throws(() => box.open([version, flip(iv), tag, body].join('.')));
  });

  test('a box sealed with another secret does not open', () => {
    const other = createSecretBox('another secret, also at least 32 characters long');
    assert.throws(() => box.open(other.seal('JBSWY3DPEHPK3PXP')));
  });

  test('malformed input is refused', () => {
    assert.throws(() => box.open(''), /Unrecognised sealed secret/);
    assert.throws(() => box.open('v2.a.b.c'), /Unrecognised sealed secret/);
    assert.throws(() => box.open('v1.only-two'), /Unrecognised sealed secret/);
  });
});
