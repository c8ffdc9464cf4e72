/**
 * Requests for independent advice (IAG-07 to IAG-10, IAG-29, IAG-30): a requester asks, CTSET
 * triages the queue (urgent first) and passes the request to a group or declines one with a
 * reason; the group's deployment contact nominates from the ranked list; the advisor accepts or
 * declines; CTSET or the coordination unit arranges access; the requester follows it all on its
 * timeline, and nobody else's. Each journey makes the requests it acts on (test/factories), and
 * each requester is its own account, so a journey passes alone and in any order.
 */
import assert from 'node:assert/strict';
import { readFileSync } from 'node:fs';
import { after, before, test } from 'node:test';
import type { Page } from 'playwright-core';
import { addCalendarDays, todayInLondon } from '../../src/platform/calendar/index.js';
import { groupIdByCode, principalFor } from '../app.js';
import { makeAccount, type FactoryAccount } from '../factories/accounts.js';
import {
  makeAcceptedDeployment,
  makeAdviceRequest,
  makeDeploymentContact,
  routeRequest,
  setExperience,
  type AdviceRequest,
} from '../factories/advice.js';
import { makeChair, makeMember } from '../factories/groups.js';
import { expectErrors, expectSuccess } from './pages/govuk.js';
import {
  expectAccessible,
  signInAs,
  signInThroughPages,
  signInWithRole,
  startE2E,
  visit,
  type E2E,
} from './support.js';

const PDF = Buffer.from('%PDF-1.4\n1 0 obj << /Type /Catalog >> endobj\ntrailer << >>\n%%EOF\n');

let e2e: E2E;
before(async () => {
  e2e = await startE2E({ demo: false });
});
after(() => e2e.close());

interface RaceGroup {
  id: string;
  avery: FactoryAccount;
  charlie: FactoryAccount;
  jordan: FactoryAccount;
  priya: FactoryAccount;
  /** Drew Deployment, the group's deployment contact (IAG-07). */
  drew: FactoryAccount;
}

let race: Promise<RaceGroup> | undefined;

/**
 * The Race IAG (reference data) with four current members, the experience three of them bring
 * (IAG-10) and a deployment contact, so CTSET may pass it requests: made once for the file, on
 * first asking, as the nomination list names each member and two Averys would make it ambiguous.
 */
function raceGroup(): Promise<RaceGroup> {
  race ??= (async () => {
    const t = e2e.app;
    const id = await groupIdByCode(t, 'iag-race');
    const avery = await makeMember(t, id, { name: 'Avery Advisor' });
    const charlie = await makeChair(t, id, { name: 'Charlie Chair' });
    const jordan = await makeMember(t, id, { name: 'Jordan Okafor' });
    const priya = await makeMember(t, id, { name: 'Priya Shah' });
    await setExperience(t, avery, ['race', 'youth', 'stop_and_search']);
    await setExperience(t, charlie, ['race', 'faith', 'critical_incidents']);
    await setExperience(t, jordan, ['youth', 'mental_health']);
    const drew = await makeDeploymentContact(t, id, { name: 'Drew Deployment' });
    return { id, avery, charlie, jordan, priya, drew };
  })();
  return race;
}

/** A new requester, their own account: their list of requests holds only what they asked. */
function makeRequester(name?: string): Promise<FactoryAccount> {
  return makeAccount(e2e.app, { role: 'requester', name });
}

/** Asks for advice as the requester, through the services. */
async function askAs(
  requester: FactoryAccount,
  options: Omit<NonNullable<Parameters<typeof makeAdviceRequest>[1]>, 'by'> = {},
): Promise<AdviceRequest> {
  return makeAdviceRequest(e2e.app, {
    ...options,
    by: await principalFor(e2e.app, requester.email),
  });
}

/** The link to a request in a list, by its reference and subject ("12: Policing a vigil …"). */
function linkTo(page: Page, request: AdviceRequest, subject: RegExp) {
  return page.getByRole('link', { name: new RegExp(`^${request.reference}: ${subject.source}`) });
}

