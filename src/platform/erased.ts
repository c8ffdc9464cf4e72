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
