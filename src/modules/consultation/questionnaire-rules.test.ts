import assert from 'node:assert/strict';
import path from 'node:path';
import { test } from 'node:test';
import { loadMessages } from '../../platform/i18n/messages.js';
import { say, type Said } from '../../platform/i18n/said.js';
import {
  choicesOf,
  clearedByRemoving,
  closeEarlyRefusals,
  detailsChangeRefusals,
  launchRefusals,
  matchChoices,
  moveRefusal,
  newVersionRefusal,
  planCopy,
  questionnaireChangeRefusal,
  validateDetails,
  validateQuestion,
  type BuilderQuestion,
} from './questionnaire-rules.js';

const english = loadMessages(path.resolve('src')).translator('en');
const words = (said: Said | null | undefined) => (said ? say(english, said) : '');

const safe: BuilderQuestion = {
  id: 'q1',
  position: 1,
  kind: 'single',
  text: 'Do you feel safe?',
  shownIfOptionId: null,
  options: [
    { id: 'o-yes', label: 'Yes' },
    { id: 'o-no', label: 'No' },
  ],
};
const why: BuilderQuestion = {
  id: 'q2',
  position: 2,
  kind: 'text',
  text: 'What makes you feel unsafe?',
  shownIfOptionId: 'o-no',
  options: [],
};
const rating: BuilderQuestion = {
  id: 'q3',
  position: 3,
  kind: 'rating',
  text: 'How well do the police listen?',
  shownIfOptionId: null,
  options: [],
};
const all = [safe, why, rating];
const full = (q: BuilderQuestion) => ({ ...q, hint: null, required: false, ratingScale: null });

const draft = { major: false, approvedOn: null, launchedAt: null, closesOn: '2026-12-31' };

test('CON-01: a major consultation is launched only once the board approved it', () => {
  const refused = launchRefusals({ ...draft, major: true }, 3, '2026-12-01');
  assert.deepEqual(refused.map(words), [
    'It is a major consultation and needs the strategy board’s approval first',
  ]);
  assert.deepEqual(
    launchRefusals({ ...draft, major: true, approvedOn: '2026-11-20' }, 3, '2026-12-01'),
    [],
  );
  assert.deepEqual(launchRefusals(draft, 3, '2026-12-01'), []);
});

test('CON-01: a consultation with no questions, or whose closing day passed, is not launched, every reason given', () => {
  const refused = launchRefusals(
    { ...draft, major: true, closesOn: '2026-11-30' },
    0,
    '2026-12-01',
  );
  assert.deepEqual(refused.map(words), [
    'It is a major consultation and needs the strategy board’s approval first',
    'It has no questions: add at least one',
    'Its closing date, 30 November 2026, has passed: change the closing date',
  ]);
  assert.deepEqual(launchRefusals(draft, 1, '2026-12-31'), [], 'its closing day itself is fine');
  assert.equal(
    words(launchRefusals({ ...draft, launchedAt: new Date() }, 1, '2026-12-01')[0]),
    'It has already been launched',
  );
});

test('details: a title, purpose, dates in order, who may respond and whether major, each refusal naming its field', () => {
  const { refusals } = validateDetails({}, { opensOn: '2026-12-10', closesOn: '2026-12-01' });
  assert.deepEqual(
    refusals.map((r) => [r.field, words(r)]),
    [
      ['title', 'Enter the consultation’s title'],
      ['purpose', 'Enter the consultation’s purpose'],
      ['closesOn-day', 'The closing date must be the same as or after the opening date'],
      ['audience', 'Select who may respond'],
      ['major', 'Select whether this is a major consultation'],
    ],
  );
  const { refusals: none, value } = validateDetails(
    { title: '  Policing  priorities ', purpose: 'Why', audience: 'panel', major: 'yes' },
    { opensOn: '2026-12-01', closesOn: '2026-12-01' },
  );
  assert.deepEqual(none, []);
  assert.equal(value.title, 'Policing priorities');
  assert.equal(value.audience, 'panel');
  assert.equal(value.major, true);
});

