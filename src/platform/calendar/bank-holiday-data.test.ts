import assert from 'node:assert/strict';
import path from 'node:path';
import { test } from 'node:test';
import { loadMessages } from '../i18n/messages.js';
import { say } from '../i18n/said.js';
import {
  BankHolidayFileError,
  bankHolidayDataWarning,
  fixedRuleHolidays,
  mergeBankHolidayData,
  parseGovUkBankHolidays,
  ukBankHolidays,
} from './index.js';

const t = loadMessages(path.resolve('src')).translator('en');

/** Checks a refused file's reason, as the upload page words it. */
const saying = (pattern: RegExp) => (error: unknown) =>
  error instanceof BankHolidayFileError && pattern.test(say(t, error.reason));

/** A file laid out as GOV.UK publishes https://www.gov.uk/bank-holidays.json, for 2031. */
const govUk2031 = {
  'england-and-wales': {
    division: 'england-and-wales',
    events: [
      { title: 'New Year’s Day', date: '2031-01-01', notes: '', bunting: true },
      { title: 'Early May bank holiday', date: '2031-05-05', notes: '', bunting: true },
      { title: 'Boxing Day', date: '2031-12-26', notes: '', bunting: true },
    ],
  },
  scotland: {
    division: 'scotland',
    events: [
      { title: 'New Year’s Day', date: '2031-01-01', notes: '', bunting: true },
      { title: '2nd January', date: '2031-01-02', notes: '', bunting: true },
    ],
  },
  'northern-ireland': {
    division: 'northern-ireland',
    events: [
      { title: 'New Year’s Day', date: '2031-01-01', notes: '', bunting: true },
      { title: 'St Patrick’s Day', date: '2031-03-17', notes: 'Substitute day', bunting: true },
    ],
  },
};

test('issue 21 item 16: the GOV.UK bank-holidays file is read, its three divisions merged by day', () => {
  const data = parseGovUkBankHolidays(govUk2031);
  assert.equal(data.firstYear, 2031);
  assert.equal(data.lastYear, 2031);
  assert.deepEqual(data.holidays.find((h) => h.date === '2031-01-01')!.nations, [
    'england-and-wales',
    'scotland',
    'northern-ireland',
  ]);
  assert.deepEqual(data.holidays.find((h) => h.date === '2031-01-02')!.nations, ['scotland']);
  assert.equal(data.holidays.find((h) => h.date === '2031-03-17')!.substitute, true);
  // It extends what Bridge ships; a file leaving a gap, or not laid out as GOV.UK's, is refused.
  const merged = mergeBankHolidayData(ukBankHolidays, data);
  assert.equal(merged.firstYear, ukBankHolidays.firstYear);
  assert.equal(merged.lastYear, 2031);
  assert.ok(merged.holidays.some((h) => h.date === '2031-05-05'));
  assert.ok(merged.holidays.some((h) => h.date === '2030-12-25'));
  const later = JSON.parse(JSON.stringify(govUk2031).replace(/2031-/g, '2033-')) as unknown;
  assert.throws(
    () => mergeBankHolidayData(ukBankHolidays, parseGovUkBankHolidays(later)),
    saying(/covers 2033 to 2033, which does not meet the 2020 to 2030/),
  );
  assert.throws(
    () => parseGovUkBankHolidays({ events: [] }),
    saying(/no "england-and-wales" division/),
  );
  assert.throws(
    () =>
      parseGovUkBankHolidays({
        ...govUk2031,
        scotland: { events: [{ title: 'x', date: '31/01/2031' }] },
      }),
    saying(/scotland event 1 needs a date like 2031-01-01/),
  );
});

test('issue 21 item 16: administrators are warned from a year before the data runs out, and told what happens after', () => {
  assert.equal(bankHolidayDataWarning(ukBankHolidays, '2029-12-31'), null);
  assert.match(
    say(t, bankHolidayDataWarning(ukBankHolidays, '2030-01-01')!),
    /^The bank-holiday data ends on 31 December 2030\. After it, working days .* will count only weekends, New Year’s Day, Good Friday, Easter Monday, Christmas Day and Boxing Day/,
  );
  assert.match(
    say(t, bankHolidayDataWarning(ukBankHolidays, '2031-01-01')!),
    /^The bank-holiday data ended on 31 December 2030\..*BANK_HOLIDAYS_FILE/,
  );
});

test('issue 21 item 16: the fixed-rule holidays of a year past the data, weekends moved to the next free weekday', () => {
  assert.deepEqual(
    fixedRuleHolidays(2032).map((h) => [h.date, h.title]),
    [
      ['2032-01-01', 'New Year’s Day'],
      ['2032-03-26', 'Good Friday'],
      ['2032-03-29', 'Easter Monday'],
      ['2032-12-27', 'Christmas Day'],
      ['2032-12-28', 'Boxing Day'],
    ],
  );
  // 2033: Christmas on a Sunday, so Boxing Day keeps Monday and Christmas moves to Tuesday.
  assert.deepEqual(
    fixedRuleHolidays(2033)
      .filter((h) => h.date > '2033-12-01')
      .map((h) => h.date),
    ['2033-12-26', '2033-12-27'],
  );
  // Checked against the shipped (published) data for years it has.
  for (const year of [2021, 2022, 2027]) {
    const listed = new Set(
      ukBankHolidays.holidays.filter((h) => h.date.startsWith(String(year))).map((h) => h.date),
    );
    for (const h of fixedRuleHolidays(year)) assert.ok(listed.has(h.date), `${h.date} ${h.title}`);
  }
});
