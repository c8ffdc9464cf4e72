/**
 * Issue 24 items 7 and 9 (ICV-10, LEG-05): anyone, signed out, finds the custody visiting
 * statistics from the scheme's page, reads the last whole quarter by area with its chart, opens
 * an area's suites, chooses another quarter, and downloads the figures as CSV. Axe checks each
 * page. The demo data has a year of the Camden panel's visits, and its reports and issues.
 * Then a year: its detainees, admission delays and issues, the CSV and the annual report as PDF.
 */
import assert from 'node:assert/strict';
import { after, before, test } from 'node:test';
import { pdfPages } from '../pdf-text.js';
import { expectAccessible, startE2E, type E2E } from './support.js';

let e2e: E2E;
before(async () => {
  e2e = await startE2E({ demo: true });
});
after(() => e2e.close());

test('a member of the public reads the quarterly statistics, an area’s suites, another quarter, and the CSV', async () => {
  const page = await e2e.newPage();
  await page.goto(`${e2e.baseUrl}/custody-visiting`);
  await page.getByRole('link', { name: /Custody visiting statistics/ }).click();
  await page.getByRole('heading', { level: 1, name: 'Custody visiting statistics' }).waitFor();
  await expectAccessible(page);
  assert.ok(
    await page.getByRole('img', { name: /Visits made against target by area/ }).isVisible(),
  );
  const camden = page
    .getByRole('table', { name: /^Visits by area/ })
    .getByRole('row', { name: /^Camden/ });
  assert.match((await camden.innerText()).replace(/\s+/g, ' '), /^Camden \d+ \d+ \d+%/);

  await camden.getByRole('link', { name: 'Camden' }).click();
  await page.getByRole('heading', { level: 2, name: 'The custody suites of Camden' }).waitFor();
  await expectAccessible(page);

  const quarter = page.getByLabel('Quarter');
  const choices = await quarter.locator('option').allInnerTexts();
  assert.equal(choices.length, 12);
  await quarter.selectOption({ label: choices[3]! });
  await page.getByRole('button', { name: 'Show the quarter' }).click();
  await page.getByRole('heading', { level: 2, name: choices[3]! }).waitFor();
  await expectAccessible(page);

  const href = await page
    .getByRole('link', { name: /Download these figures as CSV/ })
    .getAttribute('href');
  const csv = await page.request.get(`${e2e.baseUrl}${href}`);
  assert.equal(csv.status(), 200);
  assert.match(await csv.text(), /^Quarter starting,Area,Custody suite,Target,Visits made/);
});

test('a member of the public chooses a year, reads its visits, detainees, delays and issues, and downloads the CSV and the annual report', async () => {
  const page = await e2e.newPage();
  await page.goto(`${e2e.baseUrl}/custody-visiting/statistics`);
  const year = page.getByLabel('Year (1 April to 31 March)');
  const years = await year.locator('option').allInnerTexts();
  assert.equal(years.length, 3);
  assert.match(years[0]!, /^\d{4} to \d{4}$/);
  await year.selectOption({ label: years[0]! });
  await page.getByRole('button', { name: 'Show the year' }).click();
  await page.getByRole('heading', { level: 2, name: years[0]! }).waitFor();
  await page.getByText(/The police-reporting year, 1 April \d{4} to 31 March \d{4}\./).waitFor();
  await expectAccessible(page);

  // The demo's Camden reports this year: detainees present and seen, a delayed admission.
  const detainees = page.getByRole('table', {
    name: /Detainees seen and admission delays by area/,
  });
  const camden = detainees.getByRole('row', { name: /^Camden/ });
  assert.match(
    (await camden.innerText()).replace(/\s+/g, ' '),
    /^Camden [1-9]\d* [1-9]\d* \d+ \d+ (fewer than 10|\d+) (fewer than 10|\d+) [1-9]\d* \d+ \d+$/,
  );
  const issues = page.getByRole('table', { name: /Issues raised and resolved by area/ });
  assert.match(
    (await issues.getByRole('row', { name: /^Camden/ }).innerText()).replace(/\s+/g, ' '),
    /^Camden [1-9]\d* \d+ (\d+%|None) (\d+|None)$/,
  );
  assert.ok(
    await page.getByRole('img', { name: /Issues raised and resolved by area/ }).isVisible(),
  );
  await page.getByText(/issues raised from visit reports; \d+ closed as resolved/).waitFor();

  const csvHref = await page
    .getByRole('link', { name: /Download these figures as CSV/ })
    .getAttribute('href');
  const csv = await page.request.get(`${e2e.baseUrl}${csvHref}`);
  assert.equal(csv.status(), 200);
  assert.match(
    await csv.text(),
    /^Year starting,Area,.*,Issues raised,Issues resolved,Percent resolved,Median days to resolve/,
  );

  const pdfHref = await page
    .getByRole('link', { name: `Annual report ${years[0]} (PDF)` })
    .getAttribute('href');
  const pdf = await page.request.get(`${e2e.baseUrl}${pdfHref}`);
  assert.equal(pdf.status(), 200);
  assert.equal(pdf.headers()['content-type'], 'application/pdf');
  const text = (await pdfPages(await pdf.body()))
    .flat()
    .map((l) => l.text)
    .join(' ');
  assert.match(text, new RegExp(`^Custody visiting annual report ${years[0]}\\. 1 April`));
  assert.match(text, /Issues raised \d+ Issues resolved \d+/);
  assert.match(text, /Camden \d+ \d+ \d+% [1-9]\d* \d+ [1-9]\d*/);
});