test('a requester asks for advice; CTSET passes it to a group and declines another; the requester follows both', async () => {
  // The Race IAG can be passed requests; the requester already has a routine request waiting,
  // sent three days ago.
  await raceGroup();
  const asker = await makeRequester();
  await askAs(asker, {
    fields: {
      subject: 'Stop and search briefing for new officers',
      details:
        'We are revising the briefing given to officers joining the borough and would like an advisor to review it and sit in on one session.',
      communities: 'Experience of being stopped and searched; young Black men',
    },
    neededFrom: addCalendarDays(todayInLondon(e2e.app.clock.now()), 21),
    submittedAt: new Date(e2e.app.clock.now().getTime() - 3 * 24 * 60 * 60_000),
  });
  const requester = await e2e.newPage();
  await signInThroughPages(requester, asker);
  await requester.getByRole('link', { name: 'Your requests for advice' }).first().click();
  await requester.getByRole('heading', { level: 1, name: 'Your requests for advice' }).waitFor();
  await expectAccessible(requester);
  await requester.getByRole('button', { name: 'Ask for independent advice' }).click();
  await requester.getByRole('heading', { level: 1, name: 'Ask for independent advice' }).waitFor();
  await expectAccessible(requester);
  await requester.getByRole('button', { name: 'Send the request' }).click();
  await expectErrors(requester, [
    { field: 'subject', message: 'Enter what you need advice about' },
    { field: 'details', message: 'Enter the background the advisor needs' },
    {
      field: 'seriousOrCritical',
      message: 'Select whether this is a serious crime or critical incident',
    },
    { field: 'urgency', message: 'Select how urgent the request is' },
    {
      field: 'communities',
      message: 'Enter the communities or experience the advisor should bring',
    },
    { field: 'neededFrom-day', message: 'Enter the date the advice is needed from' },
  ]);
  await requester
    .getByLabel('What do you need advice about?')
    .fill('Policing a vigil after a death in custody');
  await requester
    .getByLabel('Background')
    .fill('A vigil is planned outside the station on Saturday; we want advice on the approach.');
  await requester
    .getByRole('group', { name: 'Is this a serious crime or a critical incident?' })
    .getByLabel('Yes')
    .check();
  await requester.getByLabel('Urgent').check();
  await requester
    .getByLabel('Communities or experience needed')
    .fill('Family liaison; Black community groups in Hackney');
  const from = requester.getByRole('group', { name: 'When is the advice needed from?' });
  // Needed from today: a date already past is refused (IAG-08).
  const needed = new Intl.DateTimeFormat('en-GB', {
    timeZone: 'Europe/London',
    day: 'numeric',
    month: 'numeric',
    year: 'numeric',
  })
    .formatToParts(new Date())
    .reduce<Record<string, string>>((parts, p) => ({ ...parts, [p.type]: p.value }), {});
  await from.getByLabel('Day').fill(needed.day!);
  await from.getByLabel('Month').fill(needed.month!);
  await from.getByLabel('Year').fill(needed.year!);
  await requester.getByRole('button', { name: 'Send the request' }).click();
  await expectSuccess(requester, /Request \d+ has been sent to the strategic engagement team/);
  assert.match(
    await requester.getByRole('main').innerText(),
    /Urgent request sent to the strategic engagement team/,
  );
  await expectAccessible(requester);

  // CTSET: urgent requests first; this one is passed to the Race IAG.
  const ctset = await e2e.newPage();
  await signInWithRole(e2e, ctset, 'ctset');
  await ctset.getByRole('link', { name: 'Triage', exact: true }).click();
  await ctset.getByRole('heading', { level: 1, name: 'Requests waiting for triage' }).waitFor();
  await expectAccessible(ctset);
  const rows = await ctset.getByRole('row').allInnerTexts();
  const urgentAt = rows.findIndex((r) => /Policing a vigil/.test(r));
  const routineAt = rows.findIndex((r) => /Stop and search briefing/.test(r));
  assert.ok(urgentAt > 0 && urgentAt < routineAt, 'the urgent request is above the routine one');
  await ctset.getByRole('link', { name: /Policing a vigil/ }).click();
  await expectAccessible(ctset);
  // A question first; the requester answers it from the request's page.
  await ctset.getByRole('button', { name: 'Ask the requester a question' }).click();
  await ctset.getByRole('heading', { level: 1, name: 'Ask the requester a question' }).waitFor();
  await expectAccessible(ctset);
  await ctset.getByRole('button', { name: 'Send the question' }).click();
  await expectErrors(ctset, [{ field: 'question', message: 'Enter your question' }]);
  await ctset.getByLabel('Your question').fill('Has the family asked for the vigil to be policed?');
  await ctset.getByRole('button', { name: 'Send the question' }).click();
  await expectSuccess(ctset, 'Your question has been sent to the requester');
  await requester.reload();
  await requester.getByRole('button', { name: 'Answer the question' }).click();
  await requester
    .getByRole('heading', { level: 1, name: "Answer the strategic engagement team's question" })
    .waitFor();
  await expectAccessible(requester);
  await requester.getByRole('button', { name: 'Send your answer' }).click();
  await expectErrors(requester, [{ field: 'answer', message: 'Enter your answer' }]);
  await requester
    .getByLabel('Your answer')
    .fill('Yes: they want a light presence and no officers on the steps');
  await requester.getByRole('button', { name: 'Send your answer' }).click();
  await expectSuccess(requester, 'Your answer has been sent to the strategic engagement team');
  await ctset.reload();
  assert.match(await ctset.getByRole('main').innerText(), /The requester answered: Yes/);
  await ctset.getByRole('button', { name: 'Pass to a group' }).click();
  await ctset.getByRole('heading', { level: 1, name: 'Pass the request to a group' }).waitFor();
  await expectAccessible(ctset);
  await ctset.getByRole('button', { name: 'Pass the request' }).click();
  await expectErrors(ctset, [
    { field: 'groups', message: 'Select the group, or groups, best able to help' },
  ]);
  await ctset.getByLabel('Race Independent Advisory Group').check();
  await ctset.getByRole('button', { name: 'Pass the request' }).click();
  await expectSuccess(ctset, /has been passed to Race Independent Advisory Group/);

  // The routine request is declined, saying why.
  await ctset.getByRole('link', { name: /Stop and search briefing/ }).click();
  await ctset.getByRole('button', { name: 'Decline' }).click();
  await ctset.getByRole('heading', { level: 1, name: 'Decline the request' }).waitFor();
  await expectAccessible(ctset);
  await ctset.getByRole('button', { name: 'Decline the request' }).click();
  await expectErrors(ctset, [{ field: 'reason', message: 'Enter why the request is declined' }]);
  await ctset
    .getByLabel('Why is it declined?')
    .fill('The training team reviews briefings; please ask them first');
  await ctset.getByRole('button', { name: 'Decline the request' }).click();
  await expectSuccess(ctset, /has been declined/);

  await requester.getByRole('link', { name: 'Advice requests' }).click();
  await requester.getByRole('link', { name: /Policing a vigil/ }).click();
  assert.match(
    await requester.getByRole('main').innerText(),
    /Passed to Race Independent Advisory Group/,
  );
  await requester.getByRole('link', { name: 'Advice requests' }).click();
  await requester.getByRole('link', { name: /Stop and search briefing/ }).click();
  assert.match(
    await requester.getByRole('main').innerText(),
    /Declined by the strategic engagement team: The training team reviews briefings/,
  );
  await expectAccessible(requester);
});

