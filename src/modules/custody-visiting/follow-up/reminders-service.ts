/**
 * ICV-08, on a timer: the scheme managers are e-mailed once about each report whose review has
 * become overdue (one e-mail listing them) and once about each open issue that has become due to
 * go to the chief inspector for custody (one e-mail listing them). The sweep only reminds: the
 * escalation stays the manager's act (`escalate` records that the issue has gone, and e-mails the
 * chief inspector), as the follow-up rules and pages have it. Each reminder is recorded under a
 * unique key in the transaction that queues its e-mail, so it is sent once, across restarts and
 * on several instances at once, and each batch is audited.
 */
import { and, asc, eq, isNull, lt, lte, notExists, sql } from 'drizzle-orm';
import { recordAudit } from '../../../platform/audit/service.js';
import { SYSTEM_ACTOR } from '../../../platform/auth/principal.js';
import { activeRoleHolders } from '../../../platform/auth/users-service.js';
import {
  addCalendarDays,
  startOfLondonDay,
  todayInLondon,
  toLondonDate,
  ukWorkingDays,
  type WorkingDayCalendar,
} from '../../../platform/calendar/index.js';
import type { Db, Executor } from '../../../platform/db/database.js';
import { formatDate } from '../../../platform/i18n/dates.js';
import type { Translate } from '../../../platform/i18n/messages.js';
import type { MailService } from '../../../platform/mail/service.js';
import { lastDayPast } from '../follow-up-rules.js';
import { custodySuites } from '../schema.js';
import { custodyVisitReports } from '../reports/schema.js';
import { followUpPaths as paths } from './paths.js';
import { custodyFollowUpReminders as reminders, custodyIssues } from './schema.js';

export type FollowUpRemindersService = ReturnType<typeof createFollowUpRemindersService>;

