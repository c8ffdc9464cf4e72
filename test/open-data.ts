/** Open data as a test downloads it (issue 27 part 6). */
import assert from 'node:assert/strict';
import { parse } from 'csv-parse/sync';
import type { TestApp } from './app.js';

/** A dataset's CSV, downloaded by anyone: its header, its rows as records by it, and its text. */
export async function openDataCsv(t: TestApp, id: string) {
  const res = await t.app.inject({ method: 'GET', url: `/open-data/${id}.csv` });
  assert.equal(res.statusCode, 200);
  assert.match(String(res.headers['content-type']), /^text\/csv/);
  assert.doesNotMatch(String(res.headers['cache-control']), /private|no-store/);
  const [header, ...lines] = parse(res.body, { columns: false }) as string[][];
  return {
    header: header!,
    records: lines.map((l) => Object.fromEntries(header!.map((h, i) => [h, l[i] ?? '']))),
    body: res.body,
  };
}
