/**
 * Consultation's core (issue 25): a consultation with its dates and audience, its questionnaire
 * in numbered versions (a version with responses is never changed: a new one is opened), the
 * responses and their answers, each respondent's own optional monitoring answers kept apart
 * (DP-01), and the invitations that let one invited consultee or panel member respond once.
 * Each sub-capability (programmes, consultees, analysis, the panel...) keeps its own tables in
 * its folder's schema.ts.
 */
import { sql } from 'drizzle-orm';
import {
  boolean,
  check,
  date,
  index,
  integer,
  pgTable,
  text,
  timestamp,
  uniqueIndex,
  uuid,
  type AnyPgColumn,
} from 'drizzle-orm/pg-core';
import { users } from '../../platform/auth/schema.js';
import { isOneOf, recordVersioning, requiredRef } from '../../platform/db/columns.js';
import { organisations } from '../directory/schema.js';
import { minuteItems } from '../meetings/schema.js';
import { AGE_BANDS, ETHNIC_GROUPS, SEXES } from './monitoring.js';
import { MATERIAL_CHANGES } from './board-rules.js';
import { AUDIENCES, QUESTION_KINDS } from './rules.js';

export const consultations = pgTable(
  'consultations',
  {
    id: uuid('id').primaryKey().defaultRandom(),
    title: text('title').notNull(),
    /** What it is for and what it may change, as the public reads it. */
    purpose: text('purpose').notNull(),
    opensOn: date('opens_on', { mode: 'string' }).notNull(),
    closesOn: date('closes_on', { mode: 'string' }).notNull(),
    /** Who may respond: anyone, invited consultees (CON-03), or the citizens' panel (CON-06). */
    audience: text('audience', { enum: AUDIENCES }).notNull(),
    /** CON-01: a major consultation opens only once the strategy board has approved it. */
    major: boolean('major').notNull().default(false),
    /** CON-01: the board's minute approving it (the meeting is the minute's). */
    approvalMinuteItemId: uuid('approval_minute_item_id').references(() => minuteItems.id),
    approvedOn: date('approved_on', { mode: 'string' }),
    /**
     * CON-01: an approval cleared by a material change before launch: when, the minute it was
     * given at, and what changed (MATERIAL_CHANGES), so the page says why it must go back to the
     * board. Emptied when the board approves it again.
     */
    approvalClearedAt: timestamp('approval_cleared_at', { withTimezone: true }),
    approvalClearedMinuteItemId: uuid('approval_cleared_minute_item_id').references(
      () => minuteItems.id,
    ),
    approvalClearedChanges: text('approval_cleared_changes').array(),
    /** CON-01: the borough it consults (the board oversees borough consultation); none: area-wide. */
    boroughId: uuid('borough_id').references(() => organisations.id),
    /** When staff launched it: before, it is a draft; after, it opens and closes on its dates. */
    launchedAt: timestamp('launched_at', { withTimezone: true }),
    /** Closed before its closing date, by staff. */
    closedEarlyAt: timestamp('closed_early_at', { withTimezone: true }),
    /** Why staff closed it early, as the consultation's page says. */
    closedEarlyReason: text('closed_early_reason'),
    createdBy: uuid('created_by').references(() => users.id),
    ...recordVersioning(),
  },
  (t) => [
    index('consultations_opens_idx').on(t.opensOn),
    index('consultations_closes_idx').on(t.closesOn),
    // The staff list's phases: drafts, and launched ones still running (upcoming or open).
    index('consultations_drafts_idx')
      .on(t.opensOn)
      .where(sql`${t.launchedAt} is null`),
    index('consultations_running_idx')
      .on(t.closesOn, t.opensOn)
      .where(sql`${t.launchedAt} is not null and ${t.closedEarlyAt} is null`),
    index('consultations_audience_idx').on(t.audience, t.opensOn),
    // CON-01: the board's borough report: launched consultations by the year they open.
    index('consultations_borough_report_idx')
      .on(t.opensOn, t.boroughId)
      .where(sql`${t.launchedAt} is not null`),
    check('consultations_dates_order', sql`${t.closesOn} >= ${t.opensOn}`),
    check('consultations_audience', isOneOf(t.audience, AUDIENCES)),
    check(
      'consultations_approval_cleared_changes',
      sql`${t.approvalClearedChanges} <@ array[${sql.raw(MATERIAL_CHANGES.map((c) => `'${c}'`).join(', '))}]::text[]`,
    ),
  ],
);

