import { sql } from 'drizzle-orm';
import {
  boolean,
  check,
  date,
  index,
  integer,
  pgEnum,
  pgTable,
  primaryKey,
  smallint,
  text,
  timestamp,
  uniqueIndex,
  uuid,
  type AnyPgColumn,
} from 'drizzle-orm/pg-core';
import { users } from '../../platform/auth/schema.js';
import { recordVersioning, requiredRef, searchDocument } from '../../platform/db/columns.js';
import { organisations, people } from '../directory/schema.js';
import { CLEARANCE_ORDER, GROUP_STATUSES, GROUP_TYPES } from './rules.js';
import { MONITORING_QUESTIONS } from './diversity/rules.js';

/** Who entered a record kept for its history (a declaration, a clearance, …), and when. */
const recordedByAndWhen = () => ({
  recordedBy: uuid('recorded_by').references(() => users.id),
  createdAt: timestamp('created_at', { withTimezone: true }).notNull().defaultNow(),
});

export const groupTypeEnum = pgEnum('group_type', GROUP_TYPES);
export const groupStatusEnum = pgEnum('group_status', GROUP_STATUSES);
export const MEMBERSHIP_STATUSES = ['current', 'ended', 'withdrawn', 'resigned'] as const;
export const membershipStatusEnum = pgEnum('membership_status', MEMBERSHIP_STATUSES);
export const REAPPOINTMENT_STATUSES = ['pending', 'agreed', 'declined'] as const;
export const reappointmentStatusEnum = pgEnum('reappointment_status', REAPPOINTMENT_STATUSES);
export const GROUP_DOCUMENT_KINDS = ['terms_of_reference', 'guide', 'other'] as const;
export const groupDocumentKindEnum = pgEnum('group_document_kind', GROUP_DOCUMENT_KINDS);

export const advisoryGroups = pgTable(
  'advisory_groups',
  {
    id: uuid('id').primaryKey().defaultRandom(),
    /** A stable code for the reference groups (the five corporate IAGs); null for others. */
    code: text('code'),
    name: text('name').notNull(),
    type: groupTypeEnum('type').notNull(),
    status: groupStatusEnum('status').notNull().default('active'),
    /** The directorate or borough command that owns it; a sub-group's is its parent's. */
    ownerId: uuid('owner_id').references(() => organisations.id),
    parentGroupId: uuid('parent_group_id').references((): AnyPgColumn => advisoryGroups.id),
    purpose: text('purpose').notNull(),
    /** The communities or area of work it advises on, e.g. "Disability". */
    focus: text('focus'),
    meetingIntervalMonths: smallint('meeting_interval_months').notNull(),
    /** Eligibility by age on the appointment date (the Youth IAG: 14 to 25 inclusive). */
    minAge: smallint('min_age'),
    maxAge: smallint('max_age'),
    /** IAG-07: the person who nominates advisors for requests routed to the group. */
    deploymentContactId: uuid('deployment_contact_id').references(() => people.id),
    ...recordVersioning(),
    search: searchDocument((): AnyPgColumn[] => [
      advisoryGroups.name,
      advisoryGroups.focus,
      advisoryGroups.purpose,
    ]),
  },
  (t) => [
    uniqueIndex('advisory_groups_code_key').on(t.code),
    uniqueIndex('advisory_groups_name_key').on(sql`lower(${t.name})`),
    index('advisory_groups_type_name_idx').on(t.type, t.name),
    index('advisory_groups_owner_idx').on(t.ownerId),
    index('advisory_groups_parent_idx').on(t.parentGroupId),
    index('advisory_groups_search_idx').using('gin', t.search),
    check('advisory_groups_interval_check', sql`${t.meetingIntervalMonths} in (1, 2, 3, 4, 6, 12)`),
    check(
      'advisory_groups_age_check',
      sql`${t.minAge} is null or ${t.maxAge} is null or ${t.minAge} <= ${t.maxAge}`,
    ),
  ],
);

