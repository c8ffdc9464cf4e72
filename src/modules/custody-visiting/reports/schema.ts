/**
 * The custody visit report (ICV-04 to ICV-07), written at the station by the two visitors who
 * made the visit: its own record, with its suite, date and visitors, and the detainees present,
 * each by custody record number only (ICV-05: no name, no reason for detention).
 */
import { sql } from 'drizzle-orm';
import {
  boolean,
  date,
  index,
  integer,
  pgTable,
  text,
  time,
  timestamp,
  uniqueIndex,
  uuid,
} from 'drizzle-orm/pg-core';
import { recordVersioning, requiredRef } from '../../../platform/db/columns.js';
import { custodyPanels, custodySuites, custodyVisitors, custodyVisits } from '../schema.js';

const finding = (name: string) => text(name, { enum: ['satisfactory', 'concerns'] });

export const custodyVisitReports = pgTable(
  'custody_visit_reports',
  {
    id: uuid('id').primaryKey().defaultRandom(),
    /** The rota's visit this reports on (ICV-03), when the report began from one. */
    visitId: uuid('visit_id').references(() => custodyVisits.id),
    suiteId: requiredRef('suite_id', () => custodySuites.id),
    panelId: requiredRef('panel_id', () => custodyPanels.id),
    visitedOn: date('visited_on', { mode: 'string' }).notNull(),
    /** ICV-03: the two visitors; the first began the report. */
    firstVisitorId: requiredRef('first_visitor_id', () => custodyVisitors.id),
    secondVisitorId: requiredRef('second_visitor_id', () => custodyVisitors.id),
    /** ICV-04: times of arrival and of admission, and a delay's reason and authorising inspector. */
    arrivedAt: time('arrived_at').notNull(),
    admittedAt: time('admitted_at').notNull(),
    delayReason: text('delay_reason'),
    delayAuthorisedBy: text('delay_authorised_by'),
    /** ICV-06, ICV-07: the checks, the detainees present, conditions, issues and follow-up. */
    detaineesPresent: integer('detainees_present'),
    rightsCheck: finding('rights_check'),
    rightsNotes: text('rights_notes'),
    healthCheck: finding('health_check'),
    healthNotes: text('health_notes'),
    cellsCheck: finding('cells_check'),
    cellsNotes: text('cells_notes'),
    conditions: text('conditions'),
    issuesRaised: text('issues_raised'),
    actionTaken: text('action_taken'),
    followUp: text('follow_up'),
    checksRecordedAt: timestamp('checks_recorded_at', { withTimezone: true }),
    /** ICV-07: each visitor's confirmation; a change to the report clears both. */
    firstConfirmedAt: timestamp('first_confirmed_at', { withTimezone: true }),
    secondConfirmedAt: timestamp('second_confirmed_at', { withTimezone: true }),
    status: text('status', { enum: ['draft', 'submitted'] })
      .notNull()
      .default('draft'),
    submittedAt: timestamp('submitted_at', { withTimezone: true }),
    /** ICV-08: the scheme manager's review: who, when, and a note. */
    reviewedAt: timestamp('reviewed_at', { withTimezone: true }),
    reviewedBy: uuid('reviewed_by'),
    reviewNote: text('review_note'),
    /**
     * ICV-09: set when the report is sent with a detainee held under terrorism legislation: it
     * goes to the authority and is copied to the Independent Reviewer of Terrorism Legislation.
     */
    terrorismReport: boolean('terrorism_report').notNull().default(false),
    /** Made with the form that began it: the same form sent again is this report, not another. */
    idempotencyKey: uuid('idempotency_key').notNull(),
    ...recordVersioning(),
  },
  (t) => [
    uniqueIndex('custody_visit_reports_idempotency_key').on(t.idempotencyKey),
    index('custody_visit_reports_first_visitor_idx').on(t.firstVisitorId, t.visitedOn),
    index('custody_visit_reports_second_visitor_idx').on(t.secondVisitorId, t.visitedOn),
    index('custody_visit_reports_suite_idx').on(t.suiteId, t.status, t.visitedOn),
    // A panel coordinator reads the sent reports of their panel's suites.
    index('custody_visit_reports_panel_idx').on(t.panelId, t.status, t.visitedOn),
    // ICV-03: a visit on the rota is reported once; its visitors' page asks which are.
    uniqueIndex('custody_visit_reports_visit_key')
      .on(t.visitId)
      .where(sql`${t.visitId} is not null`),
    index('custody_visit_reports_submitted_idx')
      .on(t.visitedOn)
      .where(sql`${t.status} = 'submitted'`),
    // ICV-08: the review queue, oldest sent first.
    index('custody_visit_reports_review_queue_idx')
      .on(t.submittedAt)
      .where(sql`${t.status} = 'submitted' and ${t.reviewedAt} is null`),
  ],
);

