/**
 * Who may read and change the directory, and reading one entry through that gate: shared by the
 * organisations and people journeys.
 */
import { eq, getTableColumns } from 'drizzle-orm';
import { can } from '../../platform/auth/permissions.js';
import type { Principal, TokenPrincipal, UserPrincipal } from '../../platform/auth/principal.js';
import type { Executor } from '../../platform/db/database.js';
import { ConflictError, ForbiddenError, NotFoundError } from '../../platform/errors.js';
import { isUuid } from '../../platform/http/params.js';
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

export function staleEdit(): never {
  throw new ConflictError(
    'Someone else changed this entry while you were editing it. Check the latest version and make your change again',
    'version',
  );
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
