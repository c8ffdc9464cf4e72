/**
 * Issue 24 item 1 (ICV-01, ICV-02): the scheme's custody suites and panels, through the pages
 * as the scheme manager, a panel coordinator and a custody inspector use them, and the refusals
 * of everyone else. Each test makes its own suites and panels in areas of its own.
 */
import assert from 'node:assert/strict';
import { randomUUID } from 'node:crypto';
import { after, before, test } from 'node:test';
import { and, count, eq } from 'drizzle-orm';
import { custodyPanels, custodySuites } from '../../src/modules/custody-visiting/schema.js';
import { auditEvents } from '../../src/platform/audit/schema.js';
import { loadDemoData, removeDemoData } from '../../src/demo/demo-data.js';
import { createTestApp, demoAccount, signIn, type Agent, type TestApp } from '../app.js';
import { makeAccount, signInAccount, signInNewAccount } from '../factories/accounts.js';
import {
  makeArea,
  makeCustodyInspector,
  makePanel,
  makePanelCoordinator,
  makeSuite,
} from '../factories/custody-visiting.js';
import { makePerson } from '../factories/directory.js';

let t: TestApp;
let manager: Agent;

before(async () => {
  t = await createTestApp();
  manager = await signInNewAccount(t, 'scheme_manager');
});
after(() => t.close());

