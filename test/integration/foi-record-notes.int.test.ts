/**
 * Issue 28 part 2: the records a Freedom of Information request touches show that it concerns
 * them. The page of an advisory group, a meeting and a request for advice lists, to the
 * coordination unit (`foi.view`), the requests naming it with what is asked, when received, when
 * due and their status, each linked to the request; a request for advice with documents
 * disclosed to advisors also carries the IAG-35 flag. A role without `foi.view` sees nothing of
 * it, and the page's queries do not grow with the requests it lists.
 */
import assert from 'node:assert/strict';
import { after, before, test } from 'node:test';
import { eq } from 'drizzle-orm';
import { disclosures } from '../../src/modules/advice/schema.js';
import { foiRequests } from '../../src/modules/foi/schema.js';
import { Agent, createTestApp, dateFields, type TestApp } from '../app.js';
import { makeAcceptedDeployment, makeDeploymentContact } from '../factories/advice.js';
import { signInNewAccount } from '../factories/accounts.js';
import { makeGroup, makeMember } from '../factories/groups.js';
import { makeMeeting } from '../factories/meetings.js';
import { mainOf, rowOf, tableOf, textOf } from '../html.js';

let t: TestApp;
let unit: Agent;
let ctset: Agent;
let counting = false;
let queries = 0;

before(async () => {
  t = await createTestApp({ onQuery: () => void (counting && queries++) });
  unit = await signInNewAccount(t, 'coordination_unit');
  ctset = await signInNewAccount(t, 'ctset');
});
after(() => t.close());

const HEADING = /Freedom of Information requests concerning this/;
const FLAG = /asks for this request’s records/;

/** Logs a request as the unit; its id and reference. */
async function logRequest(asked: string, received: string) {
  const done = await unit.post('/foi-requests/new', {
    ...dateFields('received', received),
    receivedTime: '10:00',
    requesterName: 'Noor Asker',
    requesterContact: 'noor@example.org',
    channel: 'email',
    asked,
  });
  assert.equal(done.statusCode, 303, done.body);
  const id = done.headers.location!.toString().split('/').pop()!;
  const [row] = await t.services.db.select().from(foiRequests).where(eq(foiRequests.id, id));
  return { id, reference: `FOI-${row!.number}`, version: String(row!.version) };
}

async function link(requestId: string, fields: Record<string, string>) {
  const done = await unit.post(`/foi-requests/${requestId}/records`, fields);
  assert.equal(done.statusCode, 303, done.body);
}

/** How many queries reading the page as this person takes, and its main part. */
async function read(agent: Agent, address: string) {
  queries = 0;
  counting = true;
  const page = await agent.get(address);
  counting = false;
  assert.equal(page.statusCode, 200, page.body.slice(0, 500));
  return { html: mainOf(page.body), queries };
}

test('issue 28 part 2: a group’s page lists the FOI requests concerning it to the coordination unit, with what is asked, received and due dates and status, linked to each; queries do not grow with them', async () => {
  const group = await makeGroup(t, { name: 'Record Notes Group IAG' });
  const first = await logRequest('Minutes of the Record Notes group for 2026', '2026-11-02');
  await link(first.id, { recordType: 'advisory-group', groupId: group.id });

  // Read once before counting: what a first read prepares is not the page's own cost.
  await read(unit, `/groups/${group.id}`);
  const one = await read(unit, `/groups/${group.id}`);
  const table = tableOf(one.html, /Freedom of Information requests concerning this group/);
  assert.deepEqual(table.headers, ['Reference', 'What is asked', 'Received', 'Due', 'Status']);
  assert.deepEqual(rowOf(table, first.reference), {
    Reference: first.reference,
    'What is asked': 'Minutes of the Record Notes group for 2026',
    Received: '2 November 2026',
    Due: '1 December 2026',
    Status: 'Open',
  });
  assert.match(one.html, new RegExp(`<a class="govuk-link" href="/foi-requests/${first.id}">`));
  assert.match(textOf(one.html), /Freedom of Information requests concerning this group/);

  // Three more, one with its clock stopped: newest received first, one query for them all.
  const more = [];
  for (const day of ['03', '04', '05'])
    more.push(await logRequest(`Record Notes correspondence ${day}`, `2026-11-${day}`));
  const stopped = await unit.post(`/foi-requests/${more[0]!.id}/stop-clock`, {
    version: more[0]!.version,
    reason: 'clarification',
    ...dateFields('stoppedOn', '2026-11-10'),
  });
  assert.equal(stopped.statusCode, 303, stopped.body);
  for (const r of more) await link(r.id, { recordType: 'advisory-group', groupId: group.id });
  const four = await read(unit, `/groups/${group.id}`);
  const rows = tableOf(four.html, /concerning this group/).rows;
  assert.deepEqual(
    rows.map((r) => r[0]),
    [more[2]!.reference, more[1]!.reference, more[0]!.reference, first.reference],
  );
  assert.deepEqual(rowOf(tableOf(four.html, /concerning this group/), more[0]!.reference), {
    Reference: more[0]!.reference,
    'What is asked': 'Record Notes correspondence 03',
    Received: '3 November 2026',
    Due: 'Not known while the clock is stopped',
    Status: 'Clock stopped',
  });
  assert.equal(four.queries, one.queries, 'no query per request');
});

