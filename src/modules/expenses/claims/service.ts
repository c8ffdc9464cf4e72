/**
 * An advisor's expense claims (IAG-11, IAG-14): start a claim for a meeting or deployment, add
 * each cost with its date and receipt, see the last day each can be claimed, and send it to the
 * coordination unit. Each thing a person does is one function: permission, rules, one
 * transaction, one audit event.
 */
import { and, count, desc, eq } from 'drizzle-orm';
import { recordAudit } from '../../../platform/audit/service.js';
import { can } from '../../../platform/auth/permissions.js';
import { actorOf, type Principal, type UserPrincipal } from '../../../platform/auth/principal.js';
import {
  addCalendarMonths,
  startOfLondonDay,
  addCalendarDays,
  toLondonDate,
  todayInLondon,
} from '../../../platform/calendar/index.js';
import type { Executor } from '../../../platform/db/database.js';
import type { PageRequest } from '../../../platform/db/search.js';
import {
  ConflictError,
  ForbiddenError,
  NotFoundError,
  ValidationError,
  type FieldError,
} from '../../../platform/errors.js';
import type { FileStore } from '../../../platform/files/store.js';
import { checkUploadedFile, keepFile } from '../../../platform/files/upload.js';
import { text, tooLong } from '../../../platform/http/form-fields.js';
import type { FormFile } from '../../../platform/http/multipart.js';
import { isUuid } from '../../../platform/http/params.js';
import { formatPence } from '../../../platform/money/pence.js';
import type { AdviceApi } from '../../advice/index.js';
import type { MeetingsApi } from '../../meetings/index.js';
import { findClaim, findVisibleClaim, isClaimant, itemsOfClaim, type Claim } from '../access.js';
import { expensePaths as paths } from '../paths.js';
import { readItemFields } from './item-fields.js';
import {
  CLAIM_WINDOW_MONTHS,
  checkEditable,
  itemDateProblem,
  lastDayToClaim,
  submissionProblems,
  subsistenceOverLimit,
  type ExpenseCategory,
  type ExpenseLimits,
} from '../rules.js';
import { queueLetter, type ExpensesServiceDeps } from '../service-deps.js';
import { expenseClaims, expenseItems } from '../schema.js';
import { type Said, say } from '../../../platform/i18n/said.js';
import { formatDate } from '../../../platform/i18n/dates.js';

type Input = Record<string, string | string[] | undefined>;

/** Receipts are photographs or scans: PDF or an image. */
export const RECEIPT_TYPES = ['pdf', 'png', 'jpg'] as const;

export type ExpensesService = ReturnType<typeof createExpensesService>;

