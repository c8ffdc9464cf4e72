/** The administrator's API tokens pages, and calling the API as another system would. */
import type { Page } from 'playwright-core';
import { expectAccessible } from '../support.js';
import { mainNavigation } from './govuk.js';

export class ApiTokenPages {
  constructor(private readonly page: Page) {}

  async openFromNavigation(): Promise<void> {
    await mainNavigation(this.page).getByRole('link', { name: 'API tokens' }).click();
    await this.page.getByRole('heading', { level: 1, name: 'API tokens' }).waitFor();
    await expectAccessible(this.page);
  }

  async startIssuing(): Promise<void> {
    await this.page.getByRole('button', { name: 'Issue a token' }).click();
    await this.page.getByRole('heading', { level: 1, name: 'Issue an API token' }).waitFor();
    await expectAccessible(this.page);
  }

  async issue(fields: { name: string; read: boolean; write: boolean; days: string }) {
    const p = this.page;
    await p.getByLabel('Name').fill(fields.name);
    await p.getByLabel('Read the directory').setChecked(fields.read);
    await p.getByLabel('Add and change directory entries').setChecked(fields.write);
    await p.getByLabel('Expires after (days)').fill(fields.days);
    await p.getByRole('button', { name: 'Issue token' }).click();
  }

  /** The token on the page shown once after issuing it. */
  async shownToken(): Promise<string> {
    await this.page.getByRole('heading', { level: 1, name: 'API token issued' }).waitFor();
    return (await this.page.getByTestId('api-token').innerText()).trim();
  }
}

/** Calls the Bridge API from Node, as another system would. */
export async function callApi(baseUrl: string, path: string, token?: string) {
  const response = await fetch(baseUrl + path, {
    headers: token ? { authorization: `Bearer ${token}` } : {},
  });
  return {
    status: response.status,
    contentType: response.headers.get('content-type') ?? '',
    body: (await response.json()) as Record<string, unknown>,
  };
}