/** A questionnaire's version: the newest is the one answered; earlier ones keep their answers. */
export const questionnaireVersions = pgTable(
  'consultation_questionnaire_versions',
  {
    id: uuid('id').primaryKey().defaultRandom(),
    consultationId: requiredRef('consultation_id', () => consultations.id, {
      onDelete: 'cascade',
    }),
    number: integer('number').notNull(),
    createdAt: timestamp('created_at', { withTimezone: true }).notNull().defaultNow(),
    createdBy: uuid('created_by').references(() => users.id),
  },
  (t) => [uniqueIndex('consultation_questionnaire_versions_key').on(t.consultationId, t.number)],
);

export const questions = pgTable(
  'consultation_questions',
  {
    id: uuid('id').primaryKey().defaultRandom(),
    versionId: requiredRef('version_id', () => questionnaireVersions.id, { onDelete: 'cascade' }),
    /** The order the questions are asked in, from 1. */
    position: integer('position').notNull(),
    kind: text('kind', { enum: QUESTION_KINDS }).notNull(),
    text: text('text').notNull(),
    hint: text('hint'),
    required: boolean('required').notNull().default(false),
    /** For a rating: the top of the scale (1 to this). */
    ratingScale: integer('rating_scale'),
    /** Asked only of those who chose this option of an earlier question. */
    shownIfOptionId: uuid('shown_if_option_id').references((): AnyPgColumn => questionOptions.id, {
      onDelete: 'set null',
    }),
  },
  (t) => [
    index('consultation_questions_version_idx').on(t.versionId, t.position),
    check('consultation_questions_kind', isOneOf(t.kind, QUESTION_KINDS)),
    check(
      'consultation_questions_rating_scale',
      sql`(${t.kind} = 'rating') = (${t.ratingScale} is not null)`,
    ),
  ],
);

export const questionOptions = pgTable(
  'consultation_question_options',
  {
    id: uuid('id').primaryKey().defaultRandom(),
    questionId: requiredRef('question_id', (): AnyPgColumn => questions.id, {
      onDelete: 'cascade',
    }),
    position: integer('position').notNull(),
    label: text('label').notNull(),
  },
  (t) => [index('consultation_question_options_question_idx').on(t.questionId, t.position)],
);

/**
 * CON-03, CON-06: one person's link to respond: an invited consultee or a panel member, who
 * responds once. The link carries a token; only its hash is kept.
 */
export const invitations = pgTable(
  'consultation_invitations',
  {
    id: uuid('id').primaryKey().defaultRandom(),
    consultationId: requiredRef('consultation_id', () => consultations.id, {
      onDelete: 'cascade',
    }),
    /** Whom it was sent to: a consultee (consultees/schema.ts) or a panel member (panel/). */
    consulteeId: uuid('consultee_id'),
    panelMemberId: uuid('panel_member_id'),
    tokenHash: text('token_hash').notNull(),
    sentAt: timestamp('sent_at', { withTimezone: true }),
    remindedAt: timestamp('reminded_at', { withTimezone: true }),
    /**
     * Whether its response was sent: set by a trigger as the response is submitted (migration
     * 0048), so that "responded" outlives the response's link to it, which DP-03's anonymisation
     * removes. Only yes or no: a day or an instant could be matched with the response's own.
     */
    responded: boolean('responded').notNull().default(false),
  },
  (t) => [
    uniqueIndex('consultation_invitations_token_key').on(t.tokenHash),
    uniqueIndex('consultation_invitations_consultee_key').on(t.consultationId, t.consulteeId),
    uniqueIndex('consultation_invitations_panel_member_key').on(t.consultationId, t.panelMemberId),
    index('consultation_invitations_panel_member_idx').on(t.panelMemberId),
    check(
      'consultation_invitations_one_invitee',
      sql`(${t.consulteeId} is null) <> (${t.panelMemberId} is null)`,
    ),
  ],
);

