/**
 * The platform's English catalogue and the platform's words agree: every key a template or the
 * code asks for is in it, and it holds nothing no one asks for (so that a translator translates
 * only what is shown).
 */
import assert from 'node:assert/strict';
import fs from 'node:fs';
import path from 'node:path';
import { test } from 'node:test';
import { WORDED_STATUSES } from '../http/errors.js';
import { DEFAULT_LANGUAGE, readCatalogues, type Catalogue } from './messages.js';

// The sources, not the compiled copy the tests run from: the runner works in the repository.
const srcDir = path.resolve('src');
const platformDir = path.join(srcDir, 'platform');

function filesUnder(dir: string, suffix: string): string[] {
  return fs
    .readdirSync(dir, { recursive: true })
    .map(String)
    .filter((name) => name.endsWith(suffix) && !name.endsWith('.test.ts'))
    .map((name) => path.join(dir, name));
}

/**
 * Every key of a catalogue, dotted (`layout.signOut`). The plural forms of one message
 * (`lockedOut_one`, `lockedOut_other`) are one key, as the code asks for it (`lockedOut`).
 */
function keysOf(catalogue: Catalogue, prefix = ''): string[] {
  const keys = Object.entries(catalogue).flatMap(([key, value]) =>
    typeof value === 'string'
      ? [prefix + key.replace(/_(zero|one|two|few|many|other)$/, '')]
      : keysOf(value, `${prefix}${key}.`),
  );
  return [...new Set(keys)];
}

const english = readCatalogues(srcDir)[DEFAULT_LANGUAGE]!.platform!;
const templates = filesUnder(platformDir, '.njk').map((f) => fs.readFileSync(f, 'utf8'));
// The platform's code, and app.ts, which names the platform's navigation entries.
const code = [...filesUnder(platformDir, '.ts'), path.join(srcDir, 'app.ts')].map((f) =>
  fs.readFileSync(f, 'utf8'),
);

/** The keys a template asks for: `t("a.b")` or `t('a.b', {...})`. */
function keysInTemplates(): Set<string> {
  const keys = new Set<string>();
  for (const text of templates)
    for (const m of text.matchAll(/\bt\(\s*["']([\w.:-]+)["']/g)) keys.add(m[1]!);
  return keys;
}

/**
 * The keys the code names: any quoted string that is a key (a route's `request.t('...')`, a
 * navigation entry's `textKey`, a key kept in a table), and the error pages' keys, made from
 * the statuses that have words of their own.
 */
function keysInCode(known: readonly string[]): Set<string> {
  const keys = new Set<string>();
  const all = code.join('\n');
  for (const key of known) if (all.includes(`'${key}'`)) keys.add(key);
  for (const status of WORDED_STATUSES)
    for (const part of ['title', 'message']) keys.add(`errors.${status}.${part}`);
  return keys;
}

test('every key a platform template asks for is in the English catalogue', () => {
  const known = new Set(keysOf(english));
  const used = [...keysInTemplates()];
  assert.ok(used.length > 100, `only ${used.length} keys found: is the scan right?`);
  assert.deepEqual(
    used.filter((key) => !known.has(key)),
    [],
  );
});

test('every key of the English catalogue is asked for by a template or the code', () => {
  const known = keysOf(english);
  const used = new Set([...keysInTemplates(), ...keysInCode(known)]);
  assert.deepEqual(
    known.filter((key) => !used.has(key)),
    [],
  );
});

test('the code asks only for keys of the English catalogue', () => {
  const known = new Set(keysOf(english));
  const asked = new Set<string>();
  for (const text of code) for (const m of text.matchAll(/\bt\(\s*'([\w.:-]+)'/g)) asked.add(m[1]!);
  for (const m of code.join('\n').matchAll(/textKey: '([\w.:-]+)'/g)) asked.add(m[1]!);
  assert.ok(asked.size > 30, `only ${asked.size} keys found: is the scan right?`);
  assert.deepEqual(
    [...asked].filter((key) => !known.has(key)),
    [],
  );
});