export function createExpensesService(
  deps: ExpensesServiceDeps & {
    meetings: MeetingsApi;
    advice: AdviceApi;
    files: FileStore;
    maxBytes: number;
    limits: ExpenseLimits;
  },
) {
  const { db, files, limits, t } = deps;
  const worded = (problem: Said) => say(t, problem);
  /** The receipts' types, as the upload's refusal names them. */
  const receiptTypes = { types: RECEIPT_TYPES, text: t('expenses:claims.item.receiptTypes') };
  const now = () => (deps.now ? deps.now() : new Date());
  const today = () => todayInLondon(now());
  const maxMb = Math.round(deps.maxBytes / (1024 * 1024));

  function requireClaimant(principal: Principal): UserPrincipal {
    if (principal?.kind !== 'user' || !can(principal, 'expenses.claim')) throw new ForbiddenError();
    return principal;
  }

  function requireUser(principal: Principal): UserPrincipal {
    if (principal?.kind !== 'user') throw new ForbiddenError();
    return principal;
  }

  /** The directory person a signed-in advisor is, if any. */
  const claimantPerson = (executor: Executor, user: UserPrincipal) =>
    deps.directory.personContactOfUser(executor, user.userId);

  async function personOrRefuse(executor: Executor, user: UserPrincipal) {
    const person = await claimantPerson(executor, user);
    if (!person) throw new ConflictError(t('expenses:claims.start.errors.notLinked'));
    return person;
  }

  /**
   * What the advisor can claim for: their groups' meetings and their accepted deployments since
   * the earliest day a cost could still be claimed (IAG-11), and anything else for one of their
   * groups.
   */
  async function occasionsFor(executor: Executor, personId: string) {
    const earliest = addCalendarMonths(today(), -CLAIM_WINDOW_MONTHS);
    const groups = await deps.groups.currentGroupsOf(executor, personId);
    const [meetings, deployments] = await Promise.all([
      deps.meetings.meetings.groupMeetingsBetween(
        executor,
        groups.map((g) => g.id),
        startOfLondonDay(earliest),
        startOfLondonDay(addCalendarDays(today(), 1)),
      ),
      deps.advice.deployments.acceptedDeploymentsSince(executor, personId, earliest),
    ]);
    const groupName = new Map(groups.map((g) => [g.id, g.name]));
    return {
      groups,
      meetings: meetings.map((m) => ({
        value: `meeting:${m.id}`,
        groupId: m.groupId,
        text: t('expenses:claims.start.meeting', {
          title: m.title,
          date: formatDate(t, toLondonDate(m.startsAt)),
        }),
        hint: groupName.get(m.groupId) ?? '',
      })),
      deployments: deployments.map((d) => ({
        value: `deployment:${d.id}`,
        groupId: d.groupId,
        text: t('expenses:claims.start.deployment', {
          reference: d.reference,
          date: formatDate(t, d.deployedOn),
        }),
        hint: groupName.get(d.groupId) ?? t('expenses:claims.start.advisoryGroup'),
      })),
    };
  }

  /** The items of a claim, oldest first, with the last day each could be claimed (IAG-11). */
  async function itemsOf(executor: Executor, claimId: string) {
    return (await itemsOfClaim(executor, claimId)).map((item) => ({
      ...item,
      lastDay: lastDayToClaim(item.incurredOn),
    }));
  }

  /** The claim, for the advisor who made it, locked for a change. */
  async function ownClaimForChange(tx: Executor, user: UserPrincipal, claimId: string) {
    const claim = await findClaim(tx, claimId, true);
    if (!isClaimant(user, claim)) throw new NotFoundError();
    return claim;
  }

  return {
    maxMb,
    limits,

    /** The advisor's own claims, newest first, each with where it stands. */
    async mine(principal: Principal, page: PageRequest) {
      const user = requireClaimant(principal);
      const where = eq(expenseClaims.claimantUserId, user.userId);
      const [items, [total]] = await Promise.all([
        db
          .select({
            id: expenseClaims.id,
            reference: expenseClaims.reference,
            occasionText: expenseClaims.occasionText,
            status: expenseClaims.status,
            claimedPence: expenseClaims.claimedPence,
            approvedPence: expenseClaims.approvedPence,
            createdAt: expenseClaims.createdAt,
            submittedOn: expenseClaims.submittedOn,
          })
          .from(expenseClaims)
          .where(where)
          .orderBy(desc(expenseClaims.createdAt))
          .limit(page.limit)
          .offset(page.offset),
        db.select({ n: count() }).from(expenseClaims).where(where),
      ]);
      return { items, total: Number(total?.n ?? 0) };
    },

    async startForm(principal: Principal) {
      const user = requireClaimant(principal);
      const person = await personOrRefuse(db, user);
      return occasionsFor(db, person.id);
    },

    /** Starts a claim for a meeting, a deployment or something else for one of their groups. */
    async start(principal: Principal, input: Input, auditRequestId?: string) {
      const user = requireClaimant(principal);
      const person = await personOrRefuse(db, user);
      const occasions = await occasionsFor(db, person.id);
      const chosen = text(input.occasion) ?? '';
      const errors: FieldError[] = [];
      let target: {
        occasion: 'meeting' | 'deployment' | 'other';
        groupId: string;
        text: string;
      } | null = null;
      const listed = [...occasions.meetings, ...occasions.deployments].find(
        (o) => o.value === chosen,
      );
      if (listed) {
        const [kind] = chosen.split(':') as ['meeting' | 'deployment'];
        target = { occasion: kind, groupId: listed.groupId, text: listed.text };
      } else if (chosen === 'other') {
        const groupId = text(input.groupId);
        const what = text(input.what);
        const group = occasions.groups.find((g) => g.id === groupId);
        if (!group)
          errors.push({ field: 'groupId', message: t('expenses:claims.start.errors.group') });
        if (!what) errors.push({ field: 'what', message: t('expenses:claims.start.errors.what') });
        tooLong(t, errors, 'what', t('expenses:claims.start.errors.whatLabel'), what, 200);
        if (group && what) target = { occasion: 'other', groupId: group.id, text: what };
      } else
        errors.push({ field: 'occasion', message: t('expenses:claims.start.errors.occasion') });
      if (errors.length || !target) throw new ValidationError(errors);
      const [kind, id] = chosen.split(':');
      return db.transaction(async (tx) => {
        const [claim] = await tx
          .insert(expenseClaims)
          .values({
            claimantPersonId: person.id,
            claimantUserId: user.userId,
            groupId: target.groupId,
            occasion: target.occasion,
            meetingId: kind === 'meeting' ? id! : null,
            deploymentId: kind === 'deployment' ? id! : null,
            occasionText: target.text,
            createdAt: now(),
          })
          .returning();
        await recordAudit(tx, actorOf(user, auditRequestId), {
          action: 'expense-claim.started',
          recordType: 'expense-claim',
          recordId: claim!.id,
          after: claim,
        });
        return claim!;
      });
    },

    /** A claim with its items, for the advisor who made it or those who process claims. */
    async claim(principal: Principal, claimId: string) {
      const user = requireUser(principal);
      const claim = await findVisibleClaim(db, user, claimId);
      const [items, [group], claimants] = await Promise.all([
        itemsOf(db, claimId),
        deps.groups.groupsByIds(db, [claim.groupId]),
        deps.directory.directory.lookups.people(db, [claim.claimantPersonId]),
      ]);
      const day = today();
      return {
        claim,
        items: items.map((i) => ({
          ...i,
          // Before it is sent, each item says whether it would still be in time today.
          lateProblem: claim.status === 'draft' ? itemDateProblem(i.incurredOn, day) : null,
        })),
        groupName: group?.name ?? '',
        claimantName: claimants.get(claim.claimantPersonId)?.fullName ?? '',
        isClaimant: isClaimant(user, claim),
        mayEdit: isClaimant(user, claim) && checkEditable(claim.status) === null,
      };
    },

    async itemForm(principal: Principal, claimId: string) {
      const user = requireClaimant(principal);
      const claim = await findClaim(db, claimId);
      if (!isClaimant(user, claim)) throw new NotFoundError();
      const refusal = checkEditable(claim.status);
      if (refusal) throw new ConflictError(worded(refusal));
      return { claim, earliest: addCalendarMonths(today(), -CLAIM_WINDOW_MONTHS) };
    },

    /**
     * Adds a cost: what kind (IAG-14: there is no fee or wage to choose), the day it was incurred
     * (IAG-11: refused, with its last day, when more than three months ago), the amount (or the
     * miles, paid at the rate), and a receipt if there is one.
     */
    async addItem(
      principal: Principal,
      claimId: string,
      input: { fields: Input; file: FormFile | null },
      auditRequestId?: string,
    ) {
      const user = requireClaimant(principal);
      const before = await findClaim(db, claimId);
      if (!isClaimant(user, before)) throw new NotFoundError();
      const refusal = checkEditable(before.status);
      if (refusal) throw new ConflictError(worded(refusal));
      const errors: FieldError[] = [];
      const { category, incurredOn, description, tenthsOfMile, amountPence } = readItemFields(
        input.fields,
        today(),
        limits,
        errors,
        t,
      );
      const receipt = await checkUploadedFile(t, errors, input.file, deps.maxBytes, {
        field: 'receipt',
        accept: receiptTypes,
        optional: true,
      });
      if (errors.length) throw new ValidationError(errors);
      const record = (stored: { key: string; sha256: string; sizeBytes: number } | null) =>
        db.transaction(async (tx) => {
          const claim = await ownClaimForChange(tx, user, claimId);
          const late = checkEditable(claim.status);
          if (late) throw new ConflictError(worded(late));
          if (category === 'subsistence') {
            const others = await tx
              .select({
                category: expenseItems.category,
                incurredOn: expenseItems.incurredOn,
                amountPence: expenseItems.claimedPence,
              })
              .from(expenseItems)
              .where(
                and(eq(expenseItems.claimId, claimId), eq(expenseItems.incurredOn, incurredOn!)),
              );
            const over = subsistenceOverLimit(
              [...others, { category, incurredOn: incurredOn!, amountPence: amountPence! }],
              limits,
            );
            if (over.length)
              throw new ValidationError([
                {
                  field: 'amount',
                  message: t('expenses:claims.item.errors.subsistence', {
                    limit: formatPence(limits.subsistencePencePerDay),
                    day: formatDate(t, incurredOn!),
                    total: formatPence(over[0]!.pence),
                  }),
                },
              ]);
          }
          const [item] = await tx
            .insert(expenseItems)
            .values({
              claimId,
              category: category as ExpenseCategory,
              incurredOn: incurredOn!,
              description: description!,
              tenthsOfMile,
              claimedPence: amountPence!,
              receiptFileName: receipt?.fileName ?? null,
              receiptMediaType: receipt?.mime ?? null,
              receiptSizeBytes: stored?.sizeBytes ?? null,
              receiptSha256: stored?.sha256 ?? null,
              receiptStorageKey: stored?.key ?? null,
              createdAt: now(),
            })
            .returning();
          await tx
            .update(expenseClaims)
            .set({ claimedPence: claim.claimedPence + amountPence! })
            .where(eq(expenseClaims.id, claimId));
          await recordAudit(tx, actorOf(user, auditRequestId), {
            action: 'expense-item.added',
            recordType: 'expense-claim',
            recordId: claimId,
            after: { ...item, receiptStorageKey: undefined },
          });
          return item!;
        });
      return receipt ? keepFile(files, receipt.bytes, record) : record(null);
    },

    /** Takes a cost off a claim not yet sent. */
    async removeItem(
      principal: Principal,
      claimId: string,
      itemId: string,
      auditRequestId?: string,
    ) {
      const user = requireClaimant(principal);
      if (!isUuid(itemId)) throw new NotFoundError();
      return db.transaction(async (tx) => {
        const claim = await ownClaimForChange(tx, user, claimId);
        const refusal = checkEditable(claim.status);
        if (refusal) throw new ConflictError(worded(refusal));
        const [item] = await tx
          .delete(expenseItems)
          .where(and(eq(expenseItems.id, itemId), eq(expenseItems.claimId, claimId)))
          .returning();
        if (!item) throw new NotFoundError();
        await tx
          .update(expenseClaims)
          .set({ claimedPence: claim.claimedPence - item.claimedPence })
          .where(eq(expenseClaims.id, claimId));
        await recordAudit(tx, actorOf(user, auditRequestId), {
          action: 'expense-item.removed',
          recordType: 'expense-claim',
          recordId: claimId,
          before: { ...item, receiptStorageKey: undefined },
        });
        return item;
      });
    },

    /**
     * IAG-11: sends the claim to the coordination unit. Every item must still be in time today;
     * the day it arrives is kept, and the advisor is e-mailed that it arrived.
     */
    async submit(principal: Principal, claimId: string, auditRequestId?: string) {
      const user = requireClaimant(principal);
      return db.transaction(async (tx) => {
        const claim = await ownClaimForChange(tx, user, claimId);
        const items = await itemsOf(tx, claimId);
        const day = today();
        const problems = submissionProblems(claim.status, items, day);
        if (problems.length)
          throw new ValidationError(
            claim.status !== 'draft' || !items.length
              ? [{ field: 'submit', message: worded(problems[0]!) }]
              : items.flatMap((i) => {
                  const problem = itemDateProblem(i.incurredOn, day);
                  return problem ? [{ field: `item-${i.id}`, message: worded(problem) }] : [];
                }),
          );
        const at = now();
        const [sent] = await tx
          .update(expenseClaims)
          .set({ status: 'submitted', submittedAt: at, submittedOn: day })
          .where(eq(expenseClaims.id, claimId))
          .returning();
        const person = await claimantPerson(tx, user);
        const to = person?.email ?? user.email;
        if (to)
          await queueLetter(deps, tx, {
            to,
            name: person?.fullName ?? user.displayName,
            subject: t('expenses:claims.mail.subject', { reference: claim.reference }),
            lines: [
              t('expenses:claims.mail.body', {
                reference: claim.reference,
                occasion: claim.occasionText,
                pence: formatPence(claim.claimedPence),
                day: formatDate(t, day),
              }),
              t('expenses:claims.mail.follow'),
            ],
            path: paths.claim(claimId),
          });
        await recordAudit(tx, actorOf(user, auditRequestId), {
          action: 'expense-claim.submitted',
          recordType: 'expense-claim',
          recordId: claimId,
          before: { status: claim.status },
          after: { status: 'submitted', submittedOn: day, claimedPence: claim.claimedPence },
        });
        return sent!;
      });
    },

    /** A receipt, for whoever may read the claim. */
    async receipt(principal: Principal, claimId: string, itemId: string) {
      const user = requireUser(principal);
      const claim: Claim = await findVisibleClaim(db, user, claimId);
      if (!isUuid(itemId)) throw new NotFoundError();
      const [item] = await db
        .select()
        .from(expenseItems)
        .where(and(eq(expenseItems.id, itemId), eq(expenseItems.claimId, claim.id)));
      if (!item?.receiptStorageKey) throw new NotFoundError();
      return {
        file: { fileName: item.receiptFileName!, mediaType: item.receiptMediaType! },
        bytes: await files.read(item.receiptStorageKey),
      };
    },
  };
}
