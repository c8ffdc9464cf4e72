/**
 * Issue 24 item 8 (ICV-02, ADR 0005): each custody visiting panel meets, about quarterly, with
 * the custody inspector, through the meetings pages every body has. Its coordinator and the
 * scheme manager run its meetings; the inspector of its suites takes part; nobody else sees them.
 */
import assert from 'node:assert/strict';
import { after, afterEach, before, test } from 'node:test';
import { and, count, eq } from 'drizzle-orm';
import { agendaItems, meetings, minutes } from '../../src/modules/meetings/schema.js';
import { textOf as text } from '../html.js';
import { createTestApp, type Agent, type TestApp } from '../app.js';
import { signInAccount, signInNewAccount } from '../factories/accounts.js';
import {
  makeCustodyInspector,
  makePanel,
  makePanelCoordinator,
  makeSuite,
} from '../factories/custody-visiting.js';

let t: TestApp;
before(async () => {
  t = await createTestApp({ demo: false });
});
after(() => t.close());
afterEach(() => t.clock.reset());

const meetingsOf = (panelId: string) => `/custody-visiting/panels/${panelId}/meetings`;

const meeting = (iso: string, time: string, title = 'Quarterly panel meeting') => ({
  title,
  'date-day': iso.slice(8),
  'date-month': iso.slice(5, 7),
  'date-year': iso.slice(0, 4),
  startTime: time,
  format: 'in_person',
  venue: 'Camden Town Hall',
  repeat: 'once',
});

async function schedule(agent: Agent, panelId: string, iso: string, time: string, title?: string) {
  const res = await agent.post(`${meetingsOf(panelId)}/new`, meeting(iso, time, title));
  assert.equal(res.statusCode, 303, res.body);
  return /\/meetings\/([0-9a-f-]{36})/.exec(res.headers.location ?? '')![1]!;
}

const panelMeetings = async (panelId: string) =>
  Number(
    (
      await t.services.db
        .select({ n: count() })
        .from(meetings)
        .where(and(eq(meetings.bodyType, 'custody_panel'), eq(meetings.bodyId, panelId)))
    )[0]!.n,
  );

test('ICV-02: a coordinator schedules a panel meeting and it shows on the panel page; another panel’s coordinator is refused', async () => {
  // Clock: 23 November 2026, 10:00.
  const panel = await makePanel(t);
  const other = await makePanel(t);
  const coordinator = await signInAccount(t, await makePanelCoordinator(t, panel));

  const before = text((await coordinator.get(`/custody-visiting/panels/${panel.id}`)).body);
  assert.match(before, /Panel meetings No meeting is scheduled/);
  assert.match(
    (await coordinator.get(`/custody-visiting/panels/${panel.id}`)).body,
    new RegExp(`href="${meetingsOf(panel.id)}"`),
  );

  const due = /The panel has no meeting in the next three months/;
  assert.match(text((await coordinator.get(meetingsOf(panel.id))).body), due);
  const form = await coordinator.get(`${meetingsOf(panel.id)}/new`);
  assert.equal(form.statusCode, 200);
  // About quarterly (ICV-02): a series repeats every three months.
  assert.match(text(form.body), /Every 3 months/);
  const id = await schedule(coordinator, panel.id, '2026-12-10', '6:30pm');

  const page = text((await coordinator.get(`/custody-visiting/panels/${panel.id}`)).body);
  assert.match(page, /Next meeting: Quarterly panel meeting, 10 December 2026 at 6:30pm/);
  assert.match(
    (await coordinator.get(`/custody-visiting/panels/${panel.id}`)).body,
    new RegExp(`href="/meetings/${id}"`),
  );
  const list = text((await coordinator.get(meetingsOf(panel.id))).body);
  assert.match(list, /Quarterly panel meeting/);
  assert.doesNotMatch(list, due);
  assert.equal((await coordinator.get(`/meetings/${id}`)).statusCode, 200);

  // Another panel's coordinator sees nothing of it and schedules nothing for it.
  const stranger = await signInAccount(t, await makePanelCoordinator(t, other));
  assert.equal((await stranger.get(meetingsOf(panel.id))).statusCode, 403);
  assert.equal((await stranger.get(`${meetingsOf(panel.id)}/new`)).statusCode, 403);
  assert.equal((await stranger.get(`/meetings/${id}`)).statusCode, 403);
  const refused = await stranger.post(`${meetingsOf(panel.id)}/new`, meeting('2027-01-10', '6pm'));
  assert.equal(refused.statusCode, 403);
  assert.equal(await panelMeetings(panel.id), 1);

  // The scheme manager may schedule for any panel.
  const manager = await signInNewAccount(t, 'scheme_manager');
  await schedule(manager, other.id, '2027-01-12', '6pm');
  assert.equal(await panelMeetings(other.id), 1);
});

