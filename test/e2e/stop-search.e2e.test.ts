/**
 * Issue 27 part 2 (LEG-04): an authority officer imports a month of stop and search from a file
 * in police.uk's layout (an empty form and a bad file refused first, by line), and anyone, with
 * JavaScript off, reads the year's figures: the charts' titles and the same figures in their
 * tables. Axe checks every page.
 */
import assert from 'node:assert/strict';
import { after, before, test } from 'node:test';
import { policeUkFile, policeUkLine, policeUkLines } from '../factories/stop-search.js';
import { expectErrors, expectSuccess, summaryValue } from './pages/govuk.js';
import { expectAccessible, signInWithRole, startE2E, visit, type E2E } from './support.js';

let e2e: E2E;
before(async () => {
  e2e = await startE2E({ demo: false });
});
after(() => e2e.close());

const csv = (name: string, text: string) => ({
  name,
  mimeType: 'text/csv',
  buffer: Buffer.from(text, 'utf8'),
});

test('an officer imports a month of stop and search, and anyone reads its figures without JavaScript', async () => {
  const date = '2023-06-10T21:15:00+00:00';
  const page = await e2e.newPage();
  await signInWithRole(e2e, page, 'authority_officer');
  await page.getByRole('link', { name: 'Stop and search imports' }).click();
  await page.getByRole('heading', { level: 1, name: 'Stop and search months imported' }).waitFor();
  await expectAccessible(page);
  await page.getByRole('button', { name: 'Import a month' }).click();
  await page
    .getByRole('heading', { level: 1, name: 'Import a month of stop and search' })
    .waitFor();
  await expectAccessible(page);

  await page.getByRole('button', { name: 'Import the month' }).click();
  await expectErrors(page, [{ field: 'file', message: 'Choose the police.uk file to import' }]);
  await expectAccessible(page);

  const file = page.getByLabel('police.uk stop-and-search file (CSV)');
  await file.setInputFiles(
    csv(
      '2023-06-metropolitan-stop-and-search.csv',
      policeUkFile(
        policeUkLine({ Date: date }),
        policeUkLine({ Date: '2023-06-31T10:00:00+00:00' }),
      ),
    ),
  );
  await page.getByRole('button', { name: 'Import the month' }).click();
  await expectErrors(page, [
    {
      field: 'file',
      message:
        'Line 3: The date "2023-06-31T10:00:00+00:00" is not a date and time as police.uk writes them (2024-03-02T14:05:00+00:00)',
    },
  ]);
  await expectAccessible(page);

  await page.getByLabel('police.uk stop-and-search file (CSV)').setInputFiles(
    csv(
      '2023-06-metropolitan-stop-and-search.csv',
      policeUkFile(
        ...policeUkLines(30, { Date: date }),
        ...policeUkLines(20, {
          Date: date,
          'Self-defined ethnicity': 'White - Any other White background',
          'Officer-defined ethnicity': 'White',
          Outcome: 'Arrest',
        }),
      ),
    ),
  );
  await page.getByRole('button', { name: 'Import the month' }).click();
  await expectSuccess(page, 'June 2023 imported: 50 searches');
  await expectAccessible(page);

  // Anyone, with JavaScript off, reads the year.
  const visitor = await e2e.newPage({ javaScript: false });
  await visit(visitor, '/stop-and-search');
  await visitor.getByRole('heading', { level: 1, name: 'Stop and search' }).waitFor();
  await visitor.getByLabel('Reporting year').selectOption({ label: '2023-24' });
  await visitor.getByRole('button', { name: 'Show the year' }).click();
  await visitor.getByRole('heading', { level: 2, name: '2023-24' }).waitFor();
  await expectAccessible(visitor);
  assert.equal(await summaryValue(visitor, 'Searches'), '50');
  assert.equal(await summaryValue(visitor, 'Arrest rate'), '40.0% (20 searches)');

  // Each chart is an image with its title, and its table beside it holds the same figures.
  const monthChart = visitor.getByRole('img', { name: 'Searches by month, 2023-24' });
  assert.match(await monthChart.innerHTML(), />50</);
  const months = visitor.getByRole('table', { name: 'Searches by month, 2023-24' });
  assert.equal(
    await months
      .getByRole('row', { name: /June 2023/ })
      .getByRole('cell')
      .innerText(),
    '50',
  );
  const groups = visitor.getByRole('table', {
    name: 'Searches per 1,000 people by ethnic group, 2023-24',
  });
  const black = groups.getByRole('row', { name: /^Black/ });
  const blackRate = await black.getByRole('cell').nth(2).innerText();
  const groupChart = visitor.getByRole('img', {
    name: 'Searches per 1,000 people by ethnic group, 2023-24',
  });
  assert.ok((await groupChart.innerHTML()).includes(`>${blackRate}<`), blackRate);
  assert.match(await black.innerText(), /Above threshold/);
});