test('a choice question has two or more different choices, one a line; a rating a scale from 2 to 10', () => {
  const context = { questions: all, editing: null };
  const check = (input: Record<string, string>) =>
    validateQuestion({ text: 'Q', ...input }, context).refusals.map((r) => [r.field, words(r)]);
  assert.deepEqual(check({ kind: 'single', choices: 'Yes' }), [
    ['choices', 'Enter at least two choices, one a line'],
  ]);
  assert.deepEqual(check({ kind: 'multiple', choices: 'Yes\n\n yes \nNo' }), [
    ['choices', 'The choice ‘yes’ is there twice: each choice must be different'],
  ]);
  assert.deepEqual(check({ kind: 'rating', ratingScale: '11' }), [
    ['ratingScale', 'The top of the scale must be a whole number from 2 to 10'],
  ]);
  assert.deepEqual(check({ kind: 'rating', ratingScale: '1' }).length, 1);
  assert.deepEqual(check({ kind: 'rating', ratingScale: '10' }), []);
  assert.deepEqual(check({ kind: 'text', choices: 'ignored' }), []);
  assert.deepEqual(
    validateQuestion({}, context).refusals.map((r) => r.field),
    ['kind', 'text'],
  );
  assert.deepEqual(choicesOf(' Yes \r\n\r\nNo\n'), ['Yes', 'No']);
  const { value } = validateQuestion(
    { kind: 'single', text: 'Q', choices: 'A\nB', required: 'yes', ratingScale: '5' },
    context,
  );
  assert.deepEqual(value.choices, ['A', 'B']);
  assert.equal(value.ratingScale, null, 'only a rating has a scale');
  assert.equal(value.required, true);
});

test('CON-07: a question is shown only after a choice of an EARLIER single or multiple choice question', () => {
  const added = validateQuestion(
    { kind: 'text', text: 'Why?', shownIf: 'o-yes' },
    { questions: all, editing: null },
  );
  assert.deepEqual(added.refusals, []);
  assert.equal(added.value.shownIfOptionId, 'o-yes');
  // Question 1 may not depend on its own choice, nor on anything after it.
  const own = validateQuestion(
    { kind: 'single', text: 'Safe?', choices: 'Yes\nNo', shownIf: 'o-yes' },
    { questions: all, editing: safe },
  );
  assert.deepEqual(
    own.refusals.map((r) => [r.field, words(r)]),
    [['shownIf', 'Select a choice of an earlier single or multiple choice question']],
  );
  assert.equal(
    validateQuestion(
      { kind: 'text', text: 'X', shownIf: 'nonsense' },
      { questions: all, editing: null },
    ).refusals[0]?.field,
    'shownIf',
  );
});

test('CON-07: dropping a choice a later question is shown by is refused, naming that question', () => {
  const dropped = validateQuestion(
    { kind: 'single', text: 'Do you feel safe?', choices: 'Yes\nSometimes' },
    { questions: all, editing: safe },
  );
  assert.deepEqual(
    dropped.refusals.map((r) => [r.field, words(r)]),
    [
      [
        'choices',
        'Question 2 (What makes you feel unsafe?) is shown only if this one is answered ‘No’: keep that choice, or change question 2 first',
      ],
    ],
  );
  const toText = validateQuestion(
    { kind: 'text', text: 'Do you feel safe?' },
    { questions: all, editing: safe },
  );
  assert.equal(toText.refusals[0]?.field, 'kind');
  const kept = validateQuestion(
    { kind: 'multiple', text: 'Do you feel safe?', choices: 'yes\nNO\nSometimes' },
    { questions: all, editing: safe },
  );
  assert.deepEqual(kept.refusals, [], 'a choice kept in another case keeps the link');
  assert.deepEqual(matchChoices(safe.options, ['Sometimes', 'no']), {
    kept: [{ id: 'o-no', label: 'no', position: 2 }],
    added: [{ label: 'Sometimes', position: 1 }],
    removedIds: ['o-yes'],
  });
});

test('CON-07: removing a question clears the show-if of those shown after its choices (they stay, shown to all)', () => {
  assert.deepEqual(
    clearedByRemoving(all, safe).map((q) => q.id),
    ['q2'],
  );
  assert.deepEqual(clearedByRemoving(all, rating), []);
});

test('CON-07: a question never moves before the question whose answer shows it', () => {
  assert.equal(
    words(moveRefusal(all, 'q2', 'up')),
    'Question 2 is shown only after an answer to question 1, so it must come after it',
  );
  assert.equal(
    words(moveRefusal(all, 'q1', 'down')),
    'Question 2 is shown only after an answer to question 1, so it must come after it',
  );
  assert.equal(moveRefusal(all, 'q2', 'down'), null);
  assert.equal(moveRefusal(all, 'q3', 'up'), null);
  assert.equal(words(moveRefusal(all, 'q1', 'up')), 'This is already the first question');
  assert.equal(words(moveRefusal(all, 'q3', 'down')), 'This is already the last question');
});

