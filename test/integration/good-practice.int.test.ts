/**
 * Issue 26 part 5 (CDRP-08, LEG-06, CON-04): good practice recorded through the pages, searched
 * and filtered, marked public and read by anyone, then withdrawn; with the refusals of bad input,
 * of roles that may not, and of a partnership officer outside their borough. Each test makes its
 * own entries, boroughs and people, with words no other test uses.
 */
import assert from 'node:assert/strict';
import { randomUUID } from 'node:crypto';
import { after, before, test } from 'node:test';
import { and, eq } from 'drizzle-orm';
import { goodPracticeEntries as entries } from '../../src/modules/good-practice/schema.js';
import { auditEvents } from '../../src/platform/audit/schema.js';
import { loadDemoData, removeDemoData } from '../../src/demo/demo-data.js';
import { Agent, createTestApp, type TestApp } from '../app.js';
import { signInNewAccount } from '../factories/accounts.js';
import { makeBorough, makePerson } from '../factories/directory.js';
import { makeEntry } from '../factories/good-practice.js';
import { deadErrorLinks } from '../error-summary.js';
import { mainOf, rowRecords, tableOf, textOf } from '../html.js';

let t: TestApp;
let keeper: Agent;
let officer: Agent;

before(async () => {
  t = await createTestApp();
  keeper = await signInNewAccount(t, 'coordination_unit');
  officer = await signInNewAccount(t, 'authority_officer');
});
after(() => t.close());

const text = (html: string) => textOf(mainOf(html));
/** A word no other entry has: letters only, so the search finds it alone. */
const word = (first: string) =>
  `${first}${Array.from({ length: 8 }, () => String.fromCharCode(97 + Math.floor(Math.random() * 26))).join('')}`;
const rowOfEntry = async (id: string) =>
  (await t.services.db.select().from(entries).where(eq(entries.id, id)))[0]!;

