/**
 * CON-06: the population the panel's balance is read against is reference data that authority
 * officers keep up to date in the browser: the figures by group with their source and date, a
 * form replacing them all at once (refused, writing nothing, unless every group has a whole
 * number), one audit event; and the balance page saying which figures it reads.
 */
import assert from 'node:assert/strict';
import { test } from 'node:test';
import { eq } from 'drizzle-orm';
import { auditEvents } from '../../src/platform/audit/schema.js';
import { populationField } from '../../src/modules/consultation/panel-rules.js';
import {
  panelPopulation,
  panelPopulationSource,
} from '../../src/modules/consultation/panel/schema.js';
import { createTestApp, principalFor, type TestApp } from '../app.js';
import { makeAccount, signInAccount, signInNewAccount } from '../factories/accounts.js';
import { makePanelMembers } from '../factories/consultation-panel.js';
import { textOf as text } from '../html.js';

/** The replacement form's fields, filled with the figures in use, then the changes given. */
async function formWith(app: TestApp, email: string, changes: Record<string, string>) {
  const { dimensions } = await app.services.consultationPanelPopulation.figures(
    await principalFor(app, email),
  );
  const body: Record<string, string> = {};
  for (const d of dimensions)
    for (const l of d.lines) body[populationField(l)] = String(l.people ?? '');
  return { ...body, ...changes };
}

test('CON-06: the population figures are read with their source and date; the shipped ones until replaced', async () => {
  const app = await createTestApp();
  try {
    const reader = await signInNewAccount(app, 'authority_member');
    const page = await reader.get('/consultation/panel/population');
    assert.equal(page.statusCode, 200);
    const words = text(page.body);
    assert.match(words, /Source Census 2021 \(Office for National Statistics\), usual residents/);
    assert.match(words, /Figures as of 21 March 2021/);
    assert.match(words, /In use The figures shipped with Bridge \(not replaced yet\)/);
    // Each group with its people and its share of its dimension's total.
    assert.match(words, /Camden 210,100 2\.4%/);
    assert.match(words, /Total 8,799,900/);
    assert.match(words, /65 and over 1,060,000 15\.2%/);
    assert.match(words, /Female 4,530,000 51\.5%/);
    assert.doesNotMatch(words, /Replace the population figures/, 'a reader may not replace them');
    assert.equal((await reader.get('/consultation/panel/population/replace')).statusCode, 403);
    const balance = text((await reader.get('/consultation/panel/balance')).body);
    assert.match(
      balance,
      /Population figures: Census 2021 \(Office for National Statistics\), usual residents, rounded[^.]*\.[^.]*\. Figures as of 21 March 2021\. The population figures/,
    );
    // Reading writes nothing: the shipped figures are read from the file.
    assert.equal((await app.services.db.select().from(panelPopulation)).length, 0);
    // Someone who reads no consultation sees none of it.
    const advisor = await signInNewAccount(app, 'advisor');
    assert.equal((await advisor.get('/consultation/panel/population')).statusCode, 403);
  } finally {
    await app.close();
  }
});

test('CON-06: an officer replaces the population figures; the balance reads the new ones and says so', async () => {
  const app = await createTestApp();
  try {
    const boroughs = await app.services.directory.scopeCatalogue.options('borough');
    const camden = boroughs.find((b) => b.name === 'Camden')!.id;
    await makePanelMembers(app, [{ boroughId: camden }]);
    const account = await makeAccount(app, { role: 'authority_officer' });
    const officer = await signInAccount(app, account);
    const listed = text((await officer.get('/consultation/panel/population')).body);
    assert.match(listed, /Replace the population figures/);
    const form = await officer.get('/consultation/panel/population/replace');
    assert.equal(form.statusCode, 200);
    // First shown with the figures in use.
    assert.match(form.body, /name="borough-E09000007"[^>]*value="210100"/);
    assert.match(form.body, /name="ageBand-65plus"[^>]*value="1060000"/);

    // Refused, naming each field, and nothing written.
    const refused = await officer.post(
      '/consultation/panel/population/replace',
      await formWith(app, account.email, {
        source: '',
        'asOf-day': '30',
        'asOf-month': '6',
        'asOf-year': '2030',
        'borough-E09000007': '',
        'ageBand-65plus': '-3',
        'sex-female': '0',
        'sex-male': '0',
      }),
    );
    assert.equal(refused.statusCode, 400);
    const said = text(refused.body);
    assert.match(said, /There is a problem/);
    assert.match(said, /Enter where the figures come from/);
    assert.match(said, /The date the figures describe must be today or in the past/);
    assert.match(said, /Enter the number of people for Borough: Camden/);
    assert.match(
      said,
      /The number of people for Your age: 65 and over must be a whole number, 0 or more/,
    );
    assert.match(said, /Your sex: the figures must not all be 0/);
    assert.match(refused.body, /href="#borough-E09000007"/);
    assert.match(refused.body, /href="#ageBand-65plus"/);
    assert.equal((await app.services.db.select().from(panelPopulationSource)).length, 0);
    assert.equal((await app.services.db.select().from(panelPopulation)).length, 0);

    const done = await officer.post(
      '/consultation/panel/population/replace',
      await formWith(app, account.email, {
        source: 'ONS mid-2023 population estimates, usual residents.',
        'asOf-day': '30',
        'asOf-month': '6',
        'asOf-year': '2023',
        'borough-E09000007': '8,590,600',
      }),
    );
    assert.equal(done.statusCode, 303, text(done.body).slice(0, 600));
    const after = text((await officer.get('/consultation/panel/population')).body);
    assert.match(after, /The population figures were replaced/);
    assert.match(after, /Source ONS mid-2023 population estimates, usual residents\./);
    assert.match(after, /Figures as of 30 June 2023/);
    assert.match(after, /In use Replaced by an authority officer at 23 November 2026 at 10am/);
    assert.match(after, /Camden 8,590,600 50\.0%/);

    // The balance reads the new figures, and says which.
    const balance = text((await officer.get('/consultation/panel/balance')).body);
    assert.match(
      balance,
      /Population figures: ONS mid-2023 population estimates, usual residents\. Figures as of 30 June 2023\./,
    );
    assert.match(balance, /Camden 1 100\.0% 50\.0% \+50\.0/);

    // One audit event, with the figures before and after.
    const events = await app.services.db
      .select()
      .from(auditEvents)
      .where(eq(auditEvents.action, 'consultation-panel-population.replaced'));
    assert.equal(events.length, 1);
    const before = events[0]!.before as { source: string; figures: Record<string, number> };
    const given = events[0]!.after as { asOf: string; figures: Record<string, number> };
    assert.match(before.source, /^Census 2021/);
    assert.equal(before.figures['borough:E09000007'], 210100);
    assert.equal(given.figures['borough:E09000007'], 8590600);
    assert.equal(given.asOf, '2023-06-30');
  } finally {
    await app.close();
  }
});
