/**
 * Issue 24 item 2 (ICV-01, ICV-02): a panel's lay visitors, through the pages as the scheme
 * manager and a panel coordinator keep them: added with their independence declaration,
 * interviewed, vetted, appointed, trained, on probation, suspended; whether each can be put on
 * the rota; and the refusals of everyone else. Each test makes its own panel and visitors.
 */
import assert from 'node:assert/strict';
import { after, before, test } from 'node:test';
import { and, count, eq } from 'drizzle-orm';
import { loadDemoData, removeDemoData } from '../../src/demo/demo-data.js';
import { custodyVisitors } from '../../src/modules/custody-visiting/schema.js';
import { auditEvents } from '../../src/platform/audit/schema.js';
import { createTestApp, demoAccount, signIn, type Agent, type TestApp } from '../app.js';
import { signInAccount, signInNewAccount } from '../factories/accounts.js';
import {
  APPOINTED,
  makeCustodyInspector,
  makePanel,
  makePanelCoordinator,
  makeSuite,
  makeVisitor,
} from '../factories/custody-visiting.js';
import { uniqueTag } from '../factories/directory.js';
import { textOf } from '../html.js';

let t: TestApp;
let manager: Agent;

before(async () => {
  t = await createTestApp();
  manager = await signInNewAccount(t, 'scheme_manager');
});
after(() => t.close());

const text = textOf;

const visitorsOf = async (panelId: string) =>
  Number(
    (
      await t.services.db
        .select({ n: count() })
        .from(custodyVisitors)
        .where(eq(custodyVisitors.panelId, panelId))
    )[0]!.n,
  );

const auditsOf = async (visitorId: string) =>
  (
    await t.services.db
      .select({ action: auditEvents.action })
      .from(auditEvents)
      .where(
        and(eq(auditEvents.recordType, 'custody-visitor'), eq(auditEvents.recordId, visitorId)),
      )
      .orderBy(auditEvents.seq)
  ).map((a) => a.action);

const date = (name: string, iso: string) => {
  const [year, month, day] = iso.split('-');
  return { [`${name}-day`]: day!, [`${name}-month`]: month!, [`${name}-year`]: year! };
};

/** Posts a step's form as shown, with the record's version the form carries. */
async function step(agent: Agent, url: string, fields: Record<string, string>) {
  const form = await agent.get(url);
  assert.equal(form.statusCode, 200, url);
  const version = /name="version" value="(\d+)"/.exec(form.body)![1]!;
  return agent.post(url, { ...fields, version });
}

const newVisitor = (
  email: string,
  answers = { policeOfficerOrStaff: 'no', criminalJustice: 'no' },
) => ({
  fullName: 'Alex Visitor',
  email,
  ...answers,
  ...date('declaredOn', '2026-09-01'),
});

