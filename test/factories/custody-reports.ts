/**
 * The custody visit reports a test makes for itself (ICV-07): a suite and its panel in a new
 * area, and two lay visitors of the panel who can make visits, each with their own account.
 */
import { randomUUID } from 'node:crypto';
import {
  custodyVisitReportDetainees,
  custodyVisitReports,
} from '../../src/modules/custody-visiting/reports/schema.js';
import { mondayOf, quarterOf } from '../../src/modules/custody-visiting/rota-rules.js';
import { custodyVisits } from '../../src/modules/custody-visiting/schema.js';
import type { TestApp } from '../app.js';
import { makeAccount, type FactoryAccount } from './accounts.js';
import {
  APPOINTED,
  makePanel,
  makeSuite,
  makeVisitor,
  type FactoryPanel,
  type FactorySuite,
  type FactoryVisitor,
} from './custody-visiting.js';

export interface FactoryVisitingPair {
  panel: FactoryPanel;
  suite: FactorySuite;
  first: { account: FactoryAccount; visitor: FactoryVisitor };
  second: { account: FactoryAccount; visitor: FactoryVisitor };
}

/** A lay visitor's account whose person is an appointed, vetted, trained visitor of the panel. */
export async function makeLayVisitor(
  t: TestApp,
  panel: { id: string },
  name?: string,
): Promise<{ account: FactoryAccount; visitor: FactoryVisitor }> {
  const account = await makeAccount(t, { role: 'lay_visitor', ...(name && { name }) });
  const visitor = await makeVisitor(t, panel, {
    person: { id: account.personId, fullName: account.name },
    stage: APPOINTED,
    inducted: true,
  });
  return { account, visitor };
}

/** A suite, its area's panel, and two visitors of the panel who can visit it together. */
export async function makeVisitingPair(
  t: TestApp,
  names: { first?: string; second?: string; suite?: string } = {},
): Promise<FactoryVisitingPair> {
  const suite = await makeSuite(t, names.suite ? { name: names.suite } : {});
  const panel = await makePanel(t, { area: suite.area });
  const first = await makeLayVisitor(t, panel, names.first);
  const second = await makeLayVisitor(t, panel, names.second);
  return { panel, suite, first, second };
}

/**
 * ICV-08: a report of the pair's, written straight into the database: sent at `submittedAt`
 * (a draft when none is given), with a detainee for each custody record number.
 */
export async function makeSentReport(
  t: TestApp,
  pair: FactoryVisitingPair,
  options: { submittedAt?: string; recordNumbers?: readonly string[]; followUp?: string } = {},
): Promise<{ id: string }> {
  const sentAt = options.submittedAt ? new Date(options.submittedAt) : null;
  const [report] = await t.services.db
    .insert(custodyVisitReports)
    .values({
      suiteId: pair.suite.id,
      panelId: pair.panel.id,
      visitedOn: (options.submittedAt ?? '2026-11-22').slice(0, 10),
      firstVisitorId: pair.first.visitor.id,
      secondVisitorId: pair.second.visitor.id,
      arrivedAt: '19:00',
      admittedAt: '19:00',
      detaineesPresent: options.recordNumbers?.length ?? 0,
      rightsCheck: 'satisfactory',
      healthCheck: 'satisfactory',
      cellsCheck: 'concerns',
      cellsNotes: 'A call bell did not work',
      followUp: options.followUp ?? 'Ask when the call bell will be repaired',
      checksRecordedAt: sentAt,
      firstConfirmedAt: sentAt,
      secondConfirmedAt: sentAt,
      status: sentAt ? 'submitted' : 'draft',
      submittedAt: sentAt,
      idempotencyKey: randomUUID(),
    })
    .returning({ id: custodyVisitReports.id });
  if (options.recordNumbers?.length)
    await t.services.db.insert(custodyVisitReportDetainees).values(
      options.recordNumbers.map((n) => ({
        reportId: report!.id,
        custodyRecordNumber: n,
        child: false,
        vulnerable: false,
        consent: true,
        seen: true,
        recordChecked: false,
        idempotencyKey: randomUUID(),
      })),
    );
  return { id: report!.id };
}

/**
 * ICV-03: a planned visit of the pair on the rota, on `visitOn` (its week's Monday begins it) at
 * `minutes` after midnight; unfixed (only its week) when `fixed` is false.
 */
export async function makeRotaVisit(
  t: TestApp,
  pair: FactoryVisitingPair,
  visitOn: string,
  options: { minutes?: number; fixed?: boolean } = {},
): Promise<typeof custodyVisits.$inferSelect> {
  const weekStarting = mondayOf(visitOn);
  const fixed = options.fixed ?? true;
  const [visit] = await t.services.db
    .insert(custodyVisits)
    .values({
      panelId: pair.panel.id,
      suiteId: pair.suite.id,
      quarterStart: quarterOf(weekStarting),
      weekStarting,
      firstVisitorId: pair.first.visitor.id,
      secondVisitorId: pair.second.visitor.id,
      visitOn: fixed ? visitOn : null,
      visitMinutes: fixed ? (options.minutes ?? 19 * 60 + 5) : null,
    })
    .returning();
  return visit!;
}
