/**
 * The custody visit reports a test makes for itself (ICV-07): a suite and its panel in a new
 * area, and two lay visitors of the panel who can make visits, each with their own account.
 */
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
