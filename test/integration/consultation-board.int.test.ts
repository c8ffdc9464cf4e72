/**
 * Issue 25 item 1 (CON-01): the consultation strategy board through its pages: its members
 * from the authority and the police; its approval of a major consultation naming its own minute
 * (refusing a viewer, another body's minute, a missing choice); its review of a closed
 * consultation's results; and its measures with their targets, actuals and standing. Each test
 * makes its own people, consultations and meetings.
 */
import assert from 'node:assert/strict';
import { after, afterEach, before, test } from 'node:test';
import { eq } from 'drizzle-orm';
import { consultations } from '../../src/modules/consultation/schema.js';
import { createTestApp, type Agent, type TestApp } from '../app.js';
import { signInNewAccount } from '../factories/accounts.js';
import { makeConsultation } from '../factories/consultation.js';
import { boardId, makeBoardMinute } from '../factories/consultation-board.js';
import { makePerson, uniqueTag } from '../factories/directory.js';
import { makeGroup } from '../factories/groups.js';
import { mainOf, rowOf, tableOf, textOf } from '../html.js';

let t: TestApp;
let officer: Agent;
let viewer: Agent;

before(async () => {
  t = await createTestApp();
  officer = await signInNewAccount(t, 'authority_officer');
  viewer = await signInNewAccount(t, 'authority_member');
});
afterEach(() => t.clock.reset());
after(() => t.close());

const text = (html: string) => textOf(mainOf(html));
const date = (name: string, iso: string) => {
  const [year, month, day] = iso.split('-');
  return { [`${name}-day`]: day!, [`${name}-month`]: month!, [`${name}-year`]: year! };
};

test('CON-01: an officer adds members from the authority and the police; the board lists them, and a member ends', async () => {
  const chair = await makePerson(t, { fullName: `Chair ${uniqueTag()}` });
  const police = await makePerson(t, { fullName: `Superintendent ${uniqueTag()}` });
  const add = (email: string, side: string, role: string) =>
    officer.post('/consultation/board/members/new', {
      email,
      side,
      role,
      ...date('fromOn', '2026-10-01'),
    });
  assert.equal((await add(chair.email!, 'authority', 'chair')).statusCode, 303);
  assert.equal((await add(police.email!, 'police', 'member')).statusCode, 303);
  const page = await viewer.get('/consultation/board');
  assert.equal(page.statusCode, 200);
  const members = tableOf(mainOf(page.body), /serving/);
  assert.deepEqual(
    [rowOf(members, chair.fullName)['For'], rowOf(members, chair.fullName)['Role']],
    ['The authority', 'Chair'],
  );
  assert.equal(rowOf(members, police.fullName)['For'], 'The police service');
  assert.match(rowOf(members, police.fullName)['Serving since']!, /1 October 2026/);
  // A viewer adds nobody.
  assert.equal((await viewer.get('/consultation/board/members/new')).statusCode, 403);

  // Field errors: nobody of that address; no side; a second chair.
  const refused = await add('nobody@nowhere.example', '', 'chair');
  assert.equal(refused.statusCode, 400);
  assert.match(text(refused.body), /Nobody in the directory has this e-mail address/);
  assert.match(text(refused.body), /Select who they sit for/);
  const other = await makePerson(t);
  const second = await add(other.email!, 'authority', 'chair');
  assert.match(text(second.body), /The board already has a chair then/);

  // The police member's last day: they leave the list of those serving.
  const [row] = (await t.services.consultationBoard.page(await viewerPrincipal())).current.filter(
    (m) => m.personId === police.id,
  );
  const endUrl = `/consultation/board/members/${row!.id}/end`;
  const early = await officer.post(endUrl, { ...date('toOn', '2026-09-01'), version: '1' });
  assert.match(text(early.body), /on or after the day they joined, 1 October 2026/);
  assert.equal(
    (await officer.post(endUrl, { ...date('toOn', '2026-11-01'), version: '1' })).statusCode,
    303,
  );
  const after = text((await viewer.get('/consultation/board')).body);
  assert.match(
    after,
    new RegExp(`Former members.*${police.fullName}.*1 October 2026 to 1 November 2026`),
  );
});

async function viewerPrincipal() {
  const { staffPrincipal } = await import('../factories/meetings.js');
  return staffPrincipal(t, 'authority_member');
}