test('issue 28 part 2: a meeting’s page lists the FOI requests concerning it; a role without foi.view sees no heading and no link', async () => {
  const group = await makeGroup(t, { name: 'Record Notes Meeting IAG' });
  const meeting = await makeMeeting(t, group.id, {
    title: 'Record notes meeting',
    date: '2026-12-10',
  });
  const request = await logRequest('Papers of the record notes meeting', '2026-11-09');
  await link(request.id, {
    recordType: 'meeting',
    meeting: `http://localhost/meetings/${meeting.id}`,
  });
  const seen = await read(unit, `/meetings/${meeting.id}`);
  assert.deepEqual(rowOf(tableOf(seen.html, /concerning this meeting/), request.reference), {
    Reference: request.reference,
    'What is asked': 'Papers of the record notes meeting',
    Received: '9 November 2026',
    Due: '8 December 2026',
    Status: 'Open',
  });
  assert.match(seen.html, new RegExp(`href="/foi-requests/${request.id}"`));

  for (const address of [`/meetings/${meeting.id}`, `/groups/${group.id}`]) {
    const refused = await read(ctset, address);
    assert.doesNotMatch(textOf(refused.html), HEADING);
    assert.doesNotMatch(textOf(refused.html), new RegExp(request.reference));
    assert.doesNotMatch(refused.html, /href="\/foi-requests/);
  }
  // Nor can they open the request itself.
  assert.equal((await ctset.get(`/foi-requests/${request.id}`)).statusCode, 403);
});

test('IAG-35: a request for advice’s page lists the FOI requests concerning it, and flags the documents disclosed to advisors under the protocol as asked for; a role without foi.view sees neither', async () => {
  const group = await makeGroup(t, { name: 'Record Notes Advice IAG' });
  const contact = await makeDeploymentContact(t, group.id);
  const advisor = await makeMember(t, group.id);
  const { request: advice, deploymentId } = await makeAcceptedDeployment(
    t,
    { id: group.id, contact },
    advisor,
    { fields: { subject: 'Operation Record Notes' } },
  );
  const request = await logRequest('Advice given on Operation Record Notes', '2026-11-12');
  await link(request.id, {
    recordType: 'advice-request',
    adviceReference: String(advice.reference),
  });
  const address = `/advice-requests/${advice.id}`;
  let seen = await read(unit, address);
  assert.deepEqual(rowOf(tableOf(seen.html, /concerning this request/), request.reference), {
    Reference: request.reference,
    'What is asked': 'Advice given on Operation Record Notes',
    Received: '12 November 2026',
    Due: '11 December 2026',
    Status: 'Open',
  });
  // Nothing disclosed to advisors yet: no IAG-35 flag.
  assert.doesNotMatch(textOf(seen.html), FLAG);

  for (const title of ['Briefing note', 'Community impact assessment'])
    await t.services.db.insert(disclosures).values({
      requestId: advice.id,
      deploymentId,
      personId: advisor.personId,
      kind: 'document',
      title,
      protocol: 'IAG disclosure protocol',
      terms: 'Not to be shared beyond the group',
      disclosedAt: new Date(),
    });
  seen = await read(unit, address);
  assert.match(
    textOf(seen.html),
    /! A Freedom of Information request asks for this request’s records, and 2 documents or rationales were disclosed to advisors under the disclosure protocol \(IAG-35\)\. Consider the protocol’s terms before anything is released\./,
  );

  const refused = await read(ctset, address);
  assert.match(textOf(refused.html), /Operation Record Notes/);
  assert.doesNotMatch(textOf(refused.html), HEADING);
  assert.doesNotMatch(textOf(refused.html), FLAG);
  assert.doesNotMatch(refused.html, /href="\/foi-requests/);
});

test('issue 28 part 2: a record no request names shows no FOI heading, even to the coordination unit', async () => {
  const group = await makeGroup(t, { name: 'Record Notes Quiet IAG' });
  const { html } = await read(unit, `/groups/${group.id}`);
  assert.match(textOf(html), /Record Notes Quiet IAG/);
  assert.doesNotMatch(textOf(html), HEADING);
});
