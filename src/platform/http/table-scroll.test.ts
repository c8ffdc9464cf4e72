import assert from 'node:assert/strict';
import { test } from 'node:test';
import { scrollableTables } from './table-scroll.js';

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
