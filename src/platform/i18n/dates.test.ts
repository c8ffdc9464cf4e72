import assert from 'node:assert/strict';
import path from 'node:path';
import { describe, test } from 'node:test';
import { formatDate, formatDateTime, formatMonth, formatTime } from './dates.js';
import { loadMessages } from './messages.js';
import { say, type Said } from './said.js';

const at = (iso: string) => new Date(iso);
const t = loadMessages(path.resolve('src')).translator('en');

describe('GOV.UK date and time formats', () => {
  test('a date reads "1 April 2026", a month "April 2026"', () => {
    assert.equal(formatMonth(t, '2026-04-17'), 'April 2026');
    assert.equal(formatDate(t, '2026-04-01'), '1 April 2026');
    assert.equal(formatDate(t, '2025-12-25'), '25 December 2025');
    assert.equal(formatDate(t, '2024-02-29'), '29 February 2024');
  });

  test('a date and time reads "1 April 2026 at 2:05pm" in London time', () => {
    // 13:05 UTC is 14:05 BST.
    assert.equal(formatDateTime(t, at('2026-04-01T13:05:00Z')), '1 April 2026 at 2:05pm');
    assert.equal(formatDateTime(t, at('2026-01-10T09:30:00Z')), '10 January 2026 at 9:30am');
  });

  test('on the hour there are no minutes: "2pm", not "2:00pm"', () => {
    assert.equal(formatTime(t, at('2026-01-10T14:00:00Z')), '2pm');
    assert.equal(formatTime(t, at('2026-01-10T09:00:45Z')), '9am', 'seconds are not shown');
  });

  test('midday and midnight are words, not "12pm" and "12am"', () => {
    assert.equal(formatDateTime(t, at('2026-01-10T12:00:00Z')), '10 January 2026 at midday');
    assert.equal(formatDateTime(t, at('2026-01-10T00:00:00Z')), '10 January 2026 at midnight');
    assert.equal(formatTime(t, at('2026-01-10T12:30:00Z')), '12:30pm');
    assert.equal(formatTime(t, at('2026-01-10T00:30:00Z')), '12:30am');
  });

  test('midnight in summer belongs to the London date, not the UTC one', () => {
    // 23:00 UTC on 30 June is 00:00 BST on 1 July.
    assert.equal(formatDateTime(t, at('2026-06-30T23:00:00Z')), '1 July 2026 at midnight');
  });

  test('times either side of the clocks going forward and back', () => {
    assert.equal(formatTime(t, at('2026-03-29T00:59:00Z')), '12:59am');
    assert.equal(formatTime(t, at('2026-03-29T01:00:00Z')), '2am');
    assert.equal(formatTime(t, at('2026-10-25T00:30:00Z')), '1:30am', 'BST');
    assert.equal(formatTime(t, at('2026-10-25T01:30:00Z')), '1:30am', 'GMT, the hour repeated');
  });
});

describe('dates in another language', () => {
  // A test-only catalogue: the months and patterns come from the language's own catalogue.
  const welsh = loadMessages(path.resolve('src'), {
    cy: {
      platform: {
        dates: {
          month: { april: 'Ebrill' },
          midday: 'canol dydd',
          morning: '{{clock}}yb',
          dateTime: '{{date}} am {{time}}',
        },
      },
    },
  }).translator('cy');

  test('a Welsh catalogue words the month and the time in Welsh', () => {
    assert.equal(formatDate(welsh, '2026-04-01'), '1 Ebrill 2026');
    assert.equal(formatDateTime(welsh, at('2026-04-01T11:00:00Z')), '1 Ebrill 2026 am canol dydd');
    assert.equal(formatTime(welsh, at('2026-01-10T09:30:00Z')), '9:30yb');
  });

  test('a date inside a sentence (a Said value) is worded in the language that says it', () => {
    const said = { key: 'dates.dateTime', values: { date: { date: '2026-04-01' }, time: 'x' } };
    assert.equal(say(t, said), '1 April 2026 at x');
    assert.equal(say(welsh, said), '1 Ebrill 2026 am x');
    assert.equal(
      say(t, { key: 'dates.monthOfYear', values: { month: 'May', year: 2026 } }),
      'May 2026',
    );
    assert.equal(
      say(t, {
        key: 'dates.dateTime',
        values: { date: { month: '2026-04-09' }, time: { dateTime: '2026-01-10T12:00:00Z' } },
      }),
      'April 2026 at 10 January 2026 at midday',
    );
  });

  test('a Said value goes through say: t takes only text and numbers (a date object is a type error)', () => {
    const said: Said = {
      key: 'dates.dateTime',
      values: { date: { date: '2026-04-01' }, time: 'x' },
    };
    // @ts-expect-error: a Said's values may hold { date } objects, which only say words.
    const unworded = t(said.key, said.values);
    assert.notEqual(unworded, say(t, said));
    assert.equal(t(said.key, { date: '1 April 2026', time: 'x' }), say(t, said));
  });
});
