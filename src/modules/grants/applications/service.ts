/**
 * Applying for funding (CON-04, CON-05, CDRP-12): a signed-in person applies to an open round for
 * what they represent (their engagement group, their borough's partnership or command, their
 * community organisation) and the fund accepts; the draft is saved section by section, then
 * submitted complete, or withdrawn before a decision. Staff read what was submitted.
 */
import { and, count, desc, eq, sql } from 'drizzle-orm';
import { recordAudit } from '../../../platform/audit/service.js';
import { can, requireUser } from '../../../platform/auth/permissions.js';
import { actorOf, type Principal, type UserPrincipal } from '../../../platform/auth/principal.js';
import { todayInLondon } from '../../../platform/calendar/index.js';
import type { Db, Executor } from '../../../platform/db/database.js';
import { type PageRequest } from '../../../platform/db/search.js';
import {
  ConflictError,
  ForbiddenError,
  NotFoundError,
  ValidationError,
  type FieldError,
} from '../../../platform/errors.js';
import { dateField, dateParts } from '../../../platform/http/form-fields.js';
import { isUuid } from '../../../platform/http/params.js';
import type { Translate } from '../../../platform/i18n/messages.js';
import { fieldErrors, refusedBy, say } from '../../../platform/i18n/said.js';
import type { DirectoryApi } from '../../directory/index.js';
import type { EngagementApi } from '../../engagement/index.js';
import { fixRoundCriteria } from '../funds/round-criteria.js';
import { roundState } from '../funds/rules.js';
import {
  grantApplications,
  grantBudgetLines,
  grantFunds,
  grantOutcomes,
  grantRounds,
} from '../schema.js';
import { createApplicationQueries, type ApplicationFilter } from './queries.js';
import {
  applicantsFor,
  chosenApplicant,
  editable,
  notDraft,
  representsApplicant,
  roundClosedRefusal,
  submitRefusals,
  validateAbout,
  validateBudgetLine,
  validateObjectives,
  validateOutcome,
  withdrawRefusal,
} from './rules.js';

export type Application = typeof grantApplications.$inferSelect;
export type ApplicationsService = ReturnType<typeof createApplicationsService>;
type Input = Record<string, string | string[] | undefined>;