export const responses = pgTable(
  'consultation_responses',
  {
    id: uuid('id').primaryKey().defaultRandom(),
    consultationId: requiredRef('consultation_id', () => consultations.id, {
      onDelete: 'cascade',
    }),
    versionId: requiredRef('version_id', () => questionnaireVersions.id),
    /** An invited consultee's or panel member's response: one each. */
    invitationId: uuid('invitation_id').references(() => invitations.id, { onDelete: 'set null' }),
    /** Saved to finish later: the hash of the link's token, until it is submitted. */
    resumeTokenHash: text('resume_token_hash'),
    /** Where the link to finish later was sent, if the respondent asked (DP-03: anonymised). */
    contactEmail: text('contact_email'),
    /**
     * A keyed hash of the address it came from (never the address), so that staff can see a
     * burst from one place and set it aside.
     */
    addressHash: text('address_hash'),
    /** The borough the respondent says they live or work in, for the analysis (optional). */
    boroughId: uuid('borough_id').references(() => organisations.id),
    startedAt: timestamp('started_at', { withTimezone: true }).notNull().defaultNow(),
    submittedAt: timestamp('submitted_at', { withTimezone: true }),
    /** Set aside by staff (a burst, a duplicate): kept, but left out of the analysis. */
    setAsideAt: timestamp('set_aside_at', { withTimezone: true }),
    setAsideReason: text('set_aside_reason'),
    setAsideBy: uuid('set_aside_by').references(() => users.id),
    /** DP-03: when its personal data was removed after the retention period. */
    anonymisedAt: timestamp('anonymised_at', { withTimezone: true }),
  },
  (t) => [
    index('consultation_responses_consultation_idx').on(t.consultationId, t.submittedAt),
    index('consultation_responses_address_idx').on(t.consultationId, t.addressHash, t.startedAt),
    uniqueIndex('consultation_responses_invitation_key').on(t.invitationId),
    uniqueIndex('consultation_responses_resume_key').on(t.resumeTokenHash),
    // DP-03: the retention sweep reads only the responses still holding personal data.
    index('consultation_responses_personal_idx')
      .on(t.consultationId)
      .where(sql`${t.anonymisedAt} is null`),
    // DP-02: a person's responses, found by the address a link was sent to (subject access,
    // erasure).
    index('consultation_responses_contact_idx')
      .on(sql`lower(${t.contactEmail})`)
      .where(sql`${t.contactEmail} is not null`),
  ],
);

/** One answer: a chosen option (one row per option of a multiple choice), a text or a rating. */
export const answers = pgTable(
  'consultation_answers',
  {
    id: uuid('id').primaryKey().defaultRandom(),
    responseId: requiredRef('response_id', () => responses.id, { onDelete: 'cascade' }),
    questionId: requiredRef('question_id', () => questions.id),
    optionId: uuid('option_id').references(() => questionOptions.id),
    textValue: text('text_value'),
    rating: integer('rating'),
  },
  (t) => [
    index('consultation_answers_response_idx').on(t.responseId),
    index('consultation_answers_question_idx').on(t.questionId, t.optionId),
  ],
);

/**
 * DP-01: the optional monitoring answers a respondent or a panel member gives about themselves,
 * each kept in a table of its own apart from the record it describes, and read only as counts.
 */
export const monitoringColumns = () => ({
  ageBand: text('age_band', { enum: AGE_BANDS }),
  sex: text('sex', { enum: SEXES }),
  ethnicGroup: text('ethnic_group', { enum: ETHNIC_GROUPS }),
});

/** The checks that hold a monitoring table's answers to their lists, named after the table. */
export const monitoringChecks = (
  table: string,
  t: { [K in keyof ReturnType<typeof monitoringColumns>]: AnyPgColumn },
) => [
  check(`${table}_age`, isOneOf(t.ageBand, AGE_BANDS)),
  check(`${table}_sex`, isOneOf(t.sex, SEXES)),
  check(`${table}_ethnic`, isOneOf(t.ethnicGroup, ETHNIC_GROUPS)),
];

/** DP-01: a respondent's own optional monitoring answers, apart from the response. */
export const responseMonitoring = pgTable(
  'consultation_response_monitoring',
  {
    responseId: uuid('response_id')
      .primaryKey()
      .references(() => responses.id, { onDelete: 'cascade' }),
    ...monitoringColumns(),
  },
  (t) => monitoringChecks('consultation_response_monitoring', t),
);