/** The page's text, tags and spacing aside, to read as a person would. */
const text = (html: string) =>
  html
    .replace(/<[^>]+>/g, ' ')
    .replace(/&#39;|&rsquo;/g, '’')
    .replace(/\s+/g, ' ');

const suitesIn = async (area: string) =>
  Number(
    (
      await t.services.db
        .select({ n: count() })
        .from(custodySuites)
        .where(eq(custodySuites.area, area))
    )[0]!.n,
  );

test('ICV-03: a suite the scheme manager adds shows on the register with its target, once audited', async () => {
  const area = makeArea();
  const form = await manager.get('/custody-visiting/suites/new');
  assert.equal(form.statusCode, 200);
  // London's default: a visit a week.
  assert.match(form.body, /name="targetVisitsPerWeek"[^>]*value="1"/);
  const added = await manager.post('/custody-visiting/suites/new', {
    name: 'Holborn Police Station',
    area,
    address: '10 Lamb’s Conduit Street, London',
    cells: '14',
    targetVisitsPerWeek: '2',
  });
  assert.equal(added.statusCode, 303);
  const suitePage = await manager.get(added.headers.location!);
  assert.match(text(suitePage.body), /Holborn Police Station has been added/);
  assert.match(text(suitePage.body), /Target visits a week 2 visits a week/);
  const register = await manager.get(`/custody-visiting/suites?area=${encodeURIComponent(area)}`);
  const row = text(register.body);
  assert.match(row, new RegExp(`Holborn Police Station ${area} 14 2`));
  const suiteId = added.headers.location!.split('/').pop()!;
  const [audits] = await t.services.db
    .select({ n: count() })
    .from(auditEvents)
    .where(and(eq(auditEvents.action, 'custody-suite.created'), eq(auditEvents.recordId, suiteId)));
  assert.equal(Number(audits!.n), 1);

  // Changed: the register reads the new target; one more audit event.
  const edit = await manager.get(`/custody-visiting/suites/${suiteId}/edit`);
  assert.match(edit.body, /value="Holborn Police Station"/);
  const version = /name="version" value="(\d+)"/.exec(edit.body)![1]!;
  const changed = await manager.post(`/custody-visiting/suites/${suiteId}/edit`, {
    name: 'Holborn Police Station',
    area,
    address: '10 Lamb’s Conduit Street, London',
    cells: '14',
    targetVisitsPerWeek: '0.5',
    version,
  });
  assert.equal(changed.statusCode, 303);
  const after = text(
    (await manager.get(`/custody-visiting/suites?area=${encodeURIComponent(area)}`)).body,
  );
  assert.match(after, new RegExp(`Holborn Police Station ${area} 14 0.5`));
});

test('ICV-03: bad input is refused with a message naming each field, and nothing is written', async () => {
  const area = makeArea();
  const refused = await manager.post('/custody-visiting/suites/new', {
    name: '',
    area,
    address: '1 High Street',
    cells: 'twelve',
    targetVisitsPerWeek: '0',
  });
  assert.equal(refused.statusCode, 400);
  const page = text(refused.body);
  assert.match(page, /There is a problem/);
  assert.match(page, /Enter the name/);
  assert.match(page, /The number of cells must be a whole number, like 12/);
  assert.match(page, /Target visits a week must be a number above 0 and at most 21/);
  assert.match(refused.body, /href="#cells"/);
  assert.equal(await suitesIn(area), 0);
});

test('ICV-02: a panel for an area lists its suites; a second panel for the area is refused', async () => {
  const area = makeArea();
  const suite = await makeSuite(t, { area, name: `Kentish Town ${area}` });
  const coordinator = await makePerson(t, { fullName: 'Pat Coordinator' });
  const added = await manager.post('/custody-visiting/panels/new', {
    name: `${area} panel`,
    area,
    coordinatorEmail: coordinator.email!,
  });
  assert.equal(added.statusCode, 303);
  const panelPage = text((await manager.get(added.headers.location!)).body);
  assert.match(panelPage, new RegExp(`${area} panel has been added`));
  assert.match(panelPage, /Coordinator Pat Coordinator/);
  assert.match(panelPage, new RegExp(suite.name));

  const second = await manager.post('/custody-visiting/panels/new', {
    name: 'Another panel',
    area: area.toLowerCase(),
    coordinatorEmail: 'nobody@nowhere.example',
  });
  assert.equal(second.statusCode, 400);
  const refusal = text(second.body);
  assert.match(refusal, /already has a panel: there is one panel for each borough or custody area/);
  assert.match(refusal, /Enter the e-mail address of someone in the directory/);
  const [panels] = await t.services.db
    .select({ n: count() })
    .from(custodyPanels)
    .where(eq(custodyPanels.name, 'Another panel'));
  assert.equal(Number(panels!.n), 0);
});

test('ICV-02: a panel coordinator sees and changes only their own panel and its suites', async () => {
  const mine = await makePanel(t);
  const theirs = await makePanel(t);
  const mySuite = await makeSuite(t, { area: mine.area });
  const otherSuite = await makeSuite(t, { area: theirs.area });
  const coordinator = await signInAccount(t, await makePanelCoordinator(t, mine));

  const panels = text((await coordinator.get('/custody-visiting/panels')).body);
  assert.match(panels, new RegExp(mine.name));
  assert.doesNotMatch(panels, new RegExp(theirs.name));
  assert.doesNotMatch(panels, /Add a panel/);
  assert.equal((await coordinator.get(`/custody-visiting/panels/${mine.id}`)).statusCode, 200);
  assert.equal((await coordinator.get(`/custody-visiting/panels/${theirs.id}`)).statusCode, 404);
  assert.equal(
    (await coordinator.get(`/custody-visiting/panels/${theirs.id}/edit`)).statusCode,
    404,
  );
  const suites = text((await coordinator.get('/custody-visiting/suites')).body);
  assert.match(suites, new RegExp(mySuite.name));
  assert.doesNotMatch(suites, new RegExp(otherSuite.name));
  assert.equal(
    (await coordinator.get(`/custody-visiting/suites/${otherSuite.id}`)).statusCode,
    404,
  );
  // Adding panels and suites is the scheme manager's.
  assert.equal((await coordinator.get('/custody-visiting/panels/new')).statusCode, 403);
  assert.equal((await coordinator.get('/custody-visiting/suites/new')).statusCode, 403);

  // Their own panel they change; another's is refused and stays as it was.
  const form = await coordinator.get(`/custody-visiting/panels/${mine.id}/edit`);
  const version = /name="version" value="(\d+)"/.exec(form.body)![1]!;
  const email = /name="coordinatorEmail"[^>]*value="([^"]+)"/.exec(form.body)![1]!;
  const renamed = await coordinator.post(`/custody-visiting/panels/${mine.id}/edit`, {
    name: `${mine.area} visitors`,
    area: mine.area,
    coordinatorEmail: email,
    version,
  });
  assert.equal(renamed.statusCode, 303);
  const refused = await coordinator.post(`/custody-visiting/panels/${theirs.id}/edit`, {
    name: 'Taken over',
    area: theirs.area,
    coordinatorEmail: email,
    version: '1',
  });
  assert.equal(refused.statusCode, 404);
  const [row] = await t.services.db
    .select({ name: custodyPanels.name })
    .from(custodyPanels)
    .where(eq(custodyPanels.id, theirs.id));
  assert.equal(row!.name, theirs.name);
});