export function createApplicationsService(deps: {
  db: Db;
  directory: DirectoryApi;
  engagement: EngagementApi;
  now: () => Date;
  t: Translate;
}) {
  const { db, engagement, now, t } = deps;
  const today = () => todayInLondon(now());

  const { representsOf, representedSql, applicantNames, load, staffList } =
    createApplicationQueries(deps);

  async function findRound(executor: Executor, id: string) {
    const [row] = isUuid(id)
      ? await executor
          .select({ round: grantRounds, fund: grantFunds })
          .from(grantRounds)
          .innerJoin(grantFunds, eq(grantFunds.id, grantRounds.fundId))
          .where(eq(grantRounds.id, id))
      : [];
    if (!row) throw new NotFoundError();
    return row;
  }

  /** The applicant's own application: refused to anyone who does not represent its applicant. */
  async function own(executor: Executor, principal: Principal, id: string, lock = false) {
    const user = requireUser(principal, 'grants.apply');
    const found = await load(executor, id, lock);
    if (!representsApplicant(await representsOf(executor, user, false), found.application))
      throw new ForbiddenError();
    return { user, ...found };
  }

  /** One change to the applicant's own draft: checked, written and audited in one transaction. */
  async function changeDraft<R>(
    principal: Principal,
    id: string,
    requestId: string | undefined,
    action: string,
    work: (tx: Executor, found: Awaited<ReturnType<typeof own>>) => Promise<R>,
  ) {
    return db.transaction(async (tx) => {
      const found = await own(tx, principal, id, true);
      if (!editable(found.application.status)) throw new ConflictError(say(t, notDraft));
      const result = await work(tx, found);
      await tx
        .update(grantApplications)
        .set({ updatedAt: now(), version: sql`${grantApplications.version} + 1` })
        .where(eq(grantApplications.id, id));
      await recordAudit(tx, actorOf(found.user, requestId), {
        action,
        recordType: 'grant-application',
        recordId: id,
        after: result,
      });
      return result;
    });
  }

  return {
    /** CON-04: the round, if open, and what this person may apply for to it. */
    async offered(principal: Principal, roundId: string) {
      const user = requireUser(principal, 'grants.apply');
      const { round, fund } = await findRound(db, roundId);
      const applicants = applicantsFor(
        await representsOf(db, user),
        fund.applicantKinds,
        applicantNames,
      );
      return { round, fund, applicants, state: roundState(round, today()) };
    },

    /**
     * CON-04, CON-05: a draft started for something the person represents and the fund
     * accepts, while the round is open; a forged choice is refused and nothing written.
     */
    async start(principal: Principal, roundId: string, input: Input, requestId?: string) {
      const user = requireUser(principal, 'grants.apply');
      // What they represent, named, read before the transaction (see representsOf).
      const represents = await representsOf(db, user);
      // CON-04: an engagement group's money is spent in its borough (for spending per borough).
      const groupBoroughs = new Map(
        (await engagement.groupsNamed(represents.engagementGroups.map((g) => g.id))).map((g) => [
          g.id,
          g.boroughId,
        ]),
      );
      return db.transaction(async (tx) => {
        const { round, fund } = await findRound(tx, roundId);
        // A closed fund takes no new application, whatever its rounds' dates say.
        if (fund.closedAt) throw new ConflictError(t('grants:funds.errors.fundClosed'));
        const closed = roundClosedRefusal(round, today());
        if (closed) throw new ConflictError(say(t, closed));
        const offered = applicantsFor(represents, fund.applicantKinds, applicantNames);
        // Nothing to choose from: the start page shows no choice to link the refusal to.
        if (!offered.length) throw new ConflictError(t('grants:applications.start.nothing'));
        const chosen = chosenApplicant(offered, input.applicant);
        const refusals = 'refusal' in chosen ? [chosen.refusal] : [];
        const { value } = validateAbout(input, null, null);
        const title = validateAbout(input, null, null).refusals.filter(
          (r) => r.field === 'projectTitle',
        );
        if (refusals.length || title.length || !('applicant' in chosen))
          throw new ValidationError(fieldErrors(t, [...refusals, ...title]));
        const a = chosen.applicant;
        const byGroup = a.kind === 'engagement_group';
        const [row] = await tx
          .insert(grantApplications)
          .values({
            roundId: round.id,
            applicantKind: a.kind,
            engagementGroupId: byGroup ? a.id : null,
            organisationId: byGroup ? null : a.id,
            applicantName: a.name,
            // The borough the money is spent in: a borough's own bid is its own, a group's its
            // group's; a community organisation's is not known (area-wide).
            boroughId:
              a.kind === 'partnership' || a.kind === 'borough'
                ? a.id
                : byGroup
                  ? (groupBoroughs.get(a.id) ?? null)
                  : null,
            projectTitle: value.projectTitle,
            createdBy: user.userId,
          })
          .returning();
        await recordAudit(tx, actorOf(user, requestId), {
          action: 'grant-application.started',
          recordType: 'grant-application',
          recordId: row!.id,
          after: row,
        });
        return row!;
      });
    },

    /** The applicant's own application, its sections' statuses and its lines and outcomes. */
    async own(principal: Principal, id: string) {
      return own(db, principal, id);
    },

    aboutValues: async (principal: Principal, id: string) => {
      const { application: a } = await own(db, principal, id);
      return {
        projectTitle: a.projectTitle,
        summary: a.summary ?? '',
        ...dateParts('startsOn', a.startsOn),
        ...dateParts('endsOn', a.endsOn),
      };
    },

    objectivesValues: async (principal: Principal, id: string) => {
      const { application: a } = await own(db, principal, id);
      return { objectives: a.objectives ?? '', activities: a.activities ?? '' };
    },

    /** About the project, saved as far as it goes: what is given must be right. */
    async saveAbout(principal: Principal, id: string, input: Input, requestId?: string) {
      const errors: FieldError[] = [];
      const opt = { required: false };
      const startsOn = dateField(
        t,
        input,
        'startsOn',
        t('grants:applications.about.startsLabel'),
        errors,
        opt,
      );
      const endsOn = dateField(
        t,
        input,
        'endsOn',
        t('grants:applications.about.endsLabel'),
        errors,
        opt,
      );
      const { value, refusals } = validateAbout(input, startsOn, endsOn);
      const all = [...errors, ...fieldErrors(t, refusals)];
      if (all.length) throw new ValidationError(all);
      return changeDraft(principal, id, requestId, 'grant-application.about-saved', async (tx) => {
        const [row] = await tx
          .update(grantApplications)
          .set({ ...value, startsOn, endsOn })
          .where(eq(grantApplications.id, id))
          .returning();
        return row!;
      });
    },

    async saveObjectives(principal: Principal, id: string, input: Input, requestId?: string) {
      const { value, refusals } = validateObjectives(input);
      if (refusals.length) throw new ValidationError(fieldErrors(t, refusals));
      return changeDraft(
        principal,
        id,
        requestId,
        'grant-application.objectives-saved',
        async (tx) => {
          const [row] = await tx
            .update(grantApplications)
            .set(value)
            .where(eq(grantApplications.id, id))
            .returning();
          return row!;
        },
      );
    },

    /** CDRP-12: a budget line added, in pence. */
    async addLine(principal: Principal, id: string, input: Input, requestId?: string) {
      return changeDraft(
        principal,
        id,
        requestId,
        'grant-application.line-added',
        async (tx, found) => {
          const { value, refusals } = validateBudgetLine(
            input,
            found.lines.length,
            found.lines.reduce((sum, l) => sum + l.amountPence, 0),
          );
          if (refusals.length) throw new ValidationError(fieldErrors(t, refusals));
          const position = Math.max(0, ...found.lines.map((l) => l.position)) + 1;
          const [row] = await tx
            .insert(grantBudgetLines)
            .values({ applicationId: id, position, ...value })
            .returning();
          return row!;
        },
      );
    },

    async removeLine(principal: Principal, id: string, lineId: string, requestId?: string) {
      return changeDraft(
        principal,
        id,
        requestId,
        'grant-application.line-removed',
        async (tx, found) => {
          const line = found.lines.find((l) => l.id === lineId);
          if (!line) throw new NotFoundError();
          await tx.delete(grantBudgetLines).where(eq(grantBudgetLines.id, line.id));
          return line;
        },
      );
    },

    /** CON-04: an outcome added, with how it will be measured. */
    async addOutcome(principal: Principal, id: string, input: Input, requestId?: string) {
      return changeDraft(
        principal,
        id,
        requestId,
        'grant-application.outcome-added',
        async (tx, found) => {
          const { value, refusals } = validateOutcome(input, found.outcomes.length);
          if (refusals.length) throw new ValidationError(fieldErrors(t, refusals));
          const position = Math.max(0, ...found.outcomes.map((o) => o.position)) + 1;
          const [row] = await tx
            .insert(grantOutcomes)
            .values({ applicationId: id, position, ...value })
            .returning();
          return row!;
        },
      );
    },

    async removeOutcome(principal: Principal, id: string, outcomeId: string, requestId?: string) {
      return changeDraft(
        principal,
        id,
        requestId,
        'grant-application.outcome-removed',
        async (tx, found) => {
          const outcome = found.outcomes.find((o) => o.id === outcomeId);
          if (!outcome) throw new NotFoundError();
          await tx.delete(grantOutcomes).where(eq(grantOutcomes.id, outcome.id));
          return outcome;
        },
      );
    },

    /**
     * CON-04, CON-05: the draft submitted, while its round is open and every section is
     * complete; what is asked for is the sum of its budget lines.
     */
    async submit(principal: Principal, id: string, input: Input, requestId?: string) {
      // CON-04: a group closed since the draft was begun no longer applies (read first: the
      // engagement module reads outside this transaction).
      const [draft] = isUuid(id)
        ? await db
            .select({ groupId: grantApplications.engagementGroupId })
            .from(grantApplications)
            .where(eq(grantApplications.id, id))
        : [];
      const group = draft?.groupId ? await engagement.group(draft.groupId) : undefined;
      return db.transaction(async (tx) => {
        if (group?.closedOn) throw new ConflictError(t('grants:applications.errors.groupClosed'));
        const found = await own(tx, principal, id, true);
        if (
          typeof input.version === 'string' &&
          Number(input.version) !== found.application.version &&
          found.application.status === 'draft'
        )
          throw new ConflictError(t('grants:applications.errors.changedSinceChecked'));
        if (found.fund.closedAt && found.application.status === 'draft')
          throw new ConflictError(t('grants:funds.errors.fundClosed'));
        const refused = refusedBy(
          t,
          submitRefusals(
            { ...found.draft, status: found.application.status },
            found.round,
            today(),
          ),
        );
        if (refused) throw refused;
        const [row] = await tx
          .update(grantApplications)
          .set({
            status: 'submitted',
            requestedPence: found.totalPence,
            submittedAt: now(),
            submittedBy: found.user.userId,
            updatedAt: now(),
            version: sql`${grantApplications.version} + 1`,
          })
          .where(and(eq(grantApplications.id, id), eq(grantApplications.status, 'draft')))
          .returning();
        // CON-04: it is assessed against its round's criteria as published now.
        await fixRoundCriteria(tx, found.round.id, now());
        await recordAudit(tx, actorOf(found.user, requestId), {
          action: 'grant-application.submitted',
          recordType: 'grant-application',
          recordId: id,
          before: found.application,
          after: row,
        });
        return row!;
      });
    },

    /** An application withdrawn by its applicant before the panel decides. */
    async withdraw(principal: Principal, id: string, _input: Input, requestId?: string) {
      return db.transaction(async (tx) => {
        const found = await own(tx, principal, id, true);
        const refused = withdrawRefusal(found.application.status);
        if (refused) throw new ValidationError(fieldErrors(t, [refused]));
        const [row] = await tx
          .update(grantApplications)
          .set({
            status: 'withdrawn',
            updatedAt: now(),
            version: sql`${grantApplications.version} + 1`,
          })
          .where(eq(grantApplications.id, id))
          .returning();
        await recordAudit(tx, actorOf(found.user, requestId), {
          action: 'grant-application.withdrawn',
          recordType: 'grant-application',
          recordId: id,
          before: found.application,
          after: row,
        });
        return row!;
      });
    },

    /** A person's applications (their drafts and submitted ones), newest first. */
    async yours(principal: Principal, page: PageRequest) {
      const user = requireUser(principal, 'grants.apply');
      const where = representedSql(await representsOf(db, user, false));
      const [items, [total]] = await Promise.all([
        db
          .select({
            id: grantApplications.id,
            reference: grantApplications.reference,
            applicantName: grantApplications.applicantName,
            projectTitle: grantApplications.projectTitle,
            status: grantApplications.status,
            requestedPence: grantApplications.requestedPence,
            roundTitle: grantRounds.title,
            closesOn: grantRounds.closesOn,
            fundName: grantFunds.name,
          })
          .from(grantApplications)
          .innerJoin(grantRounds, eq(grantRounds.id, grantApplications.roundId))
          .innerJoin(grantFunds, eq(grantFunds.id, grantRounds.fundId))
          .where(where)
          .orderBy(desc(grantApplications.createdAt), desc(grantApplications.reference))
          .limit(page.limit)
          .offset(page.offset),
        db.select({ n: count() }).from(grantApplications).where(where),
      ]);
      return { items, total: Number(total?.n ?? 0) };
    },

    /** Home tasks: whether the person may apply to an open round now, and has applications. */
    async homeFacts(principal: UserPrincipal, openRounds: { applicantKinds: string[] }[]) {
      const represents = await representsOf(db, principal, false);
      const canApply = openRounds.some(
        (r) => applicantsFor(represents, r.applicantKinds, applicantNames).length > 0,
      );
      const [any] = await db
        .select({ id: grantApplications.id })
        .from(grantApplications)
        .where(representedSql(represents))
        .limit(1);
      return { canApply, hasAny: !!any };
    },

    /** Staff: every submitted application, filtered, a page at a time, with the sum asked. */
    async list(principal: Principal, filter: ApplicationFilter, page: PageRequest) {
      requireUser(principal, 'grants.view');
      return staffList(filter, page);
    },

    /** Staff: a round's applications, filtered, with the sum asked. */
    async forRound(
      principal: Principal,
      roundId: string,
      filter: ApplicationFilter,
      page: PageRequest,
    ) {
      requireUser(principal, 'grants.view');
      return staffList(filter, page, roundId);
    },

    /** Staff: an application as submitted (a draft is the applicant's own, not yet theirs to read). */
    async staffView(principal: Principal, id: string) {
      requireUser(principal, 'grants.view');
      const found = await load(db, id);
      // Never submitted (a draft, or a draft withdrawn): the applicant's alone.
      if (!found.application.submittedAt) throw new NotFoundError();
      return found;
    },

    /** Whether a staff reader may also see the staff page (for the applicant page's link). */
    canReadAsStaff: (principal: Principal) => can(principal, 'grants.view'),
  };
}
