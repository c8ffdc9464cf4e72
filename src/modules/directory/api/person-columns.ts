/**
 * A person's and an organisation's columns for another module's query that holds their id: each
 * a correlated subquery on the directory's own tables, so that a list which names, sorts or
 * writes to people stays one statement while the tables' shape stays private (ADR 0014).
 */
import { eq, sql, type SQL, type SQLWrapper } from 'drizzle-orm';
import { scalar } from '../../../platform/db/scalar.js';
import { alias } from 'drizzle-orm/pg-core';
import { users } from '../../../platform/auth/schema.js';
import { organisations, people } from '../schema.js';

export interface PersonColumns {
  /** The person's full name. */
  name(personId: SQLWrapper): SQL<string>;
  /** Their telephone number, if the directory has one. */
  phone(personId: SQLWrapper): SQL<string | null>;
  /** The address they are written to: their own, else their account's. */
  email(personId: SQLWrapper): SQL<string | null>;
  /** The id of the directory person a user account is, or null. */
  idOfUser(userId: string): SQL<string | null>;
}

// Aliased, so that a subquery never takes a column of the query around it for its own.
const person = alias(people, 'directory_person');
const account = alias(users, 'directory_account');
const fromPerson = sql`${people} ${sql.identifier('directory_person')}`;
const joinAccount = sql`left join ${users} ${sql.identifier('directory_account')} on ${eq(account.id, person.userId)}`;

export const personColumns: PersonColumns = {
  name: (personId) =>
    scalar(sql`select ${person.fullName} from ${fromPerson} where ${person.id} = ${personId}`),
  phone: (personId) =>
    scalar(sql`select ${person.phone} from ${fromPerson} where ${person.id} = ${personId}`),
  email: (personId) =>
    scalar(
      sql`select coalesce(${person.email}, ${account.email}) from ${fromPerson} ${joinAccount}
        where ${person.id} = ${personId}`,
    ),
  idOfUser: (userId) =>
    scalar(sql`select ${person.id} from ${fromPerson} where ${eq(person.userId, userId)}`),
};

/** The full name of the person whose id the column (or expression) holds. */
export const personNameSql = (personId: SQLWrapper): SQL<string> => personColumns.name(personId);

const organisation = alias(organisations, 'directory_organisation');
const fromOrganisation = sql`${organisations} ${sql.identifier('directory_organisation')}`;

/** The code of the organisation whose id the column holds (null when it has none). */
export function organisationCodeSql(organisationId: SQLWrapper): SQL<string | null> {
  return scalar(
    sql`select ${organisation.code} from ${fromOrganisation} where ${organisation.id} = ${organisationId}`,
  );
}

/** The name of the organisation whose id the column holds. */
export function organisationNameSql(organisationId: SQLWrapper): SQL<string | null> {
  return scalar(
    sql`select ${organisation.name} from ${fromOrganisation} where ${organisation.id} = ${organisationId}`,
  );
}
