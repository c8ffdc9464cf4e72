import assert from 'node:assert/strict';
import { test } from 'node:test';
import { formatPence, parsePounds, penceAsDecimal, readPounds } from './pence.js';

test('amounts typed in pounds are read as whole pence', () => {
  assert.equal(parsePounds('12'), 1200);
  assert.equal(parsePounds('£12.5'), 1250);
  assert.equal(parsePounds(' £ 1,234.05 '), 123405);
  assert.equal(parsePounds('0.07'), 7);
  for (const bad of ['', 'twelve', '12.345', '-3', '1e3', '12.', '.5', undefined])
    assert.equal(parsePounds(bad), null, String(bad));
});

test('pence are shown as pounds, and exported without symbols', () => {
  assert.equal(formatPence(123405), '£1,234.05');
  assert.equal(formatPence(7), '£0.07');
  assert.equal(formatPence(-300), '-£3.00');
  assert.equal(penceAsDecimal(123405), '1234.05');
  assert.equal(penceAsDecimal(0), '0.00');
  assert.throws(() => formatPence(1.5));
});

test('issue 21 item 6: an amount over the limit is told apart from one that is not money, however long', () => {
  assert.equal(readPounds('10,000', 1_000_000), 1_000_000);
  assert.equal(readPounds('10000.01', 1_000_000), 'too-large');
  assert.equal(readPounds('12345678', 1_000_000), 'too-large');
  assert.equal(readPounds('£99,999,999,999,999,999.99', 1_000_000), 'too-large');
  assert.equal(readPounds('0012.50', 1_000_000), 1250);
  for (const bad of ['', 'lots', '12.345', '-3', '1e400', undefined])
    assert.equal(readPounds(bad, 1_000_000), null, String(bad));
});