test('CDRP-08: the coordination unit records good practice; an empty form names each field it needs, a link elsewhere is refused', async () => {
  const refused = await keeper.post('/good-practice-library/new', { title: '', summary: '' });
  assert.equal(refused.statusCode, 400);
  const said = text(refused.body);
  assert.match(said, /There is a problem/);
  assert.match(said, /Enter the title/);
  assert.match(said, /Enter what was done/);
  assert.match(said, /Select the theme/);

  const title = word('Youthforum');
  const elsewhere = await keeper.post('/good-practice-library/new', {
    title,
    summary: 'Monthly',
    theme: 'youth',
    sourceKind: 'other',
    sourceLink: 'https://example.com/',
  });
  assert.equal(elsewhere.statusCode, 400);
  assert.match(text(elsewhere.body), /Enter a link to a page of Bridge, starting with \//);
  // What was typed is kept.
  assert.match(elsewhere.body, new RegExp(`value="${title}"`));
  assert.equal(
    (await t.services.db.select().from(entries).where(eq(entries.title, title))).length,
    0,
  );

  const borough = await makeBorough(t, { name: word('Borough') });
  const saved = await keeper.post('/good-practice-library/new', {
    title,
    summary: 'Young people met the borough commander monthly.',
    lessons: 'Let them chair it.',
    theme: 'youth',
    boroughId: borough.id,
  });
  assert.equal(saved.statusCode, 303);
  const page = text((await keeper.get(saved.headers.location as string)).body);
  assert.match(page, new RegExp(`${title} has been recorded`));
  assert.match(page, /Theme Young people/);
  assert.match(page, new RegExp(`Borough ${borough.name}`));
  assert.match(page, /Public Not public/);
  assert.match(page, /What worked and lessons learned Let them chair it\./);
  const id = (saved.headers.location as string).split('/').pop()!;
  const audit = await t.services.db
    .select()
    .from(auditEvents)
    .where(and(eq(auditEvents.recordId, id), eq(auditEvents.action, 'good-practice.recorded')));
  assert.equal(audit.length, 1);
});

test('LEG-06: a grant’s link prefills a new entry and keeps its source; the library tells the grant what came from it', async () => {
  const grantId = randomUUID();
  const title = word('Grantproject');
  const form = await keeper.get(
    `/good-practice-library/new?sourceKind=grant&sourceId=${grantId}&title=${title}`,
  );
  assert.equal(form.statusCode, 200);
  assert.match(form.body, new RegExp(`name="title" type="text" value="${title}"`));
  assert.match(form.body, new RegExp(`type="hidden" name="sourceId" value="${grantId}"`));
  assert.match(text(form.body), /It came from: A grant\./);

  const saved = await keeper.post('/good-practice-library/new', {
    title,
    summary: 'Funded engagement events.',
    theme: 'engagement',
    sourceKind: 'grant',
    sourceId: grantId,
    sourceReference: 'Grant 2026/14',
  });
  assert.equal(saved.statusCode, 303);
  const page = text((await keeper.get(saved.headers.location as string)).body);
  assert.match(page, /Where it came from A grant: Grant 2026\/14/);
  assert.match(page, /Borough Area-wide/);
  const found = await t.services.goodPracticeLibrary.entriesForSource('grant', grantId);
  assert.deepEqual(
    found.map((e) => e.title),
    [title],
  );
  assert.deepEqual(
    await t.services.goodPracticeLibrary.entriesForSource('grant', randomUUID()),
    [],
  );
});

test('CDRP-08: the contact is found in the directory without losing what was typed, then named on the entry', async () => {
  const person = await makePerson(t, { fullName: `Ann ${word('Contact')}` });
  const title = word('Tasking');
  const typed = {
    title,
    summary: 'Weekly joint tasking.',
    theme: 'partnership-working',
    contactSearch: person.fullName,
  };
  const found = await keeper.post('/good-practice-library/new', { ...typed, find: 'contact' });
  assert.equal(found.statusCode, 200);
  assert.match(text(found.body), new RegExp(person.fullName));
  assert.match(found.body, new RegExp(`value="${title}"`));
  assert.equal(
    (await t.services.db.select().from(entries).where(eq(entries.title, title))).length,
    0,
    'finding saves nothing',
  );
  const saved = await keeper.post('/good-practice-library/new', { ...typed, contactId: person.id });
  assert.equal(saved.statusCode, 303);
  const page = text((await keeper.get(saved.headers.location as string)).body);
  assert.match(page, new RegExp(`Contact person ${person.fullName}`));
  // Changing the entry starts with its contact chosen, with no search needed.
  const edit = (await keeper.get(`${saved.headers.location as string}/edit`)).body;
  assert.match(edit, new RegExp(`value="${person.id}" checked`));
  // A contact who is not in the directory is refused, naming the field.
  const bad = await keeper.post('/good-practice-library/new', {
    ...typed,
    contactId: randomUUID(),
  });
  assert.equal(bad.statusCode, 400);
  assert.match(text(bad.body), /Select a contact person from the directory/);
});

test('CDRP-08: the library is searched by words and filtered by theme and borough, a page at a time', async () => {
  const tag = word('Lantern');
  const camden = await makeBorough(t, { name: word('Camden') });
  const hackney = await makeBorough(t, { name: word('Hackney') });
  await makeEntry(t, { title: `${tag} walks`, theme: 'crime-reduction', boroughId: camden.id });
  await makeEntry(t, {
    title: 'Street meetings',
    summary: `Held with ${tag} residents`,
    theme: 'engagement',
    boroughId: hackney.id,
  });
  await makeEntry(t, { title: `${tag} area report`, theme: 'engagement' });
  await makeEntry(t, { title: 'Unrelated', theme: 'engagement', boroughId: camden.id });

  const titles = async (query: string) =>
    rowRecords(tableOf((await keeper.get(`/good-practice-library?${query}`)).body))
      .map((r) => r.Title)
      .sort();
  assert.deepEqual(await titles(`q=${tag}`), [
    `${tag} area report`,
    `${tag} walks`,
    'Street meetings',
  ]);
  assert.deepEqual(await titles(`q=${tag}&theme=engagement`), [
    `${tag} area report`,
    'Street meetings',
  ]);
  assert.deepEqual(await titles(`q=${tag}&borough=${camden.id}`), [`${tag} walks`]);
  assert.deepEqual(await titles(`q=${tag}&borough=area`), [`${tag} area report`]);
  const none = text((await keeper.get(`/good-practice-library?q=${tag}&theme=youth`)).body);
  assert.match(none, /No entries match the search and filters/);

  const many = word('Paged');
  for (let i = 0; i < 26; i++) await makeEntry(t, { title: `${many} ${i}` });
  const first = await keeper.get(`/good-practice-library?q=${many}`);
  assert.match(text(first.body), /Showing 1 to 25 of 26/);
  assert.equal(rowRecords(tableOf(first.body)).length, 25);
  const second = await keeper.get(`/good-practice-library?q=${many}&page=2`);
  assert.equal(rowRecords(tableOf(second.body)).length, 1);
});

test('CDRP-08: an authority officer marks an entry public, anyone reads it, then it is withdrawn and gone from the public site', async () => {
  const tag = word('Reporting');
  const contact = await makePerson(t, { fullName: `Cy ${word('Contact')}` });
  const entry = await makeEntry(t, {
    title: `${tag} centres`,
    summary: 'Third-party reporting of hate crime.',
    theme: 'hate-crime',
    contactId: contact.id,
    source: { kind: 'partnership', reference: 'Secret partnership reference' },
  });
  const anyone = new Agent(t.app);
  assert.equal((await anyone.get(`/good-practice/${entry.id}`)).statusCode, 404);
  assert.doesNotMatch(text((await anyone.get(`/good-practice?q=${tag}`)).body), new RegExp(tag));

  const page = text((await officer.get(`/good-practice-library/${entry.id}`)).body);
  assert.match(page, /Mark as public/);
  const published = await officer.post(`/good-practice-library/${entry.id}/publish`, {
    version: String(entry.version),
  });
  assert.equal(published.statusCode, 303);
  assert.match(
    text((await officer.get(published.headers.location as string)).body),
    new RegExp(`${tag} centres is now public.*Public since`),
  );
  // Marked twice (a page left open): refused, saying why, with no link to a Mark as public
  // button the page no longer shows.
  const twice = await officer.post(`/good-practice-library/${entry.id}/publish`, {});
  assert.equal(twice.statusCode, 409);
  assert.match(text(twice.body), /This entry is already public/);
  assert.doesNotMatch(twice.body, /href="#publish"/);
  assert.deepEqual(deadErrorLinks(twice.body), []);

  const list = text((await anyone.get(`/good-practice?q=${tag}&theme=hate-crime`)).body);
  assert.match(list, new RegExp(`${tag} centres`));
  assert.match(list, /Hate crime · Area-wide/);
  const publicPage = (await anyone.get(`/good-practice/${entry.id}`)).body;
  assert.match(text(publicPage), /Third-party reporting of hate crime\./);
  // The public never reads whom to ask, or the staff's source records.
  assert.doesNotMatch(publicPage, new RegExp(contact.fullName));
  assert.doesNotMatch(publicPage, /Secret partnership reference/);
  assert.match(publicPage, /<title>[^<]+ – Good practice – Bridge<\/title>/);

  const withdrawn = await officer.post(`/good-practice-library/${entry.id}/withdraw`, {});
  assert.equal(withdrawn.statusCode, 303);
  const after = text((await officer.get(`/good-practice-library/${entry.id}`)).body);
  assert.match(after, /has been withdrawn from the public site/);
  assert.match(after, /Withdrawn from the public site on/);
  // Withdrawn twice: said likewise, with no link to a Withdraw button the page has no more.
  const again = await officer.post(`/good-practice-library/${entry.id}/withdraw`, {});
  assert.equal(again.statusCode, 409);
  assert.match(text(again.body), /This entry is not public/);
  assert.doesNotMatch(again.body, /href="#withdraw"/);
  assert.deepEqual(deadErrorLinks(again.body), []);
  assert.match(
    text((await officer.get(`/good-practice-library/${entry.id}`)).body),
    /Withdrawn from the public site on/,
  );
  assert.equal((await anyone.get(`/good-practice/${entry.id}`)).statusCode, 404);
  assert.doesNotMatch(text((await anyone.get(`/good-practice?q=${tag}`)).body), new RegExp(tag));
  const actions = (
    await t.services.db.select().from(auditEvents).where(eq(auditEvents.recordId, entry.id))
  ).map((a) => a.action);
  assert.deepEqual(actions.sort(), ['good-practice.published', 'good-practice.withdrawn']);
});

test('CDRP-08: who may not is refused and nothing changes; the public never sees the staff library', async () => {
  const entry = await makeEntry(t);
  // The coordination unit keeps entries but does not publish them.
  const unit = text((await keeper.get(`/good-practice-library/${entry.id}`)).body);
  assert.doesNotMatch(unit, /Mark as public/);
  assert.match(unit, /Change the entry/);
  assert.equal(
    (await keeper.post(`/good-practice-library/${entry.id}/publish`, {})).statusCode,
    403,
  );
  assert.equal((await rowOfEntry(entry.id)).publishedAt, null);

  // An authority member reads the library but keeps nothing.
  const member = await signInNewAccount(t, 'authority_member');
  const read = text((await member.get(`/good-practice-library/${entry.id}`)).body);
  assert.match(read, new RegExp(entry.title));
  assert.doesNotMatch(read, /Change the entry|Mark as public/);
  assert.doesNotMatch(
    text((await member.get('/good-practice-library')).body),
    /Record good practice/,
  );
  assert.equal((await member.get('/good-practice-library/new')).statusCode, 403);
  const title = word('Notallowed');
  const posted = await member.post('/good-practice-library/new', {
    title,
    summary: 'x',
    theme: 'other',
  });
  assert.equal(posted.statusCode, 403);
  const edited = await member.post(`/good-practice-library/${entry.id}/edit`, {
    title,
    summary: 'x',
    theme: 'other',
  });
  assert.equal(edited.statusCode, 403);
  assert.equal((await rowOfEntry(entry.id)).title, entry.title);
  assert.equal(
    (await t.services.db.select().from(entries).where(eq(entries.title, title))).length,
    0,
  );

  // An advisor has no part of the library; someone signed out is sent to sign in.
  const advisor = await signInNewAccount(t, 'advisor');
  assert.equal((await advisor.get('/good-practice-library')).statusCode, 403);
  assert.equal((await advisor.get(`/good-practice-library/${entry.id}`)).statusCode, 403);
  const anyone = new Agent(t.app);
  const staff = await anyone.get('/good-practice-library');
  assert.equal(staff.statusCode, 303);
  assert.match(staff.headers.location as string, /^\/sign-in/);
});

test('CDRP-08: a partnership officer records and changes good practice of their own borough only', async () => {
  const own = await makeBorough(t, { name: word('Own') });
  const other = await makeBorough(t, { name: word('Other') });
  const po = await signInNewAccount(t, 'partnership_officer', {
    scope: { type: 'borough', id: own.id },
  });
  const form = text((await po.get('/good-practice-library/new')).body);
  assert.match(form, new RegExp(own.name));
  assert.doesNotMatch(form, new RegExp(other.name));

  const title = word('Boroughwork');
  const base = { title, summary: 'Done locally.', theme: 'partnership-working' };
  for (const boroughId of [other.id, '']) {
    const refused = await po.post('/good-practice-library/new', { ...base, boroughId });
    assert.equal(refused.statusCode, 400, boroughId || 'area-wide');
    assert.match(
      text(refused.body),
      /Choose your own borough: a partnership officer records good practice for the borough they work for/,
    );
  }
  assert.equal(
    (await t.services.db.select().from(entries).where(eq(entries.title, title))).length,
    0,
  );
  const saved = await po.post('/good-practice-library/new', { ...base, boroughId: own.id });
  assert.equal(saved.statusCode, 303);
  const ownId = (saved.headers.location as string).split('/').pop()!;
  const ownEntry = await rowOfEntry(ownId);
  const changed = await po.post(`/good-practice-library/${ownId}/edit`, {
    ...base,
    summary: 'Done locally, and shared.',
    boroughId: own.id,
    version: String(ownEntry.version),
  });
  assert.equal(changed.statusCode, 303);
  assert.equal((await rowOfEntry(ownId)).summary, 'Done locally, and shared.');

  // Another borough's entry, and an area-wide one: read, never changed.
  for (const theirs of [await makeEntry(t, { boroughId: other.id }), await makeEntry(t)]) {
    const page = text((await po.get(`/good-practice-library/${theirs.id}`)).body);
    assert.match(page, new RegExp(theirs.title));
    assert.doesNotMatch(page, /Change the entry/);
    assert.equal((await po.get(`/good-practice-library/${theirs.id}/edit`)).statusCode, 403);
    const posted = await po.post(`/good-practice-library/${theirs.id}/edit`, {
      ...base,
      boroughId: own.id,
    });
    assert.equal(posted.statusCode, 403);
    assert.equal((await rowOfEntry(theirs.id)).title, theirs.title);
  }
});

test('CDRP-08: a change made from a stale page is refused and the newer one kept', async () => {
  const entry = await makeEntry(t, { title: word('Stale') });
  const form = { title: entry.title, summary: 'First', theme: 'engagement' };
  const first = await keeper.post(`/good-practice-library/${entry.id}/edit`, {
    ...form,
    version: String(entry.version),
  });
  assert.equal(first.statusCode, 303);
  const second = await keeper.post(`/good-practice-library/${entry.id}/edit`, {
    ...form,
    summary: 'Second',
    version: String(entry.version),
  });
  assert.equal(second.statusCode, 409);
  assert.match(text(second.body), /Someone else changed this entry/);
  assert.equal((await rowOfEntry(entry.id)).summary, 'First');
  // Marked public from the page as it was before that change: refused, and said without a
  // link (the entry's page carries its version only as a hidden field).
  const publish = await officer.post(`/good-practice-library/${entry.id}/publish`, {
    version: String(entry.version),
  });
  assert.equal(publish.statusCode, 409);
  assert.match(text(publish.body), /Someone else changed this entry/);
  assert.doesNotMatch(publish.body, /href="#version"/);
  assert.deepEqual(deadErrorLinks(publish.body), []);
  assert.equal((await rowOfEntry(entry.id)).publishedAt, null);
});

test('CDRP-08: the demo has good practice across boroughs and themes, some public; it goes with the demo data', async () => {
  await loadDemoData(t.services.db, t.services.secretBox);
  try {
    const anyone = new Agent(t.app);
    const list = text((await anyone.get('/good-practice?q=commander')).body);
    assert.match(list, /Young people question the borough commander/);
    const publicAll = text(
      (await anyone.get('/good-practice?q=engagement group development')).body,
    );
    assert.doesNotMatch(publicAll, /Engagement group development plan/, 'withdrawn');
    const staff = text(
      (await officer.get('/good-practice-library?q=engagement group development')).body,
    );
    assert.match(staff, /Engagement group development plan with local agencies/);
    // The public site's navigation offers it.
    assert.match((await anyone.get('/')).body, /href="\/good-practice"[^>]*>\s*Good practice/);
  } finally {
    await removeDemoData(t.services.db);
  }
  const gone = text((await officer.get('/good-practice-library?q=commander')).body);
  assert.doesNotMatch(gone, /Young people question the borough commander/);
});

test('CDRP-08: a public entry changed by one who may not publish leaves the public site until it is marked public again', async () => {
  const tag = word('Walkabout');
  const entry = await makeEntry(t, {
    title: `${tag} walks`,
    summary: 'Night walks.',
    theme: 'engagement',
  });
  await officer.post(`/good-practice-library/${entry.id}/publish`, {
    version: String(entry.version),
  });
  const anyone = new Agent(t.app);
  assert.equal((await anyone.get(`/good-practice/${entry.id}`)).statusCode, 200);
  const published = await rowOfEntry(entry.id);
  const changed = await keeper.post(`/good-practice-library/${entry.id}/edit`, {
    title: `${tag} walks`,
    summary: 'Night walks, now naming the residents who came.',
    theme: 'engagement',
    version: String(published.version),
  });
  assert.equal(changed.statusCode, 303);
  assert.equal((await anyone.get(`/good-practice/${entry.id}`)).statusCode, 404);
  assert.equal((await rowOfEntry(entry.id)).publishedAt, null);
});
