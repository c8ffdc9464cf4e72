/**
 * Each English catalogue and the words its owner asks for agree (ADR 0015): every key a template
 * or the code asks for is in the catalogue of its namespace, and a catalogue holds nothing no one
 * asks for (so that a translator translates only what is shown). The platform's keys are written
 * bare (`layout.signOut`); a module's carry its namespace (`groups:list.title`).
 */
import assert from 'node:assert/strict';
import fs from 'node:fs';
import path from 'node:path';
import { test } from 'node:test';
import { WORDED_STATUSES } from '../http/errors.js';
import {
  DEFAULT_LANGUAGE,
  PLATFORM_NAMESPACE,
  readCatalogues,
  type Catalogue,
} from './messages.js';

// The sources, not the compiled copy the tests run from: the runner works in the repository.
const srcDir = path.resolve('src');

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

/** A key as asked for, split into its namespace and its key within it. */
function split(asked: string): { namespace: string; key: string } {
  const at = asked.indexOf(':');
  return at < 0
    ? { namespace: PLATFORM_NAMESPACE, key: asked }
    : { namespace: asked.slice(0, at), key: asked.slice(at + 1) };
}

const english = readCatalogues(srcDir)[DEFAULT_LANGUAGE]!;
const templates = filesUnder(srcDir, '.njk').map((f) => fs.readFileSync(f, 'utf8'));
const code = filesUnder(srcDir, '.ts').map((f) => fs.readFileSync(f, 'utf8'));
const allCode = code.join('\n');
const allTemplates = templates.join('\n');

/**
 * The keys templates ask for: `t("a.b")`, `t('groups:a.b', {...})`; a family's prefix
 * (`t("groups:groupType." ~ type)`) is not a key (keyFamilies reads it).
 */
function askedInTemplates(): string[] {
  return templates.flatMap((text) =>
    [...text.matchAll(/\bt\(\s*["']([\w.:-]+)["'](?!\s*[~+])/g)].map((m) => m[1]!),
  );
}

/** The keys the code asks for by name: `t('...')` and a navigation entry's `textKey: '...'`. */
function askedInCode(): string[] {
  return [
    ...allCode.matchAll(/\bt\(\s*'([\w.:-]+)'/g),
    ...allCode.matchAll(/(?:textKey|hintKey): '([\w.:-]+)'/g),
  ].map((m) => m[1]!);
}

/**
 * Whether anything asks for a key: by name in a template or the code (any quoted string that is
 * the key, as a table of keys or a template's choice between two holds them), or by a family the code builds (`` `groups:status.${s}` ``
 * asks for every key under `groups:status.`), or an error page's words.
 */
function isAsked(namespace: string, key: string, named: Set<string>, families: string[]): boolean {
  const full = namespace === PLATFORM_NAMESPACE ? key : `${namespace}:${key}`;
  if (named.has(full)) return true;
  if (allCode.includes(`'${full}'`)) return true;
  // A template choosing between keys: `t("ns:a" if given else "ns:b")`.
  if (allTemplates.includes(`"${full}"`) || allTemplates.includes(`'${full}'`)) return true;
  if (families.some((prefix) => full.startsWith(prefix))) return true;
  return (
    namespace === PLATFORM_NAMESPACE &&
    [...WORDED_STATUSES].some((s) => key === `errors.${s}.title` || key === `errors.${s}.message`)
  );
}

/** The prefixes of keys built in code or templates: `` `ns:a.b.${...}` `` or `'ns:a.b.' + ...`. */
function keyFamilies(): string[] {
  const sources = [allCode, ...templates].join('\n');
  return [
    ...sources.matchAll(/`([\w-]+:[\w.-]+\.)\$\{/g),
    ...sources.matchAll(/["']([\w-]+:[\w.-]+\.)["']\s*[+~]/g),
  ].map((m) => m[1]!);
}

test('the platform has an English catalogue, and every module that has words has one', () => {
  assert.ok(english[PLATFORM_NAMESPACE], 'src/platform/locales/en.json');
  const asked = [...askedInTemplates(), ...askedInCode()].map(split);
  const namespaces = new Set(asked.map((a) => a.namespace));
  assert.deepEqual(
    [...namespaces].filter((ns) => !english[ns]),
    [],
    'a namespace asked for with no locales/en.json',
  );
});

test('every key a template asks for is in the English catalogue of its namespace', () => {
  const used = askedInTemplates();
  assert.ok(used.length > 100, `only ${used.length} keys found: is the scan right?`);
  const missing = used.filter((asked) => {
    const { namespace, key } = split(asked);
    const catalogue = english[namespace];
    return !catalogue || !keysOf(catalogue).includes(key);
  });
  assert.deepEqual([...new Set(missing)], []);
});

test('the code asks only for keys of the English catalogues', () => {
  const asked = new Set(askedInCode());
  assert.ok(asked.size > 30, `only ${asked.size} keys found: is the scan right?`);
  const known = new Map(Object.entries(english).map(([ns, c]) => [ns, new Set(keysOf(c))]));
  assert.deepEqual(
    [...asked].filter((full) => {
      const { namespace, key } = split(full);
      return !known.get(namespace)?.has(key);
    }),
    [],
  );
});

test('every key of every English catalogue is asked for by a template or the code', () => {
  const named = new Set([...askedInTemplates(), ...askedInCode()]);
  const families = keyFamilies();
  const unasked = Object.entries(english).flatMap(([namespace, catalogue]) =>
    keysOf(catalogue)
      .filter((key) => !isAsked(namespace, key, named, families))
      .map((key) => `${namespace}:${key}`),
  );
  assert.deepEqual(unasked, []);
});
