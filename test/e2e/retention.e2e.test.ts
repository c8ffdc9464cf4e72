/**
 * Issue 28 part 4 (DP-03): the administrator shortens a kind's retention period on the schedule
 * (a bad period refused by its field first); the daily sweep, run here with the clock moved,
 * warns the record's owner and then anonymises the record; the administrator reads it under what
 * was done and downloads that as CSV. Axe checks every page.
 */
import assert from 'node:assert/strict';
import { readFileSync } from 'node:fs';
import { after, before, test } from 'node:test';
import { eq } from 'drizzle-orm';
import { applications, recruitmentRounds } from '../../src/modules/groups/schema.js';
import { addCalendarMonths, todayInLondon } from '../../src/platform/calendar/index.js';
import { outbox } from '../../src/platform/mail/schema.js';
import { makeGroup } from '../factories/groups.js';
import { expectErrors, expectSuccess } from './pages/govuk.js';
import { expectAccessible, signInWithRole, startE2E, type E2E } from './support.js';

let e2e: E2E;
before(async () => {
  e2e = await startE2E({ demo: false });
});
after(() => e2e.close());

/** Runs the daily sweep as if it were `days` days from now, then lets the clock run again. */
async function sweepDaysAhead(days: number) {
  const clock = e2e.app.clock;
  clock.current = new Date(Date.now() + days * 24 * 60 * 60_000);
  try {
    return await e2e.services.retentionSweep.run();
  } finally {
    clock.reset();
  }
}

test('the administrator shortens a period; the sweep warns, then anonymises; what was done is read and downloaded', async () => {
  const { id: groupId } = await makeGroup(e2e.app);
  const [round] = await e2e.services.db
    .insert(recruitmentRounds)
    .values({
      groupId,
      opensOn: '2025-01-01',
      closesOn: '2025-02-01',
      appointmentDate: '2025-04-01',
      targetAudiences: 'Everyone',
    })
    .returning({ id: recruitmentRounds.id });
  // Decided seven months ago: inside the shipped 12 months, outside 6.
  const decidedOn = addCalendarMonths(todayInLondon(new Date()), -7);
  const [application] = await e2e.services.db
    .insert(applications)
    .values({
      roundId: round!.id,
      fullName: 'Journey Applicant',
      email: 'journey.applicant@example.org',
      communities: 'Tenants',
      statement: 'A statement',
      independenceConfirmed: true,
      principlesConfirmed: true,
      status: 'not_recommended',
      decidedAt: new Date(`${decidedOn}T12:00:00Z`),
    })
    .returning({ id: applications.id });
  const id = application!.id;

  assert.deepEqual(await sweepDaysAhead(0), { warned: 0, removed: 0 });

  const page = await e2e.newPage();
  await signInWithRole(e2e, page, 'administrator');
  await page.getByRole('link', { name: 'Retention schedule' }).click();
  await page.getByRole('heading', { level: 1, name: 'Retention schedule' }).waitFor();
  const row = page.getByRole('row', { name: /Unsuccessful applications to join a group/ });
  assert.match(await row.innerText(), /12 months\s+12 months/);
  await expectAccessible(page);

  await row.getByRole('link', { name: /Change/ }).click();
  await page
    .getByRole('heading', {
      level: 1,
      name: 'Retention period: Unsuccessful applications to join a group',
    })
    .waitFor();
  assert.match(await page.getByRole('main').innerText(), /Long enough to answer a complaint/);
  await expectAccessible(page);
  await page.getByLabel('How long').fill('six');
  await page.getByRole('button', { name: 'Save the period' }).click();
  await expectErrors(page, [
    {
      field: 'count',
      message: 'Enter the period as a whole number: 0 to 1200 months or 0 to 36500 days',
    },
  ]);
  await expectAccessible(page);
  await page.getByLabel('How long').fill('6');
  await page.getByRole('button', { name: 'Save the period' }).click();
  await expectSuccess(
    page,
    'The retention period of Unsuccessful applications to join a group was changed',
  );
  assert.match(
    await page.getByRole('row', { name: /Unsuccessful applications to join a group/ }).innerText(),
    /12 months\s+6 months\s+changed/,
  );
  await expectAccessible(page);

  // Today: the coordination unit is warned; the record is kept for the warning period.
  assert.deepEqual(await sweepDaysAhead(0), { warned: 1, removed: 0 });
  const warnings = await e2e.services.db
    .select()
    .from(outbox)
    .where(
      eq(
        outbox.subject,
        'Personal records to be removed: Unsuccessful applications to join a group',
      ),
    );
  assert.ok(warnings.some((w) => w.bodyText.includes(id)));
  await page.reload();
  assert.match(
    await page.getByRole('table').filter({ hasText: 'Owner warned on' }).innerText(),
    new RegExp(id),
  );
  await expectAccessible(page);

  // Thirty-one days on, the sweep anonymises it.
  assert.deepEqual(await sweepDaysAhead(31), { warned: 0, removed: 1 });
  const [gone] = await e2e.services.db.select().from(applications).where(eq(applications.id, id));
  assert.equal(gone!.fullName, '');
  assert.equal(gone!.email, id);

  await page.reload();
  const done = page.getByRole('table').filter({ hasText: 'Clock started on or before' });
  assert.match(
    await done.innerText(),
    /Unsuccessful applications to join a group\s+Anonymised\s+1/,
  );
  await expectAccessible(page);
  const [download] = await Promise.all([
    page.waitForEvent('download'),
    page.getByRole('link', { name: 'Download what was done (CSV)' }).click(),
  ]);
  assert.equal(download.suggestedFilename(), 'retention-done.csv');
  const csv = readFileSync((await download.path())!, 'utf8');
  assert.match(
    csv,
    /groups\.unsuccessful-applications,Unsuccessful applications to join a group,Anonymised,1,/,
  );
  assert.doesNotMatch(csv, /Journey Applicant/);
});
