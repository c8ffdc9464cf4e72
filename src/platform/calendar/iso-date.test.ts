import assert from 'node:assert/strict';
import { describe, test } from 'node:test';
import { addCalendarDays, isIsoDate, parseIsoDate } from './index.js';

describe('ISO calendar dates', () => {
  test('a real date parses to itself', () => {
    assert.equal(parseIsoDate('2026-04-01'), '2026-04-01');
    assert.equal(parseIsoDate('2024-02-29'), '2024-02-29');
    assert.equal(isIsoDate('2026-12-31'), true);
  });

  test('an impossible day is rejected', () => {
    assert.equal(parseIsoDate('2023-02-30'), null);
    assert.equal(parseIsoDate('2023-02-29'), null, '2023 is not a leap year');
    assert.equal(parseIsoDate('2100-02-29'), null, '2100 is not a leap year');
    assert.equal(parseIsoDate('2026-04-31'), null);
    assert.equal(parseIsoDate('2026-13-01'), null);
    assert.equal(parseIsoDate('2026-00-10'), null);
    assert.equal(parseIsoDate('2026-01-00'), null);
  });

  test('anything but YYYY-MM-DD is rejected', () => {
    for (const s of [
      '',
      '2026-4-1',
      '01/04/2026',
      '2026-04-01T00:00:00Z',
      ' 2026-04-01',
      '2026-04-01 ',
      '20260401',
      '+02026-04-01',
    ]) {
      assert.equal(parseIsoDate(s), null, JSON.stringify(s));
    }
    assert.equal(isIsoDate(20260401), false);
    assert.equal(isIsoDate(new Date('2026-04-01')), false);
    assert.equal(isIsoDate(null), false);
  });

  test('adding days crosses month, year and leap-day boundaries', () => {
    assert.equal(addCalendarDays('2026-01-31', 1), '2026-02-01');
    assert.equal(addCalendarDays('2024-02-28', 1), '2024-02-29');
    assert.equal(addCalendarDays('2025-02-28', 1), '2025-03-01');
    assert.equal(addCalendarDays('2026-12-31', 1), '2027-01-01');
    assert.equal(addCalendarDays('2026-03-01', -1), '2026-02-28');
    // The clocks change on 29 March 2026; a calendar day is still one day.
    assert.equal(addCalendarDays('2026-03-28', 2), '2026-03-30');
  });

  test('calendar arithmetic refuses a malformed date or a fractional count', () => {
    assert.throws(() => addCalendarDays('2023-02-30', 1), RangeError);
    assert.throws(() => addCalendarDays('2026-04-01', 1.5), RangeError);
  });
});
