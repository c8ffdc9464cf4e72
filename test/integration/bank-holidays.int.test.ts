import assert from 'node:assert/strict';
import { mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { after, afterEach, before, test } from 'node:test';
import { loadConfig } from '../../src/app.js';
import { ConfigError } from '../../src/config.js';
import { adviceRequests } from '../../src/modules/advice/schema.js';
import {
  ukBankHolidays,
  ukWorkingDays,
  useBankHolidays,
} from '../../src/platform/calendar/index.js';
import { eq } from 'drizzle-orm';
import { auditEvents } from '../../src/platform/audit/schema.js';
import { createTestApp, type Agent, type TestApp } from '../app.js';
import { accountFor, signInAsRole } from '../factories/accounts.js';

let t: TestApp;
before(async () => {
  t = await createTestApp({ demo: false });
});
after(() => t.close());
// Each test begins at the same moment, whatever the tests before it did to the clock.
afterEach(() => t.clock.reset());

const NOTICE =
  /govuk-notification-banner[\s\S]*?The bank-holiday data (ends|ended) on 31 December (\d{4})/;

/** Runs with the shared clock at `iso`, put back afterwards. */
async function at<T>(app: TestApp, iso: string, work: () => Promise<T>): Promise<T> {
  const saved = app.clock.current;
  app.clock.current = new Date(iso);
  try {
    return await work();
  } finally {
    app.clock.current = saved;
  }
}

test('issue 21 item 16: an administrator uploads GOV.UK’s bank-holidays file; its years are used at once and after a restart', async () => {
  const events = (list: [string, string][]) => ({
    events: list.map(([date, title]) => ({ date, title, notes: '', bunting: true })),
  });
  const govUk = JSON.stringify({
    'england-and-wales': events([
      ['2031-01-01', 'New Year’s Day'],
      ['2031-05-05', 'Early May bank holiday'],
    ]),
    scotland: events([['2031-01-01', 'New Year’s Day']]),
    'northern-ireland': events([['2031-01-01', 'New Year’s Day']]),
  });
  const upload = (agent: Agent, bytes: string) =>
    agent.postFile(
      '/admin/bank-holidays',
      {},
      {
        field: 'file',
        name: 'bank-holidays.json',
        bytes: Buffer.from(bytes),
        type: 'application/json',
      },
    );
  const admin = await signInAsRole(t, 'administrator');
  try {
    assert.match((await admin.get('/')).body, /href="\/admin\/bank-holidays"/);
    const page = await admin.get('/admin/bank-holidays');
    assert.match(page.body, /Bridge knows them from 2020 to 2030\./);
    const ctset = await signInAsRole(t, 'ctset');
    assert.equal((await upload(ctset, govUk)).statusCode, 403);
    const notJson = await upload(admin, 'Date,Title\n2031-01-01,New Year');
    assert.equal(notJson.statusCode, 400);
    assert.match(
      notJson.body,
      /href="#file"[^>]*>The file must be the bank-holidays file GOV.UK publishes at https:\/\/www.gov.uk\/bank-holidays.json, but it is not JSON/,
    );
    const gap = await upload(admin, govUk.replace(/2031-/g, '2033-'));
    assert.equal(gap.statusCode, 400);
    assert.match(gap.body, /covers 2033 to 2033, which does not meet the 2020 to 2030/);
    // Issue 21 item 4: a null character, written as JSON writes it, is refused, not a 500.
    const nul = await upload(admin, govUk.replace('Early May bank holiday', 'Early May\\u0000'));
    assert.equal(nul.statusCode, 400);
    assert.match(nul.body, /href="#file"[^>]*>[^<]*has a null character \(U\+0000\)/);
    assert.equal(ukWorkingDays.isWorkingDay('2031-05-05'), true, 'refused files change nothing');

    const done = await upload(admin, govUk);
    assert.equal(done.statusCode, 303, done.body.slice(0, 1500));
    const after = (await admin.get('/admin/bank-holidays')).body;
    assert.match(after, /Bank holidays are now known from 2020 to 2031/);
    assert.match(after, /Bridge knows them from 2020 to 2031\./);
    assert.match(
      after,
      new RegExp(`uploaded by ${(await accountFor(t, 'administrator')).name} on 23 November 2026`),
    );
    assert.equal(ukWorkingDays.isWorkingDay('2031-05-05'), false, 'in use at once');
    const [event] = await t.services.db
      .select()
      .from(auditEvents)
      .where(eq(auditEvents.action, 'bank-holidays.uploaded'));
    assert.deepEqual(event!.after, { firstYear: 2020, lastYear: 2031 });
    // A restart reads the newest upload.
    useBankHolidays(ukBankHolidays);
    await t.services.bankHolidays.load();
    assert.equal(ukWorkingDays.isWorkingDay('2031-05-05'), false, 'in use after a restart');
  } finally {
    useBankHolidays(ukBankHolidays);
  }
});

test('issue 21 item 16: administrators are warned on their home page from a year before the bank-holiday data runs out', async () => {
  const now = await signInAsRole(t, 'administrator');
  assert.doesNotMatch((await now.get('/')).body, NOTICE, 'more than a year left in 2026');
  await at(t, '2030-01-02T10:00:00Z', async () => {
    const admin = await signInAsRole(t, 'administrator');
    const home = (await admin.get('/')).body;
    const [, tense, year] = NOTICE.exec(home) ?? [];
    assert.equal(tense, 'ends');
    assert.equal(year, '2030');
    assert.match(home, /BANK_HOLIDAYS_FILE/);
    assert.match(home, /https:\/\/www\.gov\.uk\/bank-holidays\.json/);
    // Only administrators are told.
    const ctset = await signInAsRole(t, 'ctset');
    assert.doesNotMatch((await ctset.get('/')).body, NOTICE);
  });
});

test('issue 21 item 16: past the bank-holiday data a request is made and triaged, never a 500, and administrators are told how days are counted', async () => {
  await at(t, '2031-03-04T10:00:00Z', async () => {
    const requester = await signInAsRole(t, 'requester');
    const sent = await requester.post('/advice-requests/new', {
      subject: 'Advice on a march through Lewisham in 2031',
      details: 'A march is planned for the spring.',
      seriousOrCritical: 'no',
      urgency: 'routine',
      communities: 'Residents of Lewisham',
      'neededFrom-day': '1',
      'neededFrom-month': '4',
      'neededFrom-year': '2031',
      clearanceNeeded: 'none',
      advisorsWanted: '1',
    });
    assert.equal(sent.statusCode, 303, sent.body.slice(0, 1000));
    // The requester is told the target (five working days on) and how it was counted.
    const page = (await requester.get(sent.headers.location!)).body;
    assert.match(page, /Its target is 11 March 2031 at 10am\./);
    assert.match(
      page,
      /counted past the bank-holiday data Bridge has, leaving out only weekends, New Year’s Day, Good Friday, Easter Monday, Christmas Day and Boxing Day/,
    );
    const ctset = await signInAsRole(t, 'ctset');
    const queue = await ctset.get('/advice-requests/triage');
    assert.equal(queue.statusCode, 200);
    assert.match(queue.body, /Advice on a march through Lewisham in 2031/);
    const admin = await signInAsRole(t, 'administrator');
    const home = (await admin.get('/')).body;
    assert.equal(NOTICE.exec(home)?.[1], 'ended');
    assert.match(
      home,
      /count only weekends, New Year’s Day, Good Friday, Easter Monday, Christmas Day and Boxing Day/,
    );
  });
  const rows = await t.services.db.select().from(adviceRequests);
  assert.ok(rows.some((r) => r.subject === 'Advice on a march through Lewisham in 2031'));
});

test('issue 21 item 16: BANK_HOLIDAYS_FILE names the GOV.UK file; its years are used without a new release, and a bad file is named', async () => {
  const dir = mkdtempSync(path.join(tmpdir(), 'bridge-bank-holidays-'));
  const events = (list: [string, string][]) => ({
    events: list.map(([date, title]) => ({ date, title, notes: '', bunting: true })),
  });
  const file = path.join(dir, 'bank-holidays.json');
  writeFileSync(
    file,
    JSON.stringify({
      'england-and-wales': events([
        ['2031-01-01', 'New Year’s Day'],
        ['2031-05-05', 'Early May bank holiday'],
      ]),
      scotland: events([
        ['2031-01-01', 'New Year’s Day'],
        ['2031-01-02', '2nd January'],
      ]),
      'northern-ireland': events([
        ['2031-01-01', 'New Year’s Day'],
        ['2031-03-17', 'St Patrick’s Day'],
      ]),
    }),
  );
  const config = loadConfig({ BRIDGE_DEMO: 'true', BANK_HOLIDAYS_FILE: file });
  assert.equal(config.bankHolidays.lastYear, 2031);
  const bad = path.join(dir, 'wrong.json');
  writeFileSync(bad, JSON.stringify({ holidays: [] }));
  assert.throws(
    () => loadConfig({ BRIDGE_DEMO: 'true', BANK_HOLIDAYS_FILE: bad }),
    (error: Error) =>
      error instanceof ConfigError &&
      /^BANK_HOLIDAYS_FILE \(.*wrong\.json\) must be the bank-holidays file GOV\.UK publishes/.test(
        error.message,
      ),
  );
  assert.throws(
    () => loadConfig({ BRIDGE_DEMO: 'true', BANK_HOLIDAYS_FILE: path.join(dir, 'missing.json') }),
    /BANK_HOLIDAYS_FILE names .*missing\.json, which cannot be read/,
  );

  assert.equal(ukWorkingDays.isWorkingDay('2031-05-05'), true, 'not a fixed-rule holiday');
  const withFile = await createTestApp({
    demo: false,
    config: { bankHolidays: config.bankHolidays },
  });
  try {
    assert.equal(ukWorkingDays.isWorkingDay('2031-05-05'), false, 'the file’s holiday counts');
    assert.equal(ukWorkingDays.isWorkingDay('2031-01-02'), false, 'Scotland’s 2 January too');
    await at(withFile, '2030-01-02T10:00:00Z', async () => {
      const admin = await signInAsRole(withFile, 'administrator');
      assert.doesNotMatch((await admin.get('/')).body, NOTICE, 'the data now runs to 2031');
    });
    await at(withFile, '2031-01-02T10:00:00Z', async () => {
      const admin = await signInAsRole(withFile, 'administrator');
      assert.equal(NOTICE.exec((await admin.get('/')).body)?.[2], '2031');
    });
  } finally {
    await withFile.close();
    useBankHolidays(ukBankHolidays);
  }
});