test('the deployment contact nominates from the ranked list; the advisor accepts; CTSET arranges escorted access; the advice is recorded and used', async () => {
  // An urgent request about a vigil, needed from today, which CTSET has passed to the Race IAG.
  const race = await raceGroup();
  const asker = await makeRequester();
  const vigil = await askAs(asker, {
    fields: {
      subject: 'Policing a vigil after a death in custody',
      details:
        'A vigil is planned outside the station on Saturday; we want advice on the approach.',
      seriousOrCritical: 'yes',
      urgency: 'urgent',
      communities: 'Family liaison; Black community groups in Hackney',
    },
    neededFrom: todayInLondon(e2e.app.clock.now()),
  });
  await routeRequest(e2e.app, vigil.id, race.id);

  const drew = await e2e.newPage();
  await signInThroughPages(drew, race.drew);
  await drew.getByRole('link', { name: 'Requests to nominate for' }).click();
  await drew.getByRole('heading', { level: 1, name: 'Requests to nominate for' }).waitFor();
  await expectAccessible(drew);
  // By its reference: another journey may have passed the group a vigil too.
  await linkTo(drew, vigil, /Policing a vigil/).click();
  await drew.getByRole('heading', { level: 1, name: /Nominate for: Policing a vigil/ }).waitFor();
  await expectAccessible(drew);
  // The four current members: the request asks for no clearance and no experience.
  const offered = await drew
    .getByRole('group', { name: /Who do you nominate/ })
    .getByRole('checkbox')
    .count();
  assert.equal(offered, 4);
  await drew.getByRole('button', { name: 'Nominate' }).click();
  await expectErrors(drew, [
    { field: 'advisors', message: 'Select the advisor, or advisors, to nominate' },
    { field: 'reason', message: 'Enter why these advisors are the most suitable' },
  ]);
  await drew.getByLabel('Avery Advisor').check();
  await drew
    .getByLabel('Why are they the most suitable?')
    .fill('Lives in Hackney and has advised on two vigils');
  await drew.getByRole('button', { name: 'Nominate' }).click();
  await expectSuccess(drew, /Nominated Avery Advisor; each has been e-mailed/);

  const avery = await e2e.newPage();
  await signInThroughPages(avery, race.avery);
  await avery.getByRole('link', { name: 'Your deployments' }).first().click();
  await avery.getByRole('heading', { level: 1, name: 'Your deployments' }).waitFor();
  await expectAccessible(avery);
  await avery.getByRole('link', { name: /Policing a vigil/ }).click();
  await expectAccessible(avery);
  assert.match(await avery.getByRole('main').innerText(), /Lives in Hackney/);
  await avery.getByRole('button', { name: 'Accept' }).click();
  await expectSuccess(avery, /You have accepted/);

  const ctset = await e2e.newPage();
  await signInWithRole(e2e, ctset, 'ctset');
  await ctset.getByRole('link', { name: 'Advisors to contact' }).click();
  await ctset.getByRole('heading', { level: 1, name: 'Advisors to contact' }).waitFor();
  await expectAccessible(ctset);
  await ctset.getByRole('link', { name: 'Avery Advisor' }).click();
  await ctset
    .getByRole('heading', { level: 1, name: 'Contact Avery Advisor and arrange access' })
    .waitFor();
  await expectAccessible(ctset);
  await ctset.getByRole('button', { name: 'Record the arrangements' }).click();
  await expectErrors(ctset, [
    {
      field: 'arrangements',
      message: 'Enter how you contacted the advisor and arranged their access',
    },
  ]);
  await ctset
    .getByLabel('How did you contact them, and what access is arranged?')
    .fill(
      'Phoned at 14:05; PS Grant meets Avery at Stoke Newington front desk and escorts throughout',
    );
  await ctset.getByRole('button', { name: 'Record the arrangements' }).click();
  await expectSuccess(ctset, /The arrangements for Avery Advisor have been recorded/);

  // IAG-35: the requester shares the rationale for a decision, under the protocol; Avery
  // acknowledges the terms before reading it.
  const requester = await e2e.newPage();
  await signInThroughPages(requester, asker);
  await requester.getByRole('link', { name: 'Advice requests' }).click();
  await requester.getByRole('link', { name: /Policing a vigil/ }).click();
  // First a document to share: advisors cannot see it until it is shared with them.
  await requester.getByRole('button', { name: 'Add a document to share' }).click();
  await requester
    .getByRole('heading', { level: 1, name: 'Add a document to share with advisors' })
    .waitFor();
  await expectAccessible(requester);
  await requester.getByRole('button', { name: 'Add the document' }).click();
  await expectErrors(requester, [{ field: 'file', message: 'Select a file' }]);
  await requester.getByLabel('Title (optional)').fill('Vigil risk assessment');
  await requester.getByLabel('The document').setInputFiles({
    name: 'risk-assessment.pdf',
    mimeType: 'application/pdf',
    buffer: Buffer.concat([PDF, Buffer.from('RISK-ASSESSMENT')]),
  });
  await requester.getByRole('button', { name: 'Add the document' }).click();
  await expectSuccess(
    requester,
    '“Vigil risk assessment” has been added to the documents to share',
  );
  await expectAccessible(requester);
  await requester.getByRole('button', { name: 'Share with an advisor' }).click();
  await requester.getByRole('heading', { level: 1, name: 'Share with an advisor' }).waitFor();
  await expectAccessible(requester);
  await requester.getByRole('button', { name: 'Share and log it' }).click();
  await expectErrors(requester, [
    { field: 'deploymentId', message: 'Select the advisor' },
    { field: 'kind', message: 'Select what you are sharing' },
    { field: 'title', message: 'Enter what it is' },
    { field: 'protocol', message: 'Enter the disclosure protocol it is shared under' },
    { field: 'terms', message: 'Enter the terms the advisor must keep' },
  ]);
  await requester.getByLabel('Avery Advisor').check();
  await requester.getByLabel('The rationale for a decision').check();
  await requester.getByLabel('What it is').fill('Why officers will not stand on the steps');
  await requester
    .getByLabel('The text (optional)')
    .fill('The family asked for a light presence; the risk assessment supports it.');
  await requester.getByLabel('Disclosure protocol').fill('IAG disclosure protocol');
  await requester.getByLabel('Terms the advisor must keep').fill('For this advice only');
  await requester
    .getByLabel("Which of the request's documents (optional)")
    .selectOption({ label: 'Vigil risk assessment' });
  await requester.getByRole('button', { name: 'Share and log it' }).click();
  await expectSuccess(requester, /Shared with Avery Advisor and logged/);
  await expectAccessible(requester);

  await avery.reload();
  assert.doesNotMatch(await avery.getByRole('main').innerText(), /risk assessment supports it/);
  await avery.getByRole('button', { name: /I will keep to these terms: show it/ }).click();
  await expectSuccess(avery, /You have acknowledged the terms/);
  assert.match(await avery.getByRole('main').innerText(), /risk assessment supports it/);
  const [download] = await Promise.all([
    avery.waitForEvent('download'),
    avery.getByRole('link', { name: 'Download risk-assessment.pdf' }).click(),
  ]);
  assert.equal(download.suggestedFilename(), 'risk-assessment.pdf');
  assert.match(readFileSync((await download.path())!, 'latin1'), /RISK-ASSESSMENT/);

  // Avery gives the advice and records it; Bridge labels it (IAG-02).
  await avery.reload();
  await avery.getByRole('button', { name: 'Record your advice' }).click();
  await expectErrors(avery, [
    { field: 'givenOn-day', message: 'Enter the date you gave the advice' },
    { field: 'summary', message: 'Enter the advice you gave' },
  ]);
  await expectAccessible(avery);
  const today = new Intl.DateTimeFormat('en-GB', {
    timeZone: 'Europe/London',
    day: 'numeric',
    month: 'numeric',
    year: 'numeric',
  })
    .formatToParts(new Date())
    .reduce<Record<string, string>>((parts, p) => ({ ...parts, [p.type]: p.value }), {});
  const given = avery.getByRole('group', { name: 'When did you give it?' });
  await given.getByLabel('Day').fill(today.day!);
  await given.getByLabel('Month').fill(today.month!);
  await given.getByLabel('Year').fill(today.year!);
  await avery
    .getByLabel('Your advice')
    .fill('Let the family lead the vigil; keep uniformed officers back from the station steps.');
  await avery.getByRole('button', { name: 'Record your advice' }).click();
  await expectSuccess(avery, /Your advice has been recorded as (non-)?independent advice/);
  await expectAccessible(avery);
  await avery.getByRole('button', { name: 'Add a document to your advice' }).click();
  await avery.getByRole('heading', { level: 1, name: 'Add a document to your advice' }).waitFor();
  await avery.getByLabel('Title (optional)').fill('Note of advice to the silver commander');
  await avery.getByLabel('The document').setInputFiles({
    name: 'note.pdf',
    mimeType: 'application/pdf',
    buffer: PDF,
  });
  await avery.getByRole('button', { name: 'Add the document' }).click();
  await expectSuccess(
    avery,
    '“Note of advice to the silver commander” has been added to your advice',
  );
  await expectAccessible(avery);

  await requester.reload();
  await requester.getByRole('link', { name: /Record whether you used it/ }).click();
  await requester
    .getByRole('heading', { level: 1, name: /Did you use the advice of Avery Advisor/ })
    .waitFor();
  await expectAccessible(requester);
  await requester.getByRole('button', { name: 'Record what you did' }).click();
  await expectErrors(requester, [
    { field: 'outcome', message: 'Select whether you used the advice' },
    { field: 'reason', message: 'Enter why you did or did not use the advice' },
  ]);
  await requester.getByLabel('Used', { exact: true }).check();
  await requester
    .getByLabel('Why?')
    .fill('The family led the vigil and officers stood back; it passed peacefully');
  await requester.getByRole('button', { name: 'Record what you did' }).click();
  await expectSuccess(requester, /What you did with the advice, and why, has been recorded/);
  const timeline = await requester.getByRole('main').innerText();
  assert.match(timeline, /Used: The family led the vigil/);
  assert.match(timeline, /Note of advice to the silver commander \(PDF, 1KB\)/);
  assert.match(timeline, /The rationale for a decision: risk-assessment.pdf/);
  assert.match(
    timeline,
    /Avery Advisor \(Race Independent Advisory Group\): Accepted; access arranged/,
  );
  assert.match(
    timeline,
    /The strategic engagement team \(CTSET\) contacted Avery Advisor and arranged their escorted access/,
  );
  await expectAccessible(requester);
});

