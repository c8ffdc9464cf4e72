/**
 * A forgotten password: the person asks for a link, the e-mail is read in the outbox by an
 * administrator (no mail server in development), the link opens the form once, a weak password
 * is refused, a good one is saved, and the person signs in with it.
 */
import assert from 'node:assert/strict';
import { after, before, test } from 'node:test';
import { expectErrors, expectSuccess, signOut } from './pages/govuk.js';
import { linkInLatestEmail } from './pages/outbox.js';
import { makeAccount } from '../factories/accounts.js';
import {
  expectAccessible,
  signInAs,
  signInWithRole,
  startE2E,
  visit,
  type E2E,
} from './support.js';

let e2e: E2E;
before(async () => {
  e2e = await startE2E({ demo: false });
});
after(() => e2e.close());

test('a person who has forgotten their password chooses a new one through the e-mailed link', async () => {
  const person = await makeAccount(e2e.app, { role: 'director' });
  const page = await e2e.newPage();
  await visit(page, '/sign-in');
  await page.getByRole('link', { name: 'I have forgotten my password' }).click();
  await page.getByRole('heading', { name: 'Reset your password' }).waitFor();
  await expectAccessible(page);

  await page.getByRole('button', { name: 'Send the link' }).click();
  await expectErrors(page, [{ field: 'email', message: 'Enter your e-mail address' }]);
  await page.getByLabel('E-mail address').fill('not an address');
  await page.getByRole('button', { name: 'Send the link' }).click();
  await expectErrors(page, [
    {
      field: 'email',
      message: 'Enter an e-mail address in the correct format, like name@example.org',
    },
  ]);
  await page.getByLabel('E-mail address').fill(person.email);
  await page.getByRole('button', { name: 'Send the link' }).click();
  await page.getByRole('heading', { name: 'Check your e-mail' }).waitFor();
  await expectAccessible(page);

  // An administrator, in another browser, reads the e-mail Bridge would have sent.
  const admin = await e2e.newPage();
  await signInWithRole(e2e, admin, 'administrator');
  const link = await linkInLatestEmail(admin, person.email, 'Reset your Bridge password');

  await visit(page, link);
  await page.getByRole('heading', { name: 'Choose a new password' }).waitFor();
  await page.getByRole('button', { name: 'Save password' }).click();
  await expectErrors(page, [{ field: 'newPassword', message: 'Enter a password' }]);

  await page.getByLabel('New password', { exact: true }).fill('password1234');
  await page.getByLabel('Confirm new password').fill('password1234');
  await page.getByRole('button', { name: 'Save password' }).click();
  await expectErrors(page, [
    {
      field: 'newPassword',
      message: 'Password is too easy to guess. Try three or four unrelated words together',
    },
  ]);

  const newPassword = 'lantern orchard velvet compass 42';
  await page.getByLabel('New password', { exact: true }).fill(newPassword);
  await page.getByLabel('Confirm new password').fill(`${newPassword}!`);
  await page.getByRole('button', { name: 'Save password' }).click();
  await expectErrors(page, [{ field: 'confirmPassword', message: 'Passwords do not match' }]);

  await page.getByLabel('New password', { exact: true }).fill(newPassword);
  await page.getByLabel('Confirm new password').fill(newPassword);
  await page.getByRole('button', { name: 'Save password' }).click();
  await expectSuccess(page, 'Your password has been changed. Sign in with your new password');

  // The link works once.
  await visit(page, link, 404);
  await page.getByRole('heading', { name: 'This link has expired' }).waitFor();

  // The old password no longer works; the new one does.
  await visit(page, '/sign-in');
  await page.getByLabel('E-mail address').fill(person.email);
  await page.getByLabel('Password', { exact: true }).fill(person.password);
  await page.getByRole('button', { name: 'Sign in' }).click();
  await expectErrors(page, [
    { field: 'email', message: 'Enter a correct e-mail address and password' },
  ]);
  await signInAs(page, { ...person, password: newPassword });
  assert.match(await page.getByRole('main').innerText(), /You are signed in as: Director\./);
  await signOut(page);
});

test('asking for a link for an address with no account looks the same and sends nothing', async () => {
  const page = await e2e.newPage();
  await visit(page, '/forgotten-password');
  await page.getByLabel('E-mail address').fill('nobody@bridge.example');
  await page.getByRole('button', { name: 'Send the link' }).click();
  await page.getByRole('heading', { name: 'Check your e-mail' }).waitFor();
  await expectAccessible(page);
  const admin = await e2e.newPage();
  await signInWithRole(e2e, admin, 'administrator');
  await visit(admin, '/admin/outbox');
  assert.equal(
    await admin.getByRole('row').filter({ hasText: 'nobody@bridge.example' }).count(),
    0,
  );
});
