/** The sign-in form, for journeys that go wrong on purpose (signInAs in support.ts signs in). */
import type { Page } from 'playwright-core';
import { visit } from '../support.js';

export class SignInPage {
  constructor(private readonly page: Page) {}

  async open(): Promise<this> {
    await visit(this.page, '/sign-in');
    return this;
  }

  async submit(email: string, password: string): Promise<void> {
    await this.page.getByLabel('E-mail address').fill(email);
    await this.page.getByLabel('Password', { exact: true }).fill(password);
    await this.page.getByRole('button', { name: 'Sign in' }).click();
  }
}
