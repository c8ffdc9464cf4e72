/**
 * Issue 24 item 7 (ICV-10, LEG-05): the Camden panel's coordinator records a talk they gave;
 * the scheme manager declares a surge on one of Camden's suites; anyone then reads, on the
 * statistics for this quarter, the suite's raised target, the surge, and the talk. Then the
 * pages that change what was recorded: an activity changed and removed, a visitor's leaving, and
 * a surge ended early. Axe checks every page.
 */
import assert from 'node:assert/strict';
import { after, before, test } from 'node:test';
import type { Locator, Page } from 'playwright-core';
import { addCalendarDays, todayInLondon } from '../../src/platform/calendar/index.js';
import { quarterOf, quarterWeeks } from '../../src/modules/custody-visiting/rota-rules.js';
import { surgedQuarterTarget } from '../../src/modules/custody-visiting/surge-rules.js';
import {
  EXPERIENCED,
  makePanel,
  makePanelCoordinator,
  makeSuite,
  makeVisitor,
} from '../factories/custody-visiting.js';
import { expectErrors, expectSuccess, fillDate } from './pages/govuk.js';
import {
  expectAccessible,
  signInThroughPages,
  signInWithRole,
  startE2E,
  type E2E,
} from './support.js';

let e2e: E2E;
before(async () => {
  e2e = await startE2E({ demo: false });
});
after(() => e2e.close());

/** A row's words, in the page or in one of its tables. */
const words = async (within: Page | Locator, name: RegExp) =>
  (await within.getByRole('row', { name }).innerText()).replace(/\s+/g, ' ').trim();

test('a coordinator records a talk, the manager declares a surge, and the statistics show the raised target and the talk', async () => {
  const today = todayInLondon(new Date());
  const panel = await makePanel(e2e.app, { name: 'Camden custody visiting panel', area: 'Camden' });
  const suite = await makeSuite(e2e.app, { area: 'Camden', name: 'Kentish Town Police Station' });
  await makeSuite(e2e.app, { area: 'Camden', name: 'Holborn Police Station' });

  // The coordinator records a talk on their panel's page.
  const coordinator = await e2e.newPage();
  await signInThroughPages(coordinator, await makePanelCoordinator(e2e.app, panel));
  await coordinator.goto(`${e2e.baseUrl}/custody-visiting/panels/${panel.id}`);
  await coordinator.getByRole('heading', { level: 2, name: 'Telling the community' }).waitFor();
  await expectAccessible(coordinator);
  await coordinator.getByRole('button', { name: 'Record a community activity' }).click();
  await coordinator
    .getByRole('heading', { level: 1, name: 'Record a community activity' })
    .waitFor();
  await expectAccessible(coordinator);
  await fillDate(coordinator, 'Date', today);
  await coordinator.getByLabel('Talk').check();
  await coordinator.getByLabel('Description').fill('Talk to the Kentish Town tenants');
  await coordinator.getByLabel('People reached (optional)').fill('40');
  await coordinator.getByRole('button', { name: 'Save' }).click();
  await expectSuccess(coordinator, 'The community activity has been recorded');
  assert.match(
    await words(coordinator, /Talk to the Kentish Town tenants/),
    /Talk Talk to the Kentish Town tenants 40 Change/,
  );

  // The scheme manager declares a surge on one suite, from today for eight days.
  const manager = await e2e.newPage();
  await signInWithRole(e2e, manager, 'scheme_manager');
  await manager.getByRole('link', { name: 'Surges' }).click();
  await manager.getByRole('heading', { level: 1, name: 'Surges' }).waitFor();
  await expectAccessible(manager);
  await manager.getByRole('button', { name: 'Declare a surge' }).click();
  await manager.getByRole('heading', { level: 1, name: 'Declare a surge' }).waitFor();
  await expectAccessible(manager);
  const endsOn = addCalendarDays(today, 7);
  await manager.getByLabel('Name or reason').fill('Disturbances in Camden');
  await fillDate(manager, 'First day', today);
  await fillDate(manager, 'Last day', endsOn);
  await manager.getByLabel('Raised target visits a week').fill('3');
  // A surge covers at least one suite.
  await manager.getByRole('button', { name: 'Declare the surge' }).click();
  await expectErrors(manager, [{ field: 'suites', message: 'Select at least one custody suite' }]);
  await manager
    .getByRole('group', { name: 'Camden' })
    .getByLabel('Kentish Town Police Station')
    .check();
  await manager.getByRole('button', { name: 'Declare the surge' }).click();
  await expectSuccess(manager, 'The surge Disturbances in Camden has been declared');
  await manager.getByRole('heading', { level: 1, name: 'Disturbances in Camden' }).waitFor();

  // Anyone reads this quarter's statistics: the raised target, the surge, and the talk.
  const quarter = quarterOf(today);
  const raised = surgedQuarterTarget({ id: suite.id, visitsPerWeek: 1 }, quarterWeeks(quarter), [
    { startsOn: today, endsOn, visitsPerWeek: 3, suiteIds: [suite.id] },
  ]);
  assert.ok(raised > quarterWeeks(quarter).length);
  const page = await e2e.newPage();
  await page.goto(`${e2e.baseUrl}/custody-visiting/statistics`);
  await page.getByLabel('Quarter').selectOption(quarter);
  await page.getByRole('button', { name: 'Show the quarter' }).click();
  await page
    .getByRole('table', { name: /Visits by area/ })
    .getByRole('link', { name: 'Camden' })
    .click();
  await page.getByRole('heading', { level: 2, name: 'The custody suites of Camden' }).waitFor();
  await expectAccessible(page);
  // The visits table of the area's suites (the reports' suite table has the same rows).
  const suites = page.getByRole('table', { name: /^Visits to the custody suites of Camden/ });
  assert.match(
    await words(suites, /^Kentish Town Police Station/),
    new RegExp(`^Kentish Town Police Station ${raised} 0 0%`),
  );
  assert.match(
    await words(suites, /^Holborn Police Station/),
    new RegExp(`^Holborn Police Station ${quarterWeeks(quarter).length} 0`),
  );
  assert.match(
    await words(page, /^Disturbances in Camden/),
    /^Disturbances in Camden .+ to .+ Kentish Town Police Station \(Camden\) 3$/,
  );
  const figures = page.getByRole('table', { name: /Community activities and recruitment/ });
  assert.equal(
    (await figures.getByRole('row', { name: /^Camden/ }).innerText()).replace(/\s+/g, ' ').trim(),
    'Camden 1 0 0 0 40 0 0 0',
  );
});

