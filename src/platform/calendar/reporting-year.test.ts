import assert from 'node:assert/strict';
import { describe, test } from 'node:test';
import { annualReportDueDate, reportingYear, reportingYearOf } from './index.js';

describe('police reporting years, 1 April to 31 March', () => {
  test('IAG-25: the reporting year 2026-27 runs from 1 April 2026 to 31 March 2027', () => {
    assert.deepEqual(reportingYear(2026), {
      startYear: 2026,
      label: '2026-27',
      start: '2026-04-01',
      end: '2027-03-31',
    });
  });

  test('IAG-25: 31 March is the last day of a reporting year and 1 April the first of the next', () => {
    assert.equal(reportingYearOf('2026-03-31').label, '2025-26');
    assert.equal(reportingYearOf('2026-04-01').label, '2026-27');
    assert.deepEqual(reportingYearOf('2026-03-31'), reportingYear(2025));
    assert.deepEqual(reportingYearOf('2026-04-01'), reportingYear(2026));
  });

  test('IAG-25: January to March belong to the year that began the previous April', () => {
    assert.equal(reportingYearOf('2027-01-01').startYear, 2026);
    assert.equal(reportingYearOf('2024-02-29').label, '2023-24');
    assert.equal(reportingYearOf('2026-12-31').startYear, 2026);
  });

  test('the label keeps two digits across a century', () => {
    assert.equal(reportingYear(1999).label, '1999-00');
    assert.equal(reportingYear(2009).label, '2009-10');
    assert.equal(reportingYear(2099).end, '2100-03-31');
  });

  test('IAG-26: the annual report for 2025-26 is due by 31 July 2026', () => {
    assert.equal(annualReportDueDate(2025), '2026-07-31');
    assert.equal(annualReportDueDate(reportingYearOf('2027-03-31').startYear), '2027-07-31');
  });

  test('a fractional or implausible start year is refused', () => {
    assert.throws(() => reportingYear(2026.5), RangeError);
    assert.throws(() => annualReportDueDate(99), RangeError);
  });
});
