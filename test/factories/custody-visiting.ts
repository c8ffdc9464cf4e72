/**
 * The custody visiting scheme a test makes for itself: suites and panels in a borough or custody
 * area named uniquely, and the scheme's scoped accounts, so a test reads what it wrote.
 */
import {
  custodyPanels,
  custodySuites,
  custodyVisitorCourses,
  custodyVisitors,
} from '../../src/modules/custody-visiting/schema.js';
import type { TestApp } from '../app.js';
import { makeAccount, type FactoryAccount } from './accounts.js';
import { makePerson, uniqueTag } from './directory.js';

export interface FactorySuite {
  id: string;
  name: string;
  area: string;
}

export interface FactoryPanel {
  id: string;
  name: string;
  area: string;
  coordinatorId: string;
}

/** An area no other test uses, e.g. "Area 1a2b3c4d". */
export function makeArea(): string {
  return `Area ${uniqueTag()}`;
}

/** A custody suite, in a new area unless one is given, aiming for a visit a week. */
export async function makeSuite(
  t: TestApp,
  options: { name?: string; area?: string; cells?: number; targetVisitsPerWeek?: number } = {},
): Promise<FactorySuite> {
  const name = options.name ?? `Test custody suite ${uniqueTag()}`;
  const area = options.area ?? makeArea();
  const [row] = await t.services.db
    .insert(custodySuites)
    .values({
      name,
      area,
      address: '1 Station Road, London',
      cells: options.cells ?? 10,
      targetVisitsPerWeek: options.targetVisitsPerWeek ?? 1,
    })
    .returning({ id: custodySuites.id });
  return { id: row!.id, name, area };
}

/** A panel for an area (a new one unless given), coordinated by a new directory person. */
export async function makePanel(
  t: TestApp,
  options: { name?: string; area?: string; coordinatorId?: string } = {},
): Promise<FactoryPanel> {
  const area = options.area ?? makeArea();
  const name = options.name ?? `${area} panel`;
  const coordinatorId = options.coordinatorId ?? (await makePerson(t)).id;
  const [row] = await t.services.db
    .insert(custodyPanels)
    .values({ name, area, coordinatorId })
    .returning({ id: custodyPanels.id });
  return { id: row!.id, name, area, coordinatorId };
}

/** An account coordinating this panel. */
export function makePanelCoordinator(t: TestApp, panel: FactoryPanel): Promise<FactoryAccount> {
  return makeAccount(t, { role: 'panel_coordinator', scope: { type: 'panel', id: panel.id } });
}

/** An account that is custody inspector for this suite. */
export function makeCustodyInspector(t: TestApp, suite: FactorySuite): Promise<FactoryAccount> {
  return makeAccount(t, { role: 'custody_inspector', scope: { type: 'suite', id: suite.id } });
}

export interface FactoryVisitor {
  id: string;
  personId: string;
  fullName: string;
  panelId: string;
}

/** The columns of a visitor's record a test sets: the stages it has reached. */
export type VisitorStage = Partial<typeof custodyVisitors.$inferInsert>;

/** ICV-02: interviewed, vetted to 2028 and appointed in January 2026 (the clock is November). */
export const APPOINTED: VisitorStage = {
  interviewedOn: '2025-11-01',
  interviewPanel: 'The coordinator and a visitor',
  interviewOutcome: 'suitable',
  vettingResult: 'cleared',
  vettedOn: '2025-12-01',
  vettingExpiresOn: '2028-12-01',
  appointedOn: '2026-01-10',
  termEndsOn: '2029-01-10',
};

/**
 * A visitor of the panel, a new directory person, declared in October 2025 and at the stage
 * given (an applicant unless told); with the induction course when `inducted`.
 */
export async function makeVisitor(
  t: TestApp,
  panel: { id: string },
  options: {
    fullName?: string;
    /** Someone already in the directory, rather than a new person. */
    person?: { id: string; fullName: string };
    stage?: VisitorStage;
    inducted?: boolean;
  } = {},
): Promise<FactoryVisitor> {
  const person =
    options.person ??
    (await makePerson(t, { fullName: options.fullName ?? `Visitor ${uniqueTag()}` }));
  const [row] = await t.services.db
    .insert(custodyVisitors)
    .values({
      personId: person.id,
      panelId: panel.id,
      declaredOn: '2025-10-01',
      ...options.stage,
    })
    .returning({ id: custodyVisitors.id });
  if (options.inducted)
    await t.services.db.insert(custodyVisitorCourses).values({
      visitorId: row!.id,
      name: 'Induction',
      induction: true,
      completedOn: '2026-01-05',
    });
  return { id: row!.id, personId: person.id, fullName: person.fullName, panelId: panel.id };
}

/** ICV-02: appointed, and their probation signed off: an experienced visitor. */
export const EXPERIENCED: VisitorStage = {
  ...APPOINTED,
  probationSignedOffOn: '2026-07-10',
  probationSignedOffBy: 'The coordinator',
};

/**
 * ICV-03: a lay visitor who signs in: an account with the lay visitor's role whose directory
 * person is a visitor of the panel, experienced and trained unless told.
 */
export async function makeLayVisitor(
  t: TestApp,
  panel: { id: string },
  options: { stage?: VisitorStage; inducted?: boolean } = {},
): Promise<{ account: FactoryAccount; visitor: FactoryVisitor }> {
  const account = await makeAccount(t, { role: 'lay_visitor' });
  const visitor = await makeVisitor(t, panel, {
    person: { id: account.personId, fullName: account.name },
    stage: options.stage ?? EXPERIENCED,
    inducted: options.inducted ?? true,
  });
  return { account, visitor };
}
