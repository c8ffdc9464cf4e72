/**
 * Issue 27 part 3 (LEG-04, DP-01): an authority officer imports a file of workforce figures (a
 * bad file refused first, by line), corrects a rank band by hand, and anyone, with JavaScript
 * off, reads the shares over time: the charts' titles and the same figures in their tables,
 * small counts suppressed. Axe checks every page.
 */
import assert from 'node:assert/strict';
import { after, before, test } from 'node:test';
import { expectErrors, expectSuccess } from './pages/govuk.js';
import { expectAccessible, signInWithRole, startE2E, visit, type E2E } from './support.js';

let e2e: E2E;
before(async () => {
  e2e = await startE2E({ demo: false });
});
after(() => e2e.close());

const HEADER = 'as_at,workforce,rank_band,sex,ethnic_group,headcount';
const csv = (lines: string[]) => ({
  name: 'workforce.csv',
  mimeType: 'text/csv',
  buffer: Buffer.from([HEADER, ...lines].join('\r\n') + '\r\n', 'utf8'),
});

test('an officer imports workforce figures, and anyone reads the shares over time without JavaScript', async () => {
  const page = await e2e.newPage();
  await signInWithRole(e2e, page, 'authority_officer');
  await page.getByRole('link', { name: 'Workforce figures' }).click();
  await page.getByRole('heading', { level: 1, name: 'Workforce figures' }).waitFor();
  await expectAccessible(page);
  await page.getByRole('button', { name: 'Import a file of figures' }).click();
  await page
    .getByRole('heading', { level: 1, name: 'Import a file of workforce figures' })
    .waitFor();
  await expectAccessible(page);

  const file = page.getByLabel('Workforce figures (CSV)');
  await file.setInputFiles(
    csv([
      '2010-03-31,officer,constable,female,white,300',
      '2010-03-31,officer,constable,women,white,3',
    ]),
  );
  await page.getByRole('button', { name: 'Import the figures' }).click();
  await expectErrors(page, [
    { field: 'file', message: "Line 3: 'women' is not a sex Bridge knows" },
  ]);
  await expectAccessible(page);

  await page.getByLabel('Workforce figures (CSV)').setInputFiles(
    csv([
      // 2010: 1,000 officers, 150 minority ethnic of 950 stated, 300 women.
      '2010-03-31,officer,constable,female,white,300',
      '2010-03-31,officer,constable,male,white,500',
      '2010-03-31,officer,constable,male,black,150',
      '2010-03-31,officer,constable,male,not_stated,50',
      // 2011: 1,200 officers and 400 staff; 6 Asian superintendents.
      '2011-03-31,officer,constable,female,white,380',
      '2011-03-31,officer,constable,male,white,560',
      '2011-03-31,officer,constable,male,black,200',
      '2011-03-31,officer,superintendent,male,white,54',
      '2011-03-31,officer,superintendent,male,asian,6',
      '2011-03-31,staff,staff_junior,female,white,250',
      '2011-03-31,staff,staff_junior,male,white,100',
      '2011-03-31,staff,staff_junior,female,black,50',
    ]),
  );
  await page.getByRole('button', { name: 'Import the figures' }).click();
  await expectSuccess(page, /2 snapshots imported \(31 March 2010, 31 March 2011\); 0 replaced/);
  await expectAccessible(page);
  await page.getByRole('link', { name: '31 March 2011' }).click();
  await page.getByRole('heading', { level: 1, name: 'Workforce as at 31 March 2011' }).waitFor();
  await expectAccessible(page);
  await page.getByRole('link', { name: 'Change Sergeant' }).first().click();
  await page
    .getByRole('heading', { level: 1, name: 'Sergeant: counts by sex and ethnic group' })
    .waitFor();
  await expectAccessible(page);
  await page.getByRole('group', { name: 'Women' }).getByLabel('White').fill('20');
  await page.getByRole('button', { name: 'Save the counts' }).click();
  await expectSuccess(page, 'Sergeant saved: 20 people');

  // Anyone, with JavaScript off: 2011's all personnel 1,620 (with the 20 sergeants typed), none
  // of them not stated; 256 minority ethnic (15.80…%); 700 women (43.20…%). 2010: 150 of 950.
  const visitor = await e2e.newPage({ javaScript: false });
  await visit(visitor, '/workforce');
  await visitor.getByRole('heading', { level: 1, name: 'Workforce equality' }).waitFor();
  await expectAccessible(visitor);
  const chart = visitor.getByRole('img', {
    name: 'Minority-ethnic share of All personnel, 31 March 2010 to 31 March 2011',
  });
  await chart.waitFor();
  const minority = visitor.getByRole('table', {
    name: 'Minority-ethnic share of All personnel, 31 March 2010 to 31 March 2011',
  });
  const share = (table: typeof minority, row: string) =>
    table
      .getByRole('row', { name: new RegExp(row) })
      .getByRole('cell')
      .last()
      .innerText();
  assert.equal(await share(minority, '31 March 2011'), '15.8%');
  assert.equal(await share(minority, '31 March 2010'), '15.8%');
  const women = visitor.getByRole('table', {
    name: 'Share of All personnel who are women, 31 March 2010 to 31 March 2011',
  });
  assert.equal(await share(women, '31 March 2011'), '43.2%');
  assert.equal(await share(women, '31 March 2010'), '30.0%');

  // Officers by rank band: the 6 Asian superintendents are "fewer than 10", their share not shown.
  await visitor.getByLabel('Whose figures').selectOption({ label: 'Police officers' });
  await visitor.getByRole('button', { name: 'Show the figures' }).click();
  await visitor
    .getByRole('heading', { level: 2, name: 'Police officers by rank band, as at 31 March 2011' })
    .waitFor();
  await expectAccessible(visitor);
  const bands = visitor.getByRole('table', {
    name: 'By ethnic group: Rank band, as at 31 March 2011',
  });
  const supers = bands.getByRole('row', { name: /^Superintendent and above/ });
  assert.match(await supers.innerText(), /fewer than 10/);
  assert.equal(await supers.getByRole('cell').last().innerText(), 'not shown');
});
