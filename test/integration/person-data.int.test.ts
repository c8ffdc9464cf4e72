/**
 * DP-02: what Bridge holds about a person comes from every module, with the values the person
 * would recognise, and nobody else's records.
 */
import assert from 'node:assert/strict';
import { after, before, test } from 'node:test';
import { eq } from 'drizzle-orm';
import { buildServices } from '../../src/app.js';
import { people } from '../../src/modules/directory/schema.js';
import { meetings } from '../../src/modules/meetings/schema.js';
import type { BridgeModule, PersonDataSubject } from '../../src/platform/modules.js';
import { londonInstant } from '../../src/platform/calendar/index.js';
import { collectPersonData, type ModulePersonData } from '../../src/platform/person-data.js';
import { createTestApp, demoAccount, groupIdByCode, principalFor, type TestApp } from '../app.js';

let t: TestApp;
let modules: readonly BridgeModule[];
let avery: PersonDataSubject;
let jordan: PersonDataSubject;

before(async () => {
  t = await createTestApp();
  // The same modules the application is built from, on the same database.
  modules = buildServices({
    config: t.config,
    database: t.services.database,
    now: t.clock.now,
  }).modules;
  const subject = async (fullName: string): Promise<PersonDataSubject> => {
    const [row] = await t.services.db
      .select({ personId: people.id, userId: people.userId })
      .from(people)
      .where(eq(people.fullName, fullName));
    return row!;
  };
  avery = await subject('Avery Advisor');
  jordan = await subject('Jordan Okafor');
});
after(() => t.close());

const section = (found: ModulePersonData[], module: string, title: string) => {
  const part = found.find((m) => m.module === module);
  const rows = part?.sections.find((s) => s.title === title)?.rows;
  assert.ok(rows, `${module} has a section "${title}"`);
  return rows;
};

test('DP-02: every module gives its records about the person, and nobody else’s', async () => {
  const unit = await principalFor(t, demoAccount('coordination_unit').email);
  const advisor = await principalFor(t, demoAccount('advisor').email);
  const race = await groupIdByCode(t, 'iag-race');
  const disability = await groupIdByCode(t, 'iag-disability');

  // A membership: Avery is appointed to the Disability IAG.
  await t.services.groups.appoint(unit, disability, {
    personId: avery.personId,
    'startsOn-day': '1',
    'startsOn-month': '11',
    'startsOn-year': '2026',
  });

  // A meeting's attendance: Avery present, everyone else (Jordan too) with apologies.
  const [held] = await t.services.db
    .insert(meetings)
    .values({
      bodyType: 'advisory_group',
      bodyId: race,
      title: 'Race IAG meeting on stop and search',
      startsAt: londonInstant('2026-11-09', 18 * 60),
      format: 'in_person',
      status: 'scheduled',
    })
    .returning();
  const { roll } = await t.services.meetings.attendanceForm(unit, held!.id);
  assert.ok(roll.some((r) => r.personId === jordan.personId));
  await t.services.meetings.recordAttendance(
    unit,
    held!.id,
    Object.fromEntries(
      roll.map((r) => [
        `attendance-${r.personId}`,
        r.personId === avery.personId ? 'present' : 'apologies',
      ]),
    ),
  );

  // A deployment: Avery nominated for a request routed to the Race IAG.
  const request = await t.services.advice.ask(
    await principalFor(t, demoAccount('requester').email),
    {
      subject: 'Community meeting after a stabbing in Peckham',
      details: 'We want advice on how to hold it.',
      seriousOrCritical: 'no',
      urgency: 'routine',
      communities: 'Young people in Peckham',
      'neededFrom-day': '7',
      'neededFrom-month': '12',
      'neededFrom-year': '2026',
      clearanceNeeded: 'none',
      advisorsWanted: '1',
    },
  );
  await t.services.advice.route(await principalFor(t, demoAccount('ctset').email), request.id, {
    groups: race,
  });
  await t.services.deployments.nominate(
    await principalFor(t, demoAccount('deployment_contact').email),
    request.id,
    race,
    { advisors: avery.personId, reason: 'Knows the area' },
  );

  // An expense claim: Avery's fare to the meeting.
  const claim = await t.services.expenses.start(advisor, { occasion: `meeting:${held!.id}` });
  await t.services.expenses.addItem(advisor, claim.id, {
    fields: {
      category: 'public_transport',
      'incurredOn-day': '9',
      'incurredOn-month': '11',
      'incurredOn-year': '2026',
      description: 'Train to Lambeth',
      amount: '12.40',
    },
    file: null,
  });

  const found = await collectPersonData(modules, t.services.db, avery);
  assert.deepEqual(
    found.map((m) => m.module),
    ['directory', 'groups', 'meetings', 'advice', 'expenses', 'tracker'],
  );
  assert.equal(section(found, 'directory', 'Directory entry')[0]!['Full name'], 'Avery Advisor');
  assert.ok(
    section(found, 'groups', 'Memberships of advisory groups').some(
      (m) =>
        m.Group === 'Disability Independent Advisory Group' &&
        m['Starts on'] === '2026-11-01' &&
        m.Status === 'current',
    ),
  );
  assert.deepEqual(
    section(found, 'meetings', 'Meetings attended').filter(
      (a) => a.Meeting === 'Race IAG meeting on stop and search',
    ),
    [
      {
        Meeting: 'Race IAG meeting on stop and search',
        'Starts at': '2026-11-09T18:00:00.000Z',
        'Attended as': 'member',
        Attendance: 'present',
        Capacity: null,
        'Recorded at': t.clock.now().toISOString(),
      },
    ],
  );
  const deployment = section(found, 'advice', 'Nominations and deployments').find(
    (d) => d.Request === request.reference,
  );
  assert.equal(deployment?.Group, 'Race Independent Advisory Group');
  assert.equal(deployment?.Status, 'nominated');
  assert.equal(deployment?.['Deployed on'], '2026-12-07');
  assert.equal(deployment?.['Reason for nominating'], 'Knows the area');
  const claimed = section(found, 'expenses', 'Expense claims').find(
    (c) => c.Claim === claim.reference,
  );
  assert.equal(claimed?.Group, 'Race Independent Advisory Group');
  assert.equal(claimed?.['Claimed (pence)'], 1240);
  assert.deepEqual(
    section(found, 'expenses', 'Items claimed')
      .filter((i) => i.Claim === claim.reference)
      .map((i) => [i['Incurred on'], i.Description, i['Claimed (pence)'], i.Receipt]),
    [['2026-11-09', 'Train to Lambeth', 1240, null]],
  );

  // Jordan's answer holds Jordan's records, and none of Avery's.
  const others = await collectPersonData(modules, t.services.db, jordan);
  assert.equal(section(others, 'directory', 'Directory entry')[0]!['Full name'], 'Jordan Okafor');
  assert.ok(
    !section(others, 'groups', 'Memberships of advisory groups').some(
      (m) => m.Group === 'Disability Independent Advisory Group' && m['Starts on'] === '2026-11-01',
    ),
  );
  assert.deepEqual(
    section(others, 'meetings', 'Meetings attended')
      .filter((a) => a.Meeting === 'Race IAG meeting on stop and search')
      .map((a) => a.Attendance),
    ['apologies'],
  );
  assert.ok(
    !section(others, 'advice', 'Nominations and deployments').some(
      (d) => d.Request === request.reference,
    ),
  );
  assert.ok(
    !section(others, 'expenses', 'Expense claims').some((c) => c.Claim === claim.reference),
  );
});
