/**
 * Issue 24 items 8 and 9: anyone reads about the custody visiting scheme and how to become a
 * visitor, signed out; a panel's coordinator schedules its quarterly meeting with the custody
 * inspector through the meetings pages, finds it on the panel's page, and the inspector reads it
 * (ICV-02, ADR 0005). Axe checks every page on the way.
 */
import assert from 'node:assert/strict';
import { after, before, test } from 'node:test';
import { addCalendarDays } from '../../src/platform/calendar/index.js';
import { makeAccount } from '../factories/accounts.js';
import {
  makeCustodyInspector,
  makePanel,
  makePanelCoordinator,
  makeSuite,
} from '../factories/custody-visiting.js';
import { makePerson } from '../factories/directory.js';
import { expectSuccess, fillDate } from './pages/govuk.js';
import { expectAccessible, signInThroughPages, startE2E, visit, type E2E } from './support.js';

let e2e: E2E;
before(async () => {
  e2e = await startE2E({ demo: false });
});
after(() => e2e.close());

test('anyone reads about independent custody visiting, its panels and how to become a visitor', async () => {
  const coordinator = await makePerson(e2e.app, { fullName: 'Pam Public' });
  const panel = await makePanel(e2e.app, { coordinatorId: coordinator.id });
  await makeSuite(e2e.app, { area: panel.area, name: 'Holborn Police Station' });
  const page = await e2e.newPage();
  await visit(page, '/');
  await page.getByRole('link', { name: 'Independent custody visiting' }).first().click();
  await page.getByRole('heading', { level: 1, name: 'Independent custody visiting' }).waitFor();
  await expectAccessible(page);
  const row = page.getByRole('row', { name: new RegExp(panel.area) });
  assert.match((await row.innerText()).replace(/\s+/g, ' '), /Pam Public Holborn Police Station/);
  // No station's address.
  assert.doesNotMatch(await page.content(), /1 Station Road/);

  await page.getByRole('link', { name: 'How to become a custody visitor' }).click();
  await page.getByRole('heading', { level: 1, name: 'How to become a custody visitor' }).waitFor();
  await expectAccessible(page);
  await page.getByRole('heading', { level: 2, name: 'Who can apply' }).waitFor();
});

test('a panel coordinator schedules the panel’s meeting with the custody inspector, who reads it', async () => {
  const panel = await makePanel(e2e.app, { name: 'Camden custody visiting panel' });
  const suite = await makeSuite(e2e.app, { area: panel.area });
  const coordinatorAccount = await makePanelCoordinator(e2e.app, panel);
  const inspectorAccount = await makeCustodyInspector(e2e.app, suite);
  const day = addCalendarDays(e2e.services.meetings.today(), 21);

  const coordinator = await e2e.newPage();
  await signInThroughPages(coordinator, coordinatorAccount);
  await visit(coordinator, `/custody-visiting/panels/${panel.id}`);
  await expectAccessible(coordinator);
  await coordinator
    .getByRole('link', { name: 'The panel’s meetings, agendas and minutes' })
    .click();
  await coordinator.getByRole('heading', { level: 1, name: 'Meetings' }).waitFor();
  await expectAccessible(coordinator);
  await coordinator.getByRole('button', { name: 'Schedule a meeting' }).click();
  await expectAccessible(coordinator);
  await coordinator.getByLabel('Title').fill('Quarterly meeting with the custody inspector');
  await fillDate(coordinator, 'Date', day);
  await coordinator.getByLabel('Start time').fill('6:30pm');
  await coordinator.getByLabel('In person', { exact: true }).check();
  await coordinator.getByLabel('Venue').fill('Camden Town Hall, Judd Street');
  await coordinator.getByRole('button', { name: 'Schedule' }).click();
  await expectSuccess(coordinator, 'The meeting has been scheduled');
  await expectAccessible(coordinator);

  // The panel's page shows it as the next meeting.
  await coordinator.getByRole('link', { name: 'Camden custody visiting panel' }).first().click();
  await coordinator
    .getByRole('heading', { level: 1, name: 'Camden custody visiting panel' })
    .waitFor();
  await coordinator
    .getByRole('link', { name: /Quarterly meeting with the custody inspector, .* at 6:30pm/ })
    .waitFor();

  // The custody inspector for the panel's suite reads it and may table an item.
  const inspector = await e2e.newPage();
  await signInThroughPages(inspector, inspectorAccount);
  await visit(inspector, `/custody-visiting/suites/${suite.id}`);
  await inspector
    .getByRole('link', { name: 'Meetings of the Camden custody visiting panel' })
    .click();
  await inspector.getByRole('heading', { level: 1, name: 'Meetings' }).waitFor();
  await expectAccessible(inspector);
  await inspector
    .getByRole('link', { name: /6:30pm/ })
    .first()
    .click();
  await inspector
    .getByRole('heading', { level: 1, name: /Quarterly meeting with the custody inspector/ })
    .waitFor();
  await expectAccessible(inspector);
  await inspector.getByRole('button', { name: 'Table an item' }).waitFor();
  // Someone outside the scheme is refused.
  const outsider = await e2e.newPage();
  await signInThroughPages(outsider, await makeAccount(e2e.app, { role: 'lay_visitor' }));
  await visit(outsider, `/custody-visiting/panels/${panel.id}/meetings`, 403);
});
