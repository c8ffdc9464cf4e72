/** The directory of people and organisations: search, lists, records and their forms. */
import type { Page } from 'playwright-core';
import { expectAccessible, visit } from '../support.js';
import { mainNavigation } from './govuk.js';

export interface OrganisationFields {
  name?: string;
  /** The visible label of the type, e.g. "Community organisation". */
  type?: string;
  partOf?: string;
  description?: string;
  email?: string;
  phone?: string;
  address?: string;
  website?: string;
}

export interface PersonFields {
  fullName?: string;
  jobTitle?: string;
  organisation?: string;
  email?: string;
  phone?: string;
  notes?: string;
}

export class DirectoryPages {
  constructor(private readonly page: Page) {}

  /** The directory's front page, through the service navigation. */
  async openFromNavigation(): Promise<void> {
    await mainNavigation(this.page).getByRole('link', { name: 'Directory' }).click();
    await this.page.getByRole('heading', { level: 1, name: 'Directory' }).waitFor();
    await expectAccessible(this.page);
  }

  /** Searches from the directory's front page and waits for the results. */
  async search(words: string): Promise<void> {
    const p = this.page;
    const form = p.getByRole('search', { name: 'Directory' });
    await form.getByLabel('Search the directory').fill(words);
    await form.getByRole('button', { name: 'Search' }).click();
    await p.waitForURL((url) => url.searchParams.get('q') === words);
    await expectAccessible(p);
  }

  /** The names linked in one section (Organisations or People) of the front page. */
  async resultsUnder(section: 'Organisations' | 'People'): Promise<string[]> {
    const list = this.page
      .getByRole('heading', { level: 2, name: section })
      .locator('xpath=following-sibling::*[1]');
    if ((await list.evaluate((el) => el.tagName)) !== 'UL') return [];
    return (await list.getByRole('link').allInnerTexts()).map((t) => t.trim());
  }

  async openOrganisations(query = ''): Promise<void> {
    await visit(this.page, `/directory/organisations${query}`);
    await this.page.getByRole('heading', { level: 1, name: 'Organisations' }).waitFor();
  }

  async openPeople(query = ''): Promise<void> {
    await visit(this.page, `/directory/people${query}`);
    await this.page.getByRole('heading', { level: 1, name: 'People' }).waitFor();
  }

  /** The caption of a list's table, e.g. "Showing 1 to 25 of 47". */
  async listCaption(): Promise<string> {
    return (await this.page.locator('caption').innerText()).trim();
  }

  /** Searches a list page (Organisations or People), optionally including archived records. */
  async searchList(
    list: 'Organisations' | 'People',
    words: string,
    includeArchived?: boolean,
  ): Promise<void> {
    const form = this.page.getByRole('search', { name: list });
    await form.getByRole('searchbox').fill(words);
    if (includeArchived !== undefined)
      await form.getByLabel('Include archived').setChecked(includeArchived);
    await form.getByRole('button', { name: 'Search' }).click();
    await this.page.waitForURL((url) => url.searchParams.get('q') === words);
    await expectAccessible(this.page);
  }

  /** Names in the list's table. */
  async listedNames(): Promise<string[]> {
    const table = this.page.getByRole('table');
    if (!(await table.count())) return [];
    const rows = table.getByRole('row').filter({ has: this.page.getByRole('cell') });
    return (await rows.evaluateAll((trs) =>
      trs.map((tr) => (tr.querySelector('td')?.textContent ?? '').replace(/\s+/g, ' ').trim()),
    )) as string[];
  }

  async fillOrganisation(fields: OrganisationFields): Promise<void> {
    const p = this.page;
    if (fields.name !== undefined) await p.getByLabel('Name', { exact: true }).fill(fields.name);
    if (fields.type !== undefined)
      await p.getByLabel('Type', { exact: true }).selectOption({ label: fields.type });
    if (fields.partOf !== undefined)
      await p.getByLabel('Part of (optional)').selectOption({ label: fields.partOf });
    if (fields.description !== undefined)
      await p.getByLabel('Description (optional)').fill(fields.description);
    if (fields.email !== undefined) await p.getByLabel('E-mail (optional)').fill(fields.email);
    if (fields.phone !== undefined) await p.getByLabel('Telephone (optional)').fill(fields.phone);
    if (fields.address !== undefined) await p.getByLabel('Address (optional)').fill(fields.address);
    if (fields.website !== undefined) await p.getByLabel('Website (optional)').fill(fields.website);
  }

  async fillPerson(fields: PersonFields): Promise<void> {
    const p = this.page;
    if (fields.fullName !== undefined) await p.getByLabel('Full name').fill(fields.fullName);
    if (fields.jobTitle !== undefined)
      await p.getByLabel('Job title (optional)').fill(fields.jobTitle);
    if (fields.organisation !== undefined)
      await p.getByLabel('Organisation (optional)').selectOption({ label: fields.organisation });
    if (fields.email !== undefined) await p.getByLabel('E-mail (optional)').fill(fields.email);
    if (fields.phone !== undefined) await p.getByLabel('Telephone (optional)').fill(fields.phone);
    if (fields.notes !== undefined) await p.getByLabel('Notes (optional)').fill(fields.notes);
  }

  async save(): Promise<void> {
    await this.page.getByRole('button', { name: 'Save' }).click();
  }

  /** Buttons and links that change the directory, as a person who may only read should not see. */
  async editingControls(): Promise<string[]> {
    const controls = this.page
      .getByRole('main')
      .getByRole('button')
      .or(this.page.getByRole('main').getByRole('link'));
    const names = (await controls.allInnerTexts()).map((t) => t.trim());
    return names.filter((n) => /^(Add|Change|Archive|Restore)\b/.test(n));
  }
}
