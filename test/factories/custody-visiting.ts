/**
 * The custody visiting scheme a test makes for itself: suites and panels in a borough or custody
 * area named uniquely, and the scheme's scoped accounts, so a test reads what it wrote.
 */
import { custodyPanels, custodySuites } from '../../src/modules/custody-visiting/schema.js';
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
