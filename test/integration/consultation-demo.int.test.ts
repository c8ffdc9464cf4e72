/**
 * The demo's consultation story (issue 25): the strategy board approved the open policing
 * priorities in a minute of its meeting while the major draft on neighbourhood policing waits for
 * its next (CON-01); the closed consultation on stop and account was reviewed by the board, and
 * its "you said, we did" leads the public from the decision's minutes to the tracker's actions
 * carrying the change promised (CON-07). Every link is followed to the page it names.
 */
import assert from 'node:assert/strict';
import { after, before, test } from 'node:test';
import { count } from 'drizzle-orm';
import { loadDemoData, removeDemoData } from '../../src/demo/demo-data.js';
import { consultations } from '../../src/modules/consultation/schema.js';
import { meetings } from '../../src/modules/meetings/schema.js';
import { trackerSources } from '../../src/modules/tracker/schema.js';
import { Agent, createTestApp, signInAs, type TestApp } from '../app.js';
import { mainOf, summaryOf, textOf } from '../html.js';

let t: TestApp;
before(async () => {
  t = await createTestApp({ demo: true });
});
after(() => t.close());

/** The demo dates everything from the day it is loaded; the title names next year. */
const PRIORITIES = /^Policing priorities for London \d{4}$/;

async function consultationId(title: string | RegExp): Promise<string> {
  const rows = await t.services.db
    .select({ id: consultations.id, title: consultations.title })
    .from(consultations);
  const found = rows.find((c) =>
    typeof title === 'string' ? c.title === title : title.test(c.title),
  );
  assert.ok(found, `no demo consultation ${String(title)}`);
  return found.id;
}

/** The href of the link whose text matches, on a page. */
function hrefOf(html: string, text: RegExp): string {
  for (const [, href, inner] of html.matchAll(/<a\b[^>]*href="([^"]+)"[^>]*>([\s\S]*?)<\/a>/g))
    if (text.test(textOf(inner!))) return href!.replace(/&amp;/g, '&');
  assert.fail(`no link ${String(text)}`);
}

test('CON-01: the demo policing priorities were approved in a minute of the board, and the major draft waits for its next meeting', async () => {
  const officer = await signInAs(t, 'authority_officer');
  const priorities = await consultationId(PRIORITIES);
  const page = await officer.get(`/consultation/consultations/${priorities}`);
  const summary = summaryOf(page.body);
  assert.match(
    summary.get('Strategy board’s approval')!,
    /^Approved on \d{1,2} \w+ \d{4} Minute: Policing priorities for London \d{4}: approval of a major consultation, Consultation strategy board meeting, \d{1,2} \w+ \d{4}$/,
  );
  const minuteLink = hrefOf(page.body, /^Minute: Policing priorities for London \d{4}: approval/);
  // The minute's meeting exists in meetings, and its minutes say what the board approved.
  const minutes = textOf(mainOf((await officer.get(minuteLink)).body));
  assert.match(minutes, /Consultation strategy board, \d{1,2} \w+ \d{4}/);
  assert.match(
    minutes,
    /Policing priorities for London \d{4}: approval of a major consultation The board approved this year’s consultation on the policing priorities as a major consultation/,
  );

  const draft = await consultationId('Neighbourhood policing in Camden');
  const draftPage = await officer.get(`/consultation/consultations/${draft}`);
  assert.equal(
    summaryOf(draftPage.body).get('Strategy board’s approval'),
    'Needs the strategy board’s approval',
  );
  assert.match(
    textOf(mainOf((await officer.get(`/consultation/consultations/${draft}/approval`)).body)),
    /The board has not approved this consultation yet\./,
  );
  // Its details may change; launching it says what is still needed, the board's approval first.
  assert.match(textOf(mainOf(draftPage.body)), /Change the consultation’s details/);
  assert.match(
    textOf(mainOf((await officer.get(`/consultation/consultations/${draft}/launch`)).body)),
    /It is a major consultation and needs the strategy board’s approval first/,
  );
  // A closed consultation's details change no more: the page offers no change.
  const closed = await officer.get(
    `/consultation/consultations/${await consultationId('Withdrawing the recording of stop and account')}`,
  );
  assert.doesNotMatch(textOf(mainOf(closed.body)), /Change the consultation’s details/);

  // CON-03: two Camden consultees are chosen for it, each with why.
  const chosen = textOf(
    mainOf((await officer.get(`/consultation/consultations/${draft}/consultees`)).body),
  );
  assert.match(chosen, /Camden Churches Together/);
  assert.match(chosen, /Camden Town Unlimited/);
  assert.match(chosen, /see the neighbourhood teams on their streets/);

  // The public reads the board's meetings: the next has the draft on its published agenda.
  const board = await officer.get('/consultation/board');
  const publicBoard = await new Agent(t.app).get(
    hrefOf(board.body, /^The board’s page as the public reads it$/),
  );
  const next = await new Agent(t.app).get(
    hrefOf(publicBoard.body, /^Consultation strategy board meeting, .* at 10am$/),
  );
  assert.match(
    textOf(mainOf(next.body)),
    /Agenda Minutes of the last meeting Neighbourhood policing in Camden: approval of a major consultation/,
  );
});

