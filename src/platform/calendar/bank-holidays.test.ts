import assert from 'node:assert/strict';
import { describe, test } from 'node:test';
import { TZDate } from '@date-fns/tz';
import { addDays, format, isWeekend, nextMonday, previousMonday } from 'date-fns';
import {
  UK_NATIONS,
  easterSunday,
  parseBankHolidayData,
  ukBankHolidays,
  type IsoDate,
  type UkNation,
} from './index.js';

// Rules are worked out here with date-fns directly, not with the module's own helpers.
const day = (year: number, month: number, date: number) => new TZDate(year, month - 1, date, 'UTC');
const iso = (date: Date): IsoDate => format(date, 'yyyy-MM-dd');

const firstMonday = (year: number, month: number) => iso(nextMonday(day(year, month, 0)));
const lastMonday = (year: number, month: number) => iso(previousMonday(day(year, month + 1, 1)));
const easterOffset = (year: number, days: number) =>
  iso(addDays(new TZDate(`${easterSunday(year)}T00:00:00Z`, 'UTC'), days));

/** Each day that falls at a weekend moves to the next weekday not already taken. */
function observed(...dates: TZDate[]): IsoDate[] {
  const taken: IsoDate[] = [];
  for (const date of dates) {
    let candidate = date;
    while (isWeekend(candidate) || taken.includes(iso(candidate))) {
      candidate = addDays(candidate, 1);
    }
    taken.push(iso(candidate));
  }
  return taken;
}

/** The standing rules of each jurisdiction, before any one-off change by proclamation. */
function standingRules(year: number): Record<UkNation, IsoDate[]> {
  const goodFriday = easterOffset(year, -2);
  const easterMonday = easterOffset(year, 1);
  const christmas = observed(day(year, 12, 25), day(year, 12, 26));
  const englandAndWales = [
    ...observed(day(year, 1, 1)),
    goodFriday,
    easterMonday,
    firstMonday(year, 5),
    lastMonday(year, 5),
    lastMonday(year, 8),
    ...christmas,
  ];
  return {
    'england-and-wales': englandAndWales,
    scotland: [
      ...observed(day(year, 1, 1), day(year, 1, 2)),
      goodFriday,
      firstMonday(year, 5),
      lastMonday(year, 5),
      firstMonday(year, 8),
      ...observed(day(year, 11, 30)),
      ...christmas,
    ],
    'northern-ireland': [
      ...englandAndWales,
      ...observed(day(year, 3, 17)),
      ...observed(day(year, 7, 12)),
    ],
  };
}

/** One-off changes announced by proclamation; they applied in every part of the UK. */
const PROCLAIMED_CHANGES: readonly { removed: IsoDate[]; added: IsoDate[]; why: string }[] = [
  { removed: ['2020-05-04'], added: ['2020-05-08'], why: 'early May bank holiday moved to VE Day' },
  { removed: ['2022-05-30'], added: ['2022-06-02'], why: 'spring bank holiday moved' },
  { removed: [], added: ['2022-06-03'], why: 'Platinum Jubilee' },
  { removed: [], added: ['2022-09-19'], why: 'State Funeral of Queen Elizabeth II' },
  { removed: [], added: ['2023-05-08'], why: 'Coronation of King Charles III' },
];

function expectedDates(year: number, nation: UkNation): IsoDate[] {
  const changes = PROCLAIMED_CHANGES.filter((change) =>
    [...change.removed, ...change.added].some((d) => d.startsWith(`${year}-`)),
  );
  const removed = changes.flatMap((change) => change.removed);
  return [...standingRules(year)[nation], ...changes.flatMap((change) => change.added)]
    .filter((d) => !removed.includes(d))
    .sort();
}

function shippedDates(year: number, nation: UkNation): IsoDate[] {
  return ukBankHolidays.holidays
    .filter((h) => h.date.startsWith(`${year}-`) && h.nations.includes(nation))
    .map((h) => h.date)
    .sort();
}

function nationsOn(date: IsoDate): UkNation[] {
  return UK_NATIONS.filter((nation) =>
    ukBankHolidays.holidays.some((h) => h.date === date && h.nations.includes(nation)),
  );
}

function titleOn(date: IsoDate): string | undefined {
  return ukBankHolidays.holidays.find((h) => h.date === date)?.title;
}

describe('Easter', () => {
  test('Easter Sunday matches the published dates', () => {
    const published: Record<number, IsoDate> = {
      2020: '2020-04-12',
      2021: '2021-04-04',
      2022: '2022-04-17',
      2023: '2023-04-09',
      2024: '2024-03-31',
      2025: '2025-04-20',
      2026: '2026-04-05',
      2027: '2027-03-28',
      2028: '2028-04-16',
      2029: '2029-04-01',
      2030: '2030-04-21',
      2031: '2031-04-13',
      // The earliest and latest dates Easter can fall on.
      1818: '1818-03-22',
      2285: '2285-03-22',
      1943: '1943-04-25',
      2038: '2038-04-25',
    };
    for (const [year, date] of Object.entries(published)) {
      assert.equal(easterSunday(Number(year)), date);
    }
  });
});