test('a version with any response keeps its questions: a new version is opened instead', () => {
  assert.equal(questionnaireChangeRefusal(0), null);
  assert.equal(
    words(questionnaireChangeRefusal(1)),
    'This version has responses, so its questions cannot be changed: open a new version',
  );
  assert.equal(newVersionRefusal(1), null);
  assert.ok(newVersionRefusal(0));
});

test('a new version copies the questions in order, each show-if pointing at the copied choice', () => {
  const plan = planCopy([full(rating), full(why), full(safe)]);
  assert.deepEqual(
    plan.map((p) => [p.source.id, p.shownIf]),
    [
      ['q1', null],
      ['q2', { question: 0, option: 1 }],
      ['q3', null],
    ],
  );
});

test('a consultation is closed early only while launched and running, with a reason', () => {
  assert.deepEqual(closeEarlyRefusals('open', 'Superseded by the new plan'), []);
  assert.deepEqual(closeEarlyRefusals('upcoming', 'x'), []);
  assert.equal(words(closeEarlyRefusals('open', '')[0]), 'Enter why it is being closed early');
  assert.equal(
    words(closeEarlyRefusals('draft', 'x')[0]),
    'It has not been launched, so it cannot be closed',
  );
  assert.equal(words(closeEarlyRefusals('closed', 'x')[0]), 'It is already closed');
});

/** The day the rules are asked on: after the consultations' opening days, before their closing. */
const TODAY = '2026-03-15';

test('CON-01, CON-07: once launched, who may respond and whether it is major are fixed; once open, its opening day; once closed, everything', () => {
  const before = {
    audience: 'invited',
    major: true,
    opensOn: '2026-03-01',
    closesOn: '2026-05-31',
    title: 'Policing priorities',
    purpose: 'To hear what matters',
    boroughId: null,
  };
  const keys = (r: { key: string }[]) => r.map((x) => x.key.split('.').pop());
  assert.deepEqual(
    detailsChangeRefusals(
      'draft',
      before,
      {
        ...before,
        audience: 'public',
        major: false,
        opensOn: '2026-04-01',
      },
      TODAY,
    ),
    [],
  );
  assert.deepEqual(
    keys(
      detailsChangeRefusals(
        'upcoming',
        before,
        {
          ...before,
          audience: 'public',
          major: false,
          opensOn: '2026-04-01',
        },
        TODAY,
      ),
    ),
    ['audienceFixed', 'majorFixed'],
  );
  assert.deepEqual(
    keys(detailsChangeRefusals('open', before, { ...before, opensOn: '2026-04-01' }, TODAY)),
    ['opensOnFixed'],
  );
  assert.deepEqual(detailsChangeRefusals('open', before, { ...before }, TODAY), []);
  assert.deepEqual(keys(detailsChangeRefusals('closed', before, { ...before }, TODAY)), [
    'closedUnchanged',
  ]);
});

test('CON-01: once launched, a major consultation keeps the purpose and borough the board approved; its dates may move, to extend it', () => {
  const before = {
    audience: 'public',
    major: true,
    opensOn: '2026-03-01',
    closesOn: '2026-05-31',
    title: 'Policing priorities',
    purpose: 'To hear what matters',
    boroughId: null,
  };
  const keys = (r: { key: string }[]) => r.map((x) => x.key.split('.').pop());
  const changed = { ...before, purpose: 'To hear about something else', boroughId: 'camden' };
  assert.deepEqual(keys(detailsChangeRefusals('upcoming', before, changed, TODAY)), [
    'purposeApproved',
    'boroughApproved',
  ]);
  assert.equal(
    words(detailsChangeRefusals('open', before, changed, TODAY)[0]),
    'The purpose cannot be changed once a major consultation is launched: it is what the strategy board approved',
  );
  // Re-spacing the purpose and extending it by a month change nothing the board decided.
  assert.deepEqual(
    detailsChangeRefusals(
      'open',
      before,
      {
        ...before,
        purpose: 'To hear  what matters ',
        closesOn: '2026-06-30',
      },
      TODAY,
    ),
    [],
  );
  // Not ended by moving its closing date into the past: it is closed early, with a reason.
  assert.deepEqual(
    keys(detailsChangeRefusals('open', before, { ...before, closesOn: '2026-03-14' }, TODAY)),
    ['closesInPast'],
  );
  assert.deepEqual(
    detailsChangeRefusals('open', before, { ...before, closesOn: '2026-03-15' }, TODAY),
    [],
  );
  // A consultation that is not major never needed the board: its purpose may change.
  assert.deepEqual(
    detailsChangeRefusals(
      'upcoming',
      { ...before, major: false },
      { ...changed, major: false },
      TODAY,
    ),
    [],
  );
});
