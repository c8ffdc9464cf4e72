/**
 * ICV-08: an issue raised from a visit report's matters for follow-up, tracked to the police
 * response and closure. Its summary is published: it never names or numbers a detainee.
 */
import { sql } from 'drizzle-orm';
import { boolean, date, index, pgTable, text, timestamp, unique, uuid } from 'drizzle-orm/pg-core';
import { recordVersioning, requiredRef } from '../../../platform/db/columns.js';
import { custodySuites } from '../schema.js';
import { custodyVisitReports } from '../reports/schema.js';

export const ISSUE_STATUSES = ['open', 'answered', 'closed'] as const;
export const ISSUE_OUTCOMES = ['resolved', 'not_resolved'] as const;

export const custodyIssues = pgTable(
  'custody_issues',
  {
    id: uuid('id').primaryKey().defaultRandom(),
    reportId: requiredRef('report_id', () => custodyVisitReports.id, { onDelete: 'cascade' }),
    suiteId: requiredRef('suite_id', () => custodySuites.id),
    summary: text('summary').notNull(),
    significant: boolean('significant').notNull(),
    status: text('status', { enum: ISSUE_STATUSES }).notNull().default('open'),
    raisedAt: timestamp('raised_at', { withTimezone: true }).notNull(),
    /** The London day it was raised, for the working days to its escalation. */
    raisedOn: date('raised_on', { mode: 'string' }).notNull(),
    raisedBy: uuid('raised_by').notNull(),
    /** The police response (the custody inspector's). */
    response: text('response'),
    answeredAt: timestamp('answered_at', { withTimezone: true }),
    answeredBy: uuid('answered_by'),
    /** Sent back by the manager to be answered again, with why. */
    sentBackAt: timestamp('sent_back_at', { withTimezone: true }),
    sentBackNote: text('sent_back_note'),
    outcome: text('outcome', { enum: ISSUE_OUTCOMES }),
    closeNote: text('close_note'),
    closedAt: timestamp('closed_at', { withTimezone: true }),
    closedOn: date('closed_on', { mode: 'string' }),
    /** Escalated to the chief inspector for custody; a significant one to the authority. */
    escalatedAt: timestamp('escalated_at', { withTimezone: true }),
    authorityEscalatedAt: timestamp('authority_escalated_at', { withTimezone: true }),
    ...recordVersioning(),
  },
  (t) => [
    index('custody_issues_report_idx').on(t.reportId, t.raisedAt),
    index('custody_issues_suite_idx').on(t.suiteId, t.status, t.raisedAt),
    index('custody_issues_status_idx').on(t.status, t.raisedAt),
    // The public summary: answered or closed issues, newest first.
    index('custody_issues_public_idx')
      .on(t.raisedAt)
      .where(sql`${t.status} in ('answered', 'closed')`),
  ],
);

export const REMINDER_KINDS = ['review_overdue', 'escalation_due'] as const;

/**
 * ICV-08: each reminder the daily sweep has sent the scheme managers, once per report whose
 * review became overdue and per issue that became due to go to the chief inspector. The unique
 * key is what makes it once: across restarts, and when two instances sweep at the same moment
 * (the second's insert waits for the first's commit, then adds nothing, so it sends nothing).
 */
export const custodyFollowUpReminders = pgTable(
  'custody_follow_up_reminders',
  {
    id: uuid('id').primaryKey().defaultRandom(),
    kind: text('kind', { enum: REMINDER_KINDS }).notNull(),
    reportId: requiredRef('report_id', () => custodyVisitReports.id, { onDelete: 'cascade' }),
    /** The issue, for an escalation's reminder; none for a review's. */
    issueId: uuid('issue_id').references(() => custodyIssues.id, { onDelete: 'cascade' }),
    sentAt: timestamp('sent_at', { withTimezone: true }).notNull(),
  },
  (t) => [
    unique('custody_follow_up_reminders_once').on(t.kind, t.reportId, t.issueId).nullsNotDistinct(),
    index('custody_follow_up_reminders_issue_idx').on(t.issueId),
  ],
);
