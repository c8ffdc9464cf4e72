/**
 * ICV-08: an issue raised from a visit report's matters for follow-up, tracked to the police
 * response and closure. Its summary is published: it never names or numbers a detainee.
 */
import { sql } from 'drizzle-orm';
import { boolean, date, index, pgTable, text, timestamp, uuid } from 'drizzle-orm/pg-core';
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
