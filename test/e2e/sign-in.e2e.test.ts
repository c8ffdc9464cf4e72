/**
 * Signing in and out: the public home page, an advisor (password only) who sees only what an
 * advisor may, a wrong password, an administrator and the coordination unit (second factor).
 */
import assert from 'node:assert/strict';
import { after, before, test } from 'node:test';
import { expectErrors, mainNavigation, navigationLinks, signOut } from './pages/govuk.js';
import { SignInPage } from './pages/sign-in.js';
import { makeAccount } from '../factories/accounts.js';
import { makeGroup } from '../factories/groups.js';
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

test('an advisor signs in from the public home page, sees only their own work, and signs out', async () => {
  const page = await e2e.newPage();
  await visit(page, '/');
  await page.getByRole('heading', { level: 1, name: 'Bridge' }).waitFor();
  // The first thing a keyboard reaches is the link past the navigation.
  await page.keyboard.press('Tab');
  const skip = page.getByRole('link', { name: 'Skip to main content' });
  assert.equal(await skip.evaluate((el) => el === document.activeElement), true);
  await page.keyboard.press('Enter');
  assert.equal(await page.evaluate(() => document.activeElement?.id), 'main-content');
  assert.deepEqual(await navigationLinks(page), [
    'Home',
    'Advisory groups',
    'Custody visiting',
    'Consultations',
    'Partnerships',
    'Good practice',
    'Funding',
    'Stop and search',
    'Performance',
    'Sign in',
  ]);
  await page.getByRole('button', { name: 'Sign in' }).click();
  await page.getByRole('heading', { name: 'Sign in to Bridge' }).waitFor();
  await expectAccessible(page);

  // An advisor appointed to a group: their groups and deployments are among their tasks.
  const { members } = await makeGroup(e2e.app, { members: 1 });
  await signInAs(page, members[0]!);
  assert.match(await page.getByRole('main').innerText(), /You are signed in as: Advisor\./);
  assert.deepEqual(await navigationLinks(page), [
    'Home',
    'Expenses',
    'Advisory groups',
    'Your account',
  ]);
  const tasks = page.getByRole('main').getByRole('link');
  assert.deepEqual(await tasks.allInnerTexts(), [
    'Your advisory groups',
    'Your deployments',
    'Your expense claims',
    'Your account',
  ]);
  for (const name of ['Directory', 'Users', 'Audit trail', 'API tokens', 'Outbox'])
    assert.equal(await page.getByRole('link', { name }).count(), 0, `no ${name} link`);

  await signOut(page);
  assert.deepEqual(await navigationLinks(page), [
    'Home',
    'Advisory groups',
    'Custody visiting',
    'Consultations',
    'Partnerships',
    'Good practice',
    'Funding',
    'Stop and search',
    'Performance',
    'Sign in',
  ]);
  // Signed out means signed out: a page that needs a session sends the person to sign in.
  await page.goto('/account');
  await page.getByRole('heading', { name: 'Sign in to Bridge' }).waitFor();
  assert.match(page.url(), /\/sign-in\?next=%2Faccount$/);
});

test('a wrong password, or nothing at all, is refused with the error summary', async () => {
  const page = await e2e.newPage();
  const signIn = await new SignInPage(page).open();
  await signIn.submit('', '');
  await expectErrors(page, [
    { field: 'email', message: 'Enter your e-mail address' },
    { field: 'password', message: 'Enter your password' },
  ]);

  // Pressing Enter in the password field sends the form, as a keyboard user expects.
  const advisor = await makeAccount(e2e.app, { role: 'advisor' });
  await page.getByLabel('E-mail address').fill(advisor.email);
  await page.getByLabel('Password', { exact: true }).fill('not the right password at all');
  await page.getByLabel('Password', { exact: true }).press('Enter');
  await expectErrors(page, [
    { field: 'email', message: 'Enter a correct e-mail address and password' },
  ]);
  // The address is kept, the password is not.
  assert.equal(await page.getByLabel('E-mail address').inputValue(), advisor.email);
  assert.equal(await page.getByLabel('Password', { exact: true }).inputValue(), '');
  assert.equal(await page.getByRole('button', { name: 'Sign out' }).count(), 0);
});

test('an administrator signs in with a second factor, after a wrong code, and sees the administration', async () => {
  const page = await e2e.newPage();
  const admin = await makeAccount(e2e.app, { role: 'administrator' });
  const signIn = await new SignInPage(page).open();
  await signIn.submit(admin.email, admin.password);
  const code = page.getByLabel('Enter the code from your authenticator app');
  await code.waitFor();
  await expectAccessible(page);
  await code.fill(wrongTotpCode(admin.totpSecret!));
  await page.getByRole('button', { name: 'Continue' }).click();
  await expectErrors(page, [
    {
      field: 'code',
      message: 'The code is not correct or has already been used. Enter the current code',
    },
  ]);
  // Half-signed-in is not signed in: a page that needs a session asks for the code first,
  // then goes where the person was going.
  await page.goto('/admin/users');
  await code.waitFor();
  assert.match(page.url(), /\/sign-in\/second-factor\?next=%2Fadmin%2Fusers$/);
  await code.fill(await freshTotpCode(admin.totpSecret!));
  await page.getByRole('button', { name: 'Continue' }).click();
  await page.getByRole('heading', { level: 1, name: 'Users' }).waitFor();
  await expectAccessible(page);
  assert.deepEqual(await navigationLinks(page), [
    'Home',
    'Directory',
    'Advisory groups',
    'Consultation',
    'Partnerships',
    'Tracker',
    'Engagement groups',
    'Good practice',
    'Indicators',
    'Subject access',
    'Grants',
    'FOI requests',
    'Users',
    'Audit trail',
    'API tokens',
    'Outbox',
    'Your account',
  ]);
  await mainNavigation(page).getByRole('link', { name: 'Home' }).click();
  await page.getByRole('heading', { name: `Welcome, ${admin.name}` }).waitFor();
  assert.match(await page.getByRole('main').innerText(), /You are signed in as: Administrator\./);
  await expectAccessible(page);
  await signOut(page);
});

test('the coordination unit signs in with a second factor and sees the directory but not the administration', async () => {
  const page = await e2e.newPage();
  await signInAs(page, await makeAccount(e2e.app, { role: 'coordination_unit' }));
  assert.match(
    await page.getByRole('main').innerText(),
    /You are signed in as: Coordination unit\./,
  );
  assert.deepEqual(await navigationLinks(page), [
    'Home',
    'Directory',
    'Expenses',
    'Advisory groups',
    'Consultation',
    'Partnerships',
    'Tracker',
    'Engagement groups',
    'Good practice',
    'Training',
    'Indicators',
    'Subject access',
    'Grants',
    'FOI requests',
    'Your account',
  ]);
  await mainNavigation(page).getByRole('link', { name: 'Directory' }).click();
  await page.getByRole('heading', { level: 1, name: 'Directory' }).waitFor();
  await expectAccessible(page);
  await visit(page, '/admin/users', 403);
  await signOut(page);
});