test('a coordinator changes and removes an activity and records a visitor leaving; the manager ends a surge early', async () => {
  const today = todayInLondon(new Date());
  const panel = await makePanel(e2e.app, { name: `Leaving panel ${Date.now()}` });
  const suite = await makeSuite(e2e.app, { area: panel.area, name: 'Brixton Police Station' });
  const leaver = await makeVisitor(e2e.app, panel, {
    fullName: 'Lou Leaving',
    stage: EXPERIENCED,
    inducted: true,
  });

  const coordinator = await e2e.newPage();
  await signInThroughPages(coordinator, await makePanelCoordinator(e2e.app, panel));
  await coordinator.goto(`${e2e.baseUrl}/custody-visiting/panels/${panel.id}`);
  await coordinator.getByRole('button', { name: 'Record a community activity' }).click();
  await fillDate(coordinator, 'Date', today);
  await coordinator.getByLabel('Stall').check();
  await coordinator.getByLabel('Description').fill('Stall at the summer fair');
  await coordinator.getByRole('button', { name: 'Save' }).click();
  await expectSuccess(coordinator, 'The community activity has been recorded');

  // Changed: the people it reached, once known.
  await coordinator.getByRole('link', { name: /^Change Stall/ }).click();
  await coordinator
    .getByRole('heading', { level: 1, name: 'Change a community activity' })
    .waitFor();
  await expectAccessible(coordinator);
  await coordinator.getByLabel('People reached (optional)').fill('120');
  await coordinator.getByRole('button', { name: 'Save' }).click();
  await expectSuccess(coordinator, 'The community activity has been changed');
  assert.match(
    await words(coordinator, /Stall at the summer fair/),
    /Stall Stall at the summer fair 120 Change/,
  );

  // Removed: it was recorded by mistake.
  await coordinator.getByRole('link', { name: /^Remove Stall/ }).click();
  await coordinator
    .getByRole('heading', { level: 1, name: 'Remove this community activity' })
    .waitFor();
  await expectAccessible(coordinator);
  await coordinator.getByRole('button', { name: 'Remove the activity' }).click();
  await expectSuccess(coordinator, 'The community activity has been removed');
  await coordinator.getByText('No community activities have been recorded yet.').waitFor();

  // A visitor leaves: recorded on their page, after a missing reason is refused.
  await coordinator.goto(`${e2e.baseUrl}/custody-visiting/visitors/${leaver.id}`);
  await coordinator.getByRole('link', { name: 'Record that the visitor has left' }).click();
  await coordinator
    .getByRole('heading', { level: 1, name: 'Record that the visitor has left' })
    .waitFor();
  await expectAccessible(coordinator);
  await fillDate(coordinator, 'Date they left', today);
  await coordinator.getByRole('button', { name: 'Record that they have left' }).click();
  await expectErrors(coordinator, [{ field: 'reason', message: 'Select why the visitor left' }]);
  await coordinator.getByLabel('Resigned').check();
  await coordinator.getByRole('button', { name: 'Record that they have left' }).click();
  await expectSuccess(coordinator, 'The visitor has been recorded as having left the scheme');
  await coordinator.getByText(/^Left the scheme on .+: Resigned\.$/).waitFor();

  // The manager declares a surge for a week and ends it early, on its first day.
  const manager = await e2e.newPage();
  await signInWithRole(e2e, manager, 'scheme_manager');
  await manager.goto(`${e2e.baseUrl}/custody-visiting/surges/new`);
  await manager.getByLabel('Name or reason').fill('Brixton disturbances');
  await fillDate(manager, 'First day', today);
  await fillDate(manager, 'Last day', addCalendarDays(today, 7));
  await manager.getByLabel('Raised target visits a week').fill('2');
  await manager.getByRole('group', { name: panel.area }).getByLabel(suite.name).check();
  await manager.getByRole('button', { name: 'Declare the surge' }).click();
  await expectSuccess(manager, 'The surge Brixton disturbances has been declared');
  await expectAccessible(manager);
  await manager.getByRole('button', { name: 'End the surge early' }).click();
  await manager.getByRole('heading', { level: 1, name: 'End the surge early' }).waitFor();
  await expectAccessible(manager);
  await fillDate(manager, 'New last day', today);
  await manager.getByRole('button', { name: 'End the surge' }).click();
  await expectSuccess(manager, 'The surge Brixton disturbances has been ended');
  await manager.getByRole('heading', { level: 1, name: 'Brixton disturbances' }).waitFor();
});
