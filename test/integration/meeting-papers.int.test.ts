import assert from 'node:assert/strict';
import { after, before, test } from 'node:test';
import { count, eq } from 'drizzle-orm';
import { testConfig } from '../../src/app.js';
import { agendaItems, meetingPapers } from '../../src/modules/meetings/schema.js';
import { auditEvents } from '../../src/platform/audit/schema.js';
import { Agent, createTestApp, type TestApp, groupIdByCode } from '../app.js';
import { makeAccount, signInAccount, type FactoryAccount } from '../factories/accounts.js';
import { makeMember } from '../factories/groups.js';

let t: TestApp;
let raceId: string;
let meetingId: string;
let itemId: string;
/** The member who tables the item, and the group's chair. */
let member: FactoryAccount;
let chairAccount: FactoryAccount;

const PDF = Buffer.from('%PDF-1.4\n1 0 obj << /Type /Catalog >> endobj\ntrailer << >>\n%%EOF\n');

before(async () => {
  // A 1MB limit, so the test need not send 10MB.
  // No demo data: the file makes the people it reads. The Race IAG is reference data.
  t = await createTestApp({
    demo: false,
    config: { files: { ...testConfig().files, maxBytes: 1024 * 1024 } },
  });
  raceId = await groupIdByCode(t, 'iag-race');
  member = await makeMember(t, raceId);
  chairAccount = await makeMember(t, raceId, { chair: true });
  const coordinator = await signInAccount(t, await makeAccount(t, { role: 'coordination_unit' }));
  const res = await coordinator.post(`/groups/${raceId}/meetings/new`, {
    title: 'Race IAG full meeting',
    'date-day': '10',
    'date-month': '12',
    'date-year': '2026',
    startTime: '6pm',
    format: 'online',
    repeat: 'once',
  });
  meetingId = /\/meetings\/([0-9a-f-]{36})/.exec(res.headers.location ?? '')![1]!;
  const advisor = await signInAccount(t, member);
  await advisor.post(`/meetings/${meetingId}/items/new`, { title: 'Stop and search figures' });
  const [item] = await t.services.db
    .select()
    .from(agendaItems)
    .where(eq(agendaItems.meetingId, meetingId));
  itemId = item!.id;
});
after(() => t.close());

const auditCount = async () =>
  Number((await t.services.db.select({ n: count() }).from(auditEvents))[0]!.n);

test('the member who tabled an item attaches a paper; its type is read from its bytes', async () => {
  const advisor = await signInAccount(t, member);
  const url = `/meetings/${meetingId}/items/${itemId}/papers/new`;
  assert.equal((await advisor.get(url)).statusCode, 200);

  const before = await auditCount();
  const none = await advisor.postFile(url, { title: '' }, null);
  assert.equal(none.statusCode, 400);
  assert.match(none.body, /Select a file/);
  const text = await advisor.postFile(
    url,
    {},
    { field: 'file', name: 'figures.pdf', bytes: Buffer.from('not really a pdf') },
  );
  assert.equal(text.statusCode, 400);
  assert.match(
    text.body,
    /The selected file must be a PDF, Word, Excel, PowerPoint, OpenDocument, PNG or JPEG/,
  );
  const big = await advisor.postFile(
    url,
    {},
    { field: 'file', name: 'big.pdf', bytes: Buffer.concat([PDF, Buffer.alloc(1536 * 1024)]) },
  );
  assert.equal(big.statusCode, 400);
  assert.match(big.body, /The selected file must be smaller than 1MB/);
  assert.equal(await auditCount(), before);

  const ok = await advisor.postFile(
    url,
    { title: 'Stop and search, last quarter' },
    { field: 'file', name: 'figures <Q3>.pdf', bytes: PDF, type: 'application/pdf' },
  );
  assert.equal(ok.statusCode, 303);
  const [paper] = await t.services.db
    .select()
    .from(meetingPapers)
    .where(eq(meetingPapers.agendaItemId, itemId));
  assert.equal(paper!.mediaType, 'application/pdf');
  assert.equal(paper!.fileName, 'figures -Q3-.pdf');
  assert.equal(paper!.sizeBytes, PDF.length);

  // Those who may see the item read it; others may not.
  const chair = await signInAccount(t, chairAccount);
  const download = await chair.get(`/meetings/${meetingId}/papers/${paper!.id}`);
  assert.equal(download.statusCode, 200);
  assert.equal(download.headers['content-type'], 'application/pdf');
  assert.match(
    String(download.headers['content-disposition']),
    /attachment; filename="figures -Q3-.pdf"/,
  );
  assert.deepEqual(download.rawPayload, PDF);
  const outsider = await signInAccount(t, await makeAccount(t, { role: 'requester' }));
  assert.equal((await outsider.get(`/meetings/${meetingId}/papers/${paper!.id}`)).statusCode, 403);
  assert.equal(
    (await outsider.postFile(url, {}, { field: 'file', name: 'x.pdf', bytes: PDF })).statusCode,
    403,
  );

  // The public only once the agenda is published, and only for items that are not confidential.
  const visitor = new Agent(t.app);
  const publicUrl = `/advisory-groups/${raceId}/meetings/${meetingId}/papers/${paper!.id}`;
  assert.equal((await visitor.get(publicUrl)).statusCode, 404);
  assert.equal((await chair.post(`/meetings/${meetingId}/items/${itemId}/accept`)).statusCode, 303);
  assert.equal((await chair.post(`/meetings/${meetingId}/publish`)).statusCode, 303);
  const record = await visitor.get(`/advisory-groups/${raceId}/meetings/${meetingId}`);
  assert.match(record.body, /Stop and search, last quarter/);
  assert.match(record.body, /PDF, 1KB/);
  const publicDownload = await visitor.get(publicUrl);
  assert.equal(publicDownload.statusCode, 200);
  assert.deepEqual(publicDownload.rawPayload, PDF);

  // Taken off the item: no longer listed or served.
  assert.equal(
    (await advisor.post(`/meetings/${meetingId}/papers/${paper!.id}/remove`)).statusCode,
    303,
  );
  assert.equal((await visitor.get(publicUrl)).statusCode, 404);
});
