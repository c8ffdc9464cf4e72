/** Getting about the advisory-groups pages the way a person does: by the menu and the links. */
import type { Page } from 'playwright-core';
import { mainNavigation } from './govuk.js';
import { expectAccessible } from '../support.js';

export async function openGroup(page: Page, name: string): Promise<void> {
  await mainNavigation(page).getByRole('link', { name: 'Advisory groups' }).click();
  await page.getByRole('heading', { level: 1, name: 'Advisory groups' }).waitFor();
  await expectAccessible(page);
  await page.getByRole('link', { name, exact: true }).click();
  await page.getByRole('heading', { level: 1, name }).waitFor();
  await expectAccessible(page);
}

export async function openMember(page: Page, group: string, member: string): Promise<void> {
  await openGroup(page, group);
  await page.getByRole('link', { name: member, exact: true }).click();
  await page.getByRole('heading', { level: 1, name: member }).waitFor();
  await expectAccessible(page);
}
