/** The administrator's pages for user accounts. */
import type { Page } from 'playwright-core';
import { expectAccessible, visit } from '../support.js';
import { summaryValue } from './govuk.js';

export interface NewUser {
  name: string;
  email: string;
  /** The visible label of the role, as in the list. */
  role: string;
  /** The visible label of the borough or group, e.g. "Borough: Camden". */
  scope?: string;
}

export class UserAdminPages {
  constructor(private readonly page: Page) {}

  async openList(): Promise<void> {
    await visit(this.page, '/admin/users');
    await this.page.getByRole('heading', { level: 1, name: 'Users' }).waitFor();
  }

  async startNewUser(): Promise<void> {
    await this.page.getByRole('button', { name: 'Create a user account' }).click();
    await this.page.getByRole('heading', { level: 1, name: 'Create a user account' }).waitFor();
    await expectAccessible(this.page);
  }

  async submitNewUser(user: Partial<NewUser>): Promise<void> {
    const p = this.page;
    await p.getByLabel('Full name').fill(user.name ?? '');
    await p.getByLabel('E-mail address').fill(user.email ?? '');
    await p
      .getByLabel('Role', { exact: true })
      .selectOption({ label: user.role ?? 'Select a role' });
    await p
      .getByLabel('For which borough or group (optional)')
      .selectOption({ label: user.scope ?? 'Not limited to one group or borough' });
    await p.getByRole('button', { name: 'Create account' }).click();
  }

  async addRole(role: string, scope?: string): Promise<void> {
    const p = this.page;
    await p.getByLabel('Role', { exact: true }).selectOption({ label: role });
    await p
      .getByLabel('For which borough or group (optional)')
      .selectOption({ label: scope ?? 'Not limited to one group or borough' });
    await p.getByRole('button', { name: 'Add role' }).click();
  }

  /** The rows of the roles table: role and what it is for. */
  async roles(): Promise<string[][]> {
    const table = this.page.getByRole('table', { name: 'Roles' });
    if (!(await table.count())) return [];
    const rows = table.getByRole('row').filter({ has: this.page.getByRole('cell') });
    return rows.evaluateAll((trs) =>
      trs.map((tr) =>
        [...tr.querySelectorAll('td')].slice(0, 2).map((td) => (td.textContent ?? '').trim()),
      ),
    );
  }

  status(): Promise<string> {
    return summaryValue(this.page, 'Status');
  }
}