test('CON-01: the board approves a major consultation naming its minute; the approval shows the minute, meeting and date', async () => {
  const consultation = await makeConsultation(t, { major: true, launched: false });
  const { minuteItemId, meetingId } = await makeBoardMinute(t, {
    title: `Board meeting ${uniqueTag()}`,
    heading: 'Approval of the policing priorities consultation',
    date: '2026-11-10',
  });
  const url = `/consultation/consultations/${consultation.id}/approval`;
  const form = await officer.get(url);
  assert.match(text(form.body), /Approval of the policing priorities consultation/);
  // Nothing chosen: the field's message.
  const none = await officer.post(url, {});
  assert.equal(none.statusCode, 400);
  assert.match(text(none.body), /Select the board’s minute that records it/);
  // A viewer cannot approve.
  assert.equal((await viewer.post(url, { minuteItemId })).statusCode, 403);
  // Another body's minute is refused.
  const group = await makeGroup(t, { members: 1, startsOn: '2026-01-01' });
  const elsewhere = await makeBoardMinute(t, {
    title: 'Group meeting',
    heading: 'Something else',
    date: '2026-11-09',
    body: { type: 'advisory_group', id: group.id },
  });
  const wrong = await officer.post(url, { minuteItemId: elsewhere.minuteItemId });
  assert.match(text(wrong.body), /Select one of the board’s own minutes/);
  let [row] = await t.services.db
    .select()
    .from(consultations)
    .where(eq(consultations.id, consultation.id));
  assert.equal(row!.approvalMinuteItemId, null);

  const done = await officer.post(url, { minuteItemId });
  assert.equal(done.statusCode, 303);
  [row] = await t.services.db
    .select()
    .from(consultations)
    .where(eq(consultations.id, consultation.id));
  assert.equal(row!.approvalMinuteItemId, minuteItemId);
  assert.equal(row!.approvedOn, '2026-11-10');
  const page = text((await viewer.get(url)).body);
  assert.match(page, /Approved by the board on 10 November 2026/);
  assert.match(page, /Minute\s*Approval of the policing priorities consultation/);
  assert.match(page, /Date of the meeting\s*10 November 2026/);
  assert.match((await viewer.get(url)).body, new RegExp(`/meetings/${meetingId}/minutes`));

  // Withdrawn before launch.
  assert.equal((await officer.post(`${url}/withdraw`, {})).statusCode, 303);
  assert.match(text((await viewer.get(url)).body), /has not approved this consultation yet/);
});

test('CON-01: the board reviews a closed consultation’s results, naming its minute; an open one is refused', async () => {
  const closed = await makeConsultation(t, { opensOn: '2026-09-01', closesOn: '2026-10-31' });
  const open = await makeConsultation(t);
  const { minuteItemId } = await makeBoardMinute(t, {
    title: `Board meeting ${uniqueTag()}`,
    heading: 'Results of the autumn consultation',
    date: '2026-11-12',
  });
  const refused = await officer.post(`/consultation/consultations/${open.id}/board-review`, {
    minuteItemId,
  });
  assert.match(text(refused.body), /once the consultation has closed/);
  const url = `/consultation/consultations/${closed.id}/board-review`;
  assert.equal((await officer.post(url, { minuteItemId })).statusCode, 303);
  const page = text((await viewer.get(url)).body);
  assert.match(page, /Minute\s*Results of the autumn consultation/);
  assert.match(page, /Date of the meeting\s*12 November 2026/);
});

test('CON-01: a measure’s target and actual for the year read met, not met or not yet reported, and as CSV', async () => {
  const tag = uniqueTag();
  const addMeasure = (name: string, higherIsBetter: string) =>
    officer.post('/consultation/board/measures/new', {
      name,
      counts: 'What it counts',
      unit: 'responses',
      higherIsBetter,
    });
  const missing = await officer.post('/consultation/board/measures/new', { name: '' });
  assert.match(text(missing.body), /Enter the measure’s name/);
  const made = await addMeasure(`Responses ${tag}`, 'yes');
  assert.equal(made.statusCode, 303);
  const setUrl = made.headers.location as string;
  assert.match(setUrl, /\/years\/2026$/);
  const bad = await officer.post(setUrl, { target: 'lots' });
  assert.match(text(bad.body), /Enter the target as a number/);
  await officer.post(setUrl, { target: '3,000', actual: '3412', note: 'A good year' });
  const cost = await addMeasure(`Cost ${tag}`, 'no');
  await officer.post(cost.headers.location as string, { target: '12.5', actual: '14' });
  const pending = await addMeasure(`Pending ${tag}`, 'yes');
  await officer.post(pending.headers.location as string, { target: '10' });

  const page = await viewer.get('/consultation/board/measures?year=2026');
  const table = tableOf(mainOf(page.body));
  const line = (name: string) => rowOf(table, name);
  assert.equal(line(`Responses ${tag}`)['Target'], '3000');
  assert.equal(line(`Responses ${tag}`)['Actual'], '3412');
  assert.equal(line(`Responses ${tag}`)['Met or not'], 'Met');
  assert.equal(line(`Cost ${tag}`)['Met or not'], 'Not met');
  assert.equal(line(`Pending ${tag}`)['Met or not'], 'Not yet reported');
  // Another year has no target.
  const next = tableOf(mainOf((await viewer.get('/consultation/board/measures?year=2027')).body));
  assert.equal(rowOf(next, `Responses ${tag}`)['Met or not'], 'No target set');
  const csv = await viewer.get('/consultation/board/measures.csv?year=2026');
  assert.match(csv.headers['content-type'] as string, /text\/csv/);
  assert.match(
    csv.body,
    new RegExp(
      `2026-27,Responses ${tag},What it counts,responses,Higher is better,3000,3412,Met,A good year`,
    ),
  );
  // A viewer sets nothing.
  assert.equal((await viewer.post(setUrl, { target: '1' })).statusCode, 403);
});

test('CON-01: the board is a body that meets: its meetings page is the meetings module’s, and the public reads its page', async () => {
  const id = await boardId(t);
  const meetings = await officer.get(`/consultation/boards/${id}/meetings`);
  assert.equal(meetings.statusCode, 200);
  assert.match(text(meetings.body), /Schedule a meeting/);
  const pub = await t.app.inject({ method: 'GET', url: `/public/consultation-boards/${id}` });
  assert.equal(pub.statusCode, 200);
  assert.match(textOf(mainOf(pub.body)), /Consultation strategy board/);
});
