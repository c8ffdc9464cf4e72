/**
 * Issue 21, "Must show": the figures on a body's list of meetings, read off the page as a person
 * reads them and compared with counts made here, directly in the database.
 *
 * The lists and what each shows:
 *   /groups/:id/meetings (and the Director's and the conference's, the same page)
 *       "Coming up": one row per meeting from today; "Past meetings": one row per earlier one;
 *       for the chair, "Three or more meetings missed in a row": per member the meetings missed
 *       in a row (IAG-21f)
 * Four meetings are held here in December with different runs of absence (Priya 4 or more in a row,
 * Jordan 3, Avery 1, Charlie none), so a count that is swapped or stops early fails. The clock
 * moves forward once, in `before`, and never back.
 */
import assert from 'node:assert/strict';
import { after, afterEach, before, test } from 'node:test';
import { sql } from 'drizzle-orm';
import { queryRows } from '../../src/platform/db/database.js';
import { createTestApp, type TestApp, groupIdByCode } from '../app.js';
import { signInAccount, type FactoryAccount } from '../factories/accounts.js';
import { makeMember } from '../factories/groups.js';
import { makeMeeting, recordAttendance, type AttendanceStatus } from '../factories/meetings.js';
import { numberOf, rowOf, tablesOf } from '../html.js';

let t: TestApp;
let raceId: string;
let chairAccount: FactoryAccount;

before(async () => {
  // No demo data: the file makes the members and meetings it reads. The Race IAG is reference
  // data.
  t = await createTestApp({ demo: false });
  raceId = await groupIdByCode(t, 'iag-race');
  chairAccount = await makeMember(t, raceId, { chair: true, name: 'Charlie Chair' });
  const members: Record<string, FactoryAccount> = {};
  for (const name of ['Avery Advisor', 'Jordan Okafor', 'Priya Shah'])
    members[name] = await makeMember(t, raceId, { name });
  const schedule = (day: string, month: string, year: string) =>
    makeMeeting(t, raceId, {
      title: `Figures meeting ${year}-${month}-${day}`,
      date: `${year}-${month.padStart(2, '0')}-${day.padStart(2, '0')}`,
      fields: {
        startTime: '6:30pm',
        endTime: '20:30',
        joiningDetails: 'Teams link sent to members',
      },
    });
  const december: string[] = [];
  for (const day of ['1', '8', '15', '22']) december.push((await schedule(day, '12', '2026')).id);
  for (const day of ['1', '8']) await schedule(day, '3', '2027');

  t.clock.current = new Date('2027-01-05T10:00:00Z');
  const away: Record<string, AttendanceStatus>[] = [
    { 'Priya Shah': 'absent' },
    { 'Priya Shah': 'absent', 'Jordan Okafor': 'absent' },
    { 'Priya Shah': 'apologies', 'Jordan Okafor': 'absent' },
    { 'Priya Shah': 'absent', 'Jordan Okafor': 'absent', 'Avery Advisor': 'absent' },
  ];
  for (const [i, meetingId] of december.entries())
    await recordAttendance(
      t,
      meetingId,
      Object.fromEntries(
        Object.entries(away[i]!).map(([name, status]) => [members[name]!.personId, status]),
      ),
    );
});
after(() => t.close());
// Each test begins at the same moment, whatever the tests before it did to the clock.
afterEach(() => t.clock.reset());

/** Each person's run of missed held meetings, the latest first, counted here from the rows. */
async function runsOfAbsence(): Promise<Map<string, number>> {
  const rows = await queryRows<{ name: string; status: string }>(
    t.services.db,
    sql`select p.full_name as name, a.status::text as status
        from meeting_attendance a join meetings m on m.id = a.meeting_id
        join people p on p.id = a.person_id
        where m.body_type = 'advisory_group' and m.body_id = ${raceId} and m.status = 'held'
        order by p.full_name, m.starts_at desc`,
  );
  const runs = new Map<string, number>();
  const stopped = new Set<string>();
  for (const r of rows) {
    if (!runs.has(r.name)) runs.set(r.name, 0);
    if (stopped.has(r.name)) continue;
    if (r.status === 'present') stopped.add(r.name);
    else runs.set(r.name, runs.get(r.name)! + 1);
  }
  return runs;
}

test("must show: a group's meetings list its meetings coming up and past, and the chair sees each member's meetings missed in a row", async () => {
  const chair = await signInAccount(t, chairAccount);
  const page = await chair.get(`/groups/${raceId}/meetings`);
  assert.equal(page.statusCode, 200);
  const tables = tablesOf(page.body);
  const [counts] = await queryRows<{ upcoming: number; past: number }>(
    t.services.db,
    sql`select (count(*) filter (where starts_at >= '2027-01-05T00:00:00Z'))::int as upcoming,
          (count(*) filter (where starts_at < '2027-01-05T00:00:00Z'))::int as past
        from meetings where body_type = 'advisory_group' and body_id = ${raceId}`,
  );
  assert.ok(counts!.upcoming >= 2 && counts!.past >= 4);
  const coming = tables.find((x) => x.caption === 'Coming up')!;
  const past = tables.find((x) => x.caption === 'Past meetings')!;
  assert.equal(coming.rows.length, Math.min(20, counts!.upcoming), 'meetings coming up');
  assert.equal(past.rows.length, Math.min(20, counts!.past), 'past meetings');

  const runs = await runsOfAbsence();
  assert.ok(runs.get('Priya Shah')! >= 4, 'the data is as made');
  assert.deepEqual(
    ['Jordan Okafor', 'Avery Advisor', 'Charlie Chair'].map((n) => runs.get(n)),
    [3, 1, 0],
    'the data is as made',
  );
  const absences = tables.find((x) => x.caption === 'Three or more meetings missed in a row')!;
  const expected = [...runs].filter(([, n]) => n >= 3);
  assert.equal(absences.rows.length, expected.length);
  for (const [name, n] of expected)
    assert.equal(numberOf(rowOf(absences, name)['Meetings missed in a row']!), n, name);
});
