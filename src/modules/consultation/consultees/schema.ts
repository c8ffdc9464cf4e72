/**
 * The consultee database (CON-03) and who was consulted (CON-07): people and organisations the
 * authority consults beyond its consultative groups (seed 002 para 21), an umbrella body's member
 * organisations, the channels that reach each, their consent to be contacted, the consultees
 * chosen for a consultation with why, and the unsubscribe links their e-mails carry.
 */
import { sql } from 'drizzle-orm';
import {
  boolean,
  check,
  date,
  index,
  pgTable,
  text,
  timestamp,
  uniqueIndex,
  uuid,
  type AnyPgColumn,
} from 'drizzle-orm/pg-core';
import { users } from '../../../platform/auth/schema.js';
import {
  isOneOf,
  recordVersioning,
  requiredRef,
  searchDocument,
} from '../../../platform/db/columns.js';
import { organisations } from '../../directory/schema.js';
import { engagementGroups } from '../../engagement/schema.js';
import { advisoryGroups } from '../../groups/schema.js';
import {
  CHANNEL_KINDS,
  CONSENT_METHODS,
  CONSULTEE_CATEGORIES,
  CONSULTEE_KINDS,
} from '../consultee-rules.js';
import { consultations } from '../schema.js';

export const consultees = pgTable(
  'consultees',
  {
    id: uuid('id').primaryKey().defaultRandom(),
    name: text('name').notNull(),
    kind: text('kind', { enum: CONSULTEE_KINDS }).notNull(),
    category: text('category', { enum: CONSULTEE_CATEGORIES }).notNull(),
    /** The umbrella body this organisation is a member of (seed 002 para 22). */
    parentId: uuid('parent_id').references((): AnyPgColumn => consultees.id, {
      onDelete: 'set null',
    }),
    boroughId: uuid('borough_id').references(() => organisations.id),
    /** An advisory group already in Bridge that this consultee is (one consultee each). */
    advisoryGroupId: uuid('advisory_group_id').references(() => advisoryGroups.id),
    /**
     * An engagement group in the register that this consultee is (one consultee each). Its
     * removal (the demo data's) leaves the consultee, with its consent and history, unlinked.
     */
    engagementGroupId: uuid('engagement_group_id').references(() => engagementGroups.id, {
      onDelete: 'set null',
    }),
    /** Consent to be contacted: the day it was given and how it was recorded. */
    consentGivenOn: date('consent_given_on', { mode: 'string' }),
    consentMethod: text('consent_method', { enum: CONSENT_METHODS }),
    /** Withdrawn (unsubscribed, or recorded by an officer): never e-mailed again. */
    consentWithdrawnAt: timestamp('consent_withdrawn_at', { withTimezone: true }),
    ...recordVersioning(),
    search: searchDocument((): AnyPgColumn[] => [consultees.name]),
  },
  (t) => [
    // The list searches by name and filters by category and by borough.
    index('consultees_search_idx').using('gin', t.search),
    index('consultees_category_idx').on(t.category, t.name),
    index('consultees_borough_idx').on(t.boroughId, t.name),
    index('consultees_parent_idx').on(t.parentId),
    uniqueIndex('consultees_advisory_group_key').on(t.advisoryGroupId),
    uniqueIndex('consultees_engagement_group_key').on(t.engagementGroupId),
    check('consultees_kind', isOneOf(t.kind, CONSULTEE_KINDS)),
    check('consultees_category', isOneOf(t.category, CONSULTEE_CATEGORIES)),
    check('consultees_consent_method', isOneOf(t.consentMethod, CONSENT_METHODS)),
    check(
      'consultees_consent_whole',
      sql`(${t.consentGivenOn} is null) = (${t.consentMethod} is null)`,
    ),
  ],
);

/** CON-03: a channel that reaches a consultee, each kind at most once, one preferred. */
export const consulteeChannels = pgTable(
  'consultee_channels',
  {
    id: uuid('id').primaryKey().defaultRandom(),
    consulteeId: requiredRef('consultee_id', () => consultees.id, { onDelete: 'cascade' }),
    kind: text('kind', { enum: CHANNEL_KINDS }).notNull(),
    /** The address, number, meeting or handle. */
    detail: text('detail').notNull(),
    preferred: boolean('preferred').notNull().default(false),
  },
  (t) => [
    uniqueIndex('consultee_channels_kind_key').on(t.consulteeId, t.kind),
    uniqueIndex('consultee_channels_preferred_key')
      .on(t.consulteeId)
      .where(sql`${t.preferred}`),
    check('consultee_channels_kind', isOneOf(t.kind, CHANNEL_KINDS)),
    // DP-02: a person's entries as a consultee, found by their address (subject access, erasure).
    index('consultee_channels_detail_idx').on(sql`lower(${t.detail})`),
  ],
);

/** CON-07: a consultee chosen for a consultation, with why, by whom and when. */
export const chosenConsultees = pgTable(
  'consultation_chosen_consultees',
  {
    id: uuid('id').primaryKey().defaultRandom(),
    consultationId: requiredRef('consultation_id', () => consultations.id, {
      onDelete: 'cascade',
    }),
    consulteeId: requiredRef('consultee_id', () => consultees.id, { onDelete: 'cascade' }),
    reason: text('reason').notNull(),
    chosenBy: uuid('chosen_by').references(() => users.id),
    chosenAt: timestamp('chosen_at', { withTimezone: true }).notNull().defaultNow(),
  },
  (t) => [
    uniqueIndex('consultation_chosen_consultees_key').on(t.consultationId, t.consulteeId),
    index('consultation_chosen_consultees_consultee_idx').on(t.consulteeId),
  ],
);

/**
 * An unsubscribe link sent in an e-mail to a consultee: one per e-mail, only the token's hash
 * kept, valid for as long as the consultee is on record.
 */
export const consulteeUnsubscribeLinks = pgTable(
  'consultee_unsubscribe_links',
  {
    tokenHash: text('token_hash').primaryKey(),
    consulteeId: requiredRef('consultee_id', () => consultees.id, { onDelete: 'cascade' }),
    createdAt: timestamp('created_at', { withTimezone: true }).notNull().defaultNow(),
  },
  (t) => [index('consultee_unsubscribe_links_consultee_idx').on(t.consulteeId)],
);
