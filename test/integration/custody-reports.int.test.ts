/**
 * Issue 24 item 4 (ICV-03 to ICV-07): the custody visit report, through the pages as two lay
 * visitors write it at the station: begun, each detainee added by custody record number only,
 * the checks recorded, confirmed by both and only then sent to the suite's custody inspector
 * and the scheme manager. A form sent twice is done once. The refusals: one visitor, a delay
 * without its reason, a visitor of another panel, the police on a draft. Each test makes its own.
 */
import assert from 'node:assert/strict';
import { randomUUID } from 'node:crypto';
import { after, before, test } from 'node:test';
import { count, eq, getTableColumns } from 'drizzle-orm';
import {
  custodyVisitReportDetainees,
  custodyVisitReports,
} from '../../src/modules/custody-visiting/reports/schema.js';
import { createTestApp, dateFields, type Agent, type TestApp } from '../app.js';
import { signInAccount, signInNewAccount } from '../factories/accounts.js';
import { makeLayVisitor, makeVisitingPair } from '../factories/custody-reports.js';
import { makeCustodyInspector, makePanel } from '../factories/custody-visiting.js';
import { textOf as text } from '../html.js';

let t: TestApp;
let manager: Agent;

before(async () => {
  t = await createTestApp();
  manager = await signInNewAccount(t, 'scheme_manager');
});
after(() => t.close());

const reportsOf = async (suiteId: string) =>
  Number(
    (
      await t.services.db
        .select({ n: count() })
        .from(custodyVisitReports)
        .where(eq(custodyVisitReports.suiteId, suiteId))
    )[0]!.n,
  );

const detaineesOf = async (reportId: string) =>
  t.services.db
    .select()
    .from(custodyVisitReportDetainees)
    .where(eq(custodyVisitReportDetainees.reportId, reportId));

const start = (suiteId: string, secondVisitorId: string, extra: Record<string, string> = {}) => ({
  idempotencyKey: randomUUID(),
  suiteId,
  secondVisitorId,
  ...dateFields('visitedOn', '2026-11-22'),
  arrivedAt: '19:00',
  admittedAt: '19:00',
  ...extra,
});

const checks = {
  rightsCheck: 'satisfactory',
  healthCheck: 'concerns',
  healthNotes: 'Two cells had no blankets',
  cellsCheck: 'satisfactory',
  detaineesPresent: '2',
  conditions: 'Clean; the exercise yard was locked',
  issuesRaised: 'No blankets in cells 3 and 4',
  actionTaken: 'The sergeant brought blankets at once',
  followUp: 'Ask why the blanket store was empty',
};

/** Begins a report as the pair's first visitor; its address. */
async function begin(agent: Agent, suiteId: string, secondVisitorId: string) {
  await agent.get('/custody-visiting/reports/new');
  const started = await agent.post(
    '/custody-visiting/reports/new',
    start(suiteId, secondVisitorId),
  );
  assert.equal(started.statusCode, 303, started.body);
  return started.headers.location!;
}

