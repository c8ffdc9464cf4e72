/**
 * What a failed query means, and what of it may be written to the log.
 *
 * A failed query's error carries what was sent: drizzle's message holds the statement and every
 * parameter, and PostgreSQL's detail may quote the row ("Failing row contains (…)"). Those are
 * what people typed, names and addresses among them, so the log gets the error's code, a
 * fingerprint of the statement and the names of the table and constraint, never the values
 * (issue 21, item 7).
 */
import { createHash } from 'node:crypto';
import { DrizzleQueryError } from 'drizzle-orm';

/** How long a client is told to wait before trying again when the database cannot be reached. */
export const RETRY_AFTER_SECONDS = 30;

/**
 * SQLSTATEs that say the database cannot serve now, not that the query was wrong: class 08
 * (connection exceptions), too many connections, shutting down or starting up, a statement
 * cancelled by statement_timeout, a session ended by idle_in_transaction_session_timeout.
 */
const UNAVAILABLE_SQLSTATES = new Set(['53300', '57014', '57P01', '57P02', '57P03', '25P03']);

/** Socket errors on the way to the server. */
const UNAVAILABLE_SOCKET_CODES = new Set([
  'ECONNREFUSED',
  'ECONNRESET',
  'ETIMEDOUT',
  'EHOSTUNREACH',
  'ENETUNREACH',
  'ENOTFOUND',
  'EAI_AGAIN',
  'EPIPE',
]);

/** node-postgres' own words for a connection that failed, timed out or was abandoned. */
const UNAVAILABLE_MESSAGES = [
  /^timeout exceeded when trying to connect$/,
  /^Connection terminated/,
  /^Query read timeout$/,
  /is not queryable$/,
];

function chain(error: unknown): object[] {
  const links: object[] = [];
  for (let e = error; e && typeof e === 'object' && links.length < 10;) {
    links.push(e);
    e = (e as { cause?: unknown }).cause;
  }
  return links;
}

function sqlstateOf(e: object): string | undefined {
  const code = (e as { code?: unknown }).code;
  return typeof code === 'string' && /^[0-9A-Z]{5}$/.test(code) && 'severity' in e
    ? code
    : undefined;
}

const FROM_DATABASE = Symbol('bridge.fromDatabase');

/**
 * Marks an error as raised by the database's connections (database.ts marks what its pool and
 * clients throw). A socket error is the database's only when so marked, or wrapped by drizzle:
 * the same ECONNREFUSED or ETIMEDOUT from the mail server or a client that hung up is not.
 */
export function markFromDatabase<T>(error: T): T {
  if (error && typeof error === 'object' && !Object.isFrozen(error) && !(FROM_DATABASE in error))
    Object.defineProperty(error, FROM_DATABASE, { value: true });
  return error;
}

function fromDatabase(links: object[]): boolean {
  return links.some((e) => e instanceof DrizzleQueryError || FROM_DATABASE in e);
}

/** PostgreSQL itself says it cannot serve now. */
function serverUnavailable(e: object): boolean {
  const sqlstate = sqlstateOf(e);
  return !!sqlstate && (sqlstate.startsWith('08') || UNAVAILABLE_SQLSTATES.has(sqlstate));
}

/** The way to the server failed: only to be believed of an error from the database. */
function socketUnavailable(e: object): boolean {
  if (sqlstateOf(e)) return false;
  const code = (e as { code?: unknown }).code;
  if (typeof code === 'string' && UNAVAILABLE_SOCKET_CODES.has(code)) return true;
  const message = (e as { message?: unknown }).message;
  return typeof message === 'string' && UNAVAILABLE_MESSAGES.some((m) => m.test(message));
}

/** The link of the chain that says the database is unavailable, if one does. */
function unavailableLink(links: object[]): object | undefined {
  return (
    links.find(serverUnavailable) ??
    (fromDatabase(links) ? links.find(socketUnavailable) : undefined)
  );
}

/**
 * Whether the database could not be reached or did not answer in time (answered 503, and the
 * request may be tried again), as opposed to a query it refused (a fault: 500).
 */
export function isDatabaseUnavailable(error: unknown): boolean {
  return unavailableLink(chain(error)) !== undefined;
}

/** The statement, told by a fingerprint and what it does to which table, never its text. */
function statementOf(query: string) {
  const identifier = (name: string | undefined) =>
    name && /^[a-z_][a-z0-9_]*$/i.test(name) ? name.toLowerCase() : undefined;
  const operation = identifier(/^\s*(\w+)/.exec(query)?.[1]);
  const table = identifier(/\b(?:from|into|update)\s+"?(\w+)"?/i.exec(query)?.[1]);
  return {
    fingerprint: createHash('sha256').update(query).digest('hex').slice(0, 12),
    ...(operation ? { operation } : {}),
    ...(table ? { table } : {}),
  };
}

/**
 * The stack's frames, without the message it begins with: drizzle's message holds the values,
 * and a value may itself hold a line that looks like a frame ("   at 12 Acacia Avenue").
 */
function framesOf(error: object): string {
  const stack = (error as { stack?: unknown }).stack;
  if (typeof stack !== 'string') return '';
  const { name, message } = error as { name?: unknown; message?: unknown };
  const head = `${String(name ?? 'Error')}${message ? `: ${String(message)}` : ''}`;
  return (stack.startsWith(head) ? stack.slice(head.length) : '')
    .split('\n')
    .filter((line) => /^\s+at /.test(line))
    .join('\n');
}

function names(e: object): Record<string, string> {
  const out: Record<string, string> = {};
  for (const key of ['routine', 'schema', 'table', 'column', 'dataType', 'constraint'] as const) {
    const value = (e as Record<string, unknown>)[key];
    if (typeof value === 'string' && /^[\w.]+$/.test(value)) out[key] = value;
  }
  return out;
}

/**
 * A database error as it may be logged: its code (SQLSTATE, or the socket's code), the
 * statement's fingerprint, operation and table, the names PostgreSQL gives (table, column,
 * constraint, routine), whether it means the database is unavailable, and the stack's frames.
 * Never the message, the detail, the statement's text or its parameters. Undefined for any
 * error that is not about the database.
 */
export function databaseErrorForLog(error: unknown): LoggedDatabaseError | undefined {
  const links = chain(error);
  const query = links.find((e): e is DrizzleQueryError => e instanceof DrizzleQueryError);
  const server = links.find((e) => sqlstateOf(e));
  const socket = fromDatabase(links) ? links.find(socketUnavailable) : undefined;
  if (!query && !server && !socket) return undefined;
  const entry: LoggedDatabaseError = {
    type: 'DatabaseError',
    message: 'database error (its message and values are not logged)',
    stack: framesOf(links[0]!),
  };
  if (server) {
    entry.code = sqlstateOf(server);
    entry.message = `database error ${entry.code} (its message and values are not logged)`;
    Object.assign(entry, names(server));
  } else if (socket) {
    const code = (socket as { code?: unknown }).code;
    if (typeof code === 'string' && /^[A-Z_]+$/.test(code)) entry.code = code;
    // node-postgres' and the socket's own messages: fixed text, an address at most.
    const message = (socket as { message?: unknown }).message;
    if (typeof message === 'string') entry.message = message.split('\n')[0]!.slice(0, 200);
  } else {
    entry.cause = (links[1] as { name?: unknown } | undefined)?.name ?? 'unknown';
  }
  if (query) entry.statement = statementOf(query.query);
  entry.unavailable = unavailableLink(links) !== undefined;
  return entry;
}

export interface LoggedDatabaseError {
  type: string;
  message: string;
  stack: string;
  [key: string]: unknown;
}
