import assert from 'node:assert/strict';
import { test } from 'node:test';
import nunjucks from 'nunjucks';
import { acceptedLanguages } from './language.js';
import { createMessages } from './messages.js';
import { addMessages } from './templates.js';

const messages = createMessages({
  en: {
    platform: {
      welcome: 'Welcome, {{name}}',
      users_one: '{{count}} user',
      users_other: '{{count}} users',
    },
    groups: { title: 'Groups' },
  },
  cy: { platform: { welcome: 'Croeso, {{name}}' } },
});

test('messages are looked up by key, namespace and language, English where a language lacks one', () => {
  const en = messages.translator('en');
  const cy = messages.translator('cy');
  assert.deepEqual(messages.languages, ['en', 'cy']);
  assert.equal(en('welcome', { name: 'Ann' }), 'Welcome, Ann');
  assert.equal(cy('welcome', { name: 'Ann' }), 'Croeso, Ann');
  assert.equal(en('users', { count: 1 }), '1 user');
  assert.equal(en('users', { count: 3 }), '3 users');
  assert.equal(cy('groups:title'), 'Groups');
  // A language with no catalogue is the default one.
  assert.equal(messages.translator('fr')('welcome', { name: 'Ann' }), 'Welcome, Ann');
});

test('a template writes a message escaped once, the values filled in included', () => {
  const env = new nunjucks.Environment(null, { autoescape: true });
  addMessages(env, messages);
  const template = '<p>{{ t("welcome", { name: name }) }}</p>';
  assert.equal(
    env.renderString(template, { name: 'Ann & <Bob>', htmlLang: 'en' }),
    '<p>Welcome, Ann &amp; &lt;Bob&gt;</p>',
  );
  // In the page's language, which the renderer gives as htmlLang; English without one.
  assert.equal(env.renderString(template, { name: 'Ann', htmlLang: 'cy' }), '<p>Croeso, Ann</p>');
  assert.equal(env.renderString(template, { name: 'Ann' }), '<p>Welcome, Ann</p>');
});

test('Accept-Language is read most wanted first, regions and refusals aside', () => {
  assert.deepEqual(acceptedLanguages('fr;q=0.9, cy-GB, en;q=0.5, de;q=0, *'), ['cy', 'fr', 'en']);
  assert.deepEqual(acceptedLanguages('EN-gb'), ['en']);
  assert.deepEqual(acceptedLanguages(undefined), []);
  assert.deepEqual(acceptedLanguages(''), []);
});

test('the platform catalogue must exist in the default language', () => {
  assert.throws(() => createMessages({ cy: { platform: {} } }), /catalogue is missing/);
});

test('a message filled in without i18next reads as i18next fills it, for every message of every catalogue', async () => {
  const { default: i18next } = await import('i18next');
  const { readCatalogues, DEFAULT_LANGUAGE, PLATFORM_NAMESPACE } = await import('./messages.js');
  const path = await import('node:path');
  const catalogues = readCatalogues(path.resolve('src'));
  const fast = createMessages(catalogues).translator(DEFAULT_LANGUAGE);
  const reference = i18next.createInstance();
  await reference.init({
    resources: catalogues,
    lng: DEFAULT_LANGUAGE,
    ns: Object.keys(catalogues[DEFAULT_LANGUAGE]!),
    defaultNS: PLATFORM_NAMESPACE,
    interpolation: { escapeValue: false },
  });
  const walk = (ns: string, node: object, prefix = ''): [string, string][] =>
    Object.entries(node).flatMap(([k, v]) =>
      typeof v === 'string'
        ? [[`${ns}:${prefix}${k}`, v]]
        : walk(ns, v as object, `${prefix}${k}.`),
    );
  let compared = 0;
  for (const [ns, catalogue] of Object.entries(catalogues[DEFAULT_LANGUAGE]!))
    for (const [key, text] of walk(ns, catalogue)) {
      const names = [...text.matchAll(/\{\{\s*(\w+)\s*\}\}/g)].map((m) => m[1]!);
      if (!names.length) continue;
      const asked = key.replace(/_(zero|one|two|few|many|other)$/, '');
      // Text with characters a template would escape, and a number, as pages pass them.
      const values = Object.fromEntries(names.map((n, i) => [n, i % 2 ? i + 7 : `<${n}> & 'x'`]));
      assert.equal(fast(asked, values), reference.t(asked, values), key);
      compared += 1;
    }
  assert.ok(compared > 200, `only ${compared} messages compared`);
  // A value missing, or an option that is not a placeholder, is left to i18next.
  assert.equal(fast('platform:home.welcome', {}), reference.t('platform:home.welcome', {}));
  assert.equal(
    fast('platform:home.welcome', { name: 'Ann', lng: 'en' }),
    reference.t('platform:home.welcome', { name: 'Ann', lng: 'en' }),
  );
});
