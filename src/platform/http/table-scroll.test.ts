import assert from 'node:assert/strict';
import { test } from 'node:test';
import { scrollableTables, scrollableTablesBytes } from './table-scroll.js';

test('issue 21 item 26: every GOV.UK table is wrapped in a focusable scroll region named by its caption', () => {
  const page = [
    '<h1>Groups</h1>',
    '<table class="govuk-table"><caption class="govuk-table__caption">3 groups &amp; <span class="govuk-visually-hidden">more</span></caption><tr><td>a</td></tr></table>',
    '<p>between</p>',
    '<table class="govuk-table govuk-table--small-text-until-tablet"><caption>Payments</caption></table>',
  ].join('\n');
  const wrapped = scrollableTables(page);
  assert.equal(
    wrapped.match(
      /<div class="app-table-scroll" role="region" aria-label="[^"]+" tabindex="0"><table/g,
    )?.length,
    2,
  );
  assert.match(
    wrapped,
    /aria-label="3 groups &amp; more" tabindex="0"><table class="govuk-table">/,
  );
  assert.match(
    wrapped,
    /aria-label="Payments" tabindex="0"><table class="govuk-table govuk-table--small/,
  );
  assert.match(wrapped, /<\/table><\/div>\n<p>between<\/p>/);
  assert.equal(scrollableTables('<p>No tables</p>'), '<p>No tables</p>');
});

test('the page sent as bytes is the wrapped page, and a table is found as the former regular expression found it', () => {
  const former = (html: string) =>
    html.replace(
      /<table class="govuk-table\b[^>]*>[\s\S]*?<\/table>/g,
      (table) => `<div class="app-table-scroll">${table}</div>`,
    );
  const pages = [
    '<p>No tables — none</p>',
    '<table class="govuk-tablex"><table class="govuk-table">x</table>',
    '<table class="govuk-table-x">q</table><table class="govuk-table\n>a</table></table>',
    'x<table class="govuk-table" >y’</table>z<table class="govuk-table">w',
    '<table class="govuk-table"><captionx>a</captionx><caption x="1">b <b>c</b> "d"</caption></table>',
    '<table class="govuk-table',
  ];
  for (const page of pages) {
    const wrapped = scrollableTables(page);
    assert.equal(
      wrapped.replace(/<div class="app-table-scroll"[^>]*>/g, '<div class="app-table-scroll">'),
      former(page),
    );
    assert.deepEqual(scrollableTablesBytes(page), Buffer.from(wrapped));
  }
});

test('a table already in its scroll region is left as it is: a part of a page wrapped before and kept is not wrapped twice', () => {
  const part = scrollableTables(
    '<table class="govuk-table"><caption>Actions</caption></table><p>then</p>',
  );
  const page = `<h1>Report</h1><table class="govuk-table"><caption>Summary</caption></table>${part}`;
  const wrapped = scrollableTables(page);
  assert.equal(wrapped.match(/class="app-table-scroll"/g)?.length, 2);
  assert.equal(scrollableTables(wrapped), wrapped);
  assert.deepEqual(scrollableTablesBytes(wrapped), Buffer.from(wrapped));
});
