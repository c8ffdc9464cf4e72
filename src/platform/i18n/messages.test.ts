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