test('CON-07: the demo you said, we did names the board’s review minute and the tracker’s actions, each page there to read', async () => {
  const anyone = new Agent(t.app);
  const list = await anyone.get('/consultations/you-said-we-did');
  const outcome = await anyone.get(
    hrefOf(list.body, /^Withdrawing the recording of stop and account$/),
  );
  assert.equal(outcome.statusCode, 200);
  const text = textOf(mainOf(outcome.body));
  assert.match(
    text,
    /The decision Results of the consultation: withdrawing the recording of stop and account Decided at Consultation strategy board meeting on \d{1,2} \w+ \d{4}\./,
  );
  assert.match(
    text,
    /2\. The stop and account form is shortened, so that it takes officers less time to complete\. Redesign the form with the borough stop and search monitoring groups, and bring it into use Ongoing/,
  );

  // The decision's minutes are public (approved at the board's next meeting).
  const minutes = await anyone.get(
    hrefOf(outcome.body, /^Read the minutes of Consultation strategy board meeting$/),
  );
  assert.equal(minutes.statusCode, 200);
  assert.match(
    textOf(mainOf(minutes.body)),
    /Results of the consultation: withdrawing the recording of stop and account The board reviewed the results before they go to the planning panel\. 17 of the 25 people/,
  );
  // The tracker's public page of the source carrying the change.
  const tracker = await anyone.get(
    hrefOf(
      outcome.body,
      /^See all progress on Stop and account: the consultation strategy board’s recommendations$/,
    ),
  );
  assert.equal(tracker.statusCode, 200);
  assert.match(
    textOf(mainOf(tracker.body)),
    /Progress is reported to the Consultation strategy board\. 1 of 2 actions are completed\./,
  );

  // Staff read the board's review of the same consultation, naming the same minute.
  const officer = await signInAs(t, 'authority_officer');
  const closed = await consultationId('Withdrawing the recording of stop and account');
  const review = summaryOf(
    (await officer.get(`/consultation/consultations/${closed}/board-review`)).body,
  );
  assert.equal(
    review.get('Minute'),
    'Results of the consultation: withdrawing the recording of stop and account',
  );
  assert.equal(review.get('Meeting'), 'Consultation strategy board meeting');
});

test('removing the demo takes its board meetings and its tracker source with it, and it loads again', async () => {
  const sources = async () =>
    (await t.services.db.select({ n: count() }).from(trackerSources))[0]!.n;
  const boardMeetings = async () =>
    (await t.services.db.select({ bodyType: meetings.bodyType }).from(meetings)).filter(
      (m) => m.bodyType === 'consultation_board',
    ).length;
  assert.equal(await boardMeetings(), 3);
  const withDemo = await sources();
  await removeDemoData(t.services.db);
  assert.deepEqual([await boardMeetings(), await sources()], [0, withDemo - 1]);
  await loadDemoData(t.services.db, t.services.secretBox);
  assert.deepEqual([await boardMeetings(), await sources()], [3, withDemo]);
});