/** A group's terms of reference, a guide (IAG-24), or another document kept with versions. */
export const groupDocuments = pgTable(
  'group_documents',
  {
    id: uuid('id').primaryKey().defaultRandom(),
    groupId: uuid('group_id').references(() => advisoryGroups.id),
    kind: groupDocumentKindEnum('kind').notNull(),
    title: text('title').notNull(),
    /** IAG-24: who keeps it current (for guides, usually the Diversity and Citizen Focus Directorate). */
    ownerId: uuid('owner_id').references(() => organisations.id),
    /** IAG-24: when it is next to be reviewed. */
    reviewDue: date('review_due', { mode: 'string' }),
    /** A stable code for the reference guides; null for others. */
    code: text('code'),
    createdAt: timestamp('created_at', { withTimezone: true }).notNull().defaultNow(),
  },
  (t) => [
    index('group_documents_group_idx').on(t.groupId, t.kind),
    uniqueIndex('group_documents_code_key').on(t.code),
    index('group_documents_review_idx').on(t.kind, t.reviewDue),
    // One terms-of-reference document per group; its versions are the history.
    uniqueIndex('group_documents_terms_key')
      .on(t.groupId)
      .where(sql`${t.kind} = 'terms_of_reference'`),
  ],
);

export const groupDocumentVersions = pgTable(
  'group_document_versions',
  {
    id: uuid('id').primaryKey().defaultRandom(),
    documentId: requiredRef('document_id', () => groupDocuments.id),
    number: integer('number').notNull(),
    body: text('body').notNull(),
    changeSummary: text('change_summary'),
    /** The date the group and the police service agreed this version. */
    agreedOn: date('agreed_on', { mode: 'string' }).notNull(),
    createdBy: uuid('created_by').references(() => users.id),
    createdAt: timestamp('created_at', { withTimezone: true }).notNull().defaultNow(),
  },
  (t) => [uniqueIndex('group_document_versions_number_key').on(t.documentId, t.number)],
);

/** An appointment to a group: one term (IAG-18). A second term is a new row. */
export const memberships = pgTable(
  'memberships',
  {
    id: uuid('id').primaryKey().defaultRandom(),
    groupId: requiredRef('group_id', () => advisoryGroups.id),
    personId: requiredRef('person_id', () => people.id),
    termNumber: smallint('term_number').notNull(),
    startsOn: date('starts_on', { mode: 'string' }).notNull(),
    endsOn: date('ends_on', { mode: 'string' }).notNull(),
    status: membershipStatusEnum('status').notNull().default('current'),
    leftOn: date('left_on', { mode: 'string' }),
    leavingReason: text('leaving_reason'),
    /** IAG-19: kept a year past the rule's end date because the rules came in. */
    transitional: boolean('transitional').notNull().default(false),
    imported: boolean('imported').notNull().default(false),
    previousMembershipId: uuid('previous_membership_id').references(
      (): AnyPgColumn => memberships.id,
    ),
    /** The member agreed to their name appearing on the public page. */
    publishName: boolean('publish_name').notNull().default(false),
    endNoticeSentAt: timestamp('end_notice_sent_at', { withTimezone: true }),
    ...recordVersioning(),
  },
  (t) => [
    index('memberships_group_status_idx').on(t.groupId, t.status, t.endsOn),
    index('memberships_person_idx').on(t.personId, t.groupId),
    uniqueIndex('memberships_one_current_key')
      .on(t.groupId, t.personId)
      .where(sql`${t.status} = 'current'`),
    uniqueIndex('memberships_previous_key').on(t.previousMembershipId),
    index('memberships_notice_idx')
      .on(t.endsOn)
      .where(sql`${t.status} = 'current' and ${t.endNoticeSentAt} is null`),
    check('memberships_term_check', sql`${t.termNumber} between 1 and 2`),
    check('memberships_dates_check', sql`${t.startsOn} < ${t.endsOn}`),
  ],
);