test('ICV-01, ICV-02: an added visitor is recruited step by step until they can be put on the rota', async () => {
  const panel = await makePanel(t);
  const email = `alex-${uniqueTag()}@example.org`;
  const added = await manager.post(
    `/custody-visiting/panels/${panel.id}/visitors/new`,
    newVisitor(email),
  );
  assert.equal(added.statusCode, 303);
  const url = added.headers.location!;
  const id = url.split('/').pop()!;
  let page = text((await manager.get(url)).body);
  assert.match(page, /Alex Visitor has been added/);
  assert.match(page, /Declared on 1 September 2026: not a serving police officer/);
  assert.match(page, /Application Added by staff, not through the public form/);
  assert.match(page, /Cannot be put on the rota Not appointed/);
  const list = text((await manager.get(`/custody-visiting/panels/${panel.id}/visitors`)).body);
  assert.match(list, /Alex Visitor Applicant Not appointed/);

  const steps: [string, Record<string, string>, RegExp][] = [
    [
      'interview',
      {
        ...date('interviewedOn', '2026-09-15'),
        interviewPanel: 'Pip Panel and Val Visitor',
        outcome: 'suitable',
      },
      /The interview has been recorded.*Interview panel Pip Panel and Val Visitor Outcome Suitable for appointment/,
    ],
    [
      'vetting',
      { result: 'cleared', ...date('vettedOn', '2026-10-01'), ...date('expiresOn', '2029-10-01') },
      /Result Cleared Date of the vetting 1 October 2026 Vetting expires on 1 October 2029/,
    ],
    [
      'appointment',
      date('appointedOn', '2026-11-01'),
      /Date of appointment 1 November 2026 Term ends on 1 November 2029.*On probation, due to end about 1 May 2027/,
    ],
  ];
  for (const [name, fields, shows] of steps) {
    const done = await step(manager, `${url}/${name}`, fields);
    assert.equal(done.statusCode, 303, name);
    page = text((await manager.get(url)).body);
    assert.match(page, shows, name);
  }
  // Appointed and vetted, but not trained: not yet.
  assert.match(page, /Cannot be put on the rota Not trained: the induction course is not recorded/);
  const course = await step(manager, `${url}/courses/new`, {
    courseName: 'Induction',
    induction: 'yes',
    ...date('completedOn', '2026-11-10'),
  });
  assert.equal(course.statusCode, 303);
  page = text((await manager.get(url)).body);
  assert.match(
    page,
    /Can be put on the rota On probation: to be paired with an experienced visitor/,
  );
  assert.match(page, /Induction Induction 10 November 2026/);
  assert.match(
    text((await manager.get(`/custody-visiting/panels/${panel.id}/visitors`)).body),
    /Alex Visitor Appointed, on probation Can be put on the rota/,
  );

  // Suspended, they are off the rota; the suspension lifted, they are back.
  await step(manager, `${url}/suspension`, {
    ...date('suspendedFrom', '2026-11-20'),
    reason: 'A complaint is being looked into.',
  });
  page = text((await manager.get(url)).body);
  assert.match(page, /Cannot be put on the rota Suspended from 20 November 2026/);
  assert.match(page, /A complaint is being looked into\./);
  await step(manager, `${url}/suspension/lift`, {});
  page = text((await manager.get(url)).body);
  assert.match(page, /The suspension has been lifted.* Can be put on the rota/);

  // Probation signed off, and the term renewed from its end.
  await step(manager, `${url}/probation`, {
    ...date('signedOffOn', '2026-11-22'),
    signedOffBy: 'Pip Panel',
  });
  await step(manager, `${url}/renewal`, date('renewedOn', '2026-11-23'));
  page = text((await manager.get(url)).body);
  assert.match(page, /Signed off on 22 November 2026 by Pip Panel/);
  assert.match(page, /Term ends on 1 November 2032 Last renewed 23 November 2026/);
  assert.doesNotMatch(page, /On probation: to be paired/);

  assert.deepEqual(await auditsOf(id), [
    'custody-visitor.created',
    'custody-visitor.interviewed',
    'custody-visitor.vetted',
    'custody-visitor.appointed',
    'custody-visitor.course-recorded',
    'custody-visitor.suspended',
    'custody-visitor.suspension-lifted',
    'custody-visitor.probation-signed-off',
    'custody-visitor.renewed',
  ]);
});

test('ICV-01: someone who is police staff, or in the criminal justice system, is refused, saying why; nothing is written', async () => {
  const panel = await makePanel(t);
  const refused = await manager.post(
    `/custody-visiting/panels/${panel.id}/visitors/new`,
    newVisitor(`refused-${uniqueTag()}@example.org`, {
      policeOfficerOrStaff: 'yes',
      criminalJustice: 'yes',
    }),
  );
  assert.equal(refused.statusCode, 400);
  const page = text(refused.body);
  assert.match(page, /There is a problem/);
  assert.match(
    page,
    /A serving police officer or member of police staff cannot be a custody visitor: visitors are independent of the police/,
  );
  assert.match(
    page,
    /Someone directly involved in the criminal justice system cannot be a custody visitor/,
  );
  assert.match(refused.body, /href="#policeOfficerOrStaff"/);
  assert.equal(await visitorsOf(panel.id), 0);

  const blank = await manager.post(`/custody-visiting/panels/${panel.id}/visitors/new`, {});
  assert.equal(blank.statusCode, 400);
  const blankPage = text(blank.body);
  assert.match(blankPage, /Enter the full name/);
  assert.match(blankPage, /Enter the e-mail address/);
  assert.match(
    blankPage,
    /Answer whether they are a serving police officer or member of police staff/,
  );
  assert.match(blankPage, /Enter the date of the declaration/);
  assert.equal(await visitorsOf(panel.id), 0);
});

