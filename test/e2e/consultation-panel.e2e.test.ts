/**
 * Issue 25 item 7 (CON-06, DP-01): a Londoner joins the citizens' panel by the public form and
 * confirms by the e-mailed link; the officer reads the panel's balance against the population,
 * sends a wave to a balanced sample and reads its response rate; a member leaves with one link.
 * Axe checks every page.
 */
import assert from 'node:assert/strict';
import { after, before, test } from 'node:test';
import { desc, eq, inArray } from 'drizzle-orm';
import type { Page } from 'playwright-core';
import { panelMembers } from '../../src/modules/consultation/panel/schema.js';
import { invitations, responses } from '../../src/modules/consultation/schema.js';
import { outbox } from '../../src/platform/mail/schema.js';
import { makeConsultation } from '../factories/consultation.js';
import { makePanelMembers } from '../factories/consultation-panel.js';
import { uniqueTag } from '../factories/directory.js';
import { expectErrors, expectSuccess } from './pages/govuk.js';
import { expectAccessible, signInWithRole, startE2E, type E2E } from './support.js';

let e2e: E2E;
before(async () => {
  e2e = await startE2E({ demo: false });
});
after(() => e2e.close());

const words = async (page: Page, name: RegExp) =>
  (await page.getByRole('row', { name }).first().innerText()).replace(/\s+/g, ' ').trim();

/** The newest e-mail to an address, and the link in it to a path. */
async function linkInMail(email: string, path: string): Promise<string> {
  const [mail] = await e2e.services.db
    .select({ body: outbox.bodyText })
    .from(outbox)
    .where(eq(outbox.toAddress, email))
    .orderBy(desc(outbox.createdAt))
    .limit(1);
  const match = new RegExp(`https?://[^\\s]+(${path}/[A-Za-z0-9_-]+)`).exec(mail?.body ?? '');
  assert.ok(match, `no ${path} link to ${email}`);
  return match[1]!;
}

