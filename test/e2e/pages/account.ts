/** Your account: the overview, changing the password, the second factor and sessions. */
import assert from 'node:assert/strict';
import type { Locator, Page } from 'playwright-core';
import { visit } from '../support.js';
import { summaryValue } from './govuk.js';

export class AccountPages {
  constructor(private readonly page: Page) {}

  async openOverview(): Promise<void> {
    await visit(this.page, '/account');
    await this.page.getByRole('heading', { level: 1, name: 'Your account' }).waitFor();
  }

  /** The value of a row of the summary list on the overview. */
  summaryValue(key: string): Promise<string> {
    return summaryValue(this.page, key);
  }

  async changePassword(current: string, next: string, confirm = next): Promise<void> {
    const p = this.page;
    await p.getByLabel('Current password').fill(current);
    await p.getByLabel('New password', { exact: true }).fill(next);
    await p.getByLabel('Confirm new password').fill(confirm);
    await p.getByRole('button', { name: 'Change password' }).click();
  }

  /** Opens “I cannot scan the QR code” and reads the key a person would type into their app. */
  async readSecondFactorKey(): Promise<string> {
    const p = this.page;
    await p.getByText('I cannot scan the QR code').click();
    const key = p.getByText(/Enter this key in your app/).locator('code');
    await key.waitFor();
    const secret = (await key.innerText()).replace(/\s+/g, '');
    assert.match(secret, /^[A-Z2-7]{16,}$/, 'a base32 key');
    return secret;
  }

  async turnOnSecondFactor(code: string, password: string): Promise<void> {
    const p = this.page;
    await p.getByLabel('Code from your authenticator app').fill(code);
    await p.getByLabel('Your password').fill(password);
    await p.getByRole('button', { name: 'Turn on second factor' }).click();
  }

  /** The rows of the table of active sessions. */
  sessionRows(): Locator {
    const p = this.page;
    return p
      .getByRole('table', { name: 'Active sessions' })
      .getByRole('row')
      .filter({ has: p.getByRole('cell') });
  }
}
