import assert from 'node:assert/strict';
import { after, before, test } from 'node:test';
import { and, eq, like } from 'drizzle-orm';
import { testConfig } from '../../src/app.js';
import { DEMO_DOMAIN, removeDemoData } from '../../src/demo/demo-data.js';
import { adviceDocuments, adviceRequests, disclosures } from '../../src/modules/advice/schema.js';
import { users } from '../../src/platform/auth/schema.js';
import { people } from '../../src/modules/directory/schema.js';
import { advisoryGroups } from '../../src/modules/groups/schema.js';
import type { UserPrincipal } from '../../src/platform/auth/principal.js';
import { auditEvents } from '../../src/platform/audit/schema.js';
import { createTestApp, demoAccount, principalFor, signInAs, type TestApp } from '../app.js';

let t: TestApp;
let raceId: string;
let averyId: string;
let contact: UserPrincipal;
let ctset: UserPrincipal;
let requester: UserPrincipal;

const PDF = Buffer.from('%PDF-1.4\n1 0 obj << /Type /Catalog >> endobj\ntrailer << >>\n%%EOF\n');
const pdf = (name: string, marker = '') => ({
  field: 'file',
  name,
  bytes: Buffer.concat([PDF, Buffer.from(marker)]),
});

before(async () => {
  // A 1MB limit, so the test need not send 10MB.
  t = await createTestApp({ config: { files: { ...testConfig().files, maxBytes: 1024 * 1024 } } });
  const db = t.services.db;
  const [race] = await db
    .select({ id: advisoryGroups.id })
    .from(advisoryGroups)
    .where(eq(advisoryGroups.name, 'Race Independent Advisory Group'));
  raceId = race!.id;
  const [avery] = await db
    .select({ id: people.id })
    .from(people)
    .where(eq(people.fullName, 'Avery Advisor'));
  averyId = avery!.id;
  contact = await principalFor(t, demoAccount('deployment_contact').email);
  ctset = await principalFor(t, demoAccount('ctset').email);
  requester = await principalFor(t, demoAccount('requester').email);
});
after(() => t.close());

/** A request passed to the race group, with Avery nominated and, unless told not to, accepted. */
async function deployedRequest(accept = true) {
  const request = await t.services.advice.ask(requester, {
    subject: 'Community impact of a stop and search operation',
    details: 'A week of targeted stop and search in Tottenham.',
    urgency: 'routine',
    seriousOrCritical: 'no',
    communities: 'Young Black men in Tottenham',
    'neededFrom-day': '14',
    'neededFrom-month': '12',
    'neededFrom-year': '2026',
    clearanceNeeded: 'none',
    advisorsWanted: '1',
  });
  await t.services.advice.route(ctset, request.id, { groups: raceId });
  const { created } = await t.services.deployments.nominate(contact, request.id, raceId, {
    advisors: averyId,
    reason: 'Knows the borough',
  });
  const deploymentId = created[0]!.id;
  if (accept) await (await signInAs(t, 'advisor')).post(`/deployments/${deploymentId}/accept`, {});
  return { request, deploymentId };
}

const documentsOf = (requestId: string) =>
  t.services.db.select().from(adviceDocuments).where(eq(adviceDocuments.requestId, requestId));
const documentIdIn = (html: string, requestId: string) =>
  new RegExp(`/advice-requests/${requestId}/documents/([0-9a-f-]{36})"`).exec(html)?.[1];

