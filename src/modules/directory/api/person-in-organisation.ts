/**
 * Whether the person a row names (by another module's column holding a person's id) is in an
 * organisation: a correlated subquery on the directory's people, so another module's list can
 * filter by it in the one statement it runs, while the people table's shape stays the
 * directory's own.
 */
import { sql, type AnyColumn, type SQL } from 'drizzle-orm';
import { people } from '../schema.js';

export function personInOrganisationSql(personId: AnyColumn, organisationId: string): SQL {
  return sql`exists (select 1 from ${people} where ${people.id} = ${personId} and ${people.organisationId} = ${organisationId})`;
}
