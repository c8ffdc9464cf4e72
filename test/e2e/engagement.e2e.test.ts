/**
 * Issue 26 part 1 (CON-04): an authority officer records an engagement group's standing against
 * a minimum standard; the group's own officer writes its position statement and development plan
 * under the six headings and raises an issue with the police; the authority officer agrees the
 * plan and answers the issue. Axe checks every page.
 */
import assert from 'node:assert/strict';
import { after, before, test } from 'node:test';
import { makeAccount } from '../factories/accounts.js';
import { makeEngagementGroup } from '../factories/grants.js';
import { makeBorough } from '../factories/directory.js';
import { expectErrors, expectSuccess, mainNavigation } from './pages/govuk.js';
import { expectAccessible, signInAs, startE2E, type E2E } from './support.js';

let e2e: E2E;
before(async () => {
  e2e = await startE2E({ demo: false });
});
after(() => e2e.close());

const HEADINGS = [
  'Staffing',
  'Accommodation',
  'Consultative processes',
  'Structure',
  'Integration with local agencies',
  'Links with custody visiting',
];

test('standing recorded, the plan written and agreed, an issue raised and answered', async () => {
  const borough = await makeBorough(e2e.app, { name: 'Camden engagement borough' });
  const group = await makeEngagementGroup(e2e.app, {
    boroughId: borough.id,
    name: 'Camden Journey Engagement Group',
  });
  const authority = await makeAccount(e2e.app, { role: 'authority_officer' });
  const groupOfficer = await makeAccount(e2e.app, {
    role: 'engagement_officer',
    scope: { type: 'engagement_group', id: group.id },
  });

  // The authority officer finds the group in the register and records its standing.
  const officer = await e2e.newPage();
  await signInAs(officer, authority);
  await mainNavigation(officer).getByRole('link', { name: 'Engagement groups' }).click();
  await officer.getByRole('heading', { level: 1, name: 'Engagement groups' }).waitFor();
  await expectAccessible(officer);
  await officer.getByLabel('Name contains').fill('Camden Journey');
  await officer.getByRole('button', { name: 'Filter' }).click();
  await officer.getByRole('link', { name: group.name }).click();
  await officer.getByRole('heading', { level: 1, name: group.name }).waitFor();
  await expectAccessible(officer);
  await officer.getByRole('link', { name: 'See the standing against each standard' }).click();
  await officer
    .getByRole('heading', { level: 1, name: 'Standing against the minimum standards' })
    .waitFor();
  await expectAccessible(officer);
  await officer.getByRole('link', { name: 'Assess MS1' }).click();
  await officer.getByRole('heading', { level: 1, name: /MS1/ }).waitFor();
  await expectAccessible(officer);
  await officer.getByRole('button', { name: 'Save' }).click();
  await expectErrors(officer, [
    { field: 'standing', message: 'Choose how far the group meets the standard' },
    { field: 'evidence', message: 'Enter the evidence for the assessment' },
  ]);
  await expectAccessible(officer);
  await officer.getByLabel('Met', { exact: true }).check();
  await officer.getByLabel('Evidence').fill('Four public meetings with the borough commander.');
  await officer.getByRole('button', { name: 'Save' }).click();
  await expectSuccess(officer, 'MS1 recorded as Met');
  await expectAccessible(officer);
  const row = (await officer.getByRole('row', { name: /MS1/ }).innerText()).replace(/\s+/g, ' ');
  assert.match(row, /Met/);
  assert.match(row, /Four public meetings/);

  // The group's officer is taken to their group from home, writes the plan and raises an issue.
  const own = await e2e.newPage();
  await signInAs(own, groupOfficer);
  await own.getByRole('link', { name: 'Your engagement group' }).click();
  await own.getByRole('heading', { level: 1, name: group.name }).waitFor();
  await expectAccessible(own);
  await own.getByRole('link', { name: /See the plan for/ }).click();
  await own
    .getByRole('heading', { level: 1, name: /Position statement and development plan/ })
    .waitFor();
  await expectAccessible(own);
  for (const [i, heading] of HEADINGS.entries()) {
    await own.getByRole('link', { name: `Write ${heading}` }).click();
    await own.getByRole('heading', { level: 1, name: `Plan heading: ${heading}` }).waitFor();
    if (i === 0) await expectAccessible(own);
    await own.getByLabel('Where the group stands now').fill(`Now: ${heading}`);
    await own.getByLabel('What the group plans').fill(`Next: ${heading}`);
    await own.getByRole('button', { name: 'Save' }).click();
    await expectSuccess(own, `${heading} saved`);
  }
  await expectAccessible(own);
  assert.match(
    await own.getByRole('main').innerText(),
    /All six headings are written: the plan can be agreed/,
  );
  await own.getByRole('link', { name: group.name }).click();
  await own.getByRole('button', { name: 'Raise an issue' }).click();
  await own.getByRole('heading', { level: 1, name: 'Raise an issue' }).waitFor();
  await expectAccessible(own);
  await own.getByLabel('The police').check();
  await own.getByLabel('The issue').fill('Street lighting on the Regent’s Park estate.');
  await own.getByLabel('What the group wants').fill('A joint survey with the council.');
  await own.getByRole('button', { name: 'Raise an issue' }).click();
  await expectSuccess(own, 'Issue raised');
  await expectAccessible(own);
  const issueUrl = own.url();

  // The authority officer agrees the plan and answers the issue; the group's officer reads it.
  await officer.goto(`${e2e.baseUrl}/engagement-groups/${group.id}`);
  await officer.getByRole('link', { name: /See the plan for/ }).click();
  await officer.getByRole('button', { name: 'Agree the plan' }).click();
  await expectSuccess(officer, 'Plan agreed');
  await expectAccessible(officer);
  await mainNavigation(officer).getByRole('link', { name: 'Engagement groups' }).click();
  await officer.getByRole('link', { name: "Engagement groups' issues" }).click();
  await officer.getByRole('heading', { level: 1, name: "Engagement groups' issues" }).waitFor();
  await expectAccessible(officer);
  await officer.getByRole('link', { name: /Street lighting/ }).click();
  await officer.getByRole('heading', { level: 1, name: 'Issue raised' }).waitFor();
  await expectAccessible(officer);
  await officer
    .getByLabel('Answer the issue')
    .fill('The council will survey the estate with the safer neighbourhoods team.');
  await officer.getByRole('button', { name: 'Save the answer' }).click();
  await expectSuccess(officer, 'Answer saved');
  await officer.getByRole('button', { name: 'Close the issue' }).click();
  await expectSuccess(officer, 'Issue closed');
  await expectAccessible(officer);

  await own.goto(issueUrl);
  const said = await own.getByRole('main').innerText();
  assert.match(said, /State\s+Closed/);
  assert.match(said, /The council will survey the estate/);
  await expectAccessible(own);
});