test('IAG-35: the requester adds documents to share; bad files are named and nothing is kept; advisors cannot open them', async () => {
  const { request, deploymentId } = await deployedRequest(false);
  const riley = await signInAs(t, 'requester');
  const url = `/advice-requests/${request.id}/documents/new`;
  assert.equal((await riley.get(url)).statusCode, 200);

  const none = await riley.postFile(url, { title: '' }, null);
  assert.equal(none.statusCode, 400);
  assert.match(none.body, /href="#file"[^>]*>Select a file/);
  const notPdf = await riley.postFile(url, {}, { ...pdf('plan.pdf'), bytes: Buffer.from('text') });
  assert.match(notPdf.body, /The selected file must be a PDF, Word/);
  const big = await riley.postFile(url, {}, pdf('big.pdf', 'x'.repeat(1100 * 1024)));
  assert.match(big.body, /The selected file must be smaller than 1MB/);
  const long = await riley.postFile(url, { title: 'x'.repeat(201) }, pdf('plan.pdf'));
  assert.match(long.body, /href="#title"/);
  assert.equal((await documentsOf(request.id)).length, 0);

  const added = await riley.postFile(
    url,
    { title: 'Operation plan, redacted' },
    pdf('plan <v2>.pdf', 'PLAN'),
  );
  assert.equal(added.statusCode, 303);
  assert.match(added.headers.location ?? '', /#documents$/);
  const page = await riley.get(`/advice-requests/${request.id}`);
  assert.match(page.body, /Documents to share/);
  assert.match(page.body, /Operation plan, redacted<\/a> \(PDF, 1KB\)/);
  assert.match(page.body, /A document to share with advisors was added/);
  const documentId = documentIdIn(page.body, request.id)!;

  const download = await riley.get(`/advice-requests/${request.id}/documents/${documentId}`);
  assert.equal(download.statusCode, 200);
  assert.equal(download.headers['content-type'], 'application/pdf');
  assert.match(
    String(download.headers['content-disposition']),
    /attachment; filename="plan -v2-.pdf"/,
  );
  assert.equal(download.rawPayload.toString(), `${PDF.toString()}PLAN`);
  // CTSET handles the request and sees them too.
  assert.match(
    (await (await signInAs(t, 'ctset')).get(`/advice-requests/${request.id}`)).body,
    /Operation plan, redacted/,
  );

  // Nobody else: the group's contact reads the request but not its documents; the advisor
  // reaches a document only through the disclosure log.
  const dana = await signInAs(t, 'deployment_contact');
  const contactPage = await dana.get(`/advice-requests/${request.id}`);
  assert.equal(contactPage.statusCode, 200);
  assert.doesNotMatch(contactPage.body, /Operation plan, redacted/);
  for (const who of [dana, await signInAs(t, 'advisor'), await signInAs(t, 'chair')]) {
    assert.equal(
      (await who.get(`/advice-requests/${request.id}/documents/${documentId}`)).statusCode,
      404,
    );
    // The contact may read the request, so is refused; anyone else is told it is not there.
    assert.equal((await who.get(url)).statusCode, who === dana ? 403 : 404);
  }
  assert.equal(
    (await (await signInAs(t, 'advisor')).get(`/deployments/${deploymentId}`)).body.includes(
      'Operation plan',
    ),
    false,
  );

  // The audit trail records the document, never where it is kept.
  const [audit] = await t.services.db
    .select()
    .from(auditEvents)
    .where(
      and(eq(auditEvents.action, 'advice-document.added'), eq(auditEvents.recordId, request.id)),
    );
  assert.match(JSON.stringify(audit), /Operation plan, redacted/);
  assert.doesNotMatch(JSON.stringify(audit), /storageKey/);

  // Taken off the list by the requester; the contact cannot.
  const remove = `/advice-requests/${request.id}/documents/${documentId}/remove`;
  assert.equal((await dana.post(remove, {})).statusCode, 403);
  assert.equal((await riley.post(remove, {})).statusCode, 303);
  const afterRemoval = await riley.get(`/advice-requests/${request.id}`);
  assert.match(afterRemoval.body, /has been taken off the documents to share/);
  assert.doesNotMatch(afterRemoval.body, /Operation plan, redacted<\/a>/);
  assert.equal(
    (await riley.get(`/advice-requests/${request.id}/documents/${documentId}`)).statusCode,
    404,
  );
  assert.ok((await documentsOf(request.id))[0]!.removedAt, 'kept for the record');

  // A declined request takes no more documents.
  const other = await t.services.advice.ask(requester, {
    subject: 'Leaflets',
    details: 'Wording of leaflets',
    urgency: 'routine',
    seriousOrCritical: 'no',
    communities: 'Everyone',
    'neededFrom-day': '14',
    'neededFrom-month': '12',
    'neededFrom-year': '2026',
    clearanceNeeded: 'none',
    advisorsWanted: '1',
  });
  await t.services.advice.decline(ctset, other.id, { reason: 'Not a matter for advisors' });
  const declined = `/advice-requests/${other.id}/documents/new`;
  assert.equal((await riley.get(declined)).statusCode, 409);
  assert.equal((await riley.postFile(declined, {}, pdf('late.pdf'))).statusCode, 409);
  assert.equal((await documentsOf(other.id)).length, 0);
});

test('IAG-35: a document shared with an advisor is logged, and they download it only after acknowledging the terms', async () => {
  const { request, deploymentId } = await deployedRequest();
  const riley = await signInAs(t, 'requester');
  await riley.postFile(
    `/advice-requests/${request.id}/documents/new`,
    { title: 'Community impact assessment' },
    pdf('cia.pdf', 'CIA-CONTENT'),
  );
  const [document] = await documentsOf(request.id);
  // A document of another request cannot be named.
  const elsewhere = await deployedRequest();
  await riley.postFile(`/advice-requests/${elsewhere.request.id}/documents/new`, {}, pdf('x.pdf'));
  const [foreign] = await documentsOf(elsewhere.request.id);

  const url = `/advice-requests/${request.id}/disclosures/new`;
  const form = await riley.get(url);
  assert.match(form.body, /<option value="[0-9a-f-]{36}">Community impact assessment<\/option>/);
  const share = {
    deploymentId,
    kind: 'document',
    title: 'Community impact assessment, version 2',
    protocol: 'IAG disclosure protocol',
    terms: 'For this advice only',
  };
  const wrong = await riley.post(url, { ...share, documentId: foreign!.id });
  assert.equal(wrong.statusCode, 400);
  assert.match(wrong.body, /href="#documentId"/);
  assert.equal(
    (await t.services.db.select().from(disclosures).where(eq(disclosures.requestId, request.id)))
      .length,
    0,
  );
  assert.equal((await riley.post(url, { ...share, documentId: document!.id })).statusCode, 303);
  assert.match((await riley.get(`/advice-requests/${request.id}`)).body, /A document: cia.pdf/);

  const avery = await signInAs(t, 'advisor');
  const [disclosure] = await t.services.db
    .select()
    .from(disclosures)
    .where(eq(disclosures.deploymentId, deploymentId));
  const file = `/deployments/${deploymentId}/disclosures/${disclosure!.id}/document`;
  const before = await avery.get(`/deployments/${deploymentId}`);
  assert.doesNotMatch(before.body, /Download cia.pdf/);
  assert.equal((await avery.get(file)).statusCode, 403);
  await avery.post(`/deployments/${deploymentId}/disclosures/${disclosure!.id}/acknowledge`, {});
  assert.match((await avery.get(`/deployments/${deploymentId}`)).body, /Download cia.pdf/);
  const download = await avery.get(file);
  assert.equal(download.statusCode, 200);
  assert.match(download.rawPayload.toString(), /CIA-CONTENT/);
  // Only the advisor it went to.
  assert.equal((await (await signInAs(t, 'chair')).get(file)).statusCode, 404);
  // What was disclosed stays readable when the document is taken off the request's list.
  await riley.post(`/advice-requests/${request.id}/documents/${document!.id}/remove`, {});
  assert.equal((await avery.get(file)).statusCode, 200);
});

test('IAG-02, IAG-27: the advisor attaches documents to their advice; whoever reads the advice can download them', async () => {
  const { request, deploymentId } = await deployedRequest();
  const avery = await signInAs(t, 'advisor');
  const url = `/deployments/${deploymentId}/advice/documents/new`;
  assert.equal((await avery.get(url)).statusCode, 409, 'the advice is recorded first');
  await avery.post(`/deployments/${deploymentId}/advice`, {
    'givenOn-day': '23',
    'givenOn-month': '11',
    'givenOn-year': '2026',
    summary: 'Brief the community first.',
  });
  assert.equal((await avery.get(url)).statusCode, 200);
  assert.equal((await (await signInAs(t, 'chair')).get(url)).statusCode, 404);
  const bad = await avery.postFile(url, {}, null);
  assert.equal(bad.statusCode, 400);
  const added = await avery.postFile(url, { title: 'Briefing note' }, pdf('note.pdf', 'NOTE'));
  assert.equal(added.statusCode, 303);
  const own = await avery.get(`/deployments/${deploymentId}`);
  assert.match(own.body, /Briefing note<\/a> \(PDF, 1KB\)/);
  const [document] = await documentsOf(request.id);
  assert.equal(document!.purpose, 'advice');
  const ownFile = `/deployments/${deploymentId}/advice/documents/${document!.id}`;
  assert.equal((await avery.get(ownFile)).statusCode, 200);

  // The requester, and the group's contact, read the advice and its documents.
  for (const who of ['requester', 'deployment_contact'] as const) {
    const agent = await signInAs(t, who);
    const page = await agent.get(`/advice-requests/${request.id}`);
    assert.match(page.body, /Briefing note<\/a>/, who);
    const download = await agent.get(`/advice-requests/${request.id}/documents/${document!.id}`);
    assert.equal(download.statusCode, 200, who);
    assert.match(download.rawPayload.toString(), /NOTE/);
  }
  // The requester cannot take it off; the advisor can.
  const riley = await signInAs(t, 'requester');
  assert.equal(
    (await riley.post(`/advice-requests/${request.id}/documents/${document!.id}/remove`, {}))
      .statusCode,
    404,
  );
  assert.equal((await avery.post(`${ownFile}/remove`, {})).statusCode, 303);
  assert.doesNotMatch(
    (await riley.get(`/advice-requests/${request.id}`)).body,
    /Briefing note<\/a>/,
  );
  const events = await t.services.db
    .select({ action: auditEvents.action })
    .from(auditEvents)
    .where(
      and(like(auditEvents.action, 'advice-document.%'), eq(auditEvents.recordId, request.id)),
    );
  assert.deepEqual(events.map((e) => e.action).sort(), [
    'advice-document.added',
    'advice-document.removed',
  ]);
});

test('the demonstration data comes out cleanly after the advice process has been used end to end', async () => {
  // Everything the tests above did was done by demo accounts; add a question and an offer.
  const asked = await t.services.advice.ask(requester, {
    subject: 'A question first',
    details: 'Details',
    urgency: 'routine',
    seriousOrCritical: 'no',
    communities: 'Everyone',
    'neededFrom-day': '14',
    'neededFrom-month': '12',
    'neededFrom-year': '2026',
    clearanceNeeded: 'none',
    advisorsWanted: '1',
  });
  await t.services.advice.askQuestion(ctset, asked.id, { question: 'Which estate?' });
  await t.services.offers.record(ctset, {
    kind: 'critical_incident',
    incident: 'A death after police contact',
    operation: 'Op Lark',
    sioName: 'DCI Example',
    sioContact: 'dci@example.test',
    'offeredOn-day': '23',
    'offeredOn-month': '11',
    'offeredOn-year': '2026',
  });
  await removeDemoData(t.services.db);
  const left = await t.services.db
    .select({ id: users.id })
    .from(users)
    .where(like(users.email, `%@${DEMO_DOMAIN}`));
  assert.deepEqual(left, []);
  assert.equal((await t.services.db.select().from(adviceRequests)).length, 0);
});
