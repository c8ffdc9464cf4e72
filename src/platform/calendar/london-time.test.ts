import assert from 'node:assert/strict';
import { describe, test } from 'node:test';
import {
  londonInstant,
  londonMinutes,
  parseClockTime,
  startOfLondonDay,
  toLondonDate,
  todayInLondon,
} from './index.js';

const at = (iso: string) => new Date(iso);

describe('today in Europe/London', () => {
  test('late evening in winter (GMT) is still the same day', () => {
    assert.equal(todayInLondon(at('2026-03-28T23:30:00Z')), '2026-03-28');
    assert.equal(todayInLondon(at('2026-01-15T23:59:59Z')), '2026-01-15');
  });

  test('late evening in summer (BST) is already the next day', () => {
    assert.equal(todayInLondon(at('2026-06-30T23:30:00Z')), '2026-07-01');
    assert.equal(todayInLondon(at('2026-03-31T22:59:59Z')), '2026-03-31');
    assert.equal(todayInLondon(at('2026-03-31T23:00:00Z')), '2026-04-01');
  });

  test('the day the clocks go forward (29 March 2026, 01:00 UTC)', () => {
    assert.equal(toLondonDate(at('2026-03-29T00:30:00Z')), '2026-03-29');
    assert.equal(toLondonDate(at('2026-03-28T23:59:59Z')), '2026-03-28');
    assert.equal(toLondonDate(at('2026-03-29T23:30:00Z')), '2026-03-30', 'BST from 01:00 UTC');
  });

  test('the day the clocks go back (25 October 2026, 01:00 UTC)', () => {
    assert.equal(toLondonDate(at('2026-10-24T23:30:00Z')), '2026-10-25', 'still BST');
    assert.equal(toLondonDate(at('2026-10-25T23:30:00Z')), '2026-10-25', 'GMT again');
  });
});

test('startOfLondonDay is midnight GMT in winter and 23:00 UTC the day before in summer', () => {
  assert.equal(startOfLondonDay('2026-01-15').toISOString(), '2026-01-15T00:00:00.000Z');
  assert.equal(startOfLondonDay('2026-07-01').toISOString(), '2026-06-30T23:00:00.000Z');
  assert.equal(startOfLondonDay('2026-03-29').toISOString(), '2026-03-29T00:00:00.000Z');
});

describe('times of day as people type them', () => {
  test('24-hour and 12-hour clocks, with the words GOV.UK uses', () => {
    assert.equal(parseClockTime('18:30'), 18 * 60 + 30);
    assert.equal(parseClockTime('6:30pm'), 18 * 60 + 30);
    assert.equal(parseClockTime('6.30 PM'), 18 * 60 + 30);
    assert.equal(parseClockTime('6pm'), 18 * 60);
    assert.equal(parseClockTime('12am'), 0);
    assert.equal(parseClockTime('12pm'), 12 * 60);
    assert.equal(parseClockTime('midday'), 12 * 60);
    assert.equal(parseClockTime('midnight'), 0);
    assert.equal(parseClockTime('09:05'), 9 * 60 + 5);
  });

  test('what is not a time is refused', () => {
    for (const bad of ['', '6', '25:00', '13pm', '0am', '18:60', 'evening', '18:3'])
      assert.equal(parseClockTime(bad), null, bad);
  });

  test('a London wall-clock time is GMT in winter and BST in summer', () => {
    assert.equal(
      londonInstant('2026-01-15', 18 * 60 + 30).toISOString(),
      '2026-01-15T18:30:00.000Z',
    );
    assert.equal(
      londonInstant('2026-07-15', 18 * 60 + 30).toISOString(),
      '2026-07-15T17:30:00.000Z',
    );
    assert.equal(londonMinutes(new Date('2026-07-15T17:30:00Z')), 18 * 60 + 30);
  });
});

describe('London time read once an hour', () => {
  test('every quarter hour of two years agrees with the time zone database', () => {
    const wall = new Intl.DateTimeFormat('en-GB', {
      timeZone: 'Europe/London',
      year: 'numeric',
      month: '2-digit',
      day: '2-digit',
      hour: '2-digit',
      minute: '2-digit',
      hourCycle: 'h23',
    });
    for (
      let t = Date.parse('2025-01-01T00:00:00Z');
      t < Date.parse('2027-01-01T00:00:00Z');
      t += 900_000
    ) {
      const parts = Object.fromEntries(
        wall.formatToParts(new Date(t)).map((p) => [p.type, p.value]),
      );
      const instant = new Date(t + 59_000);
      assert.equal(toLondonDate(instant), `${parts.year}-${parts.month}-${parts.day}`);
      assert.equal(londonMinutes(instant), Number(parts.hour) * 60 + Number(parts.minute));
    }
  });
});