test('ICV-02: appointment before a suitable interview and cleared vetting is refused, naming the field', async () => {
  const panel = await makePanel(t);
  const applicant = await makeVisitor(t, panel);
  const url = `/custody-visiting/visitors/${applicant.id}`;
  const early = await step(manager, `${url}/appointment`, date('appointedOn', '2026-11-01'));
  assert.equal(early.statusCode, 400);
  assert.match(
    text(early.body),
    /The visitor cannot be appointed until an interview has found them suitable/,
  );
  assert.match(early.body, /href="#appointedOn-day"/);

  // Cleared vetting needs its expiry; a date to come is refused.
  const vetting = await step(manager, `${url}/vetting`, {
    result: 'cleared',
    ...date('vettedOn', '2026-12-25'),
  });
  assert.equal(vetting.statusCode, 400);
  assert.match(text(vetting.body), /The date must be today or in the past/);
  const noExpiry = await step(manager, `${url}/vetting`, {
    result: 'cleared',
    ...date('vettedOn', '2026-10-01'),
  });
  assert.match(text(noExpiry.body), /Enter the date the vetting expires/);
  const [row] = await t.services.db
    .select()
    .from(custodyVisitors)
    .where(eq(custodyVisitors.id, applicant.id));
  assert.equal(row!.appointedOn, null);
  assert.equal(row!.vettedOn, null);
  assert.deepEqual(await auditsOf(applicant.id), []);
});

test('a step recorded from a form shown before another change is refused, and changes nothing', async () => {
  const panel = await makePanel(t);
  const visitor = await makeVisitor(t, panel, { stage: APPOINTED, inducted: true });
  const url = `/custody-visiting/visitors/${visitor.id}`;
  const form = await manager.get(`${url}/suspension`);
  const version = /name="version" value="(\d+)"/.exec(form.body)![1]!;
  // Meanwhile someone records the probation's sign-off.
  await step(manager, `${url}/probation`, {
    ...date('signedOffOn', '2026-07-10'),
    signedOffBy: 'Pip Panel',
  });
  const stale = await manager.post(`${url}/suspension`, {
    ...date('suspendedFrom', '2026-11-01'),
    reason: 'Late to every visit',
    version,
  });
  assert.equal(stale.statusCode, 409);
  assert.match(text(stale.body), /Someone else changed this record while you were editing it/);
  const [row] = await t.services.db
    .select()
    .from(custodyVisitors)
    .where(eq(custodyVisitors.id, visitor.id));
  assert.equal(row!.suspendedFrom, null);
  assert.deepEqual(await auditsOf(visitor.id), ['custody-visitor.probation-signed-off']);
});

test('ICV-02: a visitor whose vetting has expired, or who is suspended, cannot be put on the rota', async () => {
  const panel = await makePanel(t);
  const lapsed = await makeVisitor(t, panel, {
    fullName: `Lapsed ${uniqueTag()}`,
    stage: { ...APPOINTED, vettingExpiresOn: '2026-10-31' },
    inducted: true,
  });
  const suspended = await makeVisitor(t, panel, {
    fullName: `Suspended ${uniqueTag()}`,
    stage: { ...APPOINTED, suspendedFrom: '2026-11-01', suspensionReason: 'Under review' },
    inducted: true,
  });
  const ready = await makeVisitor(t, panel, {
    fullName: `Ready ${uniqueTag()}`,
    stage: { ...APPOINTED, probationSignedOffOn: '2026-07-10', probationSignedOffBy: 'Pip' },
    inducted: true,
  });
  const list = text((await manager.get(`/custody-visiting/panels/${panel.id}/visitors`)).body);
  assert.match(list, /3 visitors/);
  assert.match(
    list,
    new RegExp(
      `${lapsed.fullName} Appointed, on probation Their vetting expired on 31 October 2026`,
    ),
  );
  assert.match(list, new RegExp(`${suspended.fullName} Suspended Suspended from 1 November 2026`));
  assert.match(list, new RegExp(`${ready.fullName} Appointed Can be put on the rota`));
});

