import assert from 'node:assert/strict';
import { test } from 'node:test';
import {
  closedOn,
  findBursts,
  mayBeginResponse,
  nextQuestion,
  personalDataRemovedOn,
  previousQuestion,
  readAnswer,
  unansweredRequired,
  visibleQuestions,
  type RuleQuestion,
} from './response-rules.js';

const q = (id: string, position: number, extra: Partial<RuleQuestion> = {}): RuleQuestion => ({
  id,
  position,
  kind: 'single',
  text: `Question ${id}`,
  required: false,
  ratingScale: null,
  shownIfOptionId: null,
  options: [],
  ...extra,
});

const questions = [
  q('a', 1, { options: [{ id: 'a-yes' }, { id: 'a-no' }], required: true }),
  q('b', 2, { kind: 'text', shownIfOptionId: 'a-yes', required: true }),
  q('c', 3, { options: [{ id: 'c-1' }], shownIfOptionId: 'a-yes' }),
  q('d', 4, { kind: 'rating', ratingScale: 5, shownIfOptionId: 'c-1' }),
  q('e', 5, { kind: 'multiple', options: [{ id: 'e-1' }, { id: 'e-2' }] }),
];
const ids = (list: readonly RuleQuestion[]) => list.map((x) => x.id).join('');

test('a question shown only after a given answer is asked once that option is chosen', () => {
  assert.equal(ids(visibleQuestions(questions, new Set())), 'ae');
  assert.equal(ids(visibleQuestions(questions, new Set(['a-no']))), 'ae');
  assert.equal(ids(visibleQuestions(questions, new Set(['a-yes']))), 'abce');
  assert.equal(ids(visibleQuestions(questions, new Set(['a-yes', 'c-1']))), 'abcde');
  // An option of a question no longer asked shows nothing after it.
  assert.equal(ids(visibleQuestions(questions, new Set(['a-no', 'c-1']))), 'ae');
});

test('the next and previous questions skip those not asked', () => {
  const visible = visibleQuestions(questions, new Set(['a-no']));
  assert.equal(nextQuestion(visible, 1)?.id, 'e');
  assert.equal(nextQuestion(visible, 5), null);
  assert.equal(previousQuestion(visible, 5)?.id, 'a');
  assert.equal(previousQuestion(visible, 1), null);
});

test('an answer is read by its kind; a choice not offered is no answer', () => {
  const saving = { saving: false };
  assert.deepEqual(readAnswer(questions[0]!, 'a-yes', saving).answer, {
    kind: 'options',
    optionIds: ['a-yes'],
  });
  assert.deepEqual(readAnswer(questions[4]!, ['e-2', 'e-1', 'e-2', 'x'], saving).answer, {
    kind: 'options',
    optionIds: ['e-2', 'e-1'],
  });
  assert.equal(readAnswer(questions[4]!, ['x'], saving).answer, null);
  assert.deepEqual(readAnswer(questions[3]!, '4', saving).answer, { kind: 'rating', rating: 4 });
  assert.equal(readAnswer(questions[3]!, '6', saving).answer, null);
  assert.equal(readAnswer(questions[3]!, '0', saving).answer, null);
  assert.deepEqual(readAnswer(questions[1]!, '  More patrols \r\n', saving).answer, {
    kind: 'text',
    text: 'More patrols',
  });
  assert.equal(
    readAnswer(questions[1]!, 'x'.repeat(5001), saving).refusal?.key,
    'consultation:responding.errors.tooLong',
  );
});

test('a required question left unanswered is refused naming it, unless saved to finish later', () => {
  const refused = readAnswer(questions[0]!, undefined, { saving: false }).refusal;
  assert.deepEqual(refused, {
    field: 'answer',
    key: 'consultation:responding.errors.choose',
    values: { question: 'Question a' },
  });
  assert.equal(
    readAnswer(questions[1]!, ' ', { saving: false }).refusal?.key,
    'consultation:responding.errors.enter',
  );
  assert.equal(readAnswer(questions[0]!, undefined, { saving: true }).refusal, null);
  const visible = visibleQuestions(questions, new Set(['a-yes']));
  assert.equal(ids(unansweredRequired(visible, new Set(['a']))), 'b');
  assert.equal(ids(unansweredRequired(visible, new Set(['a', 'b']))), '');
});

test('an address may begin responses up to the limit an hour', () => {
  assert.equal(mayBeginResponse(19, 20), true);
  assert.equal(mayBeginResponse(20, 20), false);
});

test('a burst is ten or more responses from one address within fifteen minutes', () => {
  const at = (minute: number) => new Date(Date.UTC(2026, 10, 23, 14, minute));
  const starts = [
    ...Array.from({ length: 12 }, (_, i) => ({
      id: `x${i}`,
      addressHash: 'aaaaaaaaaaaa',
      startedAt: at(2 + Math.floor(i / 2)),
      setAside: i === 0,
    })),
    // Nine within the window from another address: no burst.
    ...Array.from({ length: 9 }, (_, i) => ({
      id: `y${i}`,
      addressHash: 'bbbbbbbbbbbb',
      startedAt: at(i),
      setAside: false,
    })),
    // Ten spread over an hour: no burst.
    ...Array.from({ length: 10 }, (_, i) => ({
      id: `z${i}`,
      addressHash: 'cccccccccccc',
      startedAt: at(i * 6 > 59 ? 59 : i * 6),
      setAside: false,
    })),
  ];
  const bursts = findBursts(starts);
  assert.equal(bursts.length, 1);
  assert.equal(bursts[0]!.ref, 'aaaaaaaa');
  assert.equal(bursts[0]!.responseIds.length, 12);
  assert.equal(bursts[0]!.setAsideCount, 1);
  assert.deepEqual([bursts[0]!.from, bursts[0]!.to], [at(2), at(7)]);
});

test('two bursts from one address an hour apart are two', () => {
  const starts = [0, 60].flatMap((base) =>
    Array.from({ length: 10 }, (_, i) => ({
      id: `${base}-${i}`,
      addressHash: 'dddddddddd',
      startedAt: new Date(Date.UTC(2026, 10, 23, 9, base + i)),
      setAside: false,
    })),
  );
  const bursts = findBursts(starts);
  assert.equal(bursts.length, 2);
  assert.ok(bursts[0]!.from > bursts[1]!.from, 'the latest first');
});

test('DP-03: personal data in the responses is removed once the consultation closed more than the retention period ago', () => {
  assert.equal(
    personalDataRemovedOn({ closesOn: '2026-04-10', closedEarlyAt: null }, 730),
    '2028-04-10',
  );
  assert.equal(
    personalDataRemovedOn({ closesOn: '2026-04-10', closedEarlyAt: null }, 30),
    '2026-05-11',
  );
  // Closed early: counted from the day it was closed (London's date).
  assert.equal(
    personalDataRemovedOn(
      { closesOn: '2026-04-10', closedEarlyAt: new Date('2026-03-31T23:30:00Z') },
      30,
    ),
    '2026-05-02',
  );
});

test('CON-07: a consultation closed early closed on the day it was closed, in London, not its planned closing date', () => {
  assert.equal(closedOn({ closesOn: '2027-02-01', closedEarlyAt: null }), '2027-02-01');
  assert.equal(
    closedOn({ closesOn: '2027-02-01', closedEarlyAt: new Date('2026-12-07T09:30:00Z') }),
    '2026-12-07',
  );
  // Half past midnight in London in summer is still the evening before in UTC.
  assert.equal(
    closedOn({ closesOn: '2027-08-30', closedEarlyAt: new Date('2026-07-06T23:30:00Z') }),
    '2026-07-07',
  );
});
