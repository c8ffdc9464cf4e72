import assert from 'node:assert/strict';
import { describe, test } from 'node:test';
import {
  FOI_RESPONSE_WORKING_DAYS,
  addCalendarDays,
  createWorkingDayCalendar,
  ukBankHolidays,
  ukWorkingDays,
  workingDaysIn,
  type UkNation,
} from './index.js';

const { isWorkingDay, addWorkingDays, workingDaysBetween, foiResponseDueDate } = ukWorkingDays;

/** A calendar with one jurisdiction's holidays only: what a naive implementation would use. */
const onlyHolidaysOf = (nation: UkNation) =>
  createWorkingDayCalendar(ukBankHolidays.holidays.filter((h) => h.nations.includes(nation)));

describe('FOI-01: working days', () => {
  test('FOI-01: weekends and bank holidays are not working days; other weekdays are', () => {
    assert.equal(isWorkingDay('2026-04-08'), true, 'a Wednesday');
    assert.equal(isWorkingDay('2026-04-04'), false, 'a Saturday');
    assert.equal(isWorkingDay('2026-04-05'), false, 'a Sunday');
    assert.equal(isWorkingDay('2026-04-03'), false, 'Good Friday');
    assert.equal(isWorkingDay('2026-04-06'), false, 'Easter Monday');
    assert.equal(isWorkingDay('2026-12-28'), false, 'Boxing Day substitute');
  });

  test('FOI-01: a holiday in Scotland or Northern Ireland alone is not a working day anywhere', () => {
    assert.equal(isWorkingDay('2026-01-02'), false, '2 January, Scotland');
    assert.equal(isWorkingDay('2026-08-03'), false, 'summer bank holiday, Scotland');
    assert.equal(isWorkingDay('2026-11-30'), false, 'St Andrew’s Day, Scotland');
    assert.equal(isWorkingDay('2026-03-17'), false, 'St Patrick’s Day, Northern Ireland');
    assert.equal(isWorkingDay('2026-07-13'), false, 'Battle of the Boyne, Northern Ireland');
    assert.equal(onlyHolidaysOf('england-and-wales').isWorkingDay('2026-03-17'), true);
  });

  test('FOI-01: Christmas Day and Good Friday are not working days even when no list names them', () => {
    const bare = createWorkingDayCalendar([]);
    assert.equal(bare.isWorkingDay('2026-12-25'), false, 'Christmas Day, a Friday');
    assert.equal(bare.isWorkingDay('2026-04-03'), false, 'Good Friday 2026');
    assert.equal(bare.isWorkingDay('2031-04-11'), false, 'Good Friday 2031');
    assert.equal(
      bare.isWorkingDay('2026-12-28'),
      true,
      'Boxing Day substitute is only in the list',
    );
    assert.equal(bare.isWorkingDay('2026-04-06'), true, 'Easter Monday is only in the list');
  });

  test('issue 21 item 16: FOI-01: past the bank-holiday data, weekends and the fixed-rule holidays count, never an error, and the calendar says so', () => {
    assert.equal(ukBankHolidays.lastYear, 2030, 'the shipped data ends in 2030');
    assert.equal(ukWorkingDays.beyondData('2030-12-31'), false);
    assert.equal(ukWorkingDays.beyondData('2031-01-02'), true);
    assert.equal(isWorkingDay('2031-01-01'), false, 'New Year’s Day, a Wednesday');
    assert.equal(isWorkingDay('2031-01-02'), true, 'a Thursday');
    assert.equal(isWorkingDay('2031-04-11'), false, 'Good Friday 2031');
    assert.equal(isWorkingDay('2031-04-14'), false, 'Easter Monday 2031');
    assert.equal(isWorkingDay('2031-12-25'), false, 'Christmas Day, a Thursday');
    assert.equal(isWorkingDay('2031-12-26'), false, 'Boxing Day, a Friday');
    // 2032: Christmas on a Saturday, Boxing Day on a Sunday: both move to the weekdays after.
    assert.equal(isWorkingDay('2032-12-27'), false);
    assert.equal(isWorkingDay('2032-12-28'), false);
    assert.equal(isWorkingDay('2032-12-29'), true);
    // 2033: New Year's Day on a Saturday moves to Monday 3 January.
    assert.equal(isWorkingDay('2033-01-03'), false);
    assert.equal(isWorkingDay('2019-12-31'), true, 'before the data: a Tuesday');
    // A count across the end of the data: 20 December 2030 plus twenty working days, skipping
    // the listed Christmas 2030 and the fixed-rule New Year 2031.
    assert.equal(foiResponseDueDate('2030-12-20'), '2031-01-22');
    assert.equal(foiResponseDueDate('2030-11-01'), '2030-11-29');
    // Scotland has no Easter Monday: its calendar past the data does not count one.
    assert.equal(workingDaysIn('scotland').isWorkingDay('2031-04-14'), true);
    assert.equal(workingDaysIn('england-and-wales').isWorkingDay('2031-04-14'), false);
  });

  test('counting working days forwards and backwards', () => {
    assert.equal(addWorkingDays('2026-04-08', 0), '2026-04-08');
    assert.equal(addWorkingDays('2026-04-08', 1), '2026-04-09');
    assert.equal(addWorkingDays('2026-04-10', 1), '2026-04-13', 'Friday to Monday');
    assert.equal(addWorkingDays('2026-04-02', 1), '2026-04-07', 'over Easter');
    assert.equal(addWorkingDays('2026-04-07', -1), '2026-04-02', 'back over Easter');
    assert.equal(addWorkingDays('2026-01-05', -2), '2025-12-30', 'back over New Year');
    assert.throws(() => addWorkingDays('2026-04-08', 1.5), RangeError);
    assert.throws(() => addWorkingDays('2026-02-30', 1), RangeError);
  });

  test('working days between two dates count the later day but not the earlier one', () => {
    assert.equal(workingDaysBetween('2026-04-08', '2026-04-08'), 0);
    assert.equal(workingDaysBetween('2026-04-10', '2026-04-13'), 1);
    assert.equal(workingDaysBetween('2026-04-02', '2026-04-07'), 1);
    assert.equal(workingDaysBetween('2026-03-20', '2026-04-21'), 20);
    assert.equal(workingDaysBetween('2026-04-21', '2026-03-20'), -20);
  });
});