test('a routine request: one advisor declines, with a conflict, and another takes it on', async () => {
  const race = await raceGroup();
  // Asked and passed to the group through the services: the pages for that are proved above.
  const request = await askAs(await makeRequester(), {
    fields: {
      subject: 'Reviewing the stop and search briefing for new officers',
      details: 'We would like an advisor to review the briefing and sit in on one session.',
      seriousOrCritical: 'no',
      urgency: 'routine',
      communities: 'Young people who have been stopped and searched',
    },
    neededFrom: '2027-01-14',
  });
  await routeRequest(e2e.app, request.id, race.id);

  // Avery keeps their availability and experience up to date first.
  const avery = await e2e.newPage();
  await signInThroughPages(avery, race.avery);
  await visit(avery, '/deployments/availability');
  await expectAccessible(avery);
  await avery.getByRole('button', { name: 'Add these days' }).click();
  await expectErrors(avery, [
    { field: 'startsOn-day', message: 'Enter the first day you are not available' },
    { field: 'endsOn-day', message: 'Enter the last day you are not available' },
  ]);
  const first = avery.getByRole('group', { name: 'First day you cannot do' });
  await first.getByLabel('Day').fill('1');
  await first.getByLabel('Month').fill('8');
  await first.getByLabel('Year').fill('2030');
  const last = avery.getByRole('group', { name: 'Last day you cannot do' });
  await last.getByLabel('Day').fill('14');
  await last.getByLabel('Month').fill('8');
  await last.getByLabel('Year').fill('2030');
  await avery.getByRole('button', { name: 'Add these days' }).click();
  await expectSuccess(avery, /The dates have been added/);
  await avery.getByLabel('Stop and search').check();
  await avery.getByRole('button', { name: 'Save your experience' }).click();
  await expectSuccess(avery, /Your experience has been saved/);
  await expectAccessible(avery);

  const drew = await e2e.newPage();
  await signInThroughPages(drew, race.drew);
  await drew.getByRole('link', { name: 'Requests to nominate for' }).click();
  await drew.getByRole('link', { name: /Reviewing the stop and search briefing/ }).click();
  // Jordan has a conflict: recorded, and no longer offered.
  await drew.getByRole('link', { name: 'Record a conflict of interest for Jordan Okafor' }).click();
  await drew
    .getByRole('heading', { level: 1, name: /Record a conflict of interest for Jordan Okafor/ })
    .waitFor();
  await expectAccessible(drew);
  await drew.getByRole('button', { name: 'Record the conflict' }).click();
  await expectErrors(drew, [
    { field: 'reason', message: 'Enter what the conflict of interest is' },
  ]);
  await drew.getByLabel('What is the conflict?').fill('Declared: is writing the new briefing');
  await drew.getByRole('button', { name: 'Record the conflict' }).click();
  await expectSuccess(drew, /A conflict of interest is recorded for Jordan Okafor/);
  assert.equal(await drew.getByLabel('Jordan Okafor').count(), 0);
  await drew.getByLabel('Avery Advisor').check();
  await drew
    .getByLabel('Why are they the most suitable?')
    .fill('Brings stop and search experience');
  await drew.getByRole('button', { name: 'Nominate' }).click();
  await expectSuccess(drew, /Nominated Avery Advisor/);

  await avery.getByRole('link', { name: 'Your deployments' }).first().click();
  await avery.getByRole('link', { name: /Reviewing the stop and search briefing/ }).click();
  await avery.getByRole('button', { name: 'Decline' }).click();
  await expectErrors(avery, [{ field: 'reason', message: 'Enter why you cannot take this on' }]);
  await expectAccessible(avery);
  await avery.getByLabel('Why can you not take it on?').fill('I trained the officers who wrote it');
  await avery.getByLabel('I have a conflict of interest with this request').check();
  await avery.getByRole('button', { name: 'Decline' }).click();
  await expectSuccess(avery, /You have declined/);

  // The request is back with Drew, who reads why and nominates Charlie.
  await drew.reload();
  await drew.getByRole('link', { name: /Reviewing the stop and search briefing/ }).click();
  const page = await drew.getByRole('main').innerText();
  assert.match(
    page,
    /Avery Advisor: Declined by the advisor \(I trained the officers who wrote it\)/,
  );
  assert.equal(await drew.getByLabel('Avery Advisor').count(), 0, 'not offered again');
  await drew.getByLabel('Charlie Chair').check();
  await drew.getByLabel('Why are they the most suitable?').fill('Next lightest load');
  await drew.getByRole('button', { name: 'Nominate' }).click();
  await expectSuccess(drew, /Nominated Charlie Chair/);

  const charlie = await e2e.newPage();
  await signInThroughPages(charlie, race.charlie);
  await charlie.getByRole('link', { name: 'Your deployments' }).first().click();
  await charlie.getByRole('link', { name: /Reviewing the stop and search briefing/ }).click();
  await charlie.getByRole('button', { name: 'Accept' }).click();
  await expectSuccess(charlie, /You have accepted/);

  // Routine: the coordination unit contacts Charlie.
  const chris = await e2e.newPage();
  await signInWithRole(e2e, chris, 'coordination_unit');
  await chris.getByRole('link', { name: 'Advisors to contact' }).click();
  // The task for this request (the unit may have others): Charlie, to contact.
  const task = chris
    .getByRole('row')
    .filter({ hasText: `${request.reference}: Reviewing the stop and search briefing` });
  assert.match(await task.innerText(), /Charlie Chair/);
});

