/**
 * Issue 25 item 3 (CON-03, CON-07): an authority officer adds an umbrella body and a member
 * organisation, records the member's e-mail channel and consent, chooses consultees for an
 * invited consultation with why, and sends the invitations, read in the outbox; the consultee
 * unsubscribes with the e-mailed link, and the reminder skips them. The engagement groups are
 * added as consultees, each linked to its page in the register. Axe checks every page.
 */
import assert from 'node:assert/strict';
import { after, before, test } from 'node:test';
import { eq } from 'drizzle-orm';
import { todayInLondon } from '../../src/platform/calendar/index.js';
import { outbox } from '../../src/platform/mail/schema.js';
import { makeConsultation } from '../factories/consultation.js';
import { makeBorough, uniqueTag } from '../factories/directory.js';
import { makeEngagementGroup } from '../factories/grants.js';
import { expectErrors, expectSuccess, fillDate } from './pages/govuk.js';
import { expectAccessible, signInWithRole, startE2E, type E2E } from './support.js';

let e2e: E2E;
before(async () => {
  e2e = await startE2E({ demo: false });
});
after(() => e2e.close());

const mailTo = (address: string) =>
  e2e.services.db
    .select({ subject: outbox.subject, body: outbox.bodyText })
    .from(outbox)
    .where(eq(outbox.toAddress, address))
    .orderBy(outbox.createdAt);

