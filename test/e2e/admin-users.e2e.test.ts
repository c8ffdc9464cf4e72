/**
 * An administrator creates an account (after a mistake), gives and removes a borough-scoped
 * role, deactivates and reactivates the account; the new person chooses their password through
 * the invitation in the outbox and signs in.
 */
import assert from 'node:assert/strict';
import { after, before, test } from 'node:test';
import { makeAccount } from '../factories/accounts.js';
import { expectErrors, expectSuccess, signOut, summaryValue } from './pages/govuk.js';
import { linkInLatestEmail } from './pages/outbox.js';
import { UserAdminPages } from './pages/users.js';
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

test('an administrator creates an account and manages its roles and status; the person signs in', async () => {
  const admin = await e2e.newPage();
  const users = new UserAdminPages(admin);
  await signInWithRole(e2e, admin, 'administrator');
  const existing = await makeAccount(e2e.app, { role: 'advisor' });
  await users.openList();
  await users.startNewUser();

  await users.submitNewUser({});
  await expectErrors(admin, [
    { field: 'displayName', message: 'Enter the person’s full name' },
    { field: 'email', message: 'Enter an e-mail address' },
    { field: 'role', message: 'Select a role' },
  ]);
  await users.submitNewUser({
    name: 'Jordan Newcomer',
    email: existing.email,
    role: 'Advisor',
  });
  await expectErrors(admin, [
    { field: 'email', message: 'An account with this e-mail address already exists' },
  ]);
  // What was typed is kept.
  assert.equal(await admin.getByLabel('Full name').inputValue(), 'Jordan Newcomer');

  const person = { name: 'Jordan Newcomer', email: 'jordan.newcomer@bridge.example' };
  await users.submitNewUser({ ...person, role: 'Advisor' });
  await expectSuccess(
    admin,
    'Account created. We have e-mailed the person a link to choose their password',
  );
  await admin.getByRole('heading', { level: 1, name: person.name }).waitFor();
  assert.deepEqual(await users.roles(), [['Advisor', 'All']]);
  assert.equal(await users.status(), 'Active');
  const userPage = new URL(admin.url()).pathname;

  // A borough-scoped role: partnership officer for Camden.
  await users.addRole('Advisor');
  await expectErrors(admin, [{ field: 'role', message: 'The person already has this role' }]);
  await users.addRole('Partnership officer', 'Borough: Camden');
  await expectSuccess(admin, 'Role added');
  assert.deepEqual(await users.roles(), [
    ['Advisor', 'All'],
    ['Partnership officer', 'Camden'],
  ]);
  await admin.getByRole('button', { name: 'Remove role Partnership officer' }).click();
  await expectSuccess(admin, 'Role removed');
  assert.deepEqual(await users.roles(), [['Advisor', 'All']]);

  // The list finds the new account.
  await users.openList();
  await admin.getByLabel('Search by name or e-mail address').fill('newcomer');
  await admin.getByRole('button', { name: 'Search' }).click();
  await admin.getByRole('link', { name: person.name }).waitFor();
  await expectAccessible(admin);
  assert.match(
    await admin.getByRole('row').filter({ hasText: person.email }).innerText(),
    /Advisor\s+Active/,
  );

  // The person follows the invitation and chooses a password.
  const link = await linkInLatestEmail(admin, person.email, 'Your Bridge account');
  const newcomer = await e2e.newPage();
  await visit(newcomer, link);
  await newcomer.getByRole('heading', { name: 'Choose a new password' }).waitFor();
  const password = 'copper kettle winter parade 19';
  await newcomer.getByLabel('New password', { exact: true }).fill('jordan.newcomer likes tea');
  await newcomer.getByLabel('Confirm new password').fill('jordan.newcomer likes tea');
  await newcomer.getByRole('button', { name: 'Save password' }).click();
  await expectErrors(newcomer, [
    { field: 'newPassword', message: 'Password must not contain your name or e-mail address' },
  ]);
  await newcomer.getByLabel('New password', { exact: true }).fill(password);
  await newcomer.getByLabel('Confirm new password').fill(password);
  await newcomer.getByRole('button', { name: 'Save password' }).click();
  await expectSuccess(newcomer, 'Sign in with your new password');
  const account = { ...person, password };
  await signInAs(newcomer, account);
  assert.match(await newcomer.getByRole('main').innerText(), /You are signed in as: Advisor\./);

  // Deactivating ends the person's sessions and stops them signing in.
  await visit(admin, userPage);
  assert.equal(await summaryValue(admin, 'Active sessions'), '1');
  await admin.getByRole('button', { name: 'Deactivate account' }).click();
  await expectSuccess(admin, 'Account deactivated. All its sessions have ended');
  assert.equal(await users.status(), 'Deactivated');
  assert.equal(await summaryValue(admin, 'Active sessions'), '0');
  await newcomer.goto('/account');
  await newcomer.getByRole('heading', { name: 'Sign in to Bridge' }).waitFor();
  await newcomer.getByLabel('E-mail address').fill(person.email);
  await newcomer.getByLabel('Password', { exact: true }).fill(password);
  await newcomer.getByRole('button', { name: 'Sign in' }).click();
  await expectErrors(newcomer, [
    { field: 'email', message: 'Enter a correct e-mail address and password' },
  ]);

  await admin.getByRole('button', { name: 'Reactivate account' }).click();
  await expectSuccess(admin, 'Account reactivated');
  assert.equal(await users.status(), 'Active');
  await signInAs(newcomer, account);
  await signOut(newcomer);
});