test('a requester cannot see another requester’s request', async () => {
  // Another requester has asked for advice; this one has asked for none.
  const request = await askAs(await makeRequester());
  const other = await makeRequester('DC Sam Second');
  const page = await e2e.newPage();
  await signInAs(page, other);
  await page.getByRole('link', { name: 'Your requests for advice' }).first().click();
  assert.match(await page.getByRole('main').innerText(), /You have not asked for advice yet/);
  await visit(page, `/advice-requests/${request.id}`, 404);
  await expectAccessible(page);
});

test('CTSET records a proactive offer for a critical incident, then the answer (IAG-09)', async () => {
  const ctset = await e2e.newPage();
  await signInWithRole(e2e, ctset, 'ctset');
  await ctset.getByRole('link', { name: 'Proactive offers' }).click();
  await ctset
    .getByRole('heading', { level: 1, name: 'Proactive offers of independent advice' })
    .waitFor();
  await expectAccessible(ctset);
  await ctset.getByRole('button', { name: 'Record a proactive offer' }).click();
  await ctset.getByRole('heading', { level: 1, name: 'Record a proactive offer' }).waitFor();
  await expectAccessible(ctset);
  await ctset.getByRole('button', { name: 'Record the offer' }).click();
  await expectErrors(ctset, [
    { field: 'kind', message: 'Select whether it is a serious crime or a critical incident' },
    { field: 'incident', message: 'Enter what has happened' },
    { field: 'sioName', message: 'Enter the senior investigating officer’s name' },
  ]);
  await ctset.getByLabel('Critical incident').check();
  await ctset.getByLabel('What has happened?').fill('Death following police contact in Tottenham');
  await ctset.getByLabel('Senior investigating officer').fill('DCI Morgan Hale');
  await ctset.getByRole('button', { name: 'Record the offer' }).click();
  await expectSuccess(ctset, /The offer has been recorded/);
  await ctset.getByRole('link', { name: 'Record the answer from DCI Morgan Hale' }).click();
  await ctset
    .getByRole('heading', { level: 1, name: /The answer to the offer to DCI Morgan Hale/ })
    .waitFor();
  await expectAccessible(ctset);
  await ctset.getByLabel('Declined').check();
  await ctset.getByRole('button', { name: 'Record the answer' }).click();
  await expectErrors(ctset, [
    { field: 'note', message: 'Enter the reason the offer was declined' },
  ]);
  await ctset
    .getByLabel('What they said')
    .fill('The family liaison officer is already working with community leaders');
  await ctset.getByRole('button', { name: 'Record the answer' }).click();
  await expectSuccess(ctset, /The answer from DCI Morgan Hale has been recorded/);
  assert.match(
    await ctset.getByRole('main').innerText(),
    /0 waiting for an answer, 0 taken up, 1 declined/,
  );
  await expectAccessible(ctset);
});