test('an officer records an umbrella body and its member, chooses them with why, invites them; the member unsubscribes and is not reminded', async () => {
  const tag = uniqueTag();
  const forum = `Civic Forum ${tag}`;
  const member = `Chamber of Commerce ${tag}`;
  const other = `Youth Council ${tag}`;
  const memberEmail = `chamber-${tag}@example.org`;
  const otherEmail = `youth-${tag}@example.org`;
  const consultation = await makeConsultation(e2e.app, {
    audience: 'invited',
    title: `Policing priorities ${tag}`,
  });
  const officer = await e2e.newPage();
  await signInWithRole(e2e, officer, 'authority_officer');

  // The home page's task leads to the consultees.
  await officer.getByRole('link', { name: 'Consultees' }).first().click();
  await officer.getByRole('heading', { level: 1, name: 'Consultees' }).waitFor();
  await expectAccessible(officer);

  // The umbrella body, after a missing name and category are refused.
  await officer.getByRole('button', { name: 'Add a consultee' }).click();
  await officer.getByRole('heading', { level: 1, name: 'Add a consultee' }).waitFor();
  await expectAccessible(officer);
  await officer.getByRole('button', { name: 'Add the consultee' }).click();
  await expectErrors(officer, [
    { field: 'name', message: "Enter the consultee's name" },
    { field: 'kind', message: 'Select whether the consultee is a person or an organisation' },
    { field: 'category', message: 'Select a category' },
  ]);
  await expectAccessible(officer);
  await officer.getByLabel('Name').fill(forum);
  await officer.getByLabel('Organisation').check();
  await officer.getByLabel('Category').selectOption({ label: 'Umbrella body' });
  await officer.getByRole('button', { name: 'Add the consultee' }).click();
  await expectSuccess(officer, `${forum} has been added to the consultees`);
  await officer.getByRole('heading', { level: 1, name: forum }).waitFor();
  await expectAccessible(officer);

  // Its member organisation.
  await officer.getByRole('link', { name: 'Add a member organisation' }).click();
  await officer.getByLabel('Name').fill(member);
  await officer.getByLabel('Organisation').check();
  await officer.getByLabel('Category').selectOption({ label: 'Business' });
  await officer.getByLabel('Member of an umbrella body (optional)').selectOption({ label: forum });
  await officer.getByRole('button', { name: 'Add the consultee' }).click();
  await expectSuccess(officer, `${member} has been added to the consultees`);

  // Its e-mail channel and consent.
  await officer.getByRole('link', { name: 'Change the channels' }).click();
  await officer
    .getByRole('heading', { level: 1, name: 'Channels that reach this consultee' })
    .waitFor();
  await expectAccessible(officer);
  await officer.getByRole('textbox', { name: 'E-mail address' }).fill(memberEmail);
  await officer.getByRole('button', { name: 'Save' }).click();
  await expectSuccess(officer, `The channels of ${member} have been saved`);
  await officer.getByRole('link', { name: 'Record or withdraw consent' }).click();
  await officer.getByRole('heading', { level: 1, name: 'Consent to be contacted' }).waitFor();
  await expectAccessible(officer);
  await fillDate(officer, 'Date consent was given', todayInLondon(new Date()));
  await officer.getByLabel('In writing').check();
  await officer.getByRole('button', { name: 'Record consent' }).click();
  await expectSuccess(officer, `The consent of ${member} has been recorded`);
  await officer.getByText(/Given on .+ \(In writing\)/).waitFor();

  // The umbrella body's page lists its member.
  await officer.getByRole('link', { name: forum }).click();
  await officer.getByRole('row', { name: new RegExp(`${member} Business`) }).waitFor();

  // A second consultee, reachable, for the reminder.
  for (const [name, email] of [[other, otherEmail]] as const) {
    await officer.goto(`${e2e.baseUrl}/consultation/consultees/new`);
    await officer.getByLabel('Name').fill(name);
    await officer.getByLabel('Organisation').check();
    await officer.getByLabel('Category').selectOption({ label: 'Young people' });
    await officer.getByRole('button', { name: 'Add the consultee' }).click();
    await officer.getByRole('link', { name: 'Change the channels' }).click();
    await officer.getByRole('textbox', { name: 'E-mail address' }).fill(email);
    await officer.getByRole('button', { name: 'Save' }).click();
    await officer.getByRole('link', { name: 'Record or withdraw consent' }).click();
    await fillDate(officer, 'Date consent was given', todayInLondon(new Date()));
    await officer.getByLabel('By e-mail').check();
    await officer.getByRole('button', { name: 'Record consent' }).click();
    await expectSuccess(officer, `The consent of ${name} has been recorded`);
  }

  // Chosen for the consultation: the umbrella bodies with their members, and one by one.
  await officer.goto(`${e2e.baseUrl}/consultation/consultations/${consultation.id}/consultees`);
  await officer.getByRole('heading', { level: 1, name: 'Consultees chosen' }).waitFor();
  await expectAccessible(officer);
  await officer.getByLabel('Category').selectOption({ label: 'Umbrella body' });
  await officer.getByLabel('Include the member organisations of umbrella bodies').check();
  await officer.getByRole('button', { name: 'Choose the category' }).click();
  await expectErrors(officer, [{ field: 'reason', message: 'Enter why they are chosen' }]);
  await officer.getByLabel('Include the member organisations of umbrella bodies').check();
  await officer
    .getByLabel('Why they were chosen')
    .first()
    .fill('London-wide networks reach businesses');
  await officer.getByRole('button', { name: 'Choose the category' }).click();
  await expectSuccess(officer, /consultees \(umbrella body\) have been chosen/);
  await officer.getByLabel("Consultee's name").fill(other);
  await officer.getByRole('button', { name: 'Find' }).click();
  await officer.getByLabel(other).check();
  await officer.getByLabel('Why they were chosen').last().fill('Young people are most affected');
  await officer.getByRole('button', { name: 'Choose the consultee' }).click();
  await expectSuccess(officer, `${other} has been chosen`);
  await expectAccessible(officer);
  const row = (name: string) =>
    officer
      .getByRole('row', { name: new RegExp(`^${name}`) })
      .innerText()
      .then((s) => s.replace(/\s+/g, ' ').trim());
  assert.match(await row(member), /London-wide networks reach businesses/);
  assert.match(await row(forum), /Not sent: no consent to be contacted/);

  // Invitations, read in the outbox.
  await officer.getByRole('button', { name: 'Send the invitations' }).click();
  await expectSuccess(officer, /Invitations have been sent to 2 consultees; 1 left out/);
  assert.match(await row(member), /Sent on /);
  const [invitation] = await mailTo(memberEmail);
  assert.equal(invitation!.subject, `Consultation: Policing priorities ${tag}`);
  assert.match(invitation!.body, /\/consultations\/invited\//);
  const unsubscribe = /\/consultations\/unsubscribe\/[A-Za-z0-9_-]+/.exec(invitation!.body)![0];

  // The member unsubscribes with the e-mailed link.
  const consultee = await e2e.newPage();
  await consultee.goto(`${e2e.baseUrl}${unsubscribe}`);
  await consultee
    .getByRole('heading', { level: 1, name: 'Stop e-mails about consultations' })
    .waitFor();
  await expectAccessible(consultee);
  await consultee.getByRole('button', { name: 'Unsubscribe' }).click();
  await consultee.getByRole('heading', { level: 1, name: 'You have unsubscribed' }).waitFor();
  await expectAccessible(consultee);

  // The reminder goes to the other, not to them.
  await officer.reload();
  assert.match(await row(member), /Unsubscribed/);
  await officer.getByRole('button', { name: 'Send the reminders' }).click();
  await expectSuccess(officer, 'A reminder has been sent to 1 consultee');
  assert.match(await row(other), /Reminded on /);
  assert.equal((await mailTo(memberEmail)).length, 1);
  const otherMail = await mailTo(otherEmail);
  assert.equal(otherMail.length, 2);
  assert.match(otherMail[1]!.subject, /^Reminder: consultation/);

  // Removing an invited consultee is not offered; the remove page of a chosen one is.
  assert.equal(await officer.getByRole('link', { name: `Remove ${member}` }).count(), 0);
  await officer.getByRole('link', { name: `Remove ${forum}` }).click();
  await officer
    .getByRole('heading', { level: 1, name: 'Remove this consultee from the consultation' })
    .waitFor();
  await expectAccessible(officer);
  await officer.getByRole('button', { name: 'Remove the consultee' }).click();
  await expectSuccess(officer, `${forum} has been removed from the consultation`);
});

test('an officer adds the engagement groups as consultees, once, each linked to its page in the register (CON-03, CON-04)', async () => {
  const tag = uniqueTag();
  const borough = await makeBorough(e2e.app, { name: `Consultee borough ${tag}` });
  const name = `Lambeth CPEG ${tag}`;
  await makeEngagementGroup(e2e.app, { name, boroughId: borough.id });
  const officer = await e2e.newPage();
  await signInWithRole(e2e, officer, 'authority_officer');
  await officer.goto(`${e2e.baseUrl}/consultation/consultees`);
  await officer.getByRole('button', { name: 'Add the engagement groups' }).click();
  await expectSuccess(officer, '1 engagement group has been added to the consultees');
  await expectAccessible(officer);
  await officer.getByRole('link', { name }).click();
  await officer.getByRole('heading', { level: 1, name }).waitFor();
  await expectAccessible(officer);
  await officer.getByText(`Consultee borough ${tag}`).waitFor();
  // The link to the group's own page in the register.
  await officer.getByRole('link', { name }).click();
  await officer.waitForURL(/\/engagement-groups\/[0-9a-f-]+$/);
  await officer.getByRole('heading', { level: 1, name }).waitFor();

  await officer.goto(`${e2e.baseUrl}/consultation/consultees`);
  await officer.getByRole('button', { name: 'Add the engagement groups' }).click();
  await expectSuccess(
    officer,
    'No engagement groups have been added: each open engagement group is already a consultee',
  );
});
