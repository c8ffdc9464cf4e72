/**
 * Issue 26 part 7 (CDRP-11, IAG-34): courses, sessions and attendance recorded through the pages,
 * the numbers trained by course, borough and reporting year, and training needs shown against
 * what was delivered; with the refusals of bad input and of those who may not. Each test makes
 * its own courses, boroughs and people. The clock is 23 November 2026 (the year 2026-27).
 */
import assert from 'node:assert/strict';
import { after, before, test } from 'node:test';
import { and, eq, inArray } from 'drizzle-orm';
import {
  trainingAttendance,
  trainingCourses,
  trainingNeeds,
} from '../../src/modules/training/schema.js';
import { auditEvents } from '../../src/platform/audit/schema.js';
import { loadDemoData, removeDemoData } from '../../src/demo/demo-data.js';
import { createTestApp, dateFields, type Agent, type TestApp } from '../app.js';
import { makeAccount, signInAccount, signInNewAccount } from '../factories/accounts.js';
import { makeBorough, makePerson } from '../factories/directory.js';
import { makeCourse, makeSession, recordAttendance } from '../factories/training.js';
import { mainOf, rowRecords, tableOf, textOf } from '../html.js';

let t: TestApp;
let keeper: Agent;

before(async () => {
  t = await createTestApp();
  keeper = await signInNewAccount(t, 'coordination_unit');
});
after(() => t.close());

const text = (html: string) => textOf(mainOf(html));
/** A name the directory's search finds alone: letters only, unlike any other test's. */
const uniqueName = (first: string) =>
  `${first} ${Array.from({ length: 8 }, () => String.fromCharCode(97 + Math.floor(Math.random() * 26))).join('')}`;

