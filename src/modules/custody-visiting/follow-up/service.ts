/**
 * ICV-08 Follow-up of the visit reports: the scheme manager's review queue (oldest sent first, a
 * review overdue after a set number of working days flagged), a report's review that raises its
 * issues one at a time and is then marked reviewed, and each issue's life: answered by the
 * custody inspector of its suite, closed (resolved or not) or sent back by the manager, shown as
 * due to go to the chief inspector for custody when unanswered too long and escalated when the
 * manager says so, a significant one escalated to the authority. Each action is one transaction
 * with one audit event, and e-mails whom it concerns. The public summary publishes answered and
 * closed issues with their responses, never a detainee, a visitor or a report's text.
 */
import { and, asc, count, desc, eq, inArray, isNull, or, sql, type SQL } from 'drizzle-orm';
import { recordAudit } from '../../../platform/audit/service.js';
import { users } from '../../../platform/auth/schema.js';
import { activeRoleHolders } from '../../../platform/auth/users-service.js';
import { actorOf, type Principal, type UserPrincipal } from '../../../platform/auth/principal.js';
import {
  toLondonDate,
  todayInLondon,
  ukWorkingDays,
  type WorkingDayCalendar,
} from '../../../platform/calendar/index.js';
import type { Db, Executor } from '../../../platform/db/database.js';
import { ConflictError, NotFoundError, ValidationError } from '../../../platform/errors.js';
import { isUuid } from '../../../platform/http/params.js';
import type { Translate } from '../../../platform/i18n/messages.js';
import { fieldErrors, type SaidRefusal } from '../../../platform/i18n/said.js';
import type { MailService } from '../../../platform/mail/service.js';
import type { DirectoryApi } from '../../directory/index.js';
import { schemeReach } from '../access.js';
import {
  answerRefusal,
  daysToResolve,
  escalationDue,
  ISSUE_TEXT_MAX,
  lastDayPast,
  mentionsRecordNumber,
  requiredText,
  reviewOverdue,
  seesIssue,
  validateClosure,
  validateIssue,
  type IssueStatus,
} from '../follow-up-rules.js';
import { custodySuites, custodyVisitors } from '../schema.js';
import { custodyVisitReportDetainees, custodyVisitReports } from '../reports/schema.js';
import { reportPaths } from '../reports/paths.js';
import { followUpPaths as paths } from './paths.js';
import { custodyIssues, ISSUE_STATUSES } from './schema.js';

export type CustodyIssue = typeof custodyIssues.$inferSelect;
export type FollowUpService = ReturnType<typeof createFollowUpService>;
type Input = Record<string, string | undefined>;
type Page = { limit: number; offset: number };

const ISSUE = 'custody-issue';
const REPORT = 'custody-visit-report';
const NO_ID = '00000000-0000-0000-0000-000000000000';