/** IAG-18: a second term, agreed separately by a chair (or co-chair) and the Director. */
export const reappointments = pgTable(
  'reappointments',
  {
    id: uuid('id').primaryKey().defaultRandom(),
    membershipId: requiredRef('membership_id', () => memberships.id),
    status: reappointmentStatusEnum('status').notNull().default('pending'),
    proposedBy: uuid('proposed_by').references(() => users.id),
    proposedAt: timestamp('proposed_at', { withTimezone: true }).notNull().defaultNow(),
    chairUserId: uuid('chair_user_id').references(() => users.id),
    chairAgreedAt: timestamp('chair_agreed_at', { withTimezone: true }),
    directorUserId: uuid('director_user_id').references(() => users.id),
    directorAgreedAt: timestamp('director_agreed_at', { withTimezone: true }),
    declinedBy: uuid('declined_by').references(() => users.id),
    declinedAt: timestamp('declined_at', { withTimezone: true }),
    declinedReason: text('declined_reason'),
    newMembershipId: uuid('new_membership_id').references(() => memberships.id),
    /**
     * A second term agreed before the group was in Bridge, as the imported list records it: the
     * date, and the chair and the Director who agreed it (they may have no account).
     */
    recordedAgreedOn: date('recorded_agreed_on', { mode: 'string' }),
    recordedChair: text('recorded_chair'),
    recordedDirector: text('recorded_director'),
    /**
     * Made by an import for a member the list showed already serving a second term that nobody
     * had agreed: once agreed, that term follows the first without a gap (IAG-18), rather than
     * beginning on the day of agreement as a late agreement otherwise does.
     */
    continuesImportedService: boolean('continues_imported_service').notNull().default(false),
  },
  (t) => [
    uniqueIndex('reappointments_pending_key')
      .on(t.membershipId)
      .where(sql`${t.status} = 'pending'`),
    index('reappointments_status_idx').on(t.status, t.proposedAt),
  ],
);

/** IAG-21(a): an election of the chair or co-chairs, overseen by an independent adjudicator. */
export const elections = pgTable(
  'elections',
  {
    id: uuid('id').primaryKey().defaultRandom(),
    groupId: requiredRef('group_id', () => advisoryGroups.id),
    heldOn: date('held_on', { mode: 'string' }).notNull(),
    adjudicatorName: text('adjudicator_name').notNull(),
    adjudicatorOrganisation: text('adjudicator_organisation'),
    /** Who agreed the adjudicator: the chair(s) in office, and for the police service. */
    agreedByChairs: text('agreed_by_chairs').notNull(),
    agreedByPolice: text('agreed_by_police').notNull(),
    notes: text('notes'),
    ...recordedByAndWhen(),
  },
  (t) => [index('elections_group_held_idx').on(t.groupId, t.heldOn)],
);

export const electionCandidates = pgTable(
  'election_candidates',
  {
    electionId: requiredRef('election_id', () => elections.id),
    personId: requiredRef('person_id', () => people.id),
    elected: boolean('elected').notNull(),
    votes: integer('votes'),
  },
  (t) => [
    primaryKey({ columns: [t.electionId, t.personId] }),
    index('election_candidates_person_idx').on(t.personId),
  ],
);

/** IAG-16, IAG-20: a recruitment round for a group, run jointly by a panel. */
export const recruitmentRounds = pgTable(
  'recruitment_rounds',
  {
    id: uuid('id').primaryKey().defaultRandom(),
    groupId: requiredRef('group_id', () => advisoryGroups.id),
    opensOn: date('opens_on', { mode: 'string' }).notNull(),
    closesOn: date('closes_on', { mode: 'string' }).notNull(),
    /** Appointments start on this date; age limits (IAG-17) are judged on it. */
    appointmentDate: date('appointment_date', { mode: 'string' }).notNull(),
    /** IAG-17: the communities the round sets out to reach. */
    targetAudiences: text('target_audiences').notNull(),
    createdBy: uuid('created_by').references(() => users.id),
    createdAt: timestamp('created_at', { withTimezone: true }).notNull().defaultNow(),
  },
  (t) => [
    index('recruitment_rounds_group_idx').on(t.groupId, t.opensOn),
    index('recruitment_rounds_open_idx').on(t.opensOn, t.closesOn),
    check(
      'recruitment_rounds_dates_check',
      sql`${t.opensOn} <= ${t.closesOn} and ${t.closesOn} <= ${t.appointmentDate}`,
    ),
  ],
);

/** The joint panel of a round: the only people, with the coordination unit, who see applicants. */
export const recruitmentPanel = pgTable(
  'recruitment_panel',
  {
    roundId: requiredRef('round_id', () => recruitmentRounds.id),
    userId: requiredRef('user_id', () => users.id),
  },
  (t) => [
    primaryKey({ columns: [t.roundId, t.userId] }),
    index('recruitment_panel_user_idx').on(t.userId),
  ],
);