test('ICV-02: a panel coordinator keeps their own panel’s visitors; another panel’s are not found and stay as they were', async () => {
  const mine = await makePanel(t);
  const theirs = await makePanel(t);
  const myVisitor = await makeVisitor(t, mine);
  const theirVisitor = await makeVisitor(t, theirs);
  const coordinator = await signInAccount(t, await makePanelCoordinator(t, mine));

  const list = text((await coordinator.get(`/custody-visiting/panels/${mine.id}/visitors`)).body);
  assert.match(list, new RegExp(myVisitor.fullName));
  assert.equal(
    (await coordinator.get(`/custody-visiting/visitors/${myVisitor.id}`)).statusCode,
    200,
  );
  const recorded = await step(coordinator, `/custody-visiting/visitors/${myVisitor.id}/interview`, {
    ...date('interviewedOn', '2026-11-02'),
    interviewPanel: 'The coordinator',
    outcome: 'unsuitable',
  });
  assert.equal(recorded.statusCode, 303);

  for (const url of [
    `/custody-visiting/panels/${theirs.id}/visitors`,
    `/custody-visiting/panels/${theirs.id}/visitors/new`,
    `/custody-visiting/visitors/${theirVisitor.id}`,
    `/custody-visiting/visitors/${theirVisitor.id}/interview`,
  ])
    assert.equal((await coordinator.get(url)).statusCode, 404, url);
  const refused = await coordinator.post(
    `/custody-visiting/visitors/${theirVisitor.id}/suspension`,
    {
      ...date('suspendedFrom', '2026-11-01'),
      reason: 'Not theirs to suspend',
    },
  );
  assert.equal(refused.statusCode, 404);
  const added = await coordinator.post(
    `/custody-visiting/panels/${theirs.id}/visitors/new`,
    newVisitor(`sneaky-${uniqueTag()}@example.org`),
  );
  assert.equal(added.statusCode, 404);
  const [row] = await t.services.db
    .select()
    .from(custodyVisitors)
    .where(eq(custodyVisitors.id, theirVisitor.id));
  assert.equal(row!.suspendedFrom, null);
  assert.equal(await visitorsOf(theirs.id), 1);
});

test('ICV-01: a custody inspector, and anyone outside the scheme, sees no visitor: their details are not the police’s', async () => {
  const suite = await makeSuite(t);
  const panel = await makePanel(t, { area: suite.area });
  const visitor = await makeVisitor(t, panel);
  const inspector = await signInAccount(t, await makeCustodyInspector(t, suite));
  const others = [
    inspector,
    await signInNewAccount(t, 'lay_visitor'),
    await signInNewAccount(t, 'authority_officer'),
  ];
  for (const agent of others) {
    for (const url of [
      `/custody-visiting/panels/${panel.id}/visitors`,
      `/custody-visiting/visitors/${visitor.id}`,
      `/custody-visiting/visitors/${visitor.id}/vetting`,
    ])
      assert.equal((await agent.get(url)).statusCode, 403, url);
    const refused = await agent.post(`/custody-visiting/visitors/${visitor.id}/suspension`, {
      ...date('suspendedFrom', '2026-11-01'),
      reason: 'Not theirs',
    });
    assert.equal(refused.statusCode, 403);
  }
  assert.deepEqual(await auditsOf(visitor.id), []);
});

test('the demo Camden panel has seven visitors at every stage, one who has left, and they go with the demo data', async () => {
  await loadDemoData(t.services.db, t.services.secretBox);
  // The demo's dates run up to the real today, so its pages are read on that day.
  t.clock.current = new Date();
  const coordinator = await signIn(t.app, demoAccount('panel_coordinator').email);
  const panels = (await coordinator.get('/custody-visiting/panels')).body;
  const panelId = /href="\/custody-visiting\/panels\/([0-9a-f-]{36})"/.exec(panels)![1]!;
  const list = text((await coordinator.get(`/custody-visiting/panels/${panelId}/visitors`)).body);
  assert.match(list, /7 visitors/);
  assert.match(list, /Val Visitor Appointed Can be put on the rota/);
  assert.match(list, /Tom Reilly Appointed, on probation Can be put on the rota/);
  assert.match(list, /Grace Lindqvist Suspended Suspended from/);
  assert.match(list, /Hassan Malik Appointed Their vetting expired on/);
  assert.match(list, /Niamh Doyle Applicant Not appointed/);
  assert.match(list, /Dev Patel Left the scheme Left the scheme on/);

  await removeDemoData(t.services.db);
  const [left] = await t.services.db
    .select({ n: count() })
    .from(custodyVisitors)
    .where(eq(custodyVisitors.panelId, panelId));
  assert.equal(Number(left!.n), 0);
  t.clock.reset();
});
