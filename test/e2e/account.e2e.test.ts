/**
 * Your account: the overview, changing the password (the current one asked for again), setting
 * up a second factor from the key shown on the page, signing in with it, and ending a session
 * held in another browser.
 */
import assert from 'node:assert/strict';
import { after, before, test } from 'node:test';
import { totpCode } from '../../src/platform/auth/totp.js';
import { makeAccount } from '../factories/accounts.js';
import { AccountPages } from './pages/account.js';
import { expectErrors, expectSuccess, signOut } from './pages/govuk.js';
import {
  expectAccessible,
  freshTotpCode,
  signInAs,
  startE2E,
  visit,
  wrongTotpCode,
  type E2E,
} from './support.js';

let e2e: E2E;
before(async () => {
  e2e = await startE2E({ demo: false });
});
after(() => e2e.close());

test('an advisor changes their password and sets up a second factor, then signs in needing the code', async () => {
  const page = await e2e.newPage();
  const account = new AccountPages(page);
  const advisor = await makeAccount(e2e.app, { role: 'advisor' });
  await signInAs(page, advisor);
  await page.getByRole('main').getByRole('link', { name: 'Your account' }).click();
  await page.getByRole('heading', { level: 1, name: 'Your account' }).waitFor();
  await expectAccessible(page);
  assert.equal(await account.summaryValue('Name'), advisor.name);
  assert.equal(await account.summaryValue('E-mail address'), advisor.email);
  assert.equal(await account.summaryValue('Roles'), 'Advisor');
  assert.equal(await account.summaryValue('Second factor'), 'Not set up');

  // Change the password: the current one is asked for again.
  await page.getByRole('link', { name: 'Change password' }).click();
  await page.getByRole('heading', { level: 1, name: 'Change your password' }).waitFor();
  await expectAccessible(page);
  const newPassword = 'harbour meadow tinsel quartz 7';
  await account.changePassword('this is not my password', newPassword);
  await expectErrors(page, [
    { field: 'currentPassword', message: 'Your current password is not correct' },
  ]);
  await account.changePassword(advisor.password, 'qwertyuiop12');
  await expectErrors(page, [
    {
      field: 'newPassword',
      message: 'Password is too easy to guess. Try three or four unrelated words together',
    },
  ]);
  await account.changePassword(advisor.password, newPassword);
  await expectSuccess(page, 'Your password has been changed. Your other sessions have been ended');
  await page.getByRole('heading', { level: 1, name: 'Your account' }).waitFor();

  // Set up a second factor, as a person without a camera would: from the key.
  await page.getByRole('link', { name: 'Set up second factor' }).click();
  await page.getByRole('heading', { level: 1, name: 'Second factor' }).waitFor();
  await expectAccessible(page);
  const secret = await account.readSecondFactorKey();
  await expectAccessible(page);
  // A right code with the old password: refused, and the code is not used up.
  await account.turnOnSecondFactor(totpCode(secret), advisor.password);
  await expectErrors(page, [
    { field: 'currentPassword', message: 'Your current password is not correct' },
  ]);
  // The same key is offered again, so the app the person has set up still works.
  assert.equal(await account.readSecondFactorKey(), secret);
  await account.turnOnSecondFactor(wrongTotpCode(secret), newPassword);
  await expectErrors(page, [
    {
      field: 'code',
      message: 'The code is not correct. Enter the code your authenticator app shows now',
    },
  ]);
  assert.equal(await account.readSecondFactorKey(), secret);
  await account.turnOnSecondFactor(await freshTotpCode(secret), newPassword);
  await expectSuccess(page, 'Your second factor is set up');
  assert.equal(await account.summaryValue('Second factor'), 'Authenticator app');
  await signOut(page);

  // Signing in now needs the new password and a code from the app.
  await signInAs(page, { ...advisor, password: newPassword, totpSecret: secret });
  await account.openOverview();
  assert.equal(await account.summaryValue('Second factor'), 'Authenticator app');
  await signOut(page);
});

test('a person signed in from two browsers sees both sessions and ends the other one', async () => {
  const person = await makeAccount(e2e.app, { role: 'ctset' });
  const here = await e2e.newPage();
  const elsewhere = await e2e.newPage();
  await signInAs(elsewhere, person);
  await signInAs(here, person);

  const account = new AccountPages(here);
  await account.openOverview();
  await here.getByRole('link', { name: 'See where you are signed in' }).click();
  await here.getByRole('heading', { level: 1, name: 'Where you are signed in' }).waitFor();
  await expectAccessible(here);
  const rows = account.sessionRows();
  assert.equal(await rows.count(), 2);
  const other = rows.filter({ hasNotText: 'This session' });
  assert.equal(await other.count(), 1);
  await other.getByRole('button', { name: /^End the session started / }).click();
  await expectSuccess(here, 'The session has been ended');
  assert.equal(await account.sessionRows().count(), 1);
  assert.match(await account.sessionRows().innerText(), /This session/);

  // The other browser has been signed out.
  await elsewhere.goto('/account');
  await elsewhere.getByRole('heading', { name: 'Sign in to Bridge' }).waitFor();
  await expectAccessible(elsewhere);

  // Ending this session signs this browser out.
  await visit(here, '/account/sessions');
  await here.getByRole('button', { name: 'End this session and sign out' }).click();
  await expectSuccess(here, 'You have signed out');
  await visit(here, '/account/sessions', 200);
  await here.getByRole('heading', { name: 'Sign in to Bridge' }).waitFor();
});
