/**
 * Issue 27 part 2 (LEG-04): an authority officer imports a month of stop and search from a file
 * in police.uk's layout (an empty form and a bad file refused first, by line), and anyone, with
 * JavaScript off, reads the year's figures: the charts' titles and the same figures in their
 * tables. Then the boroughs' boundaries and census population are loaded and a borough's own
 * figures read. Axe checks every page.
 */
import assert from 'node:assert/strict';
import { after, before, test } from 'node:test';
import { makeBorough } from '../factories/directory.js';
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

test('an officer loads borough boundaries and census population, and anyone reads a borough', async () => {
  const borough = await makeBorough(e2e.app, { name: 'Riverside e2e', code: 'E09900001' });
  const date = '2021-05-04T10:00:00+00:00';
  const page = await e2e.newPage();
  await signInWithRole(e2e, page, 'authority_officer');
  // A month first, in the borough's square (0.1 degrees a side) and one outside it.
  await visit(page, '/stop-and-search/months/import');
  await page
    .getByLabel('police.uk stop-and-search file (CSV)')
    .setInputFiles(
      csv(
        '2021-05-metropolitan-stop-and-search.csv',
        policeUkFile(
          ...policeUkLines(12, { Date: date, Latitude: '51.55', Longitude: '-0.15' }),
          ...policeUkLines(3, { Date: date, Latitude: '51.55', Longitude: '0.5' }),
        ),
      ),
    );
  await page.getByRole('button', { name: 'Import the month' }).click();
  await expectSuccess(page, 'May 2021 imported: 15 searches');

  await page.getByRole('link', { name: 'Borough boundaries' }).click();
  await page.getByRole('heading', { level: 1, name: 'Borough boundaries' }).waitFor();
  await expectAccessible(page);
  const ring = [
    [-0.2, 51.5],
    [-0.1, 51.5],
    [-0.1, 51.6],
    [-0.2, 51.6],
    [-0.2, 51.5],
  ];
  await page.getByLabel('Boundaries file (GeoJSON)').setInputFiles({
    name: 'LAD_MAY_2023_UK_BGC.geojson',
    mimeType: 'application/geo+json',
    buffer: Buffer.from(
      JSON.stringify({
        type: 'FeatureCollection',
        features: [
          {
            type: 'Feature',
            properties: { LAD23CD: 'E09900001', LAD23NM: 'Riverside' },
            geometry: { type: 'Polygon', coordinates: [ring] },
          },
        ],
      }),
    ),
  });
  await page.getByRole('button', { name: 'Load the boundaries' }).click();
  await expectSuccess(
    page,
    /Boundaries loaded for 1 borough; [\d,]+ searches with a location were placed\./,
  );
  await expectAccessible(page);

  await visit(page, '/stop-and-search/months');
  await page.getByRole('link', { name: 'Population by borough and ethnic group' }).click();
  await page
    .getByRole('heading', { level: 1, name: 'Population by borough and ethnic group' })
    .waitFor();
  await expectAccessible(page);
  const census = [
    '"Lower tier local authorities Code","Lower tier local authorities","Ethnic group (6 categories) Code","Ethnic group (6 categories)","Observation"',
    '"E09900001","Riverside",1,"Asian, Asian British or Asian Welsh",3000',
    '"E09900001","Riverside",2,"Black, Black British, Black Welsh, Caribbean or African",2000',
    '"E09900001","Riverside",3,"Mixed or Multiple ethnic groups",500',
    '"E09900001","Riverside",4,"White",10000',
    '"E09900001","Riverside",5,"Other ethnic group",500',
  ].join('\r\n');
  await page.getByLabel('Census file (CSV)').setInputFiles(csv('census.csv', census));
  await page.getByLabel('Source').fill('Census 2021, TS021');
  await page.getByRole('group', { name: 'Date the figures describe' }).getByLabel('Day').fill('21');
  await page
    .getByRole('group', { name: 'Date the figures describe' })
    .getByLabel('Month')
    .fill('3');
  await page
    .getByRole('group', { name: 'Date the figures describe' })
    .getByLabel('Year')
    .fill('2021');
  await page.getByRole('button', { name: 'Load the figures' }).click();
  await expectSuccess(page, 'Population figures loaded for 1 borough.');
  await expectAccessible(page);

  // Anyone, without JavaScript, reads the borough: its 12 searches, all of Black people, 2,000
  // of whom live there: 6 per 1,000.
  const visitor = await e2e.newPage({ javaScript: false });
  await visit(visitor, '/stop-and-search?year=2021');
  await visitor.getByLabel('Borough').selectOption({ label: borough.name });
  await visitor.getByRole('button', { name: 'Show the year' }).click();
  await visitor.getByRole('heading', { level: 2, name: `${borough.name}, 2021-22` }).waitFor();
  await expectAccessible(visitor);
  assert.equal(await summaryValue(visitor, 'Searches'), '12');
  const groups = visitor.getByRole('table', { name: /Searches per 1,000 people by ethnic group/ });
  assert.equal(
    await groups
      .getByRole('row', { name: /^Black/ })
      .getByRole('cell')
      .nth(2)
      .innerText(),
    '6',
  );
});