test('ICV-02: the panel meets with its custody inspector: agenda, attendance, minutes and an action through the meetings pages', async () => {
  const panel = await makePanel(t);
  const suite = await makeSuite(t, { area: panel.area });
  const elsewhere = await makeSuite(t);
  const coordinator = await signInAccount(t, await makePanelCoordinator(t, panel));
  const inspectorAccount = await makeCustodyInspector(t, suite);
  const inspector = await signInAccount(t, inspectorAccount);

  // Began at 9am today (the clock says 10:00).
  const id = await schedule(coordinator, panel.id, '2026-11-23', '9am', 'Autumn panel meeting');

  // The inspector for the panel's suite reads its meetings and tables an item, as a member
  // would; they still see no panel page (ICV-01), so the meetings do not link to it.
  // They find the meetings from their suite's page.
  assert.match(
    (await inspector.get(`/custody-visiting/suites/${suite.id}`)).body,
    new RegExp(`href="${meetingsOf(panel.id)}"`),
  );
  const list = await inspector.get(meetingsOf(panel.id));
  assert.equal(list.statusCode, 200);
  assert.doesNotMatch(list.body, new RegExp(`href="/custody-visiting/panels/${panel.id}"`));
  assert.equal((await inspector.get(`/custody-visiting/panels/${panel.id}`)).statusCode, 403);
  const tabled = await inspector.post(`/meetings/${id}/items/new`, {
    title: 'Call bells in two cells out of order',
  });
  assert.equal(tabled.statusCode, 303);
  // The inspector takes part but runs nothing.
  assert.equal((await inspector.get(`${meetingsOf(panel.id)}/new`)).statusCode, 403);
  assert.equal((await inspector.get(`/meetings/${id}/minutes/edit`)).statusCode, 403);

  // The coordinator, who chairs, accepts the inspector's item onto the agenda.
  const [item] = await t.services.db
    .select({ id: agendaItems.id })
    .from(agendaItems)
    .where(eq(agendaItems.meetingId, id));
  assert.equal(
    (await coordinator.post(`/meetings/${id}/items/${item!.id}/accept`, {})).statusCode,
    303,
  );
  assert.match(
    text((await coordinator.get(`/meetings/${id}`)).body),
    /Call bells in two cells out of order/,
  );
  // The roll is the coordinator and the inspector, for the police.
  const form = await coordinator.get(`/meetings/${id}/attendance`);
  assert.match(text(form.body), new RegExp(inspectorAccount.name));
  const values = Object.fromEntries(
    [...form.body.matchAll(/name="(attendance-[0-9a-f-]{36})"/g)].map((m) => [m[1]!, 'present']),
  );
  assert.equal(Object.keys(values).length, 2);
  assert.equal((await coordinator.post(`/meetings/${id}/attendance`, values)).statusCode, 303);

  const drafted = await coordinator.post(`/meetings/${id}/minutes/edit`, {
    [`minute-${item!.id}`]: 'The inspector expects both cells back in use within the month.',
    other: 'None.',
  });
  assert.equal(drafted.statusCode, 303);
  const action = await coordinator.post(`/meetings/${id}/actions/new`, {
    description: 'Report when the two cells are back in use',
    ownerName: inspectorAccount.name,
    'dueOn-day': '18',
    'dueOn-month': '12',
    'dueOn-year': '2026',
  });
  assert.equal(action.statusCode, 303);
  const minutesPage = text((await coordinator.get(`/meetings/${id}/minutes`)).body);
  assert.match(minutesPage, /back in use within the month/);
  assert.match(
    text((await coordinator.get(`/meetings/${id}`)).body),
    /Report when the two cells are back in use/,
  );
  const [draft] = await t.services.db.select().from(minutes).where(eq(minutes.meetingId, id));
  assert.equal(draft!.status, 'draft');

  // An inspector of another area's suite, and people outside the scheme, see none of it.
  const stranger = await signInAccount(t, await makeCustodyInspector(t, elsewhere));
  const visitor = await signInNewAccount(t, 'lay_visitor');
  for (const agent of [stranger, visitor]) {
    assert.equal((await agent.get(meetingsOf(panel.id))).statusCode, 403);
    assert.equal((await agent.get(`/meetings/${id}`)).statusCode, 403);
  }
  // A panel's meetings are not published.
  const anyone = await t.app.inject({
    method: 'GET',
    url: `/public/custody-visiting-panels/${panel.id}/meetings/${id}`,
  });
  assert.equal(anyone.statusCode, 404);
});
