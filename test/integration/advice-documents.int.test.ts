import assert from 'node:assert/strict';
import { after, before, test } from 'node:test';
import { and, eq, like } from 'drizzle-orm';
import { testConfig } from '../../src/app.js';
import { DEMO_DOMAIN, loadDemoData, removeDemoData } from '../../src/demo/demo-data.js';
import { adviceDocuments, adviceRequests, disclosures } from '../../src/modules/advice/schema.js';
import { users } from '../../src/platform/auth/schema.js';
import { people } from '../../src/modules/directory/schema.js';
import type { UserPrincipal } from '../../src/platform/auth/principal.js';
import { auditEvents } from '../../src/platform/audit/schema.js';
import { createTestApp, demoAccount, groupIdByCode, principalFor, type TestApp } from '../app.js';
import { makeAccount, signInAccount, type FactoryAccount } from '../factories/accounts.js';
import {
  makeAdviceRequest,
  makeDeploymentContact,
  nominateAdvisors,
  routeRequest,
} from '../factories/advice.js';
import { makeMember } from '../factories/groups.js';

let t: TestApp;
let raceId: string;
let averyId: string;
let contact: UserPrincipal;
let ctset: UserPrincipal;
let requester: UserPrincipal;
/** Avery (a member of the Race IAG), its chair and contact, a requester and CTSET. */
let averyAccount: FactoryAccount;
let chairAccount: FactoryAccount;
let contactAccount: FactoryAccount;
let requesterAccount: FactoryAccount;
let ctsetAccount: FactoryAccount;

const PDF = Buffer.from('%PDF-1.4\n1 0 obj << /Type /Catalog >> endobj\ntrailer << >>\n%%EOF\n');
const pdf = (name: string, marker = '') => ({
  field: 'file',
  name,
  bytes: Buffer.concat([PDF, Buffer.from(marker)]),
});

