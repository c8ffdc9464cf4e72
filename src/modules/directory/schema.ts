import {
  index,
  pgEnum,
  pgTable,
  text,
  timestamp,
  uniqueIndex,
  uuid,
  type AnyPgColumn,
} from 'drizzle-orm/pg-core';
import { users } from '../../platform/auth/schema.js';
import { recordVersioning, searchDocument } from '../../platform/db/columns.js';
import { ORGANISATION_KINDS } from './kinds.js';

export const organisationKindEnum = pgEnum('organisation_kind', ORGANISATION_KINDS);

export const organisations = pgTable(
  'organisations',
  {
    id: uuid('id').primaryKey().defaultRandom(),
    name: text('name').notNull(),
    kind: organisationKindEnum('kind').notNull(),
    /** A stable code for reference data (e.g. the borough's ONS code); null for others. */
    code: text('code'),
    parentId: uuid('parent_id').references((): AnyPgColumn => organisations.id),
    description: text('description'),
    email: text('email'),
    phone: text('phone'),
    address: text('address'),
    website: text('website'),
    archivedAt: timestamp('archived_at', { withTimezone: true }),
    ...recordVersioning(),
    search: searchDocument((): AnyPgColumn[] => [
      organisations.name,
      organisations.description,
      organisations.address,
    ]),
  },
  (t) => [
    uniqueIndex('organisations_code_key').on(t.code),
    index('organisations_search_idx').using('gin', t.search),
    index('organisations_kind_name_idx').on(t.kind, t.name),
    index('organisations_name_idx').on(t.name),
    index('organisations_parent_idx').on(t.parentId),
  ],
);

export const people = pgTable(
  'people',
  {
    id: uuid('id').primaryKey().defaultRandom(),
    fullName: text('full_name').notNull(),
    jobTitle: text('job_title'),
    organisationId: uuid('organisation_id').references(() => organisations.id),
    email: text('email'),
    phone: text('phone'),
    address: text('address'),
    notes: text('notes'),
    /** The user account this person signs in with, if any. */
    userId: uuid('user_id').references(() => users.id),
    archivedAt: timestamp('archived_at', { withTimezone: true }),
    ...recordVersioning(),
    search: searchDocument((): AnyPgColumn[] => [people.fullName, people.jobTitle, people.email]),
  },
  (t) => [
    uniqueIndex('people_user_key').on(t.userId),
    index('people_search_idx').using('gin', t.search),
    index('people_name_idx').on(t.fullName),
    index('people_organisation_idx').on(t.organisationId),
  ],
);