test('ICV-03 to ICV-07: two visitors write the report, each confirms it, and only then it goes to the inspector and the manager', async () => {
  const pair = await makeVisitingPair(t, { first: 'Amara Report', second: 'Tom Report' });
  const inspector = await signInAccount(t, await makeCustodyInspector(t, pair.suite));
  const first = await signInAccount(t, pair.first.account);
  const second = await signInAccount(t, pair.second.account);

  const form = text((await first.get('/custody-visiting/reports/new')).body);
  assert.match(form, /Start a visit report/);
  assert.match(form, new RegExp(pair.suite.name));
  assert.match(form, /Tom Report/);

  const url = await begin(first, pair.suite.id, pair.second.visitor.id);
  let page = text((await first.get(url)).body);
  assert.match(page, /The report has been started/);
  assert.match(page, /Only you and the other visitor can see this draft/);
  assert.match(page, /Visitors Amara Report, Tom Report/);
  assert.match(page, /Delay in admission None: admitted at once/);
  assert.match(page, /Before it can be confirmed: Record the checks/);

  // ICV-05: the detainee's form says there is no place for a name or the reason for detention.
  const detaineeForm = await first.get(`${url}/detainees/new`);
  assert.match(
    text(detaineeForm.body),
    /Identify the detainee by their custody record number only/,
  );
  assert.doesNotMatch(detaineeForm.body, /name="(name|fullName|reason\w*)"/);
  for (const detainee of <Record<string, string>[]>[
    { custodyRecordNumber: '01cd/1000/26', consent: 'yes', seen: 'yes', observations: 'Fine' },
    {
      custodyRecordNumber: '01CD/2000/26',
      child: 'yes',
      consent: 'no',
      seen: 'no',
      notSeenReason: 'asleep',
    },
  ]) {
    await first.get(`${url}/detainees/new`);
    const added = await first.post(`${url}/detainees/new`, {
      idempotencyKey: randomUUID(),
      ...detainee,
    });
    assert.equal(added.statusCode, 303, added.body);
  }
  await first.get(`${url}/checks`);
  assert.equal((await first.post(`${url}/checks`, checks)).statusCode, 303);
  page = text((await first.get(url)).body);
  // Children and vulnerable detainees first.
  assert.match(page, /01CD\/2000\/26 Child .* Not seen: Asleep .*01CD\/1000\/26/);
  assert.match(page, /Health and welfare Concerns: Two cells had no blankets/);
  assert.match(page, /What was done about them The sergeant brought blankets at once/);

  // Before it is sent, the police and the manager do not see it, even typed in as its address.
  for (const other of [inspector, manager]) {
    const refused = await other.get(url);
    assert.equal(refused.statusCode, 404);
    assert.doesNotMatch(refused.body, /01CD/);
    assert.doesNotMatch((await other.get('/custody-visiting/reports')).body, new RegExp(url));
  }

  assert.match(
    text((await inspector.get('/custody-visiting/reports')).body),
    /There are no visit reports to show/,
  );
  assert.equal((await first.post(`${url}/confirm`, {})).statusCode, 303);
  page = text((await first.get(url)).body);
  assert.match(page, /You have confirmed the report/);
  assert.match(page, /It is sent once the other visitor confirms it too/);
  assert.equal((await inspector.get(url)).statusCode, 404);

  const secondPage = text((await second.get(url)).body);
  assert.match(secondPage, /Confirm the report/);
  assert.equal((await second.post(`${url}/confirm`, {})).statusCode, 303);
  page = text((await second.get(url)).body);
  assert.match(page, /The report has been sent to the custody inspector and the scheme manager/);
  assert.match(page, /Status Sent/);

  for (const reader of [inspector, manager]) {
    const seen = text((await reader.get(url)).body);
    assert.match(seen, /01CD\/2000\/26/);
    assert.match(seen, /Not seen: Asleep/);
    assert.match((await reader.get('/custody-visiting/reports')).body, new RegExp(url));
  }
  // A sent report is not changed.
  const late = await first.post(`${url}/checks`, checks);
  assert.equal(late.statusCode, 409);
  assert.match(text(late.body), /This report has been sent/);
});

test('never sent twice: the same form posted again is the one report, the same detainee added once', async () => {
  const pair = await makeVisitingPair(t);
  const first = await signInAccount(t, pair.first.account);
  await first.get('/custody-visiting/reports/new');
  const fields = start(pair.suite.id, pair.second.visitor.id);
  const once = await first.post('/custody-visiting/reports/new', fields);
  const again = await first.post('/custody-visiting/reports/new', fields);
  assert.equal(once.headers.location, again.headers.location);
  assert.equal(await reportsOf(pair.suite.id), 1);
  const url = once.headers.location!;
  const detainee = {
    idempotencyKey: randomUUID(),
    custodyRecordNumber: 'CR42',
    consent: 'yes',
    seen: 'yes',
  };
  assert.equal((await first.post(`${url}/detainees/new`, detainee)).statusCode, 303);
  assert.equal((await first.post(`${url}/detainees/new`, detainee)).statusCode, 303);
  assert.equal((await detaineesOf(url.split('/').pop()!)).length, 1);
  // A new form, the same custody record number: refused, naming the field.
  const twice = await first.post(`${url}/detainees/new`, {
    ...detainee,
    idempotencyKey: randomUUID(),
  });
  assert.equal(twice.statusCode, 400);
  assert.match(text(twice.body), /There is a problem This custody record number is already listed/);
});

test('ICV-03: a visit by one visitor is refused, naming the field, and nothing is written', async () => {
  const pair = await makeVisitingPair(t);
  const first = await signInAccount(t, pair.first.account);
  await first.get('/custody-visiting/reports/new');
  for (const second of ['', pair.first.visitor.id]) {
    const refused = await first.post('/custody-visiting/reports/new', start(pair.suite.id, second));
    assert.equal(refused.statusCode, 400);
    assert.match(
      text(refused.body),
      /There is a problem Select the other visitor: a visit is made by two visitors together/,
    );
    assert.match(refused.body, /href="#secondVisitorId"/);
  }
  assert.equal(await reportsOf(pair.suite.id), 0);
});