describe('FOI-01: the response is due on the twentieth working day after receipt', () => {
  test('FOI-01: a request received on Monday 1 December 2025 is due on Wednesday 31 December', () => {
    // 25 and 26 December are not counted.
    assert.equal(foiResponseDueDate('2025-12-01'), '2025-12-31');
  });

  test('FOI-01: a request received on 10 December 2025 is due on 13 January 2026, Scotland’s 2 January not counted', () => {
    assert.equal(foiResponseDueDate('2025-12-10'), '2026-01-13');
    assert.equal(
      onlyHolidaysOf('england-and-wales').foiResponseDueDate('2025-12-10'),
      '2026-01-12',
    );
  });

  test('FOI-01: a request received on 20 March 2026 is due on 21 April, Good Friday and Easter Monday not counted', () => {
    assert.equal(foiResponseDueDate('2026-03-20'), '2026-04-21');
  });

  test('FOI-01: a request received on 20 July 2026 is due on 18 August, Scotland’s 3 August not counted', () => {
    assert.equal(foiResponseDueDate('2026-07-20'), '2026-08-18');
    assert.equal(
      onlyHolidaysOf('england-and-wales').foiResponseDueDate('2026-07-20'),
      '2026-08-17',
    );
  });

  test('FOI-01: a request received on 2 March 2026 is due on 31 March, St Patrick’s Day not counted', () => {
    assert.equal(foiResponseDueDate('2026-03-02'), '2026-03-31');
    assert.equal(onlyHolidaysOf('scotland').foiResponseDueDate('2026-03-02'), '2026-03-30');
  });

  test('FOI-01: a request received on 1 July 2026 is due on 30 July, the Boyne holiday on 13 July not counted', () => {
    assert.equal(foiResponseDueDate('2026-07-01'), '2026-07-30');
    assert.equal(
      onlyHolidaysOf('england-and-wales').foiResponseDueDate('2026-07-01'),
      '2026-07-29',
    );
  });

  test('FOI-01: a request received on 1 September 2022 was due on 30 September, the State Funeral not counted', () => {
    assert.equal(foiResponseDueDate('2022-09-01'), '2022-09-30');
  });

  test('FOI-01: a request received at a weekend or on a bank holiday counts from the next working day', () => {
    // Friday 1 May, Saturday 2 May and bank-holiday Monday 4 May 2026 all start the count on 5 May.
    assert.equal(foiResponseDueDate('2026-05-01'), '2026-06-02');
    assert.equal(foiResponseDueDate('2026-05-02'), '2026-06-02');
    assert.equal(foiResponseDueDate('2026-05-04'), '2026-06-02');
    assert.equal(foiResponseDueDate('2026-05-05'), '2026-06-03');
  });

  test('FOI-01: for every day of receipt over a year, the due date is a working day exactly 20 working days on', () => {
    // A year that takes in every kind of holiday: Christmas, New Year, Easter, May, July, August.
    for (let day = '2025-10-01'; day <= '2026-09-30'; day = addCalendarDays(day, 1)) {
      const due = foiResponseDueDate(day);
      assert.equal(isWorkingDay(due), true, `${day} -> ${due}`);
      assert.equal(workingDaysBetween(day, due), FOI_RESPONSE_WORKING_DAYS, `${day} -> ${due}`);
    }
  });
});

test('one nation’s working days skip only its own bank holidays', () => {
  const england = workingDaysIn('england-and-wales');
  const scotland = workingDaysIn('scotland');
  // 4 January 2027 is Scotland's substitute for 2 January, not a holiday in England and Wales.
  assert.equal(england.isWorkingDay('2027-01-04'), true);
  assert.equal(scotland.isWorkingDay('2027-01-04'), false);
  // Boxing Day 2026 falls on a Saturday; Monday 28 December is the substitute everywhere.
  assert.equal(england.isWorkingDay('2026-12-28'), false);
});
