/**
 * DP-02: what Bridge holds about a person comes from every module, with the values the person
 * would recognise, and nobody else's records.
 */
import assert from 'node:assert/strict';
import { after, before, test } from 'node:test';
import { buildServices } from '../../src/app.js';
import type { BridgeModule, PersonDataSubject } from '../../src/platform/modules.js';
import { collectPersonData, type ModulePersonData } from '../../src/platform/person-data.js';
import { createTestApp, groupIdByCode, type TestApp } from '../app.js';
import type { FactoryAccount } from '../factories/accounts.js';
import {
  makeAdviceRequest,
  makeDeploymentContact,
  nominateAdvisors,
  routeRequest,
} from '../factories/advice.js';
import { makeExpenseClaim } from '../factories/expenses.js';
import { makeMember } from '../factories/groups.js';
import { makeMeeting, recordAttendance, staffPrincipal } from '../factories/meetings.js';

let t: TestApp;
let modules: readonly BridgeModule[];
let race: string;
/** Two members of the Race IAG: the person asked about, and another. */
let avery: FactoryAccount;
let jordan: FactoryAccount;
const subject = (a: FactoryAccount): PersonDataSubject => ({
  personId: a.personId,
  userId: a.userId,
});

before(async () => {
  // No demo data: the file makes the people and records it reads. The IAGs are reference data.
  t = await createTestApp({ demo: false });
  // The same modules the application is built from, on the same database.
  modules = buildServices({
    config: t.config,
    database: t.services.database,
    now: t.clock.now,
  }).modules;
  race = await groupIdByCode(t, 'iag-race');
  avery = await makeMember(t, race, { name: 'Avery Advisor', startsOn: '2026-10-01' });
  jordan = await makeMember(t, race, { name: 'Jordan Okafor', startsOn: '2026-10-01' });
});
after(() => t.close());

const section = (found: ModulePersonData[], module: string, title: string) => {
  const part = found.find((m) => m.module === module);
  const rows = part?.sections.find((s) => s.title === title)?.rows;
  assert.ok(rows, `${module} has a section "${title}"`);
  return rows;
};

test('DP-02: every module gives its records about the person, and nobody else’s', async () => {
  const unit = await staffPrincipal(t, 'coordination_unit');
  const disability = await groupIdByCode(t, 'iag-disability');

  // A membership: Avery is appointed to the Disability IAG.
  await t.services.groups.appoint(unit, disability, {
    personId: avery.personId,
    'startsOn-day': '1',
    'startsOn-month': '11',
    'startsOn-year': '2026',
  });

  // A meeting's attendance: Avery present, everyone else (Jordan too) with apologies.
  const held = await makeMeeting(t, race, {
    title: 'Race IAG meeting on stop and search',
    date: '2026-11-09',
  });
  await recordAttendance(t, held.id, { [avery.personId]: 'present' }, 'apologies');

  // A deployment: Avery nominated for a request routed to the Race IAG.
  const contact = await makeDeploymentContact(t, race);
  const request = await makeAdviceRequest(t);
  await routeRequest(t, request.id, race);
  await nominateAdvisors(t, contact, request.id, race, [avery.personId], 'Knows the area');

  // An expense claim: Avery's fare to the meeting.
  const claim = await makeExpenseClaim(t, avery, {
    occasion: `meeting:${held.id}`,
    costs: [{ incurredOn: '2026-11-09', description: 'Train to Lambeth', amount: '12.40' }],
  });

  const found = await collectPersonData(modules, t.services.db, subject(avery));
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
  const others = await collectPersonData(modules, t.services.db, subject(jordan));
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
