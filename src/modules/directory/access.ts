/**
 * Who may read and change the directory, and reading one entry through that gate: shared by the
 * organisations and people journeys.
 */
import { eq, getTableColumns } from 'drizzle-orm';
import { recordAudit } from '../../platform/audit/service.js';
import { can } from '../../platform/auth/permissions.js';
import {
  actorOf,
  type Principal,
  type TokenPrincipal,
  type UserPrincipal,
} from '../../platform/auth/principal.js';
import type { Db, Executor } from '../../platform/db/database.js';
import { ConflictError, ForbiddenError, NotFoundError } from '../../platform/errors.js';
import { isUuid } from '../../platform/http/params.js';
import type { Translate } from '../../platform/i18n/messages.js';
import { organisations, people } from './schema.js';

export type Organisation = Omit<typeof organisations.$inferSelect, 'search'>;
export type Person = Omit<typeof people.$inferSelect, 'search'>;

/** Every column but the search vector, which no page shows. */
const { search: _orgSearch, ...organisationTableColumns } = getTableColumns(organisations);
const { search: _personSearch, ...personTableColumns } = getTableColumns(people);
export const organisationColumns = organisationTableColumns;
export const personColumns = personTableColumns;

export interface ListQuery {
  q?: string | undefined;
  kind?: string | undefined;
  organisationId?: string | undefined;
  includeArchived?: boolean | undefined;
  limit: number;
  offset: number;
}

export type Editor = UserPrincipal | TokenPrincipal;

export function requireView(principal: Principal) {
  if (!can(principal, 'directory.view')) throw new ForbiddenError();
}

export function requireEdit(principal: Principal): Editor {
  if (!principal || !can(principal, 'directory.edit')) throw new ForbiddenError();
  return principal;
}

/** Archived entries are hidden from those who cannot edit: for them they do not exist. */
export function archivedVisible(principal: Principal, wanted: boolean | undefined) {
  return wanted === true && can(principal, 'directory.view-archived');
}

export function staleEdit(t: Translate): never {
  throw new ConflictError(t('directory:common.errors.staleEdit'), 'version');
}

/** An entry that can be archived: an organisation or a person. */
interface Archivable {
  version: number;
  archivedAt: Date | null;
}

/**
 * Archiving or restoring an entry, the same for organisations and people: refused if the entry
 * has moved on since the form was shown, nothing done if it is already so, and an audit event.
 */
export function entryArchiver<E extends Archivable>(spec: {
  db: Db;
  now: () => Date;
  t: Translate;
  recordType: 'organisation' | 'person';
  find: (executor: Executor, principal: Principal, id: string) => Promise<E>;
  /** Throws when this entry may not be archived. */
  refuseArchive?: (entry: E) => void;
  /** Writes the archived time (null to restore), moving the version on; returns the new one. */
  write: (executor: Executor, id: string, archivedAt: Date | null) => Promise<Date | null>;
}) {
  const { db, now, t, recordType } = spec;
  return async function setArchived(
    principal: Principal,
    id: string,
    archived: boolean,
    version: number | undefined,
    requestId?: string,
  ): Promise<void> {
    const editor = requireEdit(principal);
    await db.transaction(async (tx) => {
      const before = await spec.find(tx, principal, id);
      if (version !== undefined && version !== before.version) staleEdit(t);
      if (archived === (before.archivedAt !== null)) return;
      if (archived) spec.refuseArchive?.(before);
      const archivedAt = await spec.write(tx, id, archived ? now() : null);
      await recordAudit(tx, actorOf(editor, requestId), {
        action: `${recordType}.${archived ? 'archived' : 'restored'}`,
        recordType,
        recordId: id,
        before: { archivedAt: before.archivedAt },
        after: { archivedAt },
      });
    });
  };
}

export async function findOrganisation(
  executor: Executor,
  principal: Principal,
  id: string,
): Promise<Organisation> {
  if (!isUuid(id)) throw new NotFoundError();
  const [row] = await executor
    .select(organisationColumns)
    .from(organisations)
    .where(eq(organisations.id, id));
  if (!row || (row.archivedAt && !can(principal, 'directory.view-archived')))
    throw new NotFoundError();
  return row;
}

export async function findPerson(
  executor: Executor,
  principal: Principal,
  id: string,
): Promise<Person> {
  if (!isUuid(id)) throw new NotFoundError();
  const [row] = await executor.select(personColumns).from(people).where(eq(people.id, id));
  if (!row || (row.archivedAt && !can(principal, 'directory.view-archived')))
    throw new NotFoundError();
  return row;
}
