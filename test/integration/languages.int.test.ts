/**
 * Issue 22 item 7: the words come from message catalogues, the language is chosen per request,
 * and the GOV.UK language toggle appears only once a second catalogue exists. The second
 * language here is a test-only Welsh catalogue of a few messages, given to the app as a second
 * module's catalogue would be found on disk; what it lacks is shown in English.
 */
import assert from 'node:assert/strict';
import { after, before, describe, test } from 'node:test';
import type { FastifyInstance } from 'fastify';
import { buildApp, testConfig } from '../../src/app.js';
import type { Catalogues } from '../../src/platform/i18n/messages.js';
import { prepareDatabase } from '../../src/startup.js';
import { createTestDatabase } from '../database.js';
import { createTestApp } from '../app.js';
import { signInAsRole } from '../factories/accounts.js';

const WELSH: Catalogues = {
  cy: {
    platform: {
      language: { name: 'Cymraeg', changeTo: 'Newid yr iaith i’r Gymraeg' },
      layout: { skipLink: 'Neidio i’r prif gynnwys' },
      nav: { signIn: 'Mewngofnodi' },
      homePublic: { forEveryone: 'I bawb' },
      errors: { 404: { title: 'Heb ddod o hyd i’r dudalen' } },
    },
  },
};

async function appWith(catalogues?: Catalogues) {
  const { database, drop } = await createTestDatabase();
  const config = testConfig({ demo: false });
  await prepareDatabase(database, config);
  const { app } = await buildApp({ config, database, mailTransport: null, catalogues });
  await app.ready();
  return {
    app,
    close: async () => {
      await app.close();
      await drop();
    },
  };
}

const get = (app: FastifyInstance, url: string, headers: Record<string, string> = {}) =>
  app.inject({ method: 'GET', url, headers });

describe('with English only', () => {
  let english: Awaited<ReturnType<typeof appWith>>;
  before(async () => (english = await appWith()));
  after(() => english.close());

  test('there is no language toggle, every page is in English, and nothing is remembered', async () => {
    for (const [url, headers] of [
      ['/', {}],
      ['/?lang=cy', {}],
      ['/', { 'accept-language': 'cy' }],
    ] as const) {
      const page = await get(english.app, url, headers);
      assert.equal(page.statusCode, 200);
      assert.match(page.body, /<html lang="en"/);
      assert.doesNotMatch(page.body, /bridge-language-toggle|Cymraeg/);
      assert.match(page.body, />For everyone</);
      assert.match(page.body, />\s*Skip to main content\s*</);
      assert.equal(page.headers['set-cookie'], undefined);
    }
  });
});

describe('with a second catalogue', () => {
  let bilingual: Awaited<ReturnType<typeof appWith>>;
  before(async () => (bilingual = await appWith(WELSH)));
  after(() => bilingual.close());

  test('the toggle names each language in itself and links to this page in the other', async () => {
    const page = await get(bilingual.app, '/sign-in?next=%2Fadmin');
    assert.match(page.body, /<html lang="en"/);
    assert.match(page.body, /<nav class="[^"]*bridge-language-toggle" aria-label="Language">/);
    assert.match(page.body, /<span aria-current="true">English<\/span>/);
    assert.match(
      page.body,
      /<a class="govuk-link" href="\/sign-in\?next=%2Fadmin&amp;lang=cy" hreflang="cy" lang="cy" rel="alternate"><span class="govuk-visually-hidden">Newid yr iaith i’r Gymraeg<\/span><span aria-hidden="true">Cymraeg<\/span><\/a>/,
    );
  });

  test('a language asked for in the address is used and remembered', async () => {
    const page = await get(bilingual.app, '/?lang=cy');
    assert.match(page.body, /<html lang="cy"/);
    assert.match(page.body, />I bawb</);
    // The fixed parts (rendered once per language) and the navigation are in Welsh too.
    assert.match(page.body, />\s*Neidio i’r prif gynnwys\s*</);
    assert.match(
      page.body,
      /class="govuk-service-navigation__link" href="\/sign-in"[^>]*>\s*Mewngofnodi/,
    );
    // What the Welsh catalogue does not have yet is shown in English.
    assert.match(page.body, />If you work with us</);
    assert.match(page.body, /<span aria-current="true">Cymraeg<\/span>/);
    assert.match(
      page.body,
      /href="\/\?lang=en"[^>]*><span class="govuk-visually-hidden">Change the language to English/,
    );
    const cookie = page.cookies.find((c) => c.name === 'bridge_lang');
    assert.equal(cookie?.value, 'cy');
    assert.equal(cookie?.httpOnly, true);

    const later = await get(bilingual.app, '/no-such-page', { cookie: 'bridge_lang=cy' });
    assert.equal(later.statusCode, 404);
    assert.match(later.body, /<html lang="cy"/);
    assert.match(later.body, /<h1 class="govuk-heading-l">Heb ddod o hyd i’r dudalen<\/h1>/);
  });

  test('otherwise the browser’s preference is followed, among the languages there are', async () => {
    const welsh = await get(bilingual.app, '/', { 'accept-language': 'fr;q=0.9, cy-GB, en;q=0.5' });
    assert.match(welsh.body, /<html lang="cy"/);
    assert.equal(welsh.headers['set-cookie'], undefined);
    const french = await get(bilingual.app, '/', { 'accept-language': 'fr' });
    assert.match(french.body, /<html lang="en"/);
    assert.match(french.body, />For everyone</);
    // An address naming a language there is no catalogue for changes nothing.
    const unknown = await get(bilingual.app, '/?lang=fr', { cookie: 'bridge_lang=cy' });
    assert.match(unknown.body, /<html lang="cy"/);
  });
});

test('dates are worded in the page’s language: its catalogue’s month names and patterns', async () => {
  const t = await createTestApp({
    catalogues: {
      cy: {
        platform: {
          language: { name: 'Cymraeg', changeTo: 'Newid yr iaith i’r Gymraeg' },
          dates: {
            month: { november: 'Tachwedd' },
            morning: '{{clock}}yb',
            dateTime: '{{date}} am {{time}}',
          },
        },
      },
    },
  });
  try {
    // The test clock stands at 10am on 23 November 2026: when this session began.
    const admin = await signInAsRole(t, 'administrator');
    const english = (await admin.get('/account/sessions')).body;
    assert.match(english, />23 November 2026 at 10am</);
    const welsh = (await admin.get('/account/sessions?lang=cy')).body;
    assert.match(welsh, /<html lang="cy"/);
    assert.match(welsh, />23 Tachwedd 2026 am 10yb</);
    assert.doesNotMatch(welsh, /November/);
  } finally {
    await t.close();
  }
});