test('ICV-01: a custody inspector sees only their own suites, and no panel', async () => {
  const area = makeArea();
  const mine = await makeSuite(t, { area });
  const sameArea = await makeSuite(t, { area });
  const panel = await makePanel(t, { area });
  const inspector = await signInAccount(t, await makeCustodyInspector(t, mine));

  const suites = text((await inspector.get('/custody-visiting/suites')).body);
  assert.match(suites, new RegExp(mine.name));
  assert.doesNotMatch(suites, new RegExp(sameArea.name));
  assert.doesNotMatch(suites, /Add a custody suite/);
  const page = text((await inspector.get(`/custody-visiting/suites/${mine.id}`)).body);
  assert.match(page, /Number of cells 10/);
  // The suite's panel is the authority's and the coordinator's: not named as a link here.
  assert.doesNotMatch(page, new RegExp(`href="/custody-visiting/panels/${panel.id}"`));
  assert.equal((await inspector.get(`/custody-visiting/suites/${sameArea.id}`)).statusCode, 404);
  assert.equal((await inspector.get('/custody-visiting/panels')).statusCode, 403);
  assert.equal((await inspector.get(`/custody-visiting/panels/${panel.id}`)).statusCode, 403);
  const changed = await inspector.post(`/custody-visiting/suites/${mine.id}/edit`, {
    name: 'Renamed by the police',
    area,
    address: '1 Station Road',
    cells: '10',
    version: '1',
  });
  assert.equal(changed.statusCode, 403);
  assert.equal(await suitesIn(area), 2);
});