/** ICV-05: a detainee present at the visit, by custody record number only. */
export const custodyVisitReportDetainees = pgTable(
  'custody_visit_report_detainees',
  {
    id: uuid('id').primaryKey().defaultRandom(),
    reportId: requiredRef('report_id', () => custodyVisitReports.id, { onDelete: 'cascade' }),
    custodyRecordNumber: text('custody_record_number').notNull(),
    child: boolean('child').notNull(),
    vulnerable: boolean('vulnerable').notNull(),
    consent: boolean('consent').notNull(),
    seen: boolean('seen').notNull(),
    notSeenReason: text('not_seen_reason', {
      enum: ['asleep', 'interview', 'solicitor', 'declined', 'safety'],
    }),
    /** ICV-06: the custody record read, with the detainee's consent. */
    recordChecked: boolean('record_checked').notNull(),
    observations: text('observations'),
    /**
     * ICV-09: held under terrorism legislation (the legal power only: never the reason or any
     * offence), and whether the visitors viewed recordings of interviews, with a short note.
     */
    terrorism: boolean('terrorism').notNull().default(false),
    recordingsViewed: boolean('recordings_viewed').notNull().default(false),
    recordingsNotes: text('recordings_notes'),
    /** Made with the form that added it: the same form sent again adds no second detainee. */
    idempotencyKey: uuid('idempotency_key').notNull(),
    createdAt: timestamp('created_at', { withTimezone: true }).notNull().defaultNow(),
  },
  (t) => [
    uniqueIndex('custody_visit_report_detainees_idempotency_key').on(t.idempotencyKey),
    uniqueIndex('custody_visit_report_detainees_record_key').on(t.reportId, t.custodyRecordNumber),
  ],
);

/**
 * ICV-09: a terrorism report's copies, recorded when it is sent: to the authority and to the
 * Independent Reviewer of Terrorism Legislation. E-mailed (a link, never a custody record
 * number) to the address set for each; with none set, it awaits one and the scheme manager
 * sends it by hand and records it sent (`sentAt`, `sentTo`, `recordedBy`).
 */
export const custodyVisitReportCopies = pgTable(
  'custody_visit_report_copies',
  {
    id: uuid('id').primaryKey().defaultRandom(),
    reportId: requiredRef('report_id', () => custodyVisitReports.id, { onDelete: 'cascade' }),
    recipient: text('recipient', { enum: ['authority', 'terrorism_reviewer'] }).notNull(),
    /** To whom it went: the address e-mailed, or what the manager recorded; null while awaiting. */
    sentTo: text('sent_to'),
    sentAt: timestamp('sent_at', { withTimezone: true }),
    /** E-mailed by Bridge when the report was sent, or sent by hand and recorded by the manager. */
    method: text('method', { enum: ['email', 'by_hand'] }),
    recordedBy: uuid('recorded_by'),
    ...recordVersioning(),
  },
  (t) => [uniqueIndex('custody_visit_report_copies_report_key').on(t.reportId, t.recipient)],
);
