/**
 * Issue 24 item 3 (ICV-02, ICV-03): the rota as a panel runs it. The coordinator asks the
 * panel's visitors for their availability; a visitor gives it; the coordinator draws the rota;
 * the visitor fixes the day and time of a visit with their pair (after a mistake); and the
 * coordinator's rota shows each suite against its target but never that day and time. Axe
 * checks every page.
 */
import assert from 'node:assert/strict';
import { after, before, test } from 'node:test';
import { or, eq, asc } from 'drizzle-orm';
import type { Page } from 'playwright-core';
import { custodyVisits } from '../../src/modules/custody-visiting/schema.js';
import {
  EXPERIENCED,
  makeLayVisitor,
  makePanel,
  makePanelCoordinator,
  makeSuite,
  makeVisitor,
} from '../factories/custody-visiting.js';
import { expectErrors, expectSuccess, fillDate } from './pages/govuk.js';
import { expectAccessible, signInThroughPages, startE2E, type E2E } from './support.js';

let e2e: E2E;
before(async () => {
  e2e = await startE2E({ demo: false });
});
after(() => e2e.close());

const textOfPage = async (page: Page) =>
  (await page.locator('main').innerText()).replace(/\s+/g, ' ');

test('the coordinator draws the rota, a visitor fixes the day and time, and the coordinator sees the rota without it', async () => {
  const panel = await makePanel(e2e.app, { name: `Rota panel ${Date.now()}` });
  const suite = await makeSuite(e2e.app, { area: panel.area, name: 'Holborn Police Station' });
  const lay = await makeLayVisitor(e2e.app, panel);
  for (let i = 0; i < 3; i++)
    await makeVisitor(e2e.app, panel, { stage: EXPERIENCED, inducted: true });
  await makeVisitor(e2e.app, panel, { fullName: 'Una Untrained', stage: EXPERIENCED });
  const coordinatorAccount = await makePanelCoordinator(e2e.app, panel);

  // The coordinator asks the visitors for their availability for the next quarter.
  const coordinator = await e2e.newPage();
  await signInThroughPages(coordinator, coordinatorAccount);
  await coordinator.goto(`${e2e.baseUrl}/custody-visiting/panels/${panel.id}`);
  await coordinator.getByRole('link', { name: 'Rota' }).click();
  const heading = coordinator.getByRole('heading', { level: 1, name: /^Rota: / });
  await heading.waitFor();
  await expectAccessible(coordinator);
  const quarterWords = (await heading.innerText()).replace('Rota: ', '');
  await coordinator
    .getByRole('button', { name: 'Ask the visitors for their availability' })
    .click();
  await expectSuccess(coordinator, 'The visitors have been asked for their availability');

  // The visitor gives the weeks they cannot do, from their home page.
  const visitor = await e2e.newPage();
  await signInThroughPages(visitor, { ...lay.account });
  await visitor.getByRole('link', { name: 'Your custody visits' }).first().click();
  await visitor.getByRole('heading', { level: 1, name: 'Your custody visits' }).waitFor();
  await expectAccessible(visitor);
  await visitor
    .getByText(`Your coordinator has asked for your availability for ${quarterWords}`)
    .waitFor();
  await visitor.getByRole('button', { name: 'Give your availability' }).click();
  await visitor.getByRole('heading', { level: 1, name: /^Your availability/ }).waitFor();
  await expectAccessible(visitor);
  const weeks = visitor.getByRole('group', { name: 'Weeks you cannot do' }).getByRole('checkbox');
  await weeks.first().check();
  await visitor
    .getByLabel('Anything your coordinator should know (optional)')
    .fill('Evenings suit me best.');
  await visitor.getByRole('button', { name: 'Save your availability' }).click();
  await expectSuccess(visitor, 'Your availability has been saved');

  // The coordinator draws the rota: the suite's 13 visits (or 14 in a quarter of 14 weeks).
  await coordinator.reload();
  await coordinator.getByRole('button', { name: 'Draw the rota' }).click();
  await expectSuccess(coordinator, /The rota has been drawn: 1[34] visits/);
  const row = coordinator.locator('#suites').getByRole('row', { name: /Holborn Police Station/ });
  assert.match(
    await row.innerText().then((s) => s.replace(/\s+/g, ' ')),
    /Holborn Police Station (1[34]) \1 0 0/,
  );
  assert.match(
    await textOfPage(coordinator),
    /Una Untrained Cannot be put on the rota: Not trained/,
  );
  await coordinator
    .getByRole('link', { name: /Swap a visitor/ })
    .first()
    .click();
  await coordinator.getByRole('heading', { level: 1, name: 'Swap a visitor' }).waitFor();
  await expectAccessible(coordinator);
  assert.doesNotMatch(await textOfPage(coordinator), /Una Untrained/);

  // The visitor fixes the day and time of their first visit; a mistake first.
  const [first] = await e2e.app.services.db
    .select()
    .from(custodyVisits)
    .where(
      or(
        eq(custodyVisits.firstVisitorId, lay.visitor.id),
        eq(custodyVisits.secondVisitorId, lay.visitor.id),
      ),
    )
    .orderBy(asc(custodyVisits.weekStarting));
  assert.ok(first);
  await visitor.goto(`${e2e.baseUrl}/custody-visiting/your-visits`);
  await visitor
    .getByRole('link', { name: /Fix the day and time/ })
    .first()
    .click();
  await visitor.getByRole('heading', { level: 1, name: 'Fix the day and time' }).waitFor();
  await expectAccessible(visitor);
  await visitor.getByRole('button', { name: 'Save the day and time' }).click();
  await expectErrors(visitor, [
    { field: 'visitOn-day', message: 'Enter the day of the visit' },
    { field: 'visitTime', message: 'Enter the time of arrival' },
  ]);
  const wednesday = new Date(`${first.weekStarting}T00:00:00Z`);
  wednesday.setUTCDate(wednesday.getUTCDate() + 2);
  await fillDate(visitor, 'Day of the visit', wednesday.toISOString().slice(0, 10));
  await visitor.getByLabel('Time of arrival').fill('19:30');
  await visitor.getByRole('button', { name: 'Save the day and time' }).click();
  await expectSuccess(visitor, 'The day and time of the visit have been saved');
  assert.match(await textOfPage(visitor), /19:30/);

  // The coordinator's rota shows the pairs and weeks, never the pair's day and time.
  await coordinator.goto(`${e2e.baseUrl}/custody-visiting/panels/${panel.id}/rota`);
  await coordinator.getByRole('heading', { level: 1, name: `Rota: ${quarterWords}` }).waitFor();
  await expectAccessible(coordinator);
  const rota = await textOfPage(coordinator);
  assert.match(rota, new RegExp(lay.account.name));
  assert.doesNotMatch(rota, /19:30/);
  assert.match(rota, /Each visitor’s share/);
  void suite;
});
