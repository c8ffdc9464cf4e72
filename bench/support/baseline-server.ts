/**
 * The baseline: a bare node:http server with no framework, templates or sessions. For each page
 * it knows, it runs the SQL Bridge ran for that page (captured from Bridge itself, statement for
 * statement, with the same parameters, on a pool of the same size) and writes the bytes Bridge
 * wrote. What Bridge adds on top of this (routing, sessions, permissions, rendering) is what the
 * throughput ratio measures.
 *
 *   tsx bench/support/baseline-server.ts <captured.json> <port>
 */
import { readFileSync } from 'node:fs';
import http from 'node:http';
import pg from 'pg';

export interface CapturedPage {
  path: string;
  statements: { text: string; values: unknown[] }[];
  headers: Record<string, string>;
  body: string;
}

const [file, port] = process.argv.slice(2);
const { databaseUrl, pages } = JSON.parse(readFileSync(file!, 'utf8')) as {
  databaseUrl: string;
  pages: CapturedPage[];
};
const pool = new pg.Pool({ connectionString: databaseUrl, max: 10 });
const byPath = new Map(pages.map((p) => [p.path, { ...p, bytes: Buffer.from(p.body) }]));

http
  .createServer((request, response) => {
    const page = byPath.get(request.url ?? '');
    if (!page) {
      response.writeHead(404).end();
      return;
    }
    void (async () => {
      try {
        for (const statement of page.statements) await pool.query(statement.text, statement.values);
        response.writeHead(200, { ...page.headers, 'content-length': page.bytes.length });
        response.end(page.bytes);
      } catch {
        response.writeHead(500).end();
      }
    })();
  })
  .listen(Number(port), '127.0.0.1', () => process.send?.('listening'));