test('a Londoner joins the panel, the officer reads its balance and sends a wave to a balanced sample, and a member leaves', async () => {
  const boroughs = await e2e.services.directory.scopeCatalogue.options('borough');
  const id = (name: string) => boroughs.find((b) => b.name === name)!.id;
  const existing = await makePanelMembers(e2e.app, [
    ...Array.from({ length: 12 }, () => ({ boroughId: id('Croydon'), sex: 'female' as const })),
    ...Array.from({ length: 8 }, () => ({ boroughId: id('Croydon'), sex: 'male' as const })),
  ]);
  const consultation = await makeConsultation(e2e.app, {
    audience: 'panel',
    title: 'Policing priorities for next year',
  });

  // A member of the public joins by the public form.
  const email = `londoner-${uniqueTag()}@example.org`;
  const londoner = await e2e.newPage();
  await londoner.goto(`${e2e.baseUrl}/consultations/panel/join`);
  await londoner.getByRole('heading', { level: 1, name: "Join the citizens' panel" }).waitFor();
  await expectAccessible(londoner);
  await londoner.getByRole('button', { name: 'Join the panel' }).click();
  await expectErrors(londoner, [
    { field: 'fullName', message: 'Enter your full name' },
    { field: 'email', message: 'Enter your email address' },
    { field: 'boroughId', message: 'Choose the borough you live in' },
  ]);
  await expectAccessible(londoner);
  await londoner.getByLabel('Full name').fill('Lola Londoner');
  await londoner.getByLabel('Email address').fill(email);
  await londoner.getByLabel('Borough').selectOption({ label: 'Croydon' });
  await londoner.getByRole('group', { name: 'Your sex' }).getByLabel('Female').check();
  await londoner.getByRole('button', { name: 'Join the panel' }).click();
  await londoner.getByRole('heading', { level: 1, name: 'Check your email' }).waitFor();
  await expectAccessible(londoner);

  // They confirm by the e-mailed link, and are a member.
  await londoner.goto(`${e2e.baseUrl}${await linkInMail(email, '/consultations/panel/confirm')}`);
  await londoner
    .getByRole('heading', { level: 1, name: "Confirm you want to join the citizens' panel" })
    .waitFor();
  await expectAccessible(londoner);
  await londoner.getByRole('button', { name: 'Confirm and join' }).click();
  await londoner
    .getByRole('heading', { level: 1, name: "You have joined the citizens' panel" })
    .waitFor();
  await expectAccessible(londoner);

  // The officer reads the panel and its balance: 21 members, 13 women and 8 men.
  const officer = await e2e.newPage();
  await signInWithRole(e2e, officer, 'authority_officer');
  await officer.getByRole('link', { name: "Citizens' panel" }).first().click();
  await officer.getByRole('heading', { level: 1, name: "Citizens' panel" }).waitFor();
  await expectAccessible(officer);
  assert.match(await officer.getByRole('main').innerText(), /Members\s+21/);
  assert.match(
    await words(officer, /Lola Londoner/),
    new RegExp(`Lola Londoner ${email} Croydon Signed up`),
  );
  await officer.getByRole('link', { name: "The panel's balance" }).click();
  await officer.getByRole('heading', { level: 1, name: "The panel's balance" }).waitFor();
  await expectAccessible(officer);
  assert.equal(await words(officer, /^Croydon/), 'Croydon 21 100.0% 4.4% +95.6');
  // 21 answered less 13 women would give the 8 men away, so the 13 is not shown (DP-01).
  assert.equal(await words(officer, /^Female/), 'Female not shown 51.5%');
  // The men could be as many as 11 of 21 for all a reader can tell, which is not under four
  // fifths of 48.5%: marking them would tell that they are 8 or fewer.
  assert.equal(await words(officer, /^Male/), 'Male fewer than 10 48.5%');

  // The officer sends the consultation to a balanced sample of 10.
  await officer.goto(`${e2e.baseUrl}/consultation/panel/waves`);
  await officer.getByRole('heading', { level: 1, name: 'Waves sent to the panel' }).waitFor();
  await expectAccessible(officer);
  await officer.getByRole('button', { name: 'Send a wave' }).click();
  await officer.getByRole('heading', { level: 1, name: 'Send a wave' }).waitFor();
  await expectAccessible(officer);
  await officer.getByLabel('Policing priorities for next year').check();
  await officer.getByRole('radio', { name: 'A balanced sample' }).check();
  await officer.getByLabel('For a balanced sample: how many members?').fill('10');
  await officer.getByRole('button', { name: 'Send the wave' }).click();
  await expectSuccess(officer, 'Policing priorities for next year sent to 10 members.');
  await expectAccessible(officer);

  // The sample balances sex against the population: 5 women and 5 men, near 51.5% to 48.5%.
  const invited = await e2e.services.db
    .select()
    .from(invitations)
    .where(eq(invitations.consultationId, consultation.id));
  assert.equal(invited.length, 10);
  const sexes = await e2e.services.db
    .select({ id: panelMembers.id, email: panelMembers.email })
    .from(panelMembers)
    .where(
      inArray(
        panelMembers.id,
        invited.map((i) => i.panelMemberId!),
      ),
    );
  const women = new Set([...existing.slice(0, 12).map((m) => m.email), email]);
  assert.equal(sexes.filter((m) => women.has(m.email!)).length, 5);

  // Three of them respond (the response pages are another part's: marked submitted here).
  for (const row of invited.slice(0, 3))
    await e2e.services.db.insert(responses).values({
      consultationId: consultation.id,
      versionId: consultation.versionId,
      invitationId: row.id,
      submittedAt: new Date(),
    });
  await officer.reload();
  assert.match(await officer.getByRole('main').innerText(), /Response rate\s+30\.0%/);
  await officer.getByRole('link', { name: 'Waves sent to the panel' }).click();
  assert.match(
    await words(officer, /Policing priorities for next year/),
    /A balanced sample of 10 10 3 30\.0%$/,
  );

  // A member leaves by the link in their e-mail: one page, one button, no sign-in.
  const leaver = existing[0]!;
  const member = await e2e.newPage({ javaScript: false });
  await member.goto(`${e2e.baseUrl}/consultations/panel/leave/${leaver.leaveToken}`);
  await member.getByRole('heading', { level: 1, name: "Leave the citizens' panel" }).waitFor();
  await expectAccessible(member);
  await member.getByRole('button', { name: 'Leave the panel' }).click();
  await member
    .getByRole('heading', { level: 1, name: "You have left the citizens' panel" })
    .waitFor();
  await expectAccessible(member);
  const [gone] = await e2e.services.db
    .select()
    .from(panelMembers)
    .where(eq(panelMembers.id, leaver.id));
  assert.equal(gone!.email, null);
  await officer.goto(`${e2e.baseUrl}/consultation/panel`);
  assert.match(await officer.getByRole('main').innerText(), /Left\s+1/);
});