test('ICV-04: a delay without reason or authorising inspector is refused; with them it is reported', async () => {
  const pair = await makeVisitingPair(t);
  const first = await signInAccount(t, pair.first.account);
  await first.get('/custody-visiting/reports/new');
  const refused = await first.post(
    '/custody-visiting/reports/new',
    start(pair.suite.id, pair.second.visitor.id, { admittedAt: '19:25' }),
  );
  assert.equal(refused.statusCode, 400);
  const said = text(refused.body);
  assert.match(said, /Enter the reason you were not admitted at once/);
  assert.match(said, /Enter the inspector who authorised the delay/);
  assert.equal(await reportsOf(pair.suite.id), 0);
  const bad = await first.post(
    '/custody-visiting/reports/new',
    start(pair.suite.id, pair.second.visitor.id, { arrivedAt: 'evening' }),
  );
  assert.match(text(bad.body), /Enter a time on the 24-hour clock, like 19:05/);
  const done = await first.post(
    '/custody-visiting/reports/new',
    start(pair.suite.id, pair.second.visitor.id, {
      admittedAt: '19:25',
      delayReason: 'A violent detainee in the corridor',
      delayAuthorisedBy: 'Inspector Kit Custody',
    }),
  );
  assert.equal(done.statusCode, 303);
  assert.match(
    text((await first.get(done.headers.location!)).body),
    /Delay in admission A violent detainee in the corridor \(authorised by Inspector Kit Custody\)/,
  );
});

test('ICV-05: a detainee is kept by custody record number only: a name is refused, and no name or reason is stored', async () => {
  const pair = await makeVisitingPair(t);
  const first = await signInAccount(t, pair.first.account);
  const url = await begin(first, pair.suite.id, pair.second.visitor.id);
  const named = await first.post(`${url}/detainees/new`, {
    idempotencyKey: randomUUID(),
    custodyRecordNumber: 'John Smith',
    consent: 'yes',
    seen: 'yes',
  });
  assert.equal(named.statusCode, 400);
  assert.match(
    text(named.body),
    /Enter the custody record number, like 01CD\/1234\/26, not a name/,
  );
  const noConsent = await first.post(`${url}/detainees/new`, {
    idempotencyKey: randomUUID(),
    custodyRecordNumber: 'CR7',
    consent: 'no',
    seen: 'yes',
  });
  assert.match(text(noConsent.body), /A detainee is seen only with their consent/);
  const withExtras = await first.post(`${url}/detainees/new`, {
    idempotencyKey: randomUUID(),
    custodyRecordNumber: 'CR8',
    consent: 'yes',
    seen: 'yes',
    name: 'Jane Doe',
    reasonForDetention: 'Burglary',
  });
  assert.equal(withExtras.statusCode, 303);
  const [stored] = await detaineesOf(url.split('/').pop()!);
  assert.equal(stored!.custodyRecordNumber, 'CR8');
  assert.doesNotMatch(JSON.stringify(stored), /Jane|Burglary/);
  const columns = Object.keys(getTableColumns(custodyVisitReportDetainees));
  assert.equal(
    columns.some((c) => /name|reason(?!.*notSeen)/i.test(c) && c !== 'notSeenReason'),
    false,
  );
});

test('ICV-07: a report is not confirmed until its parts are there, saying what is missing', async () => {
  const pair = await makeVisitingPair(t);
  const first = await signInAccount(t, pair.first.account);
  const url = await begin(first, pair.suite.id, pair.second.visitor.id);
  const early = await first.post(`${url}/confirm`, {});
  assert.equal(early.statusCode, 409);
  assert.match(
    text(early.body),
    /There is a problem Record the checks, the number of detainees present/,
  );
  await first.post(`${url}/checks`, checks);
  const short = await first.post(`${url}/confirm`, {});
  assert.match(text(short.body), /2 detainees were present and 0 are listed/);
  const badChecks = await first.post(`${url}/checks`, {
    ...checks,
    rightsCheck: '',
    conditions: '',
    actionTaken: '',
  });
  assert.equal(badChecks.statusCode, 400);
  const said = text(badChecks.body);
  assert.match(said, /Select whether rights and entitlements were satisfactory/);
  assert.match(said, /Enter your observations on conditions/);
  assert.match(said, /Enter what was done about the issues raised/);
});