test('nobody outside the scheme sees its pages, and a refused add writes nothing', async () => {
  const suite = await makeSuite(t);
  const panel = await makePanel(t);
  for (const role of ['authority_officer', 'lay_visitor', 'administrator', 'requester'] as const) {
    const agent = await signInNewAccount(t, role);
    for (const url of [
      '/custody-visiting/suites',
      `/custody-visiting/suites/${suite.id}`,
      '/custody-visiting/panels',
      `/custody-visiting/panels/${panel.id}`,
    ])
      assert.equal((await agent.get(url)).statusCode, 403, `${role} ${url}`);
    const home = await agent.get('/');
    assert.doesNotMatch(home.body, /href="\/custody-visiting\/(suites|panels)/);
  }
  const officer = await signInNewAccount(t, 'authority_officer');
  const area = makeArea();
  const refused = await officer.post('/custody-visiting/suites/new', {
    name: 'Not theirs',
    area,
    address: '1 Station Road',
    cells: '4',
  });
  assert.equal(refused.statusCode, 403);
  assert.equal(await suitesIn(area), 0);
});

test('the demo data has a Camden panel with two suites, seen by its demo coordinator and inspector', async () => {
  // The demo data is the subject: this test loads it, reads it as the demo accounts, removes it.
  await loadDemoData(t.services.db, t.services.secretBox);
  const as = (role: 'scheme_manager' | 'panel_coordinator' | 'custody_inspector') =>
    signIn(t.app, demoAccount(role).email);
  const suites = text(
    (await (await as('scheme_manager')).get('/custody-visiting/suites?area=Camden')).body,
  );
  assert.match(suites, /Holborn Police Station Camden 14 1/);
  assert.match(suites, /Kentish Town Police Station Camden 8 1/);
  const coordinator = await as('panel_coordinator');
  const panels = text((await coordinator.get('/custody-visiting/panels')).body);
  assert.match(panels, /Camden custody visiting panel Camden Pip Panel/);
  const inspector = text(
    (await (await as('custody_inspector')).get('/custody-visiting/suites')).body,
  );
  assert.match(inspector, /Holborn Police Station/);
  assert.match(inspector, /Kentish Town Police Station/);

  // ICV-02: the panel's last quarterly meeting, minuted, and its next.
  const panelId = /href="\/custody-visiting\/panels\/([0-9a-f-]{36})"/.exec(
    (await coordinator.get('/custody-visiting/panels')).body,
  )![1]!;
  const panel = await coordinator.get(`/custody-visiting/panels/${panelId}`);
  assert.match(text(panel.body), /Next meeting: Camden custody visiting panel quarterly meeting/);
  const list = (await coordinator.get(`/custody-visiting/panels/${panelId}/meetings`)).body;
  const held = [...list.matchAll(/href="\/meetings\/([0-9a-f-]{36})"/g)].map((m) => m[1]!);
  assert.equal(new Set(held).size, 2);
  const minuted = await Promise.all(
    held.map(async (id) => text((await coordinator.get(`/meetings/${id}/minutes`)).body)),
  );
  assert.ok(minuted.some((page) => /Both suites were visited every week bar one/.test(page)));

  // ICV-08: last week's report and three weeks ago's terrorism report (ICV-09) await review,
  // the older overdue; an earlier one, reviewed, has an open and a closed issue.
  const manager = await as('scheme_manager');
  assert.match(
    text((await manager.get('/custody-visiting/review')).body),
    /2 reports to review .*Holborn Police Station .*(Review overdue|Due by).*Holborn Police Station/,
  );
  const issues = text((await manager.get('/custody-visiting/follow-up')).body);
  assert.match(issues, /The poster on free legal advice was missing .* Open/);
  assert.match(issues, /A cell call bell was not working Closed/);
  assert.match(
    text(
      (await (await as('custody_inspector')).get('/custody-visiting/follow-up?status=open')).body,
    ),
    /The poster on free legal advice was missing/,
  );
  assert.match(
    text((await t.app.inject({ url: '/custody-visiting/issues' })).body),
    /Holborn Police Station .* A cell call bell was not working The call bell was repaired/,
  );

  await removeDemoData(t.services.db);
  const [left] = await t.services.db
    .select({ n: count() })
    .from(custodyPanels)
    .where(eq(custodyPanels.area, 'Camden'));
  assert.equal(Number(left!.n), 0);
  assert.equal(await suitesIn('Camden'), 0);
});

test('an administrator makes someone a panel’s coordinator, choosing the panel from the list', async () => {
  const panel = await makePanel(t);
  const someone = await makeAccount(t, { role: 'lay_visitor' });
  const admin = await signInNewAccount(t, 'administrator');
  const userPage = text((await admin.get(`/admin/users/${someone.userId}`)).body);
  assert.match(userPage, new RegExp(`Custody visiting panel: ${panel.name}`));
  const unknown = await admin.post(`/admin/users/${someone.userId}/roles`, {
    role: 'panel_coordinator',
    scopeId: randomUUID(),
  });
  assert.equal(unknown.statusCode, 400);
  assert.match(text(unknown.body), /Select a custody visiting panel from the list/);
  const given = await admin.post(`/admin/users/${someone.userId}/roles`, {
    role: 'panel_coordinator',
    scopeId: panel.id,
  });
  assert.equal(given.statusCode, 303);
  const coordinator = await signInAccount(t, someone);
  const page = text((await coordinator.get(`/custody-visiting/panels/${panel.id}`)).body);
  assert.match(page, new RegExp(`Custody visiting panel ${panel.name}`));
});