export function createFollowUpService(deps: {
  db: Db;
  directory: DirectoryApi;
  mail: MailService;
  now: () => Date;
  t: Translate;
  publicUrl: string;
  reviewOverdueWorkingDays: number;
  issueEscalationWorkingDays: number;
  /** The chief inspector for custody's address, when the scheme has set one. */
  chiefInspectorEmail?: string | null;
  calendar?: WorkingDayCalendar;
}) {
  const { db, mail, now, t, publicUrl } = deps;
  const { lookups } = deps.directory.directory;
  const calendar = deps.calendar ?? ukWorkingDays;
  const today = () => todayInLondon(now());

  function refuse(refusals: readonly SaidRefusal[]): void {
    if (refusals.length) throw new ValidationError(fieldErrors(t, refusals));
  }

  /** The visitor record of the person signed in, if they are a lay visitor of a panel. */
  async function visitorIdOf(executor: Executor, user: UserPrincipal): Promise<string | null> {
    if (!user.roles.some((g) => g.role === 'lay_visitor')) return null;
    const personId = await lookups.personIdForUser(executor, user.userId);
    if (!personId) return null;
    const [visitor] = await executor
      .select({ id: custodyVisitors.id })
      .from(custodyVisitors)
      .where(eq(custodyVisitors.personId, personId));
    return visitor?.id ?? null;
  }

  /** E-mails the same message to each address once, in the caller's transaction. */
  async function mailTo(
    tx: Executor,
    to: readonly string[],
    kind: string,
    values: Record<string, string>,
  ): Promise<void> {
    const addresses = [...new Set(to.filter(Boolean))];
    if (!addresses.length) return;
    const subject = t(`custody-visiting:followUp.mail.${kind}.subject`, values);
    const text = t(`custody-visiting:followUp.mail.${kind}.text`, values);
    await mail.queueMany(
      tx,
      addresses.map((address) => ({ to: address, subject, text })),
    );
  }

  const inspectorsOf = async (tx: Executor, suiteId: string) =>
    (await activeRoleHolders(tx, 'custody_inspector', { type: 'suite', id: suiteId })).map(
      (u) => u.email,
    );
  const managers = async (tx: Executor) =>
    (await activeRoleHolders(tx, 'scheme_manager')).map((u) => u.email);

  /** The scheme manager and a sent report, locked when changed. */
  async function managedReport(executor: Executor, principal: Principal, id: string, lock = false) {
    const { user } = await schemeReach(executor, principal, 'custody.reports.review');
    const query = executor
      .select()
      .from(custodyVisitReports)
      .where(eq(custodyVisitReports.id, isUuid(id) ? id : NO_ID));
    const [report] = lock ? await query.for('update') : await query;
    // A draft is its two visitors' alone: not even the manager reviews it.
    if (!report || report.status !== 'submitted') throw new NotFoundError();
    return { user, report };
  }

  /** An issue with its suite's name and its report's visitors, if the person may see it. */
  async function findIssue(executor: Executor, principal: Principal, id: string, lock = false) {
    const { user, reach } = await schemeReach(executor, principal, 'custody.issues.view');
    const query = executor
      .select({
        issue: custodyIssues,
        suite: custodySuites.name,
        visitedOn: custodyVisitReports.visitedOn,
        firstVisitorId: custodyVisitReports.firstVisitorId,
        secondVisitorId: custodyVisitReports.secondVisitorId,
      })
      .from(custodyIssues)
      .innerJoin(custodySuites, eq(custodySuites.id, custodyIssues.suiteId))
      .innerJoin(custodyVisitReports, eq(custodyVisitReports.id, custodyIssues.reportId))
      .where(eq(custodyIssues.id, isUuid(id) ? id : NO_ID));
    const [row] = lock ? await query.for('update', { of: custodyIssues }) : await query;
    const visitorId = row ? await visitorIdOf(executor, user) : null;
    if (
      !row ||
      !seesIssue(reach, visitorId, {
        suiteId: row.issue.suiteId,
        firstVisitorId: row.firstVisitorId,
        secondVisitorId: row.secondVisitorId,
      })
    )
      throw new NotFoundError();
    return { user, reach, ...row };
  }

  /** The scheme manager acting on an issue (locked). */
  async function managedIssue(executor: Executor, principal: Principal, id: string) {
    await schemeReach(executor, principal, 'custody.reports.review');
    return findIssue(executor, principal, id, true);
  }

  async function change(
    tx: Executor,
    user: UserPrincipal,
    issue: CustodyIssue,
    set: Partial<CustodyIssue>,
    action: string,
    requestId?: string,
  ): Promise<CustodyIssue> {
    const [after] = await tx
      .update(custodyIssues)
      .set({ ...set, updatedAt: now(), version: issue.version + 1 })
      .where(eq(custodyIssues.id, issue.id))
      .returning();
    await recordAudit(tx, actorOf(user, requestId), {
      action: `${ISSUE}.${action}`,
      recordType: ISSUE,
      recordId: issue.id,
      before: issue,
      after,
    });
    return after!;
  }

  const mailValues = (issue: CustodyIssue, suite: string) => ({
    suite,
    summary: issue.summary,
    link: `${publicUrl}${paths.issue(issue.id)}`,
  });

  const issueFlags = (issue: CustodyIssue) => ({
    escalationDue: escalationDue(
      calendar,
      { status: issue.status, raisedOn: issue.raisedOn },
      today(),
      deps.issueEscalationWorkingDays,
    ),
    escalationDueOn: calendar.addWorkingDays(issue.raisedOn, deps.issueEscalationWorkingDays),
  });

  return {
    /** ICV-08: sent reports not yet reviewed, oldest sent first, each flagged when overdue. */
    async reviewQueue(principal: Principal, page: Page) {
      await schemeReach(db, principal, 'custody.reports.review');
      const where = and(
        eq(custodyVisitReports.status, 'submitted'),
        isNull(custodyVisitReports.reviewedAt),
      );
      const [rows, [total]] = await Promise.all([
        db
          .select({
            id: custodyVisitReports.id,
            visitedOn: custodyVisitReports.visitedOn,
            submittedAt: custodyVisitReports.submittedAt,
            suite: custodySuites.name,
          })
          .from(custodyVisitReports)
          .innerJoin(custodySuites, eq(custodySuites.id, custodyVisitReports.suiteId))
          .where(where)
          .orderBy(asc(custodyVisitReports.submittedAt), asc(custodyVisitReports.id))
          .limit(page.limit)
          .offset(page.offset),
        db.select({ n: count() }).from(custodyVisitReports).where(where),
      ]);
      // The working days are counted once a page, not per row (ICV-08's rules, proven equal).
      const last = lastDayPast(calendar, today(), deps.reviewOverdueWorkingDays);
      const dueOn = new Map<string, string>();
      const dueFor = (sentOn: string) => {
        let due = dueOn.get(sentOn);
        if (!due)
          dueOn.set(sentOn, (due = calendar.addWorkingDays(sentOn, deps.reviewOverdueWorkingDays)));
        return due;
      };
      return {
        items: rows.map((r) => {
          const sentOn = toLondonDate(r.submittedAt!);
          return { ...r, overdue: sentOn <= last, dueOn: dueFor(sentOn) };
        }),
        total: Number(total?.n ?? 0),
      };
    },

    /** ICV-08: a sent report's review: its matters, the issues raised from it, and its state. */
    async review(principal: Principal, reportId: string) {
      const { report } = await managedReport(db, principal, reportId);
      const [[suite], issues, [reviewer]] = await Promise.all([
        db
          .select({ name: custodySuites.name })
          .from(custodySuites)
          .where(eq(custodySuites.id, report.suiteId)),
        db
          .select()
          .from(custodyIssues)
          .where(eq(custodyIssues.reportId, report.id))
          .orderBy(asc(custodyIssues.raisedAt)),
        report.reviewedBy
          ? db
              .select({ name: users.displayName })
              .from(users)
              .where(eq(users.id, report.reviewedBy))
          : [],
      ]);
      const sentOn = toLondonDate(report.submittedAt!);
      return {
        report,
        suite: suite!.name,
        issues,
        reviewed: !!report.reviewedAt,
        reviewerName: reviewer?.name ?? '',
        overdue:
          !report.reviewedAt &&
          reviewOverdue(calendar, sentOn, today(), deps.reviewOverdueWorkingDays),
        dueOn: calendar.addWorkingDays(sentOn, deps.reviewOverdueWorkingDays),
        reportHref: reportPaths.report(report.id),
      };
    },

    /**
     * ICV-05, ICV-08: raises an issue from a report under review: a summary that will be
     * published (none of the report's custody record numbers in it) and whether it is
     * significant. The suite's custody inspectors are e-mailed.
     */
    async raiseIssue(principal: Principal, reportId: string, input: Input, requestId?: string) {
      return db.transaction(async (tx) => {
        const { user, report } = await managedReport(tx, principal, reportId, true);
        if (report.reviewedAt)
          throw new ConflictError(t('custody-visiting:followUp.errors.reviewed'), 'summary');
        const numbers = await tx
          .select({ n: custodyVisitReportDetainees.custodyRecordNumber })
          .from(custodyVisitReportDetainees)
          .where(eq(custodyVisitReportDetainees.reportId, report.id));
        const { refusals, value } = validateIssue(
          input,
          numbers.map((d) => d.n),
        );
        refuse(refusals);
        const at = now();
        const [issue] = await tx
          .insert(custodyIssues)
          .values({
            reportId: report.id,
            suiteId: report.suiteId,
            ...value,
            raisedAt: at,
            raisedOn: todayInLondon(at),
            raisedBy: user.userId,
          })
          .returning();
        await recordAudit(tx, actorOf(user, requestId), {
          action: `${ISSUE}.raised`,
          recordType: ISSUE,
          recordId: issue!.id,
          after: issue,
        });
        const [suite] = await tx
          .select({ name: custodySuites.name })
          .from(custodySuites)
          .where(eq(custodySuites.id, report.suiteId));
        await mailTo(
          tx,
          await inspectorsOf(tx, report.suiteId),
          'raised',
          mailValues(issue!, suite!.name),
        );
        return issue!;
      });
    },

    /** ICV-08: the manager marks a sent report reviewed, with an optional note: who and when. */
    async markReviewed(principal: Principal, reportId: string, input: Input, requestId?: string) {
      return db.transaction(async (tx) => {
        const { user, report } = await managedReport(tx, principal, reportId, true);
        if (report.reviewedAt) return report;
        const note = (input.reviewNote ?? '').trim();
        if (note.length > ISSUE_TEXT_MAX)
          refuse([
            {
              field: 'reviewNote',
              key: 'custody-visiting:followUp.errors.tooLong',
              values: { max: ISSUE_TEXT_MAX },
            },
          ]);
        const at = now();
        const [after] = await tx
          .update(custodyVisitReports)
          .set({
            reviewedAt: at,
            reviewedBy: user.userId,
            reviewNote: note || null,
            updatedAt: at,
            version: report.version + 1,
          })
          .where(eq(custodyVisitReports.id, report.id))
          .returning();
        await recordAudit(tx, actorOf(user, requestId), {
          action: `${REPORT}.reviewed`,
          recordType: REPORT,
          recordId: report.id,
          before: { reviewedAt: null },
          after: { reviewedAt: at, reviewedBy: user.userId, reviewNote: note || null },
        });
        return after!;
      });
    },

    /**
     * ICV-08: the issues a person follows, latest raised first: every one for the manager, their
     * suites' for a custody inspector, their reports' for a lay visitor; by status and suite.
     */
    async list(principal: Principal, query: Page & { status?: string; suiteId?: string }) {
      const { user, reach } = await schemeReach(db, principal, 'custody.issues.view');
      const visitorId = await visitorIdOf(db, user);
      const seen: SQL[] = [];
      if (!reach.manager) {
        if (reach.suiteIds.length) seen.push(inArray(custodyIssues.suiteId, [...reach.suiteIds]));
        if (visitorId)
          seen.push(
            eq(custodyVisitReports.firstVisitorId, visitorId),
            eq(custodyVisitReports.secondVisitorId, visitorId),
          );
      }
      const suites = await db
        .select({ id: custodySuites.id, name: custodySuites.name })
        .from(custodySuites)
        .where(reach.manager ? undefined : inArray(custodySuites.id, [NO_ID, ...reach.suiteIds]))
        .orderBy(asc(custodySuites.name));
      if (!reach.manager && !seen.length) return { items: [], total: 0, suites };
      const status = (ISSUE_STATUSES as readonly string[]).includes(query.status ?? '')
        ? (query.status as IssueStatus)
        : null;
      const suiteId = isUuid(query.suiteId) ? query.suiteId : null;
      const where = and(
        reach.manager ? undefined : or(...seen),
        status ? eq(custodyIssues.status, status) : undefined,
        suiteId ? eq(custodyIssues.suiteId, suiteId) : undefined,
      );
      const [rows, [total]] = await Promise.all([
        db
          .select({ issue: custodyIssues, suite: custodySuites.name })
          .from(custodyIssues)
          .innerJoin(custodySuites, eq(custodySuites.id, custodyIssues.suiteId))
          .innerJoin(custodyVisitReports, eq(custodyVisitReports.id, custodyIssues.reportId))
          .where(where)
          .orderBy(desc(custodyIssues.raisedAt), desc(custodyIssues.id))
          .limit(query.limit)
          .offset(query.offset),
        db
          .select({ n: count() })
          .from(custodyIssues)
          .innerJoin(custodyVisitReports, eq(custodyVisitReports.id, custodyIssues.reportId))
          .where(where),
      ]);
      return {
        items: rows.map((r) => ({ ...r.issue, suite: r.suite, ...issueFlags(r.issue) })),
        total: Number(total?.n ?? 0),
        suites,
      };
    },

    /** ICV-08: an issue with what the person asking may do with it. */
    async get(principal: Principal, id: string) {
      const { reach, issue, suite, visitedOn } = await findIssue(db, principal, id);
      const flags = issueFlags(issue);
      const manager = reach.manager;
      return {
        issue,
        suite,
        visitedOn,
        ...flags,
        reportHref: reportPaths.report(issue.reportId),
        reviewHref: manager ? paths.review(issue.reportId) : null,
        mayAnswer: answerRefusal(reach, issue) === null,
        mayClose: manager && issue.status === 'answered',
        mayEscalate: manager && issue.status === 'open' && !issue.escalatedAt,
        mayEscalateToAuthority:
          manager && issue.significant && !issue.authorityEscalatedAt && issue.status !== 'closed',
      };
    },

    /**
     * ICV-08: the custody inspector of the issue's suite answers it (an open issue): the police
     * response, published in summary, so never a custody record number. The manager is e-mailed.
     */
    async answer(principal: Principal, id: string, input: Input, requestId?: string) {
      return db.transaction(async (tx) => {
        await schemeReach(tx, principal, 'custody.issues.answer');
        const { user, reach, issue, suite } = await findIssue(tx, principal, id, true);
        const why = answerRefusal(reach, issue);
        if (why === 'notTheirs') throw new NotFoundError();
        if (why) throw new ConflictError(t('custody-visiting:followUp.errors.notOpen'), 'response');
        const response = requiredText(
          'response',
          input.response,
          'custody-visiting:followUp.errors.responseMissing',
        );
        refuse(response.refusals);
        const numbers = await tx
          .select({ n: custodyVisitReportDetainees.custodyRecordNumber })
          .from(custodyVisitReportDetainees)
          .where(eq(custodyVisitReportDetainees.reportId, issue.reportId));
        if (
          mentionsRecordNumber(
            response.value,
            numbers.map((d) => d.n),
          )
        )
          refuse([
            { field: 'response', key: 'custody-visiting:followUp.errors.identifiesDetainee' },
          ]);
        const after = await change(
          tx,
          user,
          issue,
          {
            status: 'answered',
            response: response.value,
            answeredAt: now(),
            answeredBy: user.userId,
          },
          'answered',
          requestId,
        );
        await mailTo(tx, await managers(tx), 'answered', mailValues(after, suite));
        return after;
      });
    },

    /** ICV-08: the manager closes an answered issue, resolved or not, with a note. */
    async close(principal: Principal, id: string, input: Input, requestId?: string) {
      return db.transaction(async (tx) => {
        const { user, issue, suite } = await managedIssue(tx, principal, id);
        if (issue.status !== 'answered')
          throw new ConflictError(t('custody-visiting:followUp.errors.notAnswered'), 'outcome');
        const { refusals, value } = validateClosure(input);
        refuse(refusals);
        const at = now();
        const after = await change(
          tx,
          user,
          issue,
          { status: 'closed', ...value, closedAt: at, closedOn: todayInLondon(at) },
          'closed',
          requestId,
        );
        await mailTo(tx, await inspectorsOf(tx, issue.suiteId), 'closed', {
          ...mailValues(after, suite),
          outcome: t(`custody-visiting:followUp.outcome.${value.outcome}`),
        });
        return after;
      });
    },

    /** ICV-08: the manager sends an answered issue back to be answered again, saying why. */
    async sendBack(principal: Principal, id: string, input: Input, requestId?: string) {
      return db.transaction(async (tx) => {
        const { user, issue, suite } = await managedIssue(tx, principal, id);
        if (issue.status !== 'answered')
          throw new ConflictError(
            t('custody-visiting:followUp.errors.notAnswered'),
            'sentBackNote',
          );
        const note = requiredText(
          'sentBackNote',
          input.sentBackNote,
          'custody-visiting:followUp.errors.sentBackNoteMissing',
        );
        refuse(note.refusals);
        const after = await change(
          tx,
          user,
          issue,
          { status: 'open', sentBackAt: now(), sentBackNote: note.value },
          'sent-back',
          requestId,
        );
        await mailTo(tx, await inspectorsOf(tx, issue.suiteId), 'sentBack', {
          ...mailValues(after, suite),
          note: note.value,
        });
        return after;
      });
    },

    /**
     * ICV-08: the manager records that an open issue unanswered past its working days has gone
     * to the chief inspector for custody; the suite's inspectors and the managers are e-mailed.
     */
    async escalate(principal: Principal, id: string, requestId?: string) {
      return db.transaction(async (tx) => {
        const { user, issue, suite } = await managedIssue(tx, principal, id);
        if (issue.escalatedAt) return issue;
        if (issue.status !== 'open' || !issueFlags(issue).escalationDue)
          throw new ConflictError(t('custody-visiting:followUp.errors.notDue'), 'escalate');
        const after = await change(tx, user, issue, { escalatedAt: now() }, 'escalated', requestId);
        await mailTo(
          tx,
          [
            ...(deps.chiefInspectorEmail ? [deps.chiefInspectorEmail] : []),
            ...(await inspectorsOf(tx, issue.suiteId)),
            ...(await managers(tx)),
          ],
          'escalated',
          mailValues(after, suite),
        );
        return after;
      });
    },

    /** ICV-08: the manager records that a significant issue has been escalated to the authority. */
    async escalateToAuthority(principal: Principal, id: string, requestId?: string) {
      return db.transaction(async (tx) => {
        const { user, issue, suite } = await managedIssue(tx, principal, id);
        if (issue.authorityEscalatedAt) return issue;
        if (!issue.significant)
          throw new ConflictError(
            t('custody-visiting:followUp.errors.notSignificant'),
            'authority',
          );
        const after = await change(
          tx,
          user,
          issue,
          { authorityEscalatedAt: now() },
          'escalated-to-authority',
          requestId,
        );
        await mailTo(tx, await managers(tx), 'authority', mailValues(after, suite));
        return after;
      });
    },

    /**
     * Item 9: the public summary: answered and closed issues, newest first, with the suite's
     * name, the month raised, the summary, the police response, the status and the days to
     * resolve. Never a detainee, a visitor, or a report's text.
     */
    async publicSummary(page: Page) {
      const where = sql`${custodyIssues.status} in ('answered', 'closed')`;
      const [rows, [total]] = await Promise.all([
        db
          .select({
            id: custodyIssues.id,
            suite: custodySuites.name,
            raisedOn: custodyIssues.raisedOn,
            summary: custodyIssues.summary,
            response: custodyIssues.response,
            status: custodyIssues.status,
            outcome: custodyIssues.outcome,
            closedOn: custodyIssues.closedOn,
          })
          .from(custodyIssues)
          .innerJoin(custodySuites, eq(custodySuites.id, custodyIssues.suiteId))
          .where(where)
          .orderBy(desc(custodyIssues.raisedAt), desc(custodyIssues.id))
          .limit(page.limit)
          .offset(page.offset),
        db.select({ n: count() }).from(custodyIssues).where(where),
      ]);
      return {
        items: rows.map((r) => ({
          ...r,
          month: `${r.raisedOn.slice(0, 7)}-01`,
          daysToResolve: daysToResolve(r.raisedOn, r.closedOn),
        })),
        total: Number(total?.n ?? 0),
      };
    },
  };
}
