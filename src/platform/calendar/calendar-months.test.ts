import assert from 'node:assert/strict';
import { describe, test } from 'node:test';
import { TZDate } from '@date-fns/tz';
import { addMonths, format } from 'date-fns';
import {
  addCalendarMonths,
  calendarMonthsDeadline,
  subjectAccessDueDate,
  withinCalendarMonths,
} from './index.js';

describe('calendar months', () => {
  test('the same day in a later month', () => {
    assert.equal(addCalendarMonths('2026-05-15', 3), '2026-08-15');
    assert.equal(addCalendarMonths('2026-11-15', 3), '2027-02-15');
    assert.equal(addCalendarMonths('2026-05-15', -3), '2026-02-15');
    assert.equal(addCalendarMonths('2026-05-15', 0), '2026-05-15');
  });

  test('a shorter month clamps to its last day', () => {
    assert.equal(addCalendarMonths('2026-08-31', 3), '2026-11-30');
    assert.equal(addCalendarMonths('2026-03-31', 1), '2026-04-30');
    assert.equal(addCalendarMonths('2026-05-31', -1), '2026-04-30');
  });

  test('31 January plus one month is 28 February, or 29 in a leap year', () => {
    assert.equal(addCalendarMonths('2025-01-31', 1), '2025-02-28');
    assert.equal(addCalendarMonths('2028-01-31', 1), '2028-02-29');
    assert.equal(addCalendarMonths('2100-01-31', 1), '2100-02-28', '2100 is not a leap year');
    assert.equal(addCalendarMonths('2000-01-31', 1), '2000-02-29', '2000 is a leap year');
  });

  test('29 February plus twelve months is 28 February', () => {
    assert.equal(addCalendarMonths('2024-02-29', 12), '2025-02-28');
    assert.equal(addCalendarMonths('2024-02-29', 48), '2028-02-29');
  });

  test('a malformed date, a fractional or a negative period is refused', () => {
    assert.throws(() => addCalendarMonths('2026-02-30', 1), RangeError);
    assert.throws(() => addCalendarMonths('2026-01-31', 0.5), RangeError);
    assert.throws(() => calendarMonthsDeadline('2026-01-31', -1), RangeError);
    assert.throws(() => withinCalendarMonths('2026-01-31', 3, '31/03/2026'), RangeError);
  });
});

describe('IAG-11: expense claims within three calendar months', () => {
  test('IAG-11: an expense on 31 August may be claimed until 30 November', () => {
    assert.equal(calendarMonthsDeadline('2026-08-31', 3), '2026-11-30');
    assert.equal(withinCalendarMonths('2026-08-31', 3, '2026-11-30'), true);
    assert.equal(withinCalendarMonths('2026-08-31', 3, '2026-12-01'), false);
  });

  test('IAG-11: an expense on 15 May may be claimed on 15 August but not on 16 August', () => {
    assert.equal(withinCalendarMonths('2026-05-15', 3, '2026-08-15'), true);
    assert.equal(withinCalendarMonths('2026-05-15', 3, '2026-08-16'), false);
  });

  test('IAG-11: an expense on 30 November runs to the end of February, leap years included', () => {
    assert.equal(calendarMonthsDeadline('2026-11-30', 3), '2027-02-28');
    assert.equal(calendarMonthsDeadline('2027-11-30', 3), '2028-02-29');
    assert.equal(withinCalendarMonths('2027-11-30', 3, '2028-02-29'), true);
    assert.equal(withinCalendarMonths('2026-11-30', 3, '2027-03-01'), false);
  });

  test('IAG-11: a claim on the day of the expense is in time; one dated before it is not', () => {
    assert.equal(withinCalendarMonths('2026-05-15', 3, '2026-05-15'), true);
    assert.equal(withinCalendarMonths('2026-05-15', 3, '2026-05-14'), false);
  });
});

describe('DP-02: subject access requests are answered within one month', () => {
  test('DP-02: a request received on 15 March is due on 15 April', () => {
    assert.equal(subjectAccessDueDate('2026-03-15'), '2026-04-15');
  });

  test('DP-02: a request received on 31 March is due on 30 April, the month having no 31st', () => {
    assert.equal(subjectAccessDueDate('2026-03-31'), '2026-04-30');
  });

  test('DP-02: a request received on 31 January is due on the last day of February', () => {
    assert.equal(subjectAccessDueDate('2026-01-31'), '2026-02-28');
    assert.equal(subjectAccessDueDate('2028-01-31'), '2028-02-29');
    assert.equal(subjectAccessDueDate('2028-01-30'), '2028-02-29');
  });

  test('DP-02: a request received on 31 December is due on 31 January', () => {
    assert.equal(subjectAccessDueDate('2026-12-31'), '2027-01-31');
  });
});

describe('calendar months by native arithmetic', () => {
  test('every day of four years, a month count from -25 to 25, agrees with date-fns', () => {
    for (let t = Date.parse('2023-01-01'); t < Date.parse('2027-01-01'); t += 86_400_000) {
      const day = new Date(t).toISOString().slice(0, 10);
      for (let n = -25; n <= 25; n += 4) {
        const expected = format(addMonths(new TZDate(`${day}T00:00:00Z`, 'UTC'), n), 'yyyy-MM-dd');
        assert.equal(addCalendarMonths(day, n), expected, `${day} + ${n} months`);
      }
    }
  });
});