export function createFollowUpRemindersService(deps: {
  db: Db;
  mail: MailService;
  now: () => Date;
  t: Translate;
  publicUrl: string;
  reviewOverdueWorkingDays: number;
  issueEscalationWorkingDays: number;
  calendar?: WorkingDayCalendar;
}) {
  const { db, mail, now, t, publicUrl } = deps;
  const calendar = deps.calendar ?? ukWorkingDays;

  /**
   * Records the reminders not yet recorded, in one order so two sweeps never deadlock, and
   * returns the records they are for: those another sweep recorded first are left out.
   */
  async function claim(
    tx: Executor,
    kind: 'review_overdue' | 'escalation_due',
    rows: readonly { reportId: string; issueId: string | null }[],
    at: Date,
  ): Promise<Set<string>> {
    if (!rows.length) return new Set();
    const sorted = [...rows].sort((a, b) =>
      (a.issueId ?? a.reportId).localeCompare(b.issueId ?? b.reportId),
    );
    const claimed = await tx
      .insert(reminders)
      .values(sorted.map((r) => ({ kind, reportId: r.reportId, issueId: r.issueId, sentAt: at })))
      .onConflictDoNothing()
      .returning({ reportId: reminders.reportId, issueId: reminders.issueId });
    return new Set(claimed.map((c) => c.issueId ?? c.reportId));
  }

  /** Reports sent and not reviewed, overdue today, not yet reminded: the oldest sent first. */
  async function overdueReviews(tx: Executor, today: string, batch: number) {
    const last = lastDayPast(calendar, today, deps.reviewOverdueWorkingDays);
    return tx
      .select({
        reportId: custodyVisitReports.id,
        visitedOn: custodyVisitReports.visitedOn,
        submittedAt: custodyVisitReports.submittedAt,
        suite: custodySuites.name,
      })
      .from(custodyVisitReports)
      .innerJoin(custodySuites, eq(custodySuites.id, custodyVisitReports.suiteId))
      .where(
        and(
          eq(custodyVisitReports.status, 'submitted'),
          isNull(custodyVisitReports.reviewedAt),
          // Sent on or before the last day past its working days (the review queue's index).
          lt(custodyVisitReports.submittedAt, startOfLondonDay(addCalendarDays(last, 1))),
          notExists(
            tx
              .select({ one: sql`1` })
              .from(reminders)
              .where(
                and(
                  eq(reminders.kind, 'review_overdue'),
                  eq(reminders.reportId, custodyVisitReports.id),
                  isNull(reminders.issueId),
                ),
              ),
          ),
        ),
      )
      .orderBy(asc(custodyVisitReports.submittedAt), asc(custodyVisitReports.id))
      .limit(batch);
  }

  /** Open issues not escalated, due to go to the chief inspector today, not yet reminded. */
  async function issuesDue(tx: Executor, today: string, batch: number) {
    const last = lastDayPast(calendar, today, deps.issueEscalationWorkingDays);
    return tx
      .select({
        reportId: custodyIssues.reportId,
        issueId: custodyIssues.id,
        summary: custodyIssues.summary,
        raisedOn: custodyIssues.raisedOn,
        suite: custodySuites.name,
      })
      .from(custodyIssues)
      .innerJoin(custodySuites, eq(custodySuites.id, custodyIssues.suiteId))
      .where(
        and(
          eq(custodyIssues.status, 'open'),
          isNull(custodyIssues.escalatedAt),
          lte(custodyIssues.raisedOn, last),
          notExists(
            tx
              .select({ one: sql`1` })
              .from(reminders)
              .where(
                and(eq(reminders.kind, 'escalation_due'), eq(reminders.issueId, custodyIssues.id)),
              ),
          ),
        ),
      )
      .orderBy(asc(custodyIssues.raisedAt), asc(custodyIssues.id))
      .limit(batch);
  }

  return {
    /**
     * ICV-08: e-mails each scheme manager one list of the reviews newly overdue and one of the
     * issues newly due to go to the chief inspector, each item once. With no scheme manager to
     * tell, nothing is recorded, so the reminders go to the first one appointed. Returns how
     * many reports and issues were reminded of.
     */
    async sendReminders(batch = 200): Promise<{ reviews: number; issues: number }> {
      const at = now();
      const today = todayInLondon(at);
      return db.transaction(async (tx) => {
        const managers = await activeRoleHolders(tx, 'scheme_manager');
        const to = [...new Set(managers.map((m) => m.email).filter(Boolean))];
        if (!to.length) return { reviews: 0, issues: 0 };

        const reviewsFound = await overdueReviews(tx, today, batch);
        const reviewsClaimed = await claim(
          tx,
          'review_overdue',
          reviewsFound.map((r) => ({ reportId: r.reportId, issueId: null })),
          at,
        );
        const reviews = reviewsFound.filter((r) => reviewsClaimed.has(r.reportId));
        const issuesFound = await issuesDue(tx, today, batch);
        const issuesClaimed = await claim(tx, 'escalation_due', issuesFound, at);
        const issues = issuesFound.filter((i) => issuesClaimed.has(i.issueId));

        const link = (path: string) => `${publicUrl}${path}`;
        const messages = [];
        if (reviews.length) {
          const values = {
            count: reviews.length,
            list: reviews
              .map((r) =>
                t('custody-visiting:followUp.reminders.reviews.item', {
                  suite: r.suite,
                  visited: formatDate(t, r.visitedOn),
                  sent: formatDate(t, toLondonDate(r.submittedAt!)),
                  link: link(paths.review(r.reportId)),
                }),
              )
              .join('\n'),
            queue: link(paths.reviewQueue),
          };
          const subject = t('custody-visiting:followUp.reminders.reviews.subject', values);
          const text = t('custody-visiting:followUp.reminders.reviews.text', values);
          messages.push(...to.map((address) => ({ to: address, subject, text })));
        }
        if (issues.length) {
          const values = {
            count: issues.length,
            list: issues
              .map((i) =>
                t('custody-visiting:followUp.reminders.issues.item', {
                  suite: i.suite,
                  summary: i.summary,
                  raised: formatDate(t, i.raisedOn),
                  link: link(paths.issue(i.issueId)),
                }),
              )
              .join('\n'),
          };
          const subject = t('custody-visiting:followUp.reminders.issues.subject', values);
          const text = t('custody-visiting:followUp.reminders.issues.text', values);
          messages.push(...to.map((address) => ({ to: address, subject, text })));
        }
        await mail.queueMany(tx, messages);

        const sentTo = managers.map((m) => m.userId).sort();
        if (reviews.length)
          await recordAudit(tx, SYSTEM_ACTOR, {
            action: 'custody-visit-report.review-overdue-reminder-sent',
            recordType: 'custody-visit-report',
            recordId: 'batch',
            after: { reports: reviews.map((r) => r.reportId), managers: sentTo },
          });
        if (issues.length)
          await recordAudit(tx, SYSTEM_ACTOR, {
            action: 'custody-issue.escalation-due-reminder-sent',
            recordType: 'custody-issue',
            recordId: 'batch',
            after: { issues: issues.map((i) => i.issueId), managers: sentTo },
          });
        return { reviews: reviews.length, issues: issues.length };
      });
    },
  };
}