test('the coordination unit checks that deployments are spread fairly (IAG-10)', async () => {
  // Avery and Charlie have each accepted one request, needed in a period of their own (the
  // other journeys' requests are needed sooner).
  const race = await raceGroup();
  const group = { id: race.id, contact: race.drew };
  await makeAcceptedDeployment(e2e.app, group, race.avery, { neededFrom: '2032-03-01' });
  await makeAcceptedDeployment(e2e.app, group, race.charlie, { neededFrom: '2032-03-08' });
  const chris = await e2e.newPage();
  await signInWithRole(e2e, chris, 'coordination_unit');
  await chris.getByRole('link', { name: 'Equitable deployment' }).click();
  await chris.getByRole('heading', { level: 1, name: 'Equitable deployment' }).waitFor();
  await expectAccessible(chris);
  const fill = async (name: string, day: string, month: string, year: string) => {
    const group = chris.getByRole('group', { name });
    await group.getByLabel('Day').fill(day);
    await group.getByLabel('Month').fill(month);
    await group.getByLabel('Year').fill(year);
  };
  // A period that takes both requests in.
  await fill('From', '1', '11', '2031');
  await fill('To', '31', '1', '2033');
  await chris.getByRole('button', { name: 'Show' }).click();
  await chris
    .getByRole('heading', { level: 2, name: /1 November 2031 to 31 January 2033/ })
    .waitFor();
  const main = await chris.getByRole('main').innerText();
  assert.match(main, /2 deployments by 2 advisors/);
  assert.match(main, /Avery Advisor/);
  assert.match(main, /Charlie Chair/);
  await fill('From', '31', '2', '2026');
  await chris.getByRole('button', { name: 'Show' }).click();
  await expectErrors(chris, [
    { field: 'from-day', message: 'The first day of the period must be a real date' },
  ]);
  await expectAccessible(chris);
});