before(async () => {
  // A 1MB limit, so the test need not send 10MB.
  // No demo data: the file makes the people it reads. The Race IAG is reference data.
  t = await createTestApp({
    demo: false,
    config: { files: { ...testConfig().files, maxBytes: 1024 * 1024 } },
  });
  raceId = await groupIdByCode(t, 'iag-race');
  averyAccount = await makeMember(t, raceId, { name: 'Avery Advisor' });
  averyId = averyAccount.personId;
  chairAccount = await makeMember(t, raceId, { chair: true });
  contactAccount = await makeDeploymentContact(t, raceId);
  requesterAccount = await makeAccount(t, { role: 'requester' });
  ctsetAccount = await makeAccount(t, { role: 'ctset' });
  contact = await principalFor(t, contactAccount.email);
  ctset = await principalFor(t, ctsetAccount.email);
  requester = await principalFor(t, requesterAccount.email);
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
  if (accept)
    await (await signInAccount(t, averyAccount)).post(`/deployments/${deploymentId}/accept`, {});
  return { request, deploymentId };
}

const documentsOf = (requestId: string) =>
  t.services.db.select().from(adviceDocuments).where(eq(adviceDocuments.requestId, requestId));
const documentIdIn = (html: string, requestId: string) =>
  new RegExp(`/advice-requests/${requestId}/documents/([0-9a-f-]{36})"`).exec(html)?.[1];

test('IAG-35: the requester adds documents to share; bad files are named and nothing is kept; advisors cannot open them', async () => {
  const { request, deploymentId } = await deployedRequest(false);
  const riley = await signInAccount(t, requesterAccount);
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
    (await (await signInAccount(t, ctsetAccount)).get(`/advice-requests/${request.id}`)).body,
    /Operation plan, redacted/,
  );

  // Nobody else: the group's contact reads the request but not its documents; the advisor
  // reaches a document only through the disclosure log.
  const dana = await signInAccount(t, contactAccount);
  const contactPage = await dana.get(`/advice-requests/${request.id}`);
  assert.equal(contactPage.statusCode, 200);
  assert.doesNotMatch(contactPage.body, /Operation plan, redacted/);
  for (const who of [
    dana,
    await signInAccount(t, averyAccount),
    await signInAccount(t, chairAccount),
  ]) {
    assert.equal(
      (await who.get(`/advice-requests/${request.id}/documents/${documentId}`)).statusCode,
      404,
    );
    // The contact may read the request, so is refused; anyone else is told it is not there.
    assert.equal((await who.get(url)).statusCode, who === dana ? 403 : 404);
  }
  assert.equal(
    (
      await (await signInAccount(t, averyAccount)).get(`/deployments/${deploymentId}`)
    ).body.includes('Operation plan'),
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
  const riley = await signInAccount(t, requesterAccount);
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

  const avery = await signInAccount(t, averyAccount);
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
  assert.equal((await (await signInAccount(t, chairAccount)).get(file)).statusCode, 404);
  // What was disclosed stays readable when the document is taken off the request's list.
  await riley.post(`/advice-requests/${request.id}/documents/${document!.id}/remove`, {});
  assert.equal((await avery.get(file)).statusCode, 200);
});

test('IAG-02, IAG-27: the advisor attaches documents to their advice; whoever reads the advice can download them', async () => {
  const { request, deploymentId } = await deployedRequest();
  const avery = await signInAccount(t, averyAccount);
  const url = `/deployments/${deploymentId}/advice/documents/new`;
  assert.equal((await avery.get(url)).statusCode, 409, 'the advice is recorded first');
  await avery.post(`/deployments/${deploymentId}/advice`, {
    'givenOn-day': '23',
    'givenOn-month': '11',
    'givenOn-year': '2026',
    summary: 'Brief the community first.',
  });
  assert.equal((await avery.get(url)).statusCode, 200);
  assert.equal((await (await signInAccount(t, chairAccount)).get(url)).statusCode, 404);
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
  for (const [who, account] of [
    ['requester', requesterAccount],
    ['deployment_contact', contactAccount],
  ] as const) {
    const agent = await signInAccount(t, account);
    const page = await agent.get(`/advice-requests/${request.id}`);
    assert.match(page.body, /Briefing note<\/a>/, who);
    const download = await agent.get(`/advice-requests/${request.id}/documents/${document!.id}`);
    assert.equal(download.statusCode, 200, who);
    assert.match(download.rawPayload.toString(), /NOTE/);
  }
  // The requester cannot take it off; the advisor can.
  const riley = await signInAccount(t, requesterAccount);
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
  // The demo data is what this test removes: it loads it, and the demo accounts go through the
  // advice process: a request deployed and accepted, a question, an offer. What accounts made
  // here did stays. Loading the demo names its own deployment contact for the Race IAG, and
  // removing it leaves the group with none: a database of its own, so the other tests' group
  // keeps theirs.
  const own = await createTestApp({ demo: false });
  try {
    const ownRaceId = await groupIdByCode(own, 'iag-race');
    const advisor = await makeMember(own, ownRaceId);
    const ownContact = await makeDeploymentContact(own, ownRaceId);
    const request = await makeAdviceRequest(own);
    await routeRequest(own, request.id, ownRaceId);
    const nominated = await nominateAdvisors(own, ownContact, request.id, ownRaceId, [
      advisor.personId,
    ]);
    await own.services.deployments.accept(
      await principalFor(own, advisor.email),
      nominated.created[0]!.id,
    );
    const kept = (await own.services.db.select({ id: adviceRequests.id }).from(adviceRequests))
      .map((r) => r.id)
      .sort();
    assert.equal(kept.length, 1);
    await loadDemoData(own.services.db, own.services.secretBox);
    const demo = (role: Parameters<typeof demoAccount>[0]) =>
      principalFor(own, demoAccount(role).email);
    const demoCtset = await demo('ctset');
    const demoAdvisor = await demo('advisor');
    const [demoAvery] = await own.services.db
      .select({ id: people.id })
      .from(people)
      .where(eq(people.userId, demoAdvisor.userId));
    const deployed = await makeAdviceRequest(own, { by: await demo('requester') });
    await own.services.advice.route(demoCtset, deployed.id, { groups: ownRaceId });
    const { created } = await own.services.deployments.nominate(
      await demo('deployment_contact'),
      deployed.id,
      ownRaceId,
      { advisors: demoAvery!.id, reason: 'Knows the borough' },
    );
    await own.services.deployments.accept(demoAdvisor, created[0]!.id);
    const asked = await makeAdviceRequest(own, {
      by: await demo('requester'),
      fields: { subject: 'A question first' },
    });
    await own.services.advice.askQuestion(demoCtset, asked.id, { question: 'Which estate?' });
    await own.services.offers.record(demoCtset, {
      kind: 'critical_incident',
      incident: 'A death after police contact',
      operation: 'Op Lark',
      sioName: 'DCI Example',
      sioContact: 'dci@example.test',
      'offeredOn-day': '23',
      'offeredOn-month': '11',
      'offeredOn-year': '2026',
    });
    await removeDemoData(own.services.db);
    const left = await own.services.db
      .select({ id: users.id })
      .from(users)
      .where(like(users.email, `%@${DEMO_DOMAIN}`));
    assert.deepEqual(left, []);
    assert.deepEqual(
      (await own.services.db.select({ id: adviceRequests.id }).from(adviceRequests))
        .map((r) => r.id)
        .sort(),
      kept,
    );
  } finally {
    await own.close();
  }
});