describe('shipped UK bank holidays', () => {
  test('FOI-01: the data covers 2020 to 2030 in all three jurisdictions', () => {
    assert.equal(ukBankHolidays.firstYear, 2020);
    assert.equal(ukBankHolidays.lastYear, 2030);
    for (let year = 2020; year <= 2030; year += 1) {
      for (const nation of UK_NATIONS) {
        assert.ok(shippedDates(year, nation).length >= 8, `${nation} ${year}`);
      }
    }
  });

  for (let year = ukBankHolidays.firstYear; year <= ukBankHolidays.lastYear; year += 1) {
    test(`FOI-01: the bank holidays for ${year} follow each jurisdiction's rules`, () => {
      for (const nation of UK_NATIONS) {
        assert.deepEqual(shippedDates(year, nation), expectedDates(year, nation), nation);
      }
    });
  }

  test('the data is in date order, with no day listed twice and none at a weekend', () => {
    const dates = ukBankHolidays.holidays.map((h) => h.date);
    assert.deepEqual(dates, [...dates].sort());
    assert.equal(new Set(dates).size, dates.length);
    assert.deepEqual(
      dates.filter((d) => isWeekend(new TZDate(`${d}T00:00:00Z`, 'UTC'))),
      [],
    );
  });

  test('FOI-01: Easter 2026 — Good Friday everywhere, Easter Monday not in Scotland', () => {
    assert.deepEqual(nationsOn('2026-04-03'), [
      'england-and-wales',
      'scotland',
      'northern-ireland',
    ]);
    assert.deepEqual(nationsOn('2026-04-06'), ['england-and-wales', 'northern-ireland']);
  });

  test('FOI-01: summer 2026 — 3 August in Scotland, 31 August elsewhere', () => {
    assert.deepEqual(nationsOn('2026-08-03'), ['scotland']);
    assert.deepEqual(nationsOn('2026-08-31'), ['england-and-wales', 'northern-ireland']);
  });

  test('FOI-01: St Andrew’s Day 30 November 2026 is a Scottish holiday; in 2024 it moved to 2 December', () => {
    assert.deepEqual(nationsOn('2026-11-30'), ['scotland']);
    assert.deepEqual(nationsOn('2024-11-30'), []);
    assert.deepEqual(nationsOn('2024-12-02'), ['scotland']);
  });

  test('FOI-01: Northern Ireland’s 12 July 2026 (a Sunday) is held on Monday 13 July', () => {
    assert.deepEqual(nationsOn('2026-07-12'), []);
    assert.deepEqual(nationsOn('2026-07-13'), ['northern-ireland']);
    assert.match(titleOn('2026-07-13') ?? '', /Battle of the Boyne/);
  });

  test('FOI-01: St Patrick’s Day 17 March 2024 (a Sunday) was held on Monday 18 March', () => {
    assert.deepEqual(nationsOn('2024-03-18'), ['northern-ireland']);
    assert.deepEqual(nationsOn('2026-03-17'), ['northern-ireland']);
  });

  test('FOI-01: Christmas 2027 falls at a weekend, so 27 and 28 December are substitute days', () => {
    for (const date of ['2027-12-27', '2027-12-28']) {
      assert.deepEqual(nationsOn(date), ['england-and-wales', 'scotland', 'northern-ireland']);
      assert.equal(ukBankHolidays.holidays.find((h) => h.date === date)?.substitute, true);
    }
    assert.deepEqual(nationsOn('2021-12-27'), nationsOn('2021-12-28'));
  });

  test('FOI-01: New Year 2023 — Monday 2 January everywhere, Tuesday 3 January in Scotland', () => {
    assert.deepEqual(nationsOn('2023-01-02'), [
      'england-and-wales',
      'scotland',
      'northern-ireland',
    ]);
    assert.deepEqual(nationsOn('2023-01-03'), ['scotland']);
  });

  test('FOI-01: the one-off holidays of 2020, 2022 and 2023 are in the data', () => {
    const all = ['england-and-wales', 'scotland', 'northern-ireland'];
    assert.deepEqual(nationsOn('2020-05-08'), all, 'VE Day');
    assert.deepEqual(nationsOn('2020-05-04'), [], 'early May holiday moved from here');
    assert.deepEqual(nationsOn('2022-06-02'), all, 'spring bank holiday, moved');
    assert.deepEqual(nationsOn('2022-06-03'), all, 'Platinum Jubilee');
    assert.deepEqual(nationsOn('2022-05-30'), [], 'spring bank holiday moved from here');
    assert.deepEqual(nationsOn('2022-09-19'), all, 'State Funeral of Queen Elizabeth II');
    assert.deepEqual(nationsOn('2023-05-08'), all, 'Coronation of King Charles III');
    assert.deepEqual(nationsOn('2023-05-01'), all, 'the early May holiday stayed in 2023');
  });
});

describe('checking replacement bank-holiday data', () => {
  const valid = {
    firstYear: 2031,
    lastYear: 2031,
    holidays: [{ date: '2031-01-01', title: 'New Year’s Day', nations: ['scotland'] }],
  };

  test('valid data is accepted', () => {
    assert.deepEqual(parseBankHolidayData(valid), valid);
  });

  test('an impossible date, an unknown nation, a missing title or a date outside the years is refused', () => {
    const withHoliday = (holiday: Record<string, unknown>) => ({ ...valid, holidays: [holiday] });
    const base = valid.holidays[0];
    assert.throws(() => parseBankHolidayData(withHoliday({ ...base, date: '2031-02-30' })), /date/);
    assert.throws(
      () => parseBankHolidayData(withHoliday({ ...base, nations: ['wales'] })),
      /nations/,
    );
    assert.throws(() => parseBankHolidayData(withHoliday({ ...base, nations: [] })), /nations/);
    assert.throws(() => parseBankHolidayData(withHoliday({ ...base, title: '' })), /title/);
    assert.throws(
      () => parseBankHolidayData(withHoliday({ ...base, date: '2032-01-01' })),
      RangeError,
    );
    assert.throws(() => parseBankHolidayData({ ...valid, lastYear: '2031' }), /lastYear/);
    assert.throws(() => parseBankHolidayData([]), TypeError);
  });
});
