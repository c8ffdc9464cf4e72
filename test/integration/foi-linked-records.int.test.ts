/**
 * Issue 28 part 2 (FOI-01, IAG-35): a Freedom of Information request names the Bridge records it
 * touches (an advisory group, a meeting, a request for advice), each found through its module
 * and shown with its name and page; a record not in Bridge is refused against its field, nothing
 * written; and a request for advice with documents disclosed to advisors is flagged on the FOI
 * request's page so the protocol's terms are considered.
 */
import assert from 'node:assert/strict';
import { after, before, test } from 'node:test';
import { count, eq } from 'drizzle-orm';
import { disclosures } from '../../src/modules/advice/schema.js';
import { foiLinkedRecords } from '../../src/modules/foi/schema.js';
import { Agent, createTestApp, dateFields, type TestApp } from '../app.js';
import { errorSummaryOf } from '../error-summary.js';
import { makeAcceptedDeployment, makeDeploymentContact } from '../factories/advice.js';
import { signInNewAccount } from '../factories/accounts.js';
import { makeGroup, makeMember } from '../factories/groups.js';
import { makeMeeting } from '../factories/meetings.js';
import { mainOf, textOf } from '../html.js';

let t: TestApp;
let unit: Agent;
let requestId: string;

before(async () => {
  t = await createTestApp();
  unit = await signInNewAccount(t, 'coordination_unit');
  const done = await unit.post('/foi-requests/new', {
    ...dateFields('received', '2026-11-02'),
    receivedTime: '10:00',
    requesterName: 'Lee Asker',
    requesterContact: 'lee@example.org',
    channel: 'web-form',
    asked: 'Everything the advisory group was shown about the operation',
  });
  assert.equal(done.statusCode, 303, done.body);
  requestId = done.headers.location!.toString().split('/').pop()!;
});
after(() => t.close());

const page = async () => textOf(mainOf((await unit.get(`/foi-requests/${requestId}`)).body));
const links = async () =>
  Number(
    (
      await t.services.db
        .select({ n: count() })
        .from(foiLinkedRecords)
        .where(eq(foiLinkedRecords.requestId, requestId))
    )[0]!.n,
  );

test('issue 28 part 2: a group, a meeting and a request for advice are named, each shown with its name', async () => {
  const group = await makeGroup(t, { name: 'Linked Records Test IAG' });
  let done = await unit.post(`/foi-requests/${requestId}/records`, {
    recordType: 'advisory-group',
    groupId: group.id,
  });
  assert.equal(done.statusCode, 303, done.body);
  const meeting = await makeMeeting(t, group.id, {
    title: 'Linked records meeting',
    date: '2026-12-10',
  });
  done = await unit.post(`/foi-requests/${requestId}/records`, {
    recordType: 'meeting',
    meeting: `http://localhost/groups/${group.id}/meetings/${meeting.id}`,
  });
  assert.equal(done.statusCode, 303, done.body);
  const shown = await page();
  assert.match(shown, /Advisory group Linked Records Test IAG/);
  assert.match(shown, /Meeting Linked records meeting/);
});

test('issue 28 part 2: a record not in Bridge is refused against its field, and nothing is written', async () => {
  const before = await links();
  let done = await unit.post(`/foi-requests/${requestId}/records`, {
    recordType: 'advice-request',
    adviceReference: '999999',
  });
  assert.equal(done.statusCode, 400);
  assert.deepEqual(errorSummaryOf(done.body).targets, ['adviceReference']);
  // A number past what the database keeps is no request either, not a 500.
  done = await unit.post(`/foi-requests/${requestId}/records`, {
    recordType: 'advice-request',
    adviceReference: '9007199254740991',
  });
  assert.equal(done.statusCode, 400);
  assert.deepEqual(errorSummaryOf(done.body).targets, ['adviceReference']);
  done = await unit.post(`/foi-requests/${requestId}/records`, {
    recordType: 'meeting',
    meeting: 'not a meeting',
  });
  assert.deepEqual(errorSummaryOf(done.body).messages, [
    'Paste the address of a meeting’s page in Bridge',
  ]);
  done = await unit.post(`/foi-requests/${requestId}/records`, {});
  assert.deepEqual(errorSummaryOf(done.body).targets, ['recordType']);
  assert.equal(await links(), before);
  const director = await signInNewAccount(t, 'director');
  done = await director.post(`/foi-requests/${requestId}/records`, {
    recordType: 'advice-request',
    adviceReference: '1',
  });
  assert.equal(done.statusCode, 403);
  assert.equal(await links(), before);
});

test('IAG-35: a request for advice with documents disclosed to advisors is flagged on the FOI request', async () => {
  const group = await makeGroup(t, { name: 'Disclosure Test IAG' });
  const contact = await makeDeploymentContact(t, group.id);
  const advisor = await makeMember(t, group.id);
  const { request, deploymentId } = await makeAcceptedDeployment(
    t,
    { id: group.id, contact },
    advisor,
    {
      fields: { subject: 'Operation Linked Test' },
    },
  );
  const done = await unit.post(`/foi-requests/${requestId}/records`, {
    recordType: 'advice-request',
    adviceReference: String(request.reference),
  });
  assert.equal(done.statusCode, 303, done.body);
  let shown = await page();
  assert.match(
    shown,
    new RegExp(`Request for advice Request ${request.reference}: Operation Linked Test`),
  );
  assert.doesNotMatch(shown, /disclosure protocol \(IAG-35\)/);
  // Two documents disclosed to the advisor under the protocol.
  for (const title of ['Briefing note', 'Community impact assessment'])
    await t.services.db.insert(disclosures).values({
      requestId: request.id,
      deploymentId,
      personId: advisor.personId,
      kind: 'document',
      title,
      protocol: 'IAG disclosure protocol',
      terms: 'Not to be shared beyond the group',
      disclosedAt: new Date(),
    });
  shown = await page();
  assert.match(
    shown,
    new RegExp(
      `Request ${request.reference}: Operation Linked Test has 2 documents or rationales disclosed to advisors under the disclosure protocol \\(IAG-35\\)`,
    ),
  );
});
