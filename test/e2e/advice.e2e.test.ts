/**
 * Requests for independent advice (IAG-08): a requester asks, CTSET triages the queue (urgent
 * first) and passes the request to a group or declines one with a reason; the requester follows
 * it on its timeline.
 */
import assert from 'node:assert/strict';
import { after, before, test } from 'node:test';
import { expectErrors, expectSuccess } from './pages/govuk.js';
import { expectAccessible, signInThroughPages, startE2E, type E2E } from './support.js';

let e2e: E2E;
before(async () => {
  e2e = await startE2E();
});
after(() => e2e.close());

test('a requester asks for advice; CTSET passes it to a group and declines another; the requester follows both', async () => {
  const requester = await e2e.newPage();
  await signInThroughPages(requester, 'requester');
  await requester.getByRole('link', { name: 'Your requests for advice' }).first().click();
  await requester.getByRole('heading', { level: 1, name: 'Your requests for advice' }).waitFor();
  await expectAccessible(requester);
  await requester.getByRole('button', { name: 'Ask for independent advice' }).click();
  await requester.getByRole('heading', { level: 1, name: 'Ask for independent advice' }).waitFor();
  await expectAccessible(requester);
  await requester.getByRole('button', { name: 'Send the request' }).click();
  await expectErrors(requester, [
    { field: 'subject', message: 'Enter what you need advice about' },
    { field: 'details', message: 'Enter the background the advisor needs' },
    {
      field: 'seriousOrCritical',
      message: 'Select whether this is a serious crime or critical incident',
    },
    { field: 'urgency', message: 'Select how urgent the request is' },
    {
      field: 'communities',
      message: 'Enter the communities or experience the advisor should bring',
    },
    { field: 'neededFrom-day', message: 'Enter the date the advice is needed from' },
  ]);
  await requester
    .getByLabel('What do you need advice about?')
    .fill('Policing a vigil after a death in custody');
  await requester
    .getByLabel('Background')
    .fill('A vigil is planned outside the station on Saturday; we want advice on the approach.');
  await requester
    .getByRole('group', { name: 'Is this a serious crime or a critical incident?' })
    .getByLabel('Yes')
    .check();
  await requester.getByLabel('Urgent').check();
  await requester
    .getByLabel('Communities or experience needed')
    .fill('Family liaison; Black community groups in Hackney');
  const from = requester.getByRole('group', { name: 'When is the advice needed from?' });
  await from.getByLabel('Day').fill('5');
  await from.getByLabel('Month').fill('12');
  await from.getByLabel('Year').fill('2026');
  await requester.getByRole('button', { name: 'Send the request' }).click();
  await expectSuccess(requester, /Request \d+ has been sent to the strategic engagement team/);
  assert.match(
    await requester.getByRole('main').innerText(),
    /Urgent request sent to the strategic engagement team/,
  );
  await expectAccessible(requester);

  // CTSET: urgent requests first; this one is passed to the Race IAG.
  const ctset = await e2e.newPage();
  await signInThroughPages(ctset, 'ctset');
  await ctset.getByRole('link', { name: 'Triage', exact: true }).click();
  await ctset.getByRole('heading', { level: 1, name: 'Requests waiting for triage' }).waitFor();
  await expectAccessible(ctset);
  const rows = await ctset.getByRole('row').allInnerTexts();
  const urgentAt = rows.findIndex((r) => /Policing a vigil/.test(r));
  const routineAt = rows.findIndex((r) => /Stop and search briefing/.test(r));
  assert.ok(urgentAt > 0 && urgentAt < routineAt, 'the urgent request is above the routine one');
  await ctset.getByRole('link', { name: /Policing a vigil/ }).click();
  await expectAccessible(ctset);
  await ctset.getByRole('button', { name: 'Pass to a group' }).click();
  await ctset.getByRole('heading', { level: 1, name: 'Pass the request to a group' }).waitFor();
  await expectAccessible(ctset);
  await ctset.getByRole('button', { name: 'Pass the request' }).click();
  await expectErrors(ctset, [
    { field: 'groups', message: 'Select the group, or groups, best able to help' },
  ]);
  await ctset.getByLabel('Race Independent Advisory Group').check();
  await ctset.getByRole('button', { name: 'Pass the request' }).click();
  await expectSuccess(ctset, /has been passed to Race Independent Advisory Group/);

  // The routine demo request is declined, saying why.
  await ctset.getByRole('link', { name: /Stop and search briefing/ }).click();
  await ctset.getByRole('button', { name: 'Decline' }).click();
  await ctset.getByRole('heading', { level: 1, name: 'Decline the request' }).waitFor();
  await expectAccessible(ctset);
  await ctset.getByRole('button', { name: 'Decline the request' }).click();
  await expectErrors(ctset, [{ field: 'reason', message: 'Enter why the request is declined' }]);
  await ctset
    .getByLabel('Why is it declined?')
    .fill('The training team reviews briefings; please ask them first');
  await ctset.getByRole('button', { name: 'Decline the request' }).click();
  await expectSuccess(ctset, /has been declined/);

  await requester.getByRole('link', { name: 'Advice requests' }).click();
  await requester.getByRole('link', { name: /Policing a vigil/ }).click();
  assert.match(
    await requester.getByRole('main').innerText(),
    /Passed to Race Independent Advisory Group/,
  );
  await requester.getByRole('link', { name: 'Advice requests' }).click();
  await requester.getByRole('link', { name: /Stop and search briefing/ }).click();
  assert.match(
    await requester.getByRole('main').innerText(),
    /Declined by the strategic engagement team: The training team reviews briefings/,
  );
  await expectAccessible(requester);
});
