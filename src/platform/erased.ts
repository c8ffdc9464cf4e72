/**
 * Issue 28 part 5: what an erased person's records read instead of their data. Shared by every
 * module's `erasePerson`, so that an erased person reads the same everywhere.
 */
import { sql, type SQL, type SQLWrapper } from 'drizzle-orm';

/** Where a name is required (a directory entry, a copied owner's name): nobody in particular. */
export const ERASED_NAME = 'Erased person';

/** Where free text about the person is required (a citation, a reason): it says it was erased. */
export const ERASED_TEXT = '[erased]';

/**
 * Where an e-mail address is required and unique (an account, an application): one per record,
 * under `.invalid` (RFC 2606), which no mail can ever be delivered to, so that the address can
 * neither be used nor clash with anyone's.
 */
export function erasedEmail(id: string): string {
  return `erased-${id.toLowerCase()}@erased.invalid`;
}

/** `erasedEmail` of each row's id, for a set-based UPDATE. */
export function erasedEmailSql(id: SQLWrapper): SQL<string> {
  return sql<string>`'erased-' || lower(${id}::text) || '@erased.invalid'`;
}

/** Whether an address is one that erasure wrote (and so belongs to nobody). */
export function isErasedEmail(email: string): boolean {
  return /^erased-[0-9a-f-]+@erased\.invalid$/.test(email);
}

/**
 * A regular expression (PostgreSQL's, case-insensitive) matching any of the person's own words
 * (their name, their address) as written, every other character taken literally; null when they
 * have none to look for.
 */
export function mentionPattern(words: readonly (string | null | undefined)[]): string | null {
  const literal = words
    .map((w) => w?.trim())
    .filter((w): w is string => !!w && w.length >= 3)
    .map((w) => w.replace(/[\\^$.*+?()[\]{}|]/g, '\\$&'));
  return literal.length ? `(${literal.join('|')})` : null;
}

/**
 * Free text kept for the record (what an expense was for) with the person's own words in it
 * replaced by the erased name, for a set-based UPDATE of the rows `mentions` finds.
 */
export function withoutMentionsSql(column: SQLWrapper, pattern: string): SQL<string> {
  return sql<string>`regexp_replace(${column}, ${pattern}, ${ERASED_NAME}, 'gi')`;
}

/** Whether the free text names the person (`mentionPattern`). */
export function mentionsSql(column: SQLWrapper, pattern: string): SQL<boolean> {
  return sql<boolean>`${column} ~* ${pattern}`;
}
