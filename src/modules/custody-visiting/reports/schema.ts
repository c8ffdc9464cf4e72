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
    /** Made with the form that began it: the same form sent again is this report, not another. */
    idempotencyKey: uuid('idempotency_key').notNull(),
    ...recordVersioning(),
  },
  (t) => [
    uniqueIndex('custody_visit_reports_idempotency_key').on(t.idempotencyKey),
    index('custody_visit_reports_first_visitor_idx').on(t.firstVisitorId, t.visitedOn),
    index('custody_visit_reports_second_visitor_idx').on(t.secondVisitorId, t.visitedOn),
    index('custody_visit_reports_suite_idx').on(t.suiteId, t.status, t.visitedOn),
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
    /** Made with the form that added it: the same form sent again adds no second detainee. */
    idempotencyKey: uuid('idempotency_key').notNull(),
    createdAt: timestamp('created_at', { withTimezone: true }).notNull().defaultNow(),
  },
  (t) => [
    uniqueIndex('custody_visit_report_detainees_idempotency_key').on(t.idempotencyKey),
    uniqueIndex('custody_visit_report_detainees_record_key').on(t.reportId, t.custodyRecordNumber),
  ],
);
