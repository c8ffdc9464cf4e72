/**
 * Issue 27 part 1: the sweep that writes the values of indicators Bridge counts. The app's clock
 * is pinned at 23 November 2026: October has ended, November has not. Each value is written once
 * for each period ended (and each borough, for an indicator kept by borough), by the system; a
 * value an owner typed is kept; nothing is written where there is nothing to measure; and two
 * instances sweeping at once give one result.
 */
import assert from 'node:assert/strict';
import { after, before, test } from 'node:test';
import { and, eq, sql } from 'drizzle-orm';
import { indicatorValues } from '../../src/modules/indicators/schema.js';
import { auditEvents } from '../../src/platform/audit/schema.js';
import { Agent, createTestApp, type TestApp } from '../app.js';
import { signInNewAccount } from '../factories/accounts.js';
import { makeConsultation, makeResponse } from '../factories/consultation.js';
import { referenceOrganisationId } from '../factories/directory.js';
import { makeIndicator } from '../factories/indicators.js';
import { mainOf, rowOf, tableOf } from '../html.js';

let t: TestApp;
let officer: Agent;

before(async () => {
  t = await createTestApp();
  officer = await signInNewAccount(t, 'authority_officer');
});
after(() => t.close());

const sweep = () => t.services.indicatorsBridgeValues.sweep();
const valuesOf = (id: string) =>
  t.services.db.select().from(indicatorValues).where(eq(indicatorValues.indicatorId, id));
const countedEvents = (id: string) =>
  t.services.db
    .select()
    .from(auditEvents)
    .where(and(eq(auditEvents.recordId, id), eq(auditEvents.action, 'indicators.values-counted')));

test('CDRP-10: the sweep writes each ended period not yet recorded, for the area and each borough, as the system; a typed value is kept', async () => {
  const camden = await referenceOrganisationId(t, 'E09000007');
  const consultation = await makeConsultation(t, { opensOn: '2026-09-01', closesOn: '2026-12-31' });
  for (const boroughId of [camden, camden, undefined])
    await makeResponse(
      t,
      consultation,
      {},
      {
        submittedAt: new Date('2026-10-15T12:00:00Z'),
        ...(boroughId ? { boroughId } : {}),
      },
    );
  // One in November, which has not ended: not counted yet.
  await makeResponse(t, consultation, {}, { submittedAt: new Date('2026-11-02T12:00:00Z') });
  const indicator = await makeIndicator(t, {
    name: 'Consultation responses (swept)',
    breakdown: 'borough',
    measureKey: 'consultation.responses',
    values: { '2026-09-01': 999_00 },
  });

  const written = await sweep();
  const values = await valuesOf(indicator.id);
  const area = values.filter((v) => v.boroughId === null);
  const inCamden = values.filter((v) => v.boroughId === camden);
  // 24 months ended on the chart (November 2024 to October 2026), September's typed.
  assert.equal(area.filter((v) => v.source === 'bridge').length, 23);
  assert.equal(inCamden.length, 24);
  assert.ok(written >= 47);
  const october = (rows: typeof values) => rows.find((v) => v.period === '2026-10-01')!;
  assert.equal(october(area).value, 300);
  assert.equal(october(inCamden).value, 200);
  assert.equal(october(area).recordedBy, null);
  const september = area.find((v) => v.period === '2026-09-01')!;
  assert.deepEqual([september.value, september.source], [999_00, 'typed']);
  assert.ok(!values.some((v) => v.period === '2026-11-01'), 'November has not ended');
  const events = await countedEvents(indicator.id);
  assert.equal(events.length, 1);
  assert.equal(events[0]!.actorLabel, 'system');
  assert.equal(events[0]!.actorUserId, null);

  // What the officer reads: October counted by Bridge, September as typed.
  const page = await officer.get(`/performance-indicators/${indicator.id}`);
  const table = tableOf(mainOf(page.body), /Figures for/);
  assert.equal(rowOf(table, 'October 2026').Value, '3');
  assert.match(rowOf(table, 'October 2026').Given!, /^Counted by Bridge, 23 November 2026/);
  assert.equal(rowOf(table, 'September 2026').Value, '999');
  assert.doesNotMatch(rowOf(table, 'September 2026').Given!, /Counted by Bridge/);
  assert.equal(rowOf(table, 'November 2026').Value, 'No figure');

  // Swept again: nothing missing, nothing written, nothing audited.
  await sweep();
  assert.equal((await valuesOf(indicator.id)).length, values.length);
  assert.equal((await countedEvents(indicator.id)).length, 1);
});

test('CDRP-10: a record made late corrects the figure Bridge counted for the two latest ended periods on the next sweep; an older period is left as counted', async () => {
  const consultation = await makeConsultation(t, { opensOn: '2026-07-01', closesOn: '2026-12-31' });
  const indicator = await makeIndicator(t, {
    name: 'Consultation responses (recounted)',
    measureKey: 'consultation.responses',
  });
  await sweep();
  const valueIn = async (period: string) =>
    (await valuesOf(indicator.id)).find((v) => v.period === period && v.boroughId === null)!;
  const [october, august] = [await valueIn('2026-10-01'), await valueIn('2026-08-01')];

  // Recorded after the sweep, each in a period already counted.
  for (const at of ['2026-10-20T12:00:00Z', '2026-08-20T12:00:00Z'])
    await makeResponse(t, consultation, {}, { submittedAt: new Date(at) });
  await sweep();

  const recounted = await valueIn('2026-10-01');
  assert.equal(recounted.value, october.value + 100);
  assert.equal(recounted.source, 'bridge');
  assert.equal((await valueIn('2026-08-01')).value, august.value, 'August is not counted again');
  const events = await countedEvents(indicator.id);
  assert.equal(events.length, 2, 'the correction is audited');
});

test('Issue 27: a percentage with nothing to measure (no minutes due) gets no value, not 0%', async () => {
  const indicator = await makeIndicator(t, {
    unit: 'percent',
    measureKey: 'meetings.minutes-on-time',
  });
  await sweep();
  assert.equal((await valuesOf(indicator.id)).length, 0);
  assert.equal((await countedEvents(indicator.id)).length, 0);
});

test('Issue 27: two instances sweeping at once write each value once, audited once', async () => {
  const indicator = await makeIndicator(t, {
    frequency: 'quarterly',
    measureKey: 'grants.awarded',
  });
  await Promise.all([sweep(), sweep()]);
  const values = await valuesOf(indicator.id);
  // The chart's 12 quarters ended by 23 November 2026 (Q3 2023-24 to Q2 2026-27).
  assert.equal(values.length, 12);
  assert.equal(new Set(values.map((v) => v.period)).size, 12);
  assert.equal((await countedEvents(indicator.id)).length, 1);
});

test(
  'Issue 27: an indicator another instance is sweeping (its row locked) is skipped, not waited for, and swept next time',
  { skip: process.env.BRIDGE_TEST_DB !== 'postgres' && 'needs a second connection: PostgreSQL' },
  async () => {
    const indicator = await makeIndicator(t, {
      frequency: 'quarterly',
      measureKey: 'grants.awarded',
    });
    // The other instance: its transaction holds the indicator's row while this one sweeps.
    await t.services.db.transaction(async (other) => {
      await other.execute(sql`select id from indicators where id = ${indicator.id} for update`);
      await sweep();
    });
    assert.equal((await valuesOf(indicator.id)).length, 0, 'skipped while locked');
    await sweep();
    assert.equal((await valuesOf(indicator.id)).length, 12);
  },
);
