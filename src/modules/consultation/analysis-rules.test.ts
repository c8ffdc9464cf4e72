import assert from 'node:assert/strict';
import path from 'node:path';
import { test } from 'node:test';
import { loadMessages } from '../../platform/i18n/messages.js';
import { say } from '../../platform/i18n/said.js';
import {
  csvAnswer,
  isBreakdown,
  isCounted,
  matchToNewest,
  openDataRefusal,
  percentOf,
  publishedBreakdown,
  ratingMean,
  readTags,
  themeNameRefusal,
  type VersionQuestion,
} from './analysis-rules.js';

const when = new Date('2026-11-01T10:00:00Z');

test('only submitted responses not set aside are counted', () => {
  assert.equal(isCounted({ submittedAt: when, setAsideAt: null }), true);
  assert.equal(isCounted({ submittedAt: null, setAsideAt: null }), false);
  assert.equal(isCounted({ submittedAt: when, setAsideAt: when }), false);
});

const question = (
  id: string,
  versionNumber: number,
  position: number,
  text: string,
  options: string[] = [],
  kind: VersionQuestion['kind'] = 'single',
): VersionQuestion => ({
  id,
  versionNumber,
  position,
  kind,
  text,
  ratingScale: kind === 'rating' ? 5 : null,
  options: options.map((label) => ({ id: `${id}-${label}`, label })),
});

test("earlier versions' answers count for the newest question at the same position, kind and text", () => {
  const { newest, questionOf, optionOf } = matchToNewest([
    question('a1', 1, 1, 'Should we?', ['Yes', 'No']),
    question('b1', 1, 2, 'Why?', [], 'text'),
    question('c1', 1, 3, 'How safe?', [], 'rating'),
    question('a2', 2, 1, ' should we? ', ['yes', 'No', 'Not sure']),
    question('b2', 2, 2, 'Why not?', [], 'text'),
    question('c2', 2, 3, 'How safe?', ['x'], 'single'),
  ]);
  assert.deepEqual(
    newest.map((q) => q.id),
    ['a2', 'b2', 'c2'],
  );
  assert.equal(questionOf.get('a1'), 'a2');
  assert.equal(questionOf.get('a2'), 'a2');
  // Reworded, or of another kind: another question, left out.
  assert.equal(questionOf.get('b1'), undefined);
  assert.equal(questionOf.get('c1'), undefined);
  assert.equal(optionOf.get('a1-Yes'), 'a2-yes');
  assert.equal(optionOf.get('a1-No'), 'a2-No');
});

test('a share is a whole percentage of those who answered; a mean has one decimal', () => {
  assert.equal(percentOf(1, 3), 33);
  assert.equal(percentOf(2, 3), 67);
  assert.equal(percentOf(0, 0), 0);
  assert.equal(
    ratingMean([
      { value: 1, count: 1 },
      { value: 4, count: 2 },
    ]),
    3,
  );
  assert.equal(
    ratingMean([
      { value: 5, count: 2 },
      { value: 4, count: 1 },
    ]),
    4.7,
  );
  assert.equal(ratingMean([]), null);
});

/** One question's breakdown: each row a group, its respondents and its counts. */
function breakdownOf(
  rows: [string | null, number, number[]][],
  kind: 'single' | 'multiple' | 'rating' = 'single',
) {
  return publishedBreakdown({
    groups: rows.map(([value, respondents]) => ({ value, respondents })),
    questions: [
      {
        id: 'q',
        kind,
        groups: rows.map(([value, , counts]) => ({
          value,
          counts: counts.map((count) => ({ count })),
        })),
      },
    ],
  });
}

test('DP-01: a breakdown count below 10 is shown as "fewer than 10"', () => {
  const shown = breakdownOf([
    ['a', 40, [30, 10]],
    ['b', 25, [16, 9]],
    [null, 12, [6, 6]],
  ]);
  assert.equal(shown.respondents[0], '40');
  assert.equal(shown.questions[0]![0]![0], '30');
  assert.equal(shown.questions[0]![1]![1], 'fewer than 10');
  assert.equal(isBreakdown('ethnicGroup'), true);
  assert.equal(isBreakdown('religion'), false);
});

test('DP-01: a small group cannot be worked out from the responses counted less the groups shown', () => {
  // 69 counted; 30, 20 and 12 shown would leave the 7 as 69 − 30 − 20 − 12.
  const shown = breakdownOf([
    ['a', 30, [30, 0]],
    ['b', 20, [20, 0]],
    ['c', 7, [0, 7]],
    [null, 12, [12, 0]],
  ]);
  assert.deepEqual(shown.respondents, ['30', '20', 'fewer than 10', 'not shown']);
});

test("DP-01: a small count cannot be worked out from its answer's count for everyone less the groups shown", () => {
  // "No" for everyone is 45: the 12, 19 and 10 shown would leave c's 4.
  const shown = breakdownOf(
    [
      ['a', 50, [38, 12]],
      ['b', 60, [51, 19]],
      ['c', 30, [26, 4]],
      [null, 15, [15, 10]],
    ],
    'multiple',
  );
  const no = shown.questions[0]!.map((row) => row[1]);
  assert.deepEqual(no, ['12', '19', 'fewer than 10', 'not shown']);
});

test('DP-01: where the groups beside a small one are all small too, nothing more is hidden', () => {
  const shown = breakdownOf([
    ['big', 295, [180, 90, 25]],
    ['small', 5, [0, 0, 5]],
    [null, 0, [0, 0, 0]],
  ]);
  assert.deepEqual(shown.respondents, ['295', 'fewer than 10', 'fewer than 10']);
  assert.deepEqual(shown.questions[0]![0], ['180', '90', '25']);
});

const english = loadMessages(path.resolve('src')).translator('en');

test("a consultation's figures are published as open data only once it has closed", () => {
  for (const phase of ['draft', 'upcoming', 'open'] as const)
    assert.equal(
      say(english, openDataRefusal(phase)!),
      'The consultation has not closed: its figures can be published as open data once it has',
    );
  assert.equal(openDataRefusal('closed'), null);
});

test("a theme is named, not too long, and not another of the question's themes", () => {
  assert.equal(themeNameRefusal('  Street  lighting ', []).name, 'Street lighting');
  assert.equal(themeNameRefusal('', []).refusal?.key, 'consultation:analysis.errors.themeRequired');
  assert.equal(
    themeNameRefusal('x'.repeat(101), []).refusal?.key,
    'consultation:analysis.errors.themeTooLong',
  );
  assert.equal(
    themeNameRefusal('street lighting', ['Street lighting']).refusal?.key,
    'consultation:analysis.errors.themeTaken',
  );
});

test("a page of tags takes only answers on the page and the question's themes", () => {
  assert.deepEqual(
    readTags({ tags: ['a:t', 'a:t', 'b:u'], quotes: ['b'] }, ['a', 'b'], ['t', 'u']),
    {
      tags: [
        { answerId: 'a', themeId: 't' },
        { answerId: 'b', themeId: 'u' },
      ],
      quotes: ['b'],
    },
  );
  assert.equal(readTags({ tags: ['c:t'], quotes: [] }, ['a'], ['t']), null);
  assert.equal(readTags({ tags: ['a:v'], quotes: [] }, ['a'], ['t']), null);
  assert.equal(readTags({ tags: [], quotes: ['c'] }, ['a'], ['t']), null);
});

test("a multiple choice's options are joined by a semicolon in the CSV", () => {
  assert.equal(csvAnswer(['Lighting', 'Patrols']), 'Lighting; Patrols');
});
