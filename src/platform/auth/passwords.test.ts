import assert from 'node:assert/strict';
import path from 'node:path';
import { describe, test } from 'node:test';
import { loadMessages } from '../i18n/messages.js';
import { say } from '../i18n/said.js';
import {
  dummyPasswordHash,
  hashPassword,
  passwordProblem as problemKept,
  PASSWORD_MAX_LENGTH,
  PASSWORD_MIN_LENGTH,
  verifyPassword,
} from './passwords.js';

const personal = ['pat.example@bridge.example', 'Pat Example'];
const english = loadMessages(path.resolve('src')).translator('en');

/** The problem with a new password, as the person reads it (null when there is none). */
async function passwordProblem(password: string, words?: string[]): Promise<string | null> {
  const problem = await problemKept(password, words);
  return problem && say(english, problem);
}

describe('passwordProblem (ASVS 2.1)', () => {
  test('an empty password is asked for', async () => {
    assert.equal(await passwordProblem(''), 'Enter a password');
  });

  test('fewer than 12 characters is refused; 12 unrelated characters are not', async () => {
    assert.equal(await passwordProblem('x7#Lq9!vR2m'), 'Password must be 12 characters or more');
    assert.equal(PASSWORD_MIN_LENGTH, 12);
    assert.equal(await passwordProblem('x7#Lq9!vR2mZ'), null);
  });

  test('length counts characters, not UTF-16 units', async () => {
    // Eleven emoji are 22 UTF-16 units but 11 characters.
    assert.equal(
      await passwordProblem('🦊🐙🦉🐝🦀🐢🦋🐌🦎🐍🦑'),
      'Password must be 12 characters or more',
    );
  });

  test('more than 128 characters is refused; 128 is allowed', async () => {
    const words = 'violin quarry tangerine orbit ';
    const long = words.repeat(10);
    assert.equal(
      await passwordProblem(long.slice(0, PASSWORD_MAX_LENGTH + 1)),
      'Password must be 128 characters or fewer',
    );
    assert.equal(await passwordProblem(long.slice(0, PASSWORD_MAX_LENGTH)), null);
  });

  test('common passwords are refused', async () => {
    for (const common of ['password1234', 'qwertyuiop123', '123456789012', 'iloveyou2026']) {
      assert.equal(
        await passwordProblem(common),
        'Password is too easy to guess. Try three or four unrelated words together',
        common,
      );
    }
  });

  test('a password containing the person’s e-mail address or its local part is refused', async () => {
    const message = 'Password must not contain your name or e-mail address';
    assert.equal(await passwordProblem('pat.example@bridge.example 42!', personal), message);
    assert.equal(await passwordProblem('xyz PAT.EXAMPLE violin quarry', personal), message);
    assert.equal(await passwordProblem('my name is pat example ok', personal), message);
  });

  test('several unrelated words are accepted', async () => {
    assert.equal(await passwordProblem('lamp orbit cactus rinse 9', personal), null);
    assert.equal(await passwordProblem('Tangerine violin quarry 47', personal), null);
  });
});

describe('hashPassword and verifyPassword', () => {
  test('argon2id: the right password verifies, a wrong one does not', async () => {
    const hash = await hashPassword('lamp orbit cactus rinse 9');
    assert.match(hash, /^\$argon2id\$v=19\$m=19456,t=2,p=1\$/);
    assert.equal(await verifyPassword(hash, 'lamp orbit cactus rinse 9'), true);
    assert.equal(await verifyPassword(hash, 'lamp orbit cactus rinse 8'), false);
  });

  test('a malformed hash never verifies and does not throw', async () => {
    assert.equal(await verifyPassword('not a hash', 'anything'), false);
  });

  test('the dummy hash (for unknown accounts) is a real argon2id hash', async () => {
    const dummy = await dummyPasswordHash();
    assert.match(dummy, /^\$argon2id\$/);
    assert.equal(await verifyPassword(dummy, 'lamp orbit cactus rinse 9'), false);
  });
});