test('CDRP-11: the coordination unit adds a course; an empty form names each field it needs', async () => {
  const refused = await keeper.post('/training/courses/new', { title: '', provider: '' });
  assert.equal(refused.statusCode, 400);
  const said = text(refused.body);
  assert.match(said, /There is a problem/);
  assert.match(said, /Enter the course's title/);
  assert.match(said, /Select who the course is for/);
  assert.match(said, /Enter who provides the course/);

  const title = uniqueName('Working in Partnership');
  const saved = await keeper.post('/training/courses/new', {
    title,
    audience: 'partnership',
    provider: 'MPS Partnership Team',
    description: 'Problem solving with partners',
  });
  assert.equal(saved.statusCode, 303);
  const page = text((await keeper.get(saved.headers.location as string)).body);
  assert.match(page, new RegExp(`${title} has been added`));
  assert.match(page, /Who it is for Officers and staff in partnership work/);
  assert.match(page, /Provider MPS Partnership Team/);
  assert.match(page, /No sessions have been recorded/);
  const list = text((await keeper.get('/training/courses?audience=partnership')).body);
  assert.match(list, new RegExp(title));
});

test('CDRP-11: a session is added in a borough; a missing borough and a capacity out of range are refused', async () => {
  const course = await makeCourse(t);
  const borough = await makeBorough(t, { name: uniqueName('Borough') });
  const url = `/training/courses/${course.id}/sessions/new`;
  const refused = await keeper.post(url, {
    ...dateFields('heldOn', '2026-11-02'),
    place: 'Hendon',
    boroughId: '',
    capacity: '0',
  });
  assert.equal(refused.statusCode, 400);
  assert.match(text(refused.body), /Select the borough the session is held in/);
  assert.match(text(refused.body), /Capacity must be a whole number from 1 to 500/);
  // Not a borough: a partner organisation is refused the same way.
  const notBorough = await keeper.post(url, {
    ...dateFields('heldOn', '2026-11-02'),
    place: 'Hendon',
    boroughId: course.id,
    capacity: '10',
  });
  assert.match(text(notBorough.body), /Select the borough the session is held in/);

  const saved = await keeper.post(url, {
    ...dateFields('heldOn', '2026-11-02'),
    place: 'Hendon Police College',
    boroughId: borough.id,
    capacity: '12',
  });
  assert.equal(saved.statusCode, 303);
  const session = text((await keeper.get(saved.headers.location as string)).body);
  assert.match(session, /Session on 2 November 2026/);
  assert.match(session, new RegExp(`Borough ${borough.name}`));
  assert.match(session, /Attended 0 of 12 places; 0 did not attend/);
  const coursePage = tableOf((await keeper.get(`/training/courses/${course.id}`)).body);
  assert.deepEqual(rowRecords(coursePage), [
    {
      Date: '2 November 2026',
      Place: 'Hendon Police College',
      Borough: borough.name,
      Attended: '0',
      Capacity: '12',
    },
  ]);
});

test('CDRP-11: attendance is recorded from the directory, once a person, never beyond capacity, and only once held', async () => {
  const course = await makeCourse(t);
  const session = await makeSession(t, course.id, { heldOn: '2026-11-10', capacity: 1 });
  const ann = await makePerson(t, { fullName: uniqueName('Ann') });
  const bob = await makePerson(t, { fullName: uniqueName('Bob') });
  const url = `/training/sessions/${session.id}`;

  const found = text((await keeper.get(`${url}?q=${encodeURIComponent(ann.fullName)}`)).body);
  assert.match(found, new RegExp(ann.fullName));
  const saved = await keeper.post(`${url}/attendance`, {
    q: ann.fullName,
    personId: ann.id,
    status: 'attended',
  });
  assert.equal(saved.statusCode, 303);
  let page = (await keeper.get(url)).body;
  assert.match(text(page), new RegExp(`${ann.fullName} has been recorded as having attended`));
  assert.deepEqual(rowRecords(tableOf(page)), [{ Name: ann.fullName, Attendance: 'Attended' }]);

  const twice = await keeper.post(`${url}/attendance`, {
    q: ann.fullName,
    personId: ann.id,
    status: 'absent',
  });
  assert.equal(twice.statusCode, 400);
  assert.match(text(twice.body), /This person is already recorded at this session/);

  const full = await keeper.post(`${url}/attendance`, {
    q: bob.fullName,
    personId: bob.id,
    status: 'attended',
  });
  assert.equal(full.statusCode, 400);
  assert.match(text(full.body), /The session is full: it takes 1 people and 1 have attended/);
  // Someone who did not come takes no place.
  assert.equal(
    (await keeper.post(`${url}/attendance`, { personId: bob.id, status: 'absent' })).statusCode,
    303,
  );
  page = (await keeper.get(url)).body;
  assert.match(text(page), /Attended 1 of 1 places; 1 did not attend/);

  const later = await makeSession(t, course.id, { heldOn: '2026-12-01' });
  const early = await keeper.post(`/training/sessions/${later.id}/attendance`, {
    personId: ann.id,
    status: 'attended',
  });
  assert.equal(early.statusCode, 400);
  assert.match(text(early.body), /The session is not held until 1 December 2026/);

  const rows = await t.services.db
    .select()
    .from(trainingAttendance)
    .where(inArray(trainingAttendance.sessionId, [session.id, later.id]));
  assert.equal(rows.length, 2, 'the refusals wrote nothing');
  const audited = await t.services.db
    .select()
    .from(auditEvents)
    .where(
      and(
        eq(auditEvents.recordId, session.id),
        eq(auditEvents.action, 'training-attendance.recorded'),
      ),
    );
  assert.equal(audited.length, 2);
});

test('CDRP-11: the numbers trained count a person once per course in the year, by borough, with a CSV', async () => {
  const course = await makeCourse(t, { title: uniqueName('Introduction to Crime and Disorder') });
  const camden = await makeBorough(t, { name: uniqueName('Camden') });
  const hackney = await makeBorough(t, { name: uniqueName('Hackney') });
  const [ann, bob, cat] = await Promise.all(
    ['Ann', 'Bob', 'Cat'].map((n) => makePerson(t, { fullName: uniqueName(n) })),
  );
  const may = await makeSession(t, course.id, { heldOn: '2026-05-12', boroughId: camden.id });
  const sept = await makeSession(t, course.id, { heldOn: '2026-09-08', boroughId: hackney.id });
  const lastYear = await makeSession(t, course.id, { heldOn: '2026-03-31', boroughId: hackney.id });
  await recordAttendance(t, may.id, ann!.id);
  await recordAttendance(t, sept.id, ann!.id); // the same year: counted once, in Camden
  await recordAttendance(t, sept.id, bob!.id);
  await recordAttendance(t, sept.id, cat!.id, 'absent');
  await recordAttendance(t, lastYear.id, cat!.id);

  const viewer = await signInNewAccount(t, 'authority_officer');
  const page = (await viewer.get(`/training/numbers?year=2026&course=${course.id}`)).body;
  assert.match(text(page), /2026-27 2 people trained, a person counted once for each course/);
  assert.deepEqual(rowRecords(tableOf(page)), [
    { Course: course.title, Borough: camden.name, 'People trained': '1' },
    { Course: course.title, Borough: hackney.name, 'People trained': '1' },
  ]);
  const before = (await viewer.get(`/training/numbers?year=2025&course=${course.id}`)).body;
  assert.deepEqual(rowRecords(tableOf(before)), [
    { Course: course.title, Borough: hackney.name, 'People trained': '1' },
  ]);
  const one = (
    await viewer.get(`/training/numbers?year=2026&course=${course.id}&borough=${hackney.id}`)
  ).body;
  assert.match(text(one), /1 person trained on a course/);

  const csv = await viewer.get(`/training/numbers.csv?year=2026&course=${course.id}`);
  assert.equal(csv.headers['content-type'], 'text/csv; charset=utf-8');
  assert.equal(
    csv.body,
    [
      'Reporting year,Course,Borough,People trained',
      `2026-27,${course.title},${camden.name},1`,
      `2026-27,${course.title},${hackney.name},1`,
      '',
    ].join('\n'),
  );
});

test('IAG-34: needs are recorded for a person or a role, and shown met, open or overdue against what was delivered', async () => {
  const course = await makeCourse(t, {
    title: uniqueName('Deploying advisors'),
    audience: 'deployment',
  });
  const lee = await makePerson(t, { fullName: uniqueName('Lee') });

  const refused = await keeper.post('/training/needs/new', { whom: 'person', courseId: course.id });
  assert.equal(refused.statusCode, 400);
  const said = text(refused.body);
  assert.match(said, /Select which role the need is for/);
  assert.match(said, /Select the person the need is for/);
  assert.match(said, /Enter the date by which it is to be met/i);

  const saved = await keeper.post('/training/needs/new', {
    whom: 'person',
    q: lee.fullName,
    personId: lee.id,
    area: 'deployment',
    courseId: course.id,
    ...dateFields('dueBy', '2027-01-31'),
  });
  assert.equal(saved.statusCode, 303);
  const role = await keeper.post('/training/needs/new', {
    whom: 'role',
    area: 'coordination',
    courseId: course.id,
    ...dateFields('dueBy', '2026-12-31'),
  });
  assert.equal(role.statusCode, 303);
  const needsOf = async (agent: Agent) =>
    rowRecords(tableOf((await agent.get(`/training/needs?course=${course.id}`)).body));
  assert.deepEqual(
    (await needsOf(keeper)).map((r) => [r.For, r.Role, r.Delivered]),
    [
      ['Everyone in the role', 'Coordination roles', 'Open'],
      [lee.fullName, 'Deployment roles', 'Open'],
    ],
  );

  // Lee attends a session held after the need was raised: met, and by it the role's too.
  const session = await makeSession(t, course.id, { heldOn: '2026-11-23' });
  await recordAttendance(t, session.id, lee.id);
  assert.deepEqual(
    (await needsOf(keeper)).map((r) => r.Delivered),
    ['Met on 23 November 2026', 'Met on 23 November 2026'],
  );

  // A need whose date has passed without the course attended is overdue.
  const other = await makeCourse(t, { title: uniqueName('Coordinating groups') });
  await t.services.db.insert(trainingNeeds).values({
    area: 'coordination',
    personId: lee.id,
    courseId: other.id,
    raisedOn: '2026-06-01',
    dueBy: '2026-10-31',
  });
  const overdue = rowRecords(
    tableOf((await keeper.get(`/training/needs?course=${other.id}`)).body),
  );
  assert.deepEqual(
    overdue.map((r) => [r.For, r['Due by'], r.Delivered]),
    [[lee.fullName, '31 October 2026', 'Overdue']],
  );
});

test('IAG-34: a need due before today is refused, and nothing is written', async () => {
  const course = await makeCourse(t);
  const refused = await keeper.post('/training/needs/new', {
    whom: 'role',
    area: 'partnership',
    courseId: course.id,
    ...dateFields('dueBy', '2026-11-22'),
  });
  assert.equal(refused.statusCode, 400);
  assert.match(text(refused.body), /must be today or later/);
  const rows = await t.services.db
    .select()
    .from(trainingNeeds)
    .where(eq(trainingNeeds.courseId, course.id));
  assert.equal(rows.length, 0);
});

test('Training is read by those who oversee it, kept by the coordination unit and partnership officers, and hidden from others', async () => {
  const course = await makeCourse(t);
  const director = await signInNewAccount(t, 'director');
  const page = text((await director.get(`/training/courses/${course.id}`)).body);
  assert.match(page, new RegExp(course.title));
  assert.doesNotMatch(page, /Add a session|Change the course/);
  assert.equal((await director.get('/training/courses/new')).statusCode, 403);
  const posted = await director.post('/training/courses/new', {
    title: 'Not allowed',
    audience: 'other',
    provider: 'Nobody',
  });
  assert.equal(posted.statusCode, 403);
  const none = await t.services.db
    .select()
    .from(trainingCourses)
    .where(eq(trainingCourses.title, 'Not allowed'));
  assert.equal(none.length, 0);

  const advisor = await signInNewAccount(t, 'advisor');
  assert.equal((await advisor.get('/training/courses')).statusCode, 403);
  assert.equal((await advisor.get('/training/needs')).statusCode, 403);
  assert.doesNotMatch(textOf((await advisor.get('/')).body), /Training courses/);

  const partnership = await signInNewAccount(t, 'partnership_officer', {
    scope: { type: 'borough', id: (await makeBorough(t)).id },
  });
  assert.match(text((await partnership.get('/training/courses')).body), /Add a course/);
});

test('CDRP-11: a partnership officer keeps the sessions of their own borough only: another borough is not offered, and is refused with nothing written', async () => {
  const course = await makeCourse(t);
  const own = await makeBorough(t, { name: uniqueName('Own') });
  const other = await makeBorough(t, { name: uniqueName('Other') });
  const officer = await signInNewAccount(t, 'partnership_officer', {
    scope: { type: 'borough', id: own.id },
  });
  const url = `/training/courses/${course.id}/sessions/new`;
  const form = text((await officer.get(url)).body);
  assert.match(form, new RegExp(own.name));
  assert.doesNotMatch(form, new RegExp(other.name));
  const refused = await officer.post(url, {
    ...dateFields('heldOn', '2026-11-02'),
    place: 'Elsewhere',
    boroughId: other.id,
    capacity: '10',
  });
  assert.equal(refused.statusCode, 400);
  assert.match(
    text(refused.body),
    /Choose your own borough: a partnership officer adds sessions in the borough they work for/,
  );
  const saved = await officer.post(url, {
    ...dateFields('heldOn', '2026-11-02'),
    place: 'Town hall',
    boroughId: own.id,
    capacity: '10',
  });
  assert.equal(saved.statusCode, 303);
  const sessions = text((await officer.get(`/training/courses/${course.id}`)).body);
  assert.match(sessions, /Town hall/);
  assert.doesNotMatch(sessions, /Elsewhere/);

  // Attendance at another borough's session: refused, nothing recorded.
  const theirs = await makeSession(t, course.id, { heldOn: '2026-11-10', boroughId: other.id });
  const ann = await makePerson(t, { fullName: uniqueName('Ann') });
  const attended = await officer.post(`/training/sessions/${theirs.id}/attendance`, {
    personId: ann.id,
    status: 'attended',
  });
  assert.equal(attended.statusCode, 400);
  assert.match(
    text(attended.body),
    /Only the coordination unit or this borough’s partnership officer can record attendance at this session/,
  );
  const recorded = await t.services.db
    .select()
    .from(trainingAttendance)
    .where(eq(trainingAttendance.sessionId, theirs.id));
  assert.equal(recorded.length, 0);
});

test('A person reads their own training: the sessions they attended and their needs', async () => {
  const account = await makeAccount(t, { role: 'requester', name: uniqueName('Riley') });
  const course = await makeCourse(t, { title: uniqueName('Deploying advisors') });
  const session = await makeSession(t, course.id, {
    heldOn: '2026-10-14',
    place: 'New Scotland Yard',
  });
  await recordAttendance(t, session.id, account.personId);
  await t.services.db.insert(trainingNeeds).values({
    area: 'deployment',
    personId: account.personId,
    courseId: course.id,
    raisedOn: '2026-09-01',
    dueBy: '2026-12-31',
  });
  const agent = await signInAccount(t, account);
  assert.match(text((await agent.get('/')).body), /Your training/);
  const page = (await agent.get('/training/yours')).body;
  const [sessions, needs] = [tableOf(page, /session/), tableOf(page, /Due by/)];
  assert.deepEqual(
    rowRecords(sessions).map((r) => [r.Date, r.Course, r.Attendance]),
    [['14 October 2026', course.title, 'Attended']],
  );
  assert.deepEqual(
    rowRecords(needs).map((r) => r.Delivered),
    ['Met on 14 October 2026'],
  );
});

test('CDRP-11, IAG-34: the demo has partnership and coordination courses, their numbers, and needs met, open and overdue; they go with the demo data', async () => {
  await loadDemoData(t.services.db, t.services.secretBox);
  // The demo's dates run up to the real today, so its pages are read on that day.
  t.clock.current = new Date();
  try {
    const officer = await signInNewAccount(t, 'authority_officer');
    const numbers = text((await officer.get('/training/numbers')).body);
    assert.match(numbers, /Working in Partnership/);
    const [partnership] = await t.services.db
      .select()
      .from(trainingCourses)
      .where(eq(trainingCourses.title, 'Working in Partnership'));
    const needs = rowRecords(tableOf((await officer.get('/training/needs')).body));
    const delivered = needs.map((n) => n.Delivered!.replace(/ on .*/, ''));
    for (const status of ['Met', 'Open', 'Overdue'])
      assert.ok(delivered.includes(status), `a need ${status.toLowerCase()}`);
    assert.ok(needs.some((n) => n.For === 'Everyone in the role'));

    await removeDemoData(t.services.db);
    const left = await t.services.db
      .select()
      .from(trainingCourses)
      .where(eq(trainingCourses.id, partnership!.id));
    assert.equal(left.length, 0);
  } finally {
    t.clock.reset();
  }
});

test('CDRP-11: a course is changed while it is as the form saw it; a stale change is refused', async () => {
  const course = await makeCourse(t, { title: uniqueName('Partnership data') });
  const url = `/training/courses/${course.id}/edit`;
  const form = (await keeper.get(url)).body;
  assert.match(form, new RegExp(`value="${course.title}"`));
  const changed = await keeper.post(url, {
    title: `${course.title} and analysis`,
    audience: 'partnership',
    provider: 'Centrex',
    version: '1',
  });
  assert.equal(changed.statusCode, 303);
  const page = text((await keeper.get(`/training/courses/${course.id}`)).body);
  assert.match(page, /Provider Centrex/);
  const stale = await keeper.post(url, {
    title: 'Overwritten',
    audience: 'other',
    provider: 'Nobody',
    version: '1',
  });
  assert.equal(stale.statusCode, 409);
  assert.match(text(stale.body), /Someone else changed this course/);
  const [kept] = await t.services.db
    .select()
    .from(trainingCourses)
    .where(eq(trainingCourses.id, course.id));
  assert.equal(kept!.provider, 'Centrex');
});
