import assert from 'node:assert/strict';
import path from 'node:path';
import { test } from 'node:test';
import { fileURLToPath } from 'node:url';
import nunjucks from 'nunjucks';
import { loadMessages } from '../i18n/messages.js';
import { addMessages } from '../i18n/templates.js';
import { addFixedMarkup } from './fixed-markup.js';

const srcDir = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '../..');
const govukDir = path.resolve(srcDir, '../node_modules/govuk-frontend/dist');

function environment() {
  return new nunjucks.Environment(new nunjucks.FileSystemLoader([srcDir, govukDir]), {
    autoescape: true,
  });
}

const count = (html: string, text: string) => html.split(text).length - 1;

test('the fixed parts are the GOV.UK components, rendered once, and every page has each once', () => {
  const env = environment();
  addMessages(env, loadMessages(srcDir));
  const markup = addFixedMarkup(env);
  assert.match(String(markup.header), /class="govuk-generic-header"[\s\S]*Bridge/);
  assert.match(String(markup.footer), /class="govuk-footer"[\s\S]*href="\/api-documentation"/);
  assert.match(String(markup.skipLink), /href="#main-content" class="govuk-skip-link"/);

  const page = env.renderString(
    '{% extends "platform/views/layout.njk" %}{% block page %}<p>Hello</p>{% endblock %}',
    { title: 'A page', navigation: [{ text: 'Groups', href: '/groups', active: true }] },
  );
  // In the landmarks the GOV.UK page template gives them, each once.
  assert.equal(count(page, '<header class="govuk-template__header">'), 1);
  assert.equal(count(page, '<footer class="govuk-template__footer">'), 1);
  assert.equal(count(page, String(markup.header)), 1);
  assert.equal(count(page, String(markup.footer)), 1);
  assert.equal(count(page, String(markup.skipLink)), 1);
  // What changes from page to page is still rendered for the page.
  assert.match(page, /<title>A page – Bridge<\/title>/);
  assert.match(page, /class="govuk-service-navigation[\s\S]*href="\/groups"/);
  assert.match(page, /<p>Hello<\/p>/);
  assert.ok(
    page.indexOf('govuk-template__header') < page.indexOf('id="main-content"') &&
      page.indexOf('id="main-content"') < page.indexOf('govuk-template__footer'),
  );
});
