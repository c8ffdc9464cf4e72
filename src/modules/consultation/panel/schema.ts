/**
 * CON-06: the citizens' panel. Its members (joined by public sign-up or by staff invitation,
 * members once they confirm by the e-mailed link), their optional monitoring answers kept apart
 * (DP-01), the area's population the panel is balanced against (reference data), and the waves
 * that send a panel consultation to the whole panel or a balanced sample.
 */
import { sql } from 'drizzle-orm';
import {
  check,
  date,
  index,
  integer,
  pgTable,
  text,
  timestamp,
  uniqueIndex,
  uuid,
} from 'drizzle-orm/pg-core';
import { users } from '../../../platform/auth/schema.js';
import { isOneOf, requiredRef } from '../../../platform/db/columns.js';
import { organisations } from '../../directory/schema.js';
import { PANEL_JOINED_BY, POPULATION_DIMENSIONS, WAVE_KINDS } from '../panel-rules.js';
import { consultations, monitoringChecks, monitoringColumns } from '../schema.js';

export const panelMembers = pgTable(
  'consultation_panel_members',
  {
    id: uuid('id').primaryKey().defaultRandom(),
    /** Null until an invited person gives it on confirming; null again once anonymised. */
    fullName: text('full_name'),
    /** Null once anonymised (DP-03). Unique whatever its case. */
    email: text('email'),
    /** The directory's borough (an organisation of kind borough) they live in. */
    boroughId: uuid('borough_id').references(() => organisations.id),
    joinedBy: text('joined_by', { enum: PANEL_JOINED_BY }).notNull(),
    invitedBy: uuid('invited_by').references(() => users.id),
    /** The hash of the confirmation link's token, until they confirm. */
    confirmTokenHash: text('confirm_token_hash'),
    createdAt: timestamp('created_at', { withTimezone: true }).notNull().defaultNow(),
    /** Membership starts when they confirm by the e-mailed link. */
    confirmedAt: timestamp('confirmed_at', { withTimezone: true }),
    joinedOn: date('joined_on', { mode: 'string' }),
    leftAt: timestamp('left_at', { withTimezone: true }),
    /**
     * The hash of their leave link's token. The token is a keyed hash of the member's id under
     * Bridge's secret, so every e-mail carries the same working link while only its hash is kept.
     */
    leaveTokenHash: text('leave_token_hash').notNull(),
    /** The latest response they submitted to a wave (brought up to date by the quiet sweep). */
    lastAnsweredAt: timestamp('last_answered_at', { withTimezone: true }),
    /** When they were asked whether to stay (once); cleared when they choose to stay. */
    askedToStayAt: timestamp('asked_to_stay_at', { withTimezone: true }),
    /** When they last chose to stay: they count as quiet only from then. */
    stayedAt: timestamp('stayed_at', { withTimezone: true }),
    /** DP-03: when their personal data was removed (on leaving). */
    anonymisedAt: timestamp('anonymised_at', { withTimezone: true }),
  },
  (t) => [
    uniqueIndex('consultation_panel_members_email_key').on(sql`lower(${t.email})`),
    uniqueIndex('consultation_panel_members_confirm_key').on(t.confirmTokenHash),
    uniqueIndex('consultation_panel_members_leave_key').on(t.leaveTokenHash),
    index('consultation_panel_members_borough_idx').on(t.boroughId),
    // The member list is searched by the start of a name or an address (LIKE 'x%').
    index('consultation_panel_members_name_idx').on(sql`lower(${t.fullName}) text_pattern_ops`),
    index('consultation_panel_members_email_prefix_idx').on(
      sql`lower(${t.email}) text_pattern_ops`,
    ),
    index('consultation_panel_members_created_idx').on(t.createdAt),
    check('consultation_panel_members_joined_by', isOneOf(t.joinedBy, PANEL_JOINED_BY)),
  ],
);

/** DP-01: a member's own optional monitoring answers, apart from the member; read as counts. */
export const panelMemberMonitoring = pgTable(
  'consultation_panel_member_monitoring',
  {
    memberId: uuid('member_id')
      .primaryKey()
      .references(() => panelMembers.id, { onDelete: 'cascade' }),
    ...monitoringColumns(),
  },
  (t) => monitoringChecks('consultation_panel_member_monitoring', t),
);

/**
 * The area's population the panel is read against: by borough (the borough's ONS code, as the
 * directory's reference data codes it) and, for the whole area, by age band, sex and ethnic
 * group. Loaded from the shipped file (population.json) on first use.
 */
export const panelPopulation = pgTable(
  'consultation_panel_population',
  {
    dimension: text('dimension', { enum: POPULATION_DIMENSIONS }).notNull(),
    value: text('value').notNull(),
    people: integer('people').notNull(),
  },
  (t) => [
    uniqueIndex('consultation_panel_population_key').on(t.dimension, t.value),
    check('consultation_panel_population_dimension', isOneOf(t.dimension, POPULATION_DIMENSIONS)),
    check('consultation_panel_population_people', sql`${t.people} >= 0`),
  ],
);

/** CON-06: a panel consultation sent to the whole panel or to a balanced sample of it. */
export const panelWaves = pgTable(
  'consultation_panel_waves',
  {
    id: uuid('id').primaryKey().defaultRandom(),
    consultationId: requiredRef('consultation_id', () => consultations.id, {
      onDelete: 'cascade',
    }),
    kind: text('kind', { enum: WAVE_KINDS }).notNull(),
    /** The sample's size asked for (a balanced sample only). */
    sampleSize: integer('sample_size'),
    /** The seed the sample was drawn with, so the draw can be repeated exactly. */
    seed: integer('seed'),
    invited: integer('invited').notNull(),
    sentAt: timestamp('sent_at', { withTimezone: true }).notNull(),
    sentBy: uuid('sent_by').references(() => users.id),
  },
  (t) => [
    uniqueIndex('consultation_panel_waves_consultation_key').on(t.consultationId),
    index('consultation_panel_waves_sent_idx').on(t.sentAt),
    check('consultation_panel_waves_kind', isOneOf(t.kind, WAVE_KINDS)),
    check(
      'consultation_panel_waves_sample_size',
      sql`(${t.kind} = 'sample') = (${t.sampleSize} is not null)`,
    ),
  ],
);