test('refused: a lay visitor of another panel, and anyone but the two visitors, on a draft', async () => {
  const pair = await makeVisitingPair(t);
  const first = await signInAccount(t, pair.first.account);
  const url = await begin(first, pair.suite.id, pair.second.visitor.id);
  const otherPanel = await makePanel(t);
  const stranger = await signInAccount(t, (await makeLayVisitor(t, otherPanel)).account);
  const samePanel = await signInAccount(t, (await makeLayVisitor(t, pair.panel)).account);
  for (const agent of [stranger, samePanel]) {
    const read = await agent.get(url);
    assert.equal(read.statusCode, 404);
    assert.doesNotMatch(read.body, new RegExp(pair.suite.name));
    assert.equal((await agent.post(`${url}/confirm`, {})).statusCode, 404);
    assert.equal((await agent.post(`${url}/checks`, checks)).statusCode, 404);
  }
  // Another panel's visitor cannot report on this panel's suite, nor pair with its visitors.
  await stranger.get('/custody-visiting/reports/new');
  const form = await stranger.get('/custody-visiting/reports/new');
  assert.doesNotMatch(form.body, new RegExp(pair.suite.name));
  const refused = await stranger.post(
    '/custody-visiting/reports/new',
    start(pair.suite.id, pair.second.visitor.id),
  );
  assert.equal(refused.statusCode, 400);
  assert.match(text(refused.body), /Select the custody suite/);
  assert.match(text(refused.body), /Select a visitor of your panel who can make visits/);
  assert.equal(await reportsOf(pair.suite.id), 1);
  // A police user on a draft: not found, nothing of it shown.
  const police = await signInAccount(t, await makeCustodyInspector(t, pair.suite));
  const draft = await police.get(url);
  assert.equal(draft.statusCode, 404);
  assert.equal((await police.get('/custody-visiting/reports/new')).statusCode, 403);
});

test('a detainee listed by mistake is removed from a draft, and both visitors confirm again', async () => {
  const pair = await makeVisitingPair(t);
  const first = await signInAccount(t, pair.first.account);
  const second = await signInAccount(t, pair.second.account);
  const url = await begin(first, pair.suite.id, pair.second.visitor.id);
  await first.post(`${url}/detainees/new`, {
    idempotencyKey: randomUUID(),
    custodyRecordNumber: 'CR100',
    consent: 'yes',
    seen: 'yes',
  });
  await first.post(`${url}/checks`, { ...checks, detaineesPresent: '0' });
  const [detainee] = await detaineesOf(url.split('/').pop()!);
  const removeUrl = `${url}/detainees/${detainee!.id}/remove`;
  assert.match(text((await first.get(url)).body), /0 detainees were present and 1 are listed/);
  assert.equal((await first.post(`${url}/confirm`, {})).statusCode, 409);
  // Nobody but the two visitors removes one.
  const stranger = await signInAccount(t, (await makeLayVisitor(t, pair.panel)).account);
  assert.equal((await stranger.post(removeUrl, {})).statusCode, 404);
  assert.match(text((await second.get(removeUrl)).body), /Remove detainee CR100 from the report\?/);
  const removed = await second.post(removeUrl, {});
  assert.equal(removed.statusCode, 303);
  assert.match(
    text((await second.get(url)).body),
    /The detainee has been removed from the report.*No detainees are listed/,
  );
  assert.equal((await detaineesOf(url.split('/').pop()!)).length, 0);
  assert.equal((await first.post(`${url}/confirm`, {})).statusCode, 303);
  assert.equal((await second.post(removeUrl, {})).statusCode, 404);
});

test('ICV-04: the visit’s times are put right on a draft; a delay still needs its reason', async () => {
  const pair = await makeVisitingPair(t);
  const first = await signInAccount(t, pair.first.account);
  const url = await begin(first, pair.suite.id, pair.second.visitor.id);
  const form = text((await first.get(`${url}/visit`)).body);
  assert.match(form, /Change the visit’s details/);
  assert.match((await first.get(`${url}/visit`)).body, /name="arrivedAt"[^>]*value="19:00"/);
  const refused = await first.post(`${url}/visit`, {
    ...dateFields('visitedOn', '2026-11-22'),
    arrivedAt: '19:00',
    admittedAt: '19:30',
  });
  assert.equal(refused.statusCode, 400);
  assert.match(text(refused.body), /Enter the reason you were not admitted at once/);
  const done = await first.post(`${url}/visit`, {
    ...dateFields('visitedOn', '2026-11-21'),
    arrivedAt: '19:00',
    admittedAt: '19:30',
    delayReason: 'Cells being cleaned after a spillage',
    delayAuthorisedBy: 'Inspector Lee',
  });
  assert.equal(done.statusCode, 303);
  const page = text((await first.get(url)).body);
  assert.match(page, /The visit’s details have been changed/);
  assert.match(page, /Date of the visit 21 November 2026/);
  assert.match(page, /Cells being cleaned after a spillage \(authorised by Inspector Lee\)/);
  const police = await signInAccount(t, await makeCustodyInspector(t, pair.suite));
  assert.equal((await police.post(`${url}/visit`, {})).statusCode, 403);
});