export const APPLICATION_STATUSES = [
  'submitted',
  'recommended',
  'not_recommended',
  'accepted',
  'declined',
] as const;
export const applicationStatusEnum = pgEnum('application_status', APPLICATION_STATUSES);

/** An application made through the public form (no account needed). */
export const applications = pgTable(
  'applications',
  {
    id: uuid('id').primaryKey().defaultRandom(),
    roundId: requiredRef('round_id', () => recruitmentRounds.id),
    fullName: text('full_name').notNull(),
    email: text('email').notNull(),
    phone: text('phone'),
    dateOfBirth: date('date_of_birth', { mode: 'string' }),
    /** The communities the applicant belongs to or works with (IAG-17). */
    communities: text('communities').notNull(),
    statement: text('statement').notNull(),
    /** IAG-02 and IAG-21(g), declared on the form. */
    independenceConfirmed: boolean('independence_confirmed').notNull(),
    principlesConfirmed: boolean('principles_confirmed').notNull(),
    status: applicationStatusEnum('status').notNull().default('submitted'),
    assessment: text('assessment'),
    assessedBy: uuid('assessed_by').references(() => users.id),
    assessedAt: timestamp('assessed_at', { withTimezone: true }),
    decisionReason: text('decision_reason'),
    decidedBy: uuid('decided_by').references(() => users.id),
    decidedAt: timestamp('decided_at', { withTimezone: true }),
    membershipId: uuid('membership_id').references(() => memberships.id),
    submittedAt: timestamp('submitted_at', { withTimezone: true }).notNull().defaultNow(),
  },
  (t) => [
    index('applications_round_status_idx').on(t.roundId, t.status, t.submittedAt),
    uniqueIndex('applications_round_email_key').on(t.roundId, sql`lower(${t.email})`),
    // DP-02: a person's applications in every round, found by their address (subject access,
    // erasure, holds).
    index('applications_email_idx').on(sql`lower(${t.email})`),
  ],
);

/** IAG-02, IAG-21(g): a member's declaration of interests, independence and the principles. */
export const declarations = pgTable(
  'declarations',
  {
    id: uuid('id').primaryKey().defaultRandom(),
    personId: requiredRef('person_id', () => people.id),
    declaredOn: date('declared_on', { mode: 'string' }).notNull(),
    /** The interests declared; null when the member declared none. */
    interests: text('interests'),
    independenceConfirmed: boolean('independence_confirmed').notNull(),
    principlesConfirmed: boolean('principles_confirmed').notNull(),
    ...recordedByAndWhen(),
  },
  (t) => [index('declarations_person_idx').on(t.personId, t.declaredOn)],
);

export const clearanceLevelEnum = pgEnum('clearance_level', CLEARANCE_ORDER);

/** IAG-29: security clearance, set by the directorate whose specialist work needs it. */
export const clearances = pgTable(
  'clearances',
  {
    id: uuid('id').primaryKey().defaultRandom(),
    personId: requiredRef('person_id', () => people.id),
    level: clearanceLevelEnum('level').notNull(),
    grantedOn: date('granted_on', { mode: 'string' }).notNull(),
    expiresOn: date('expires_on', { mode: 'string' }).notNull(),
    requiredById: requiredRef('required_by_id', () => organisations.id),
    withdrawnOn: date('withdrawn_on', { mode: 'string' }),
    ...recordedByAndWhen(),
  },
  (t) => [
    index('clearances_person_idx').on(t.personId, t.expiresOn),
    index('clearances_expiry_idx')
      .on(t.expiresOn)
      .where(sql`${t.withdrawnOn} is null`),
    check('clearances_dates_check', sql`${t.grantedOn} < ${t.expiresOn}`),
  ],
);

/** IAG-30: an exemption from escorted access to police buildings, with who approved it. */
export const accessExemptions = pgTable(
  'access_exemptions',
  {
    id: uuid('id').primaryKey().defaultRandom(),
    personId: requiredRef('person_id', () => people.id),
    approvedBy: text('approved_by').notNull(),
    approvedOn: date('approved_on', { mode: 'string' }).notNull(),
    expiresOn: date('expires_on', { mode: 'string' }),
    reason: text('reason').notNull(),
    revokedOn: date('revoked_on', { mode: 'string' }),
    ...recordedByAndWhen(),
  },
  (t) => [index('access_exemptions_person_idx').on(t.personId)],
);

