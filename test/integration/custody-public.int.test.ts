/**
 * Issue 24 item 9 (ICV-01 to ICV-07): the scheme's public pages, read signed out: what
 * independent custody visiting is, its panels with the stations they visit, and how to become a
 * visitor. They name no visitor, no suite's address and no coordinator's contact details.
 */
import assert from 'node:assert/strict';
import { after, before, test } from 'node:test';
import { textOf as text } from '../html.js';
import { createTestApp, type TestApp } from '../app.js';
import { signInNewAccount } from '../factories/accounts.js';
import { makePanel, makeSuite } from '../factories/custody-visiting.js';
import { makePerson } from '../factories/directory.js';

let t: TestApp;
before(async () => {
  t = await createTestApp({ demo: false });
});
after(() => t.close());

const read = (url: string) => t.app.inject({ method: 'GET', url });

test('ICV-01 to ICV-07: anyone reads what custody visiting is, and each panel with its area, coordinator and stations', async () => {
  const coordinator = await makePerson(t, { fullName: 'Pip Public' });
  const panel = await makePanel(t, { coordinatorId: coordinator.id });
  const suite = await makeSuite(t, { area: panel.area, name: `Holborn ${panel.area}` });

  const res = await read('/custody-visiting');
  assert.equal(res.statusCode, 200);
  const page = text(res.body);
  assert.match(page, /Independent custody visiting/);
  assert.match(page, /make unannounced visits to police stations/);
  assert.match(page, /independent of the police and of the body that runs the scheme/);
  assert.match(page, /Visitors always visit in pairs/);
  assert.match(page, /an inspector or a more senior officer must agree to the delay/);
  assert.match(page, /They see children and vulnerable people first/);
  assert.match(page, /to free legal advice/);
  assert.match(page, /Before they leave the station, the visitors write a report/);
  assert.match(page, new RegExp(`${panel.area} Pip Public ${suite.name}`));
  // No address of a station, no contact details of a coordinator.
  assert.doesNotMatch(page, /1 Station Road/);
  assert.doesNotMatch(res.body, new RegExp(coordinator.email!));
  assert.match(res.body, /href="\/custody-visiting\/become-a-visitor"/);
});

test('ICV-01, ICV-02: how to become a custody visitor: who may apply, and the interview, vetting, training, probation and fixed term', async () => {
  const res = await read('/custody-visiting/become-a-visitor');
  assert.equal(res.statusCode, 200);
  const page = text(res.body);
  assert.match(page, /How to become a custody visitor/);
  assert.match(page, /You must be independent of the police and of the body that runs the scheme/);
  assert.match(page, /a serving police officer or member of police staff/);
  assert.match(page, /otherwise directly involved in the criminal justice system/);
  assert.match(page, /Every applicant has an interview with the panel for their area/);
  assert.match(page, /security check \(vetting\)/);
  assert.match(page, /You are trained before your first visit/);
  assert.match(page, /about the first six months you are on probation/);
  assert.match(page, /appointed for a fixed term, which can be renewed/);
});

test('the scheme’s public pages are offered on the public home page and to someone with nothing else to do', async () => {
  const home = await read('/');
  assert.match(home.body, /href="\/custody-visiting"/);
  const visitor = await signInNewAccount(t, 'lay_visitor');
  const tasks = text((await visitor.get('/')).body);
  assert.match(tasks, /Independent custody visiting/);
});
