/**
 * A person's name and an organisation's code and name as SQL, for another module's list that
 * shows or sorts by them in its own single statement (a claims queue, spend per advisor): each
 * is a correlated subquery on this module's tables, so their shape stays private.
 */
import { sql, type SQL, type SQLWrapper } from 'drizzle-orm';
import { organisations, people } from '../schema.js';

/** The full name of the person whose id the column (or expression) holds. */
export function personNameSql(personId: SQLWrapper): SQL<string> {
  return sql<string>`(select ${people.fullName} from ${people} where ${people.id} = ${personId})`;
}

/** The code of the organisation whose id the column holds (null when it has none). */
export function organisationCodeSql(organisationId: SQLWrapper): SQL<string | null> {
  return sql<
    string | null
  >`(select ${organisations.code} from ${organisations} where ${organisations.id} = ${organisationId})`;
}

/** The name of the organisation whose id the column holds. */
export function organisationNameSql(organisationId: SQLWrapper): SQL<string | null> {
  return sql<
    string | null
  >`(select ${organisations.name} from ${organisations} where ${organisations.id} = ${organisationId})`;
}