export const CONSULTED_CAPACITIES = ['chair', 'co_chair', 'deputy_chair'] as const;
export const consultedCapacityEnum = pgEnum('consulted_capacity', CONSULTED_CAPACITIES);

/** IAG-15: recognition of exceptional commitment, made in consultation with the chair. */
export const commendations = pgTable(
  'commendations',
  {
    id: uuid('id').primaryKey().defaultRandom(),
    personId: requiredRef('person_id', () => people.id),
    groupId: requiredRef('group_id', () => advisoryGroups.id),
    awardedOn: date('awarded_on', { mode: 'string' }).notNull(),
    citation: text('citation').notNull(),
    consultedPersonId: requiredRef('consulted_person_id', () => people.id),
    consultedCapacity: consultedCapacityEnum('consulted_capacity').notNull(),
    ...recordedByAndWhen(),
  },
  (t) => [
    index('commendations_group_idx').on(t.groupId, t.awardedOn),
    index('commendations_person_idx').on(t.personId),
  ],
);

export const POLICE_ATTENDEE_ROLES = ['directorate_manager', 'strand_representative'] as const;
// The roles' names for the meeting body until it says the catalogue's `groups:policeAttendee.<role>`.
export const policeAttendeeRoleEnum = pgEnum('police_attendee_role', POLICE_ATTENDEE_ROLES);

/** IAG-33: the police named to attend a corporate IAG's full meetings. */
export const policeAttendees = pgTable(
  'police_attendees',
  {
    id: uuid('id').primaryKey().defaultRandom(),
    groupId: requiredRef('group_id', () => advisoryGroups.id),
    role: policeAttendeeRoleEnum('role').notNull(),
    personId: requiredRef('person_id', () => people.id),
    /** Rank or staff band, as IAG-33 requires Inspector (Band C) or above of the manager. */
    rank: text('rank').notNull(),
    fromOn: date('from_on', { mode: 'string' }).notNull(),
    untilOn: date('until_on', { mode: 'string' }),
    recordedBy: uuid('recorded_by').references(() => users.id),
  },
  (t) => [
    uniqueIndex('police_attendees_current_key')
      .on(t.groupId, t.role)
      .where(sql`${t.untilOn} is null`),
  ],
);

const answerCheck = (column: AnyPgColumn, values: readonly string[]) =>
  sql`${column} is null or ${column} in (${sql.raw(values.map((v) => `'${v}'`).join(', '))})`;

/**
 * DP-01: a person's own, optional diversity-monitoring answers, held apart from their record.
 * Read back only by the person; used only as coverage across a group (IAG-17).
 */
export const diversityAnswers = pgTable(
  'diversity_answers',
  {
    personId: uuid('person_id')
      .primaryKey()
      .references(() => people.id, { onDelete: 'cascade' }),
    ethnicity: text('ethnicity'),
    religion: text('religion'),
    disability: text('disability'),
    sexualOrientation: text('sexual_orientation'),
    transHistory: text('trans_history'),
    ageBand: text('age_band'),
    answeredAt: timestamp('answered_at', { withTimezone: true }).notNull().defaultNow(),
  },
  (t) => [
    check(
      'diversity_answers_ethnicity_check',
      answerCheck(t.ethnicity, MONITORING_QUESTIONS.ethnicity),
    ),
    check(
      'diversity_answers_religion_check',
      answerCheck(t.religion, MONITORING_QUESTIONS.religion),
    ),
    check(
      'diversity_answers_disability_check',
      answerCheck(t.disability, MONITORING_QUESTIONS.disability),
    ),
    check(
      'diversity_answers_orientation_check',
      answerCheck(t.sexualOrientation, MONITORING_QUESTIONS.sexualOrientation),
    ),
    check(
      'diversity_answers_trans_check',
      answerCheck(t.transHistory, MONITORING_QUESTIONS.transHistory),
    ),
    check('diversity_answers_age_check', answerCheck(t.ageBand, MONITORING_QUESTIONS.ageBand)),
  ],
);
