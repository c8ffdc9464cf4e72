/**
 * Who was consulted (CON-07): the consultees chosen for a consultation, each with why, their
 * e-mailed invitations and one reminder, and their unsubscribing (consent withdrawn, never
 * e-mailed again). Choosing and inviting are the authority officers'; unsubscribing is anyone's
 * who holds the link. Each action is one transaction with one audit event of ids alone.
 */
import { and, asc, count, desc, eq, isNotNull, isNull, sql, type SQL } from 'drizzle-orm';
import { recordAudit } from '../../../platform/audit/service.js';
import { hashToken, newToken } from '../../../platform/auth/credentials.js';
import { requireUser } from '../../../platform/auth/permissions.js';
import { actorOf, type Actor, type Principal } from '../../../platform/auth/principal.js';
import { users } from '../../../platform/auth/schema.js';
import { todayInLondon } from '../../../platform/calendar/index.js';
import type { Db, Executor } from '../../../platform/db/database.js';
import { prefixTsQuery } from '../../../platform/db/search.js';
import { NotFoundError, ValidationError } from '../../../platform/errors.js';
import { isUuid } from '../../../platform/http/params.js';
import { formatDate } from '../../../platform/i18n/dates.js';
import type { Translate } from '../../../platform/i18n/messages.js';
import { fieldErrors, refusal, type SaidRefusal } from '../../../platform/i18n/said.js';
import type { MailMessage, MailService } from '../../../platform/mail/service.js';
import {
  CONSULTEE_CATEGORIES,
  countsByCategory,
  invitationState,
  invitationsRefusal,
  notInvitedReason,
  reasonRefusal,
  reminderDue,
  removalRefusal,
  type ConsulteeCategory,
} from '../consultee-rules.js';
import { consultationPaths } from '../paths.js';
import { consultationPhase } from '../rules.js';
import { consultations, invitations, responses } from '../schema.js';
import { consulteePaths } from './paths.js';
import {
  chosenConsultees,
  consulteeChannels,
  consultees,
  consulteeUnsubscribeLinks,
} from './schema.js';

export type ChoiceService = ReturnType<typeof createChoiceService>;
type Input = Record<string, string | string[] | undefined>;
const one = (value: Input[string]) => (typeof value === 'string' ? value : '');
const PUBLIC_ACTOR: Actor = { userId: null, label: 'consultee (unsubscribe link)' };

/** The address of a consultee's e-mail channel, for a query holding the consultee's id. */
const emailOf = (consulteeId: typeof consultees.id) =>
  sql<
    string | null
  >`(select c.detail from ${consulteeChannels} c where c.consultee_id = ${consulteeId} and c.kind = 'email')`;

/** Whether the invitation was responded to (kept on it: DP-03's sweep unlinks the response). */
const respondedTo = sql<boolean>`coalesce(${invitations.responded}, false)`;

export function createChoiceService(deps: {
  db: Db;
  mail: MailService;
  now: () => Date;
  t: Translate;
  publicUrl: string;
}) {
  const { db, mail, now, t, publicUrl } = deps;
  const manage = (principal: Principal) => requireUser(principal, 'consultation.manage');
  const today = () => todayInLondon(now());

  function refuse(refusals: readonly (SaidRefusal | null)[]): void {
    const all = refusals.filter((r): r is SaidRefusal => r !== null);
    if (all.length) throw new ValidationError(fieldErrors(t, all));
  }

  async function consultation(executor: Executor, id: string) {
    const [row] = isUuid(id)
      ? await executor.select().from(consultations).where(eq(consultations.id, id))
      : [];
    if (!row) throw new NotFoundError();
    return { ...row, phase: consultationPhase(row, today()) };
  }

  /** Consultees are chosen for a consultation not closed, and not the citizens' panel's. */
  function choosable(c: Awaited<ReturnType<typeof consultation>>, field: string) {
    if (c.audience === 'panel')
      throw refusal(t, field, 'consultation:consultees.errors.panelAudience');
    if (c.phase === 'closed') throw refusal(t, field, 'consultation:consultees.errors.closed');
  }

  /** A new unsubscribe link for each consultee mailed, kept as its hash. */
  async function unsubscribeLinks(tx: Executor, consulteeIds: readonly string[]) {
    const tokens = consulteeIds.map((id) => ({ id, token: newToken() }));
    if (tokens.length)
      await tx
        .insert(consulteeUnsubscribeLinks)
        .values(tokens.map((x) => ({ consulteeId: x.id, tokenHash: hashToken(x.token) })));
    return new Map(tokens.map((x) => [x.id, `${publicUrl}${consulteePaths.unsubscribe(x.token)}`]));
  }

  function message(
    kind: 'invitation' | 'reminder',
    c: { title: string; purpose: string; closesOn: string },
    to: { name: string; email: string },
    link: string,
    unsubscribe: string,
  ): MailMessage {
    const values = {
      name: to.name,
      title: c.title,
      purpose: c.purpose,
      closesOn: formatDate(t, c.closesOn),
      link,
      unsubscribe,
    };
    return {
      to: to.email,
      subject: t(`consultation:consultees.mail.${kind}Subject`, values),
      text: t(`consultation:consultees.mail.${kind}Text`, values),
    };
  }

  /** The chosen consultees' rows, with what the invitation state is read from. */
  const chosenRows = (executor: Executor, consultationId: string, also?: SQL) =>
    executor
      .select({
        id: chosenConsultees.id,
        consulteeId: consultees.id,
        name: consultees.name,
        category: consultees.category,
        reason: chosenConsultees.reason,
        chosenAt: chosenConsultees.chosenAt,
        chosenBy: users.displayName,
        consentGivenOn: consultees.consentGivenOn,
        consentWithdrawnAt: consultees.consentWithdrawnAt,
        email: emailOf(consultees.id),
        invitationId: invitations.id,
        sentAt: invitations.sentAt,
        remindedAt: invitations.remindedAt,
        responded: respondedTo,
      })
      .from(chosenConsultees)
      .innerJoin(consultees, eq(consultees.id, chosenConsultees.consulteeId))
      .leftJoin(users, eq(users.id, chosenConsultees.chosenBy))
      .leftJoin(
        invitations,
        and(
          eq(invitations.consultationId, chosenConsultees.consultationId),
          eq(invitations.consulteeId, chosenConsultees.consulteeId),
        ),
      )
      .where(and(eq(chosenConsultees.consultationId, consultationId), also));

  return {
    /**
     * CON-07: who was chosen for a consultation and why, a page at a time by name, each with
     * where their invitation stands (and, not sent, why they would be left out), with the
     * counts the page heads with, and the consultees a search found to choose one by one.
     */
    async chosen(
      principal: Principal,
      consultationId: string,
      query: { page: { limit: number; offset: number }; q?: string | undefined },
    ) {
      manage(principal);
      const c = await consultation(db, consultationId);
      const words = query.q ? prefixTsQuery(query.q) : null;
      const [rows, [totals], found] = await Promise.all([
        chosenRows(db, consultationId)
          .orderBy(asc(consultees.name), asc(consultees.id))
          .limit(query.page.limit)
          .offset(query.page.offset),
        db
          .select({
            chosen: count(),
            sent: count(invitations.sentAt),
            reminded: count(invitations.remindedAt),
            responded: sql<number>`count(*) filter (where ${respondedTo})`,
          })
          .from(chosenConsultees)
          .leftJoin(
            invitations,
            and(
              eq(invitations.consultationId, chosenConsultees.consultationId),
              eq(invitations.consulteeId, chosenConsultees.consulteeId),
            ),
          )
          .where(eq(chosenConsultees.consultationId, consultationId)),
        words
          ? db
              .select({ id: consultees.id, name: consultees.name, category: consultees.category })
              .from(consultees)
              .leftJoin(
                chosenConsultees,
                and(
                  eq(chosenConsultees.consulteeId, consultees.id),
                  eq(chosenConsultees.consultationId, consultationId),
                ),
              )
              .where(
                and(
                  sql`${consultees.search} @@ to_tsquery('english', ${words})`,
                  isNull(chosenConsultees.id),
                ),
              )
              .orderBy(asc(consultees.name))
              .limit(10)
          : null,
      ]);
      return {
        consultation: c,
        rows: rows.map((r) => ({
          ...r,
          invitation: invitationState({
            sentAt: r.sentAt,
            remindedAt: r.remindedAt,
            responded: r.responded,
            unsubscribed: r.consentWithdrawnAt !== null,
          }),
          leftOut: r.sentAt ? null : notInvitedReason(r),
        })),
        totals: {
          chosen: Number(totals?.chosen ?? 0),
          sent: Number(totals?.sent ?? 0),
          reminded: Number(totals?.reminded ?? 0),
          responded: Number(totals?.responded ?? 0),
        },
        found,
      };
    },

    /**
     * CON-07: every consultee of a category chosen for a consultation with one reason, and
     * (asked) the members of the umbrella bodies among them; those already chosen are kept as
     * they were. Returns how many were added.
     */
    async chooseCategory(
      principal: Principal,
      consultationId: string,
      input: Input,
      requestId?: string,
    ) {
      const user = manage(principal);
      return db.transaction(async (tx) => {
        const c = await consultation(tx, consultationId);
        choosable(c, 'category');
        const category = CONSULTEE_CATEGORIES.find((k) => k === one(input.category));
        const reason = one(input.reason).trim();
        refuse([
          category
            ? null
            : { field: 'category', key: 'consultation:consultees.errors.categoryMissing' },
          reasonRefusal(reason),
        ]);
        const withMembers = one(input.includeMembers) === 'yes';
        const ofCategory = eq(consultees.category, category!);
        const members = sql`${consultees.parentId} in (select p.id from ${consultees} p where p.category = ${category})`;
        const added = await tx
          .insert(chosenConsultees)
          .select(
            tx
              .select({
                id: sql`gen_random_uuid()`.as('id'),
                consultationId: sql`${consultationId}::uuid`.as('consultation_id'),
                consulteeId: consultees.id,
                reason: sql`${reason}`.as('reason'),
                chosenBy: sql`${user.userId}::uuid`.as('chosen_by'),
                chosenAt: sql`${now().toISOString()}::timestamptz`.as('chosen_at'),
              })
              .from(consultees)
              .where(withMembers ? sql`(${ofCategory} or ${members})` : ofCategory),
          )
          .onConflictDoNothing()
          .returning({ consulteeId: chosenConsultees.consulteeId });
        await recordAudit(tx, actorOf(user, requestId), {
          action: 'consultation.consultees-chosen',
          recordType: 'consultation',
          recordId: consultationId,
          after: { category, withMembers, consulteeIds: added.map((a) => a.consulteeId) },
        });
        return { added: added.length, category: category! };
      });
    },

    /** CON-07: one consultee chosen for a consultation, with why. */
    async chooseOne(
      principal: Principal,
      consultationId: string,
      input: Input,
      requestId?: string,
    ) {
      const user = manage(principal);
      return db.transaction(async (tx) => {
        const c = await consultation(tx, consultationId);
        choosable(c, 'consulteeId');
        // Its reason's field is named apart from the choose-by-category form's on the same page.
        const consulteeId = one(input.consulteeId);
        const reason = one(input.oneReason).trim();
        const reasonRefused = reasonRefusal(reason);
        const [consultee] = isUuid(consulteeId)
          ? await tx
              .select({ id: consultees.id, name: consultees.name })
              .from(consultees)
              .where(eq(consultees.id, consulteeId))
          : [];
        refuse([
          consultee
            ? null
            : { field: 'consulteeId', key: 'consultation:consultees.errors.consulteeMissing' },
          reasonRefused && { ...reasonRefused, field: 'oneReason' },
        ]);
        const [row] = await tx
          .insert(chosenConsultees)
          .values({ consultationId, consulteeId, reason, chosenBy: user.userId, chosenAt: now() })
          .onConflictDoNothing()
          .returning();
        if (!row) throw refusal(t, 'consulteeId', 'consultation:consultees.errors.alreadyChosen');
        await recordAudit(tx, actorOf(user, requestId), {
          action: 'consultation.consultee-chosen',
          recordType: 'consultation',
          recordId: consultationId,
          after: { chosenId: row.id, consulteeId },
        });
        return { ...row, name: consultee!.name };
      });
    },

    /** A chosen consultee, for the removal page. */
    async chosenOne(principal: Principal, consultationId: string, chosenId: string) {
      manage(principal);
      const c = await consultation(db, consultationId);
      const [row] = isUuid(chosenId)
        ? await chosenRows(db, consultationId, eq(chosenConsultees.id, chosenId))
        : [];
      if (!row) throw new NotFoundError();
      return { consultation: c, chosen: row };
    },

    /** CON-07: a chosen consultee taken off before their invitation is sent. */
    async remove(
      principal: Principal,
      consultationId: string,
      chosenId: string,
      requestId?: string,
    ) {
      const user = manage(principal);
      return db.transaction(async (tx) => {
        await consultation(tx, consultationId);
        const [row] = isUuid(chosenId)
          ? await chosenRows(tx, consultationId, eq(chosenConsultees.id, chosenId))
          : [];
        if (!row) throw new NotFoundError();
        const refused = removalRefusal(row.sentAt);
        if (refused) throw refusal(t, 'remove', refused);
        await tx.delete(chosenConsultees).where(eq(chosenConsultees.id, chosenId));
        await recordAudit(tx, actorOf(user, requestId), {
          action: 'consultation.consultee-removed',
          recordType: 'consultation',
          recordId: consultationId,
          before: { chosenId, consulteeId: row.consulteeId },
        });
        return row;
      });
    },

    /**
     * CON-03, CON-07: an invitation e-mailed to each chosen consultee not yet invited who has
     * consented, has an e-mail channel and has not unsubscribed: its link (the token's hash
     * kept) and an unsubscribe link. Returns how many were sent and how many left out.
     */
    async sendInvitations(principal: Principal, consultationId: string, requestId?: string) {
      const user = manage(principal);
      return db.transaction(async (tx) => {
        const c = await consultation(tx, consultationId);
        if (c.audience === 'panel')
          throw refusal(t, 'invite', 'consultation:consultees.errors.panelAudience');
        const refused = invitationsRefusal(c.phase);
        if (refused) throw refusal(t, 'invite', refused);
        // Locks the consultation so two officers sending at once invite each consultee once.
        await tx
          .select({ id: consultations.id })
          .from(consultations)
          .where(eq(consultations.id, c.id))
          .for('update');
        const rows = await chosenRows(tx, consultationId, isNull(invitations.id));
        const due = rows.filter((r) => notInvitedReason(r) === null);
        if (!due.length) throw refusal(t, 'invite', 'consultation:consultees.errors.noneToInvite');
        const tokens = due.map((r) => ({ row: r, token: newToken() }));
        await tx.insert(invitations).values(
          tokens.map(({ row, token }) => ({
            consultationId,
            consulteeId: row.consulteeId,
            tokenHash: hashToken(token),
            sentAt: now(),
          })),
        );
        const unsubscribe = await unsubscribeLinks(
          tx,
          due.map((r) => r.consulteeId),
        );
        await mail.queueMany(
          tx,
          tokens.map(({ row, token }) =>
            message(
              'invitation',
              c,
              { name: row.name, email: row.email! },
              `${publicUrl}${consultationPaths.invitation(token)}`,
              unsubscribe.get(row.consulteeId)!,
            ),
          ),
        );
        await recordAudit(tx, actorOf(user, requestId), {
          action: 'consultation.invitations-sent',
          recordType: 'consultation',
          recordId: consultationId,
          after: { consulteeIds: due.map((r) => r.consulteeId) },
        });
        return { sent: due.length, leftOut: rows.length - due.length };
      });
    },

    /**
     * CON-07: one reminder to each invited consultee who has not responded nor unsubscribed,
     * while the consultation is open. Only the invitation token's hash is kept, so the reminder
     * carries a new link, which replaces the first.
     */
    async sendReminders(principal: Principal, consultationId: string, requestId?: string) {
      const user = manage(principal);
      return db.transaction(async (tx) => {
        const c = await consultation(tx, consultationId);
        if (c.phase !== 'open')
          throw refusal(t, 'remind', 'consultation:consultees.errors.notOpen');
        await tx
          .select({ id: consultations.id })
          .from(consultations)
          .where(eq(consultations.id, c.id))
          .for('update');
        const rows = await chosenRows(
          tx,
          consultationId,
          and(isNotNull(invitations.sentAt), isNull(invitations.remindedAt)),
        );
        const due = rows.filter(
          (r) =>
            r.email !== null && reminderDue(r, r.responded, r.consentWithdrawnAt !== null, c.phase),
        );
        if (!due.length) throw refusal(t, 'remind', 'consultation:consultees.errors.noneToRemind');
        const unsubscribe = await unsubscribeLinks(
          tx,
          due.map((r) => r.consulteeId),
        );
        const messages: MailMessage[] = [];
        for (const row of due) {
          const token = newToken();
          await tx
            .update(invitations)
            .set({ tokenHash: hashToken(token), remindedAt: now() })
            .where(eq(invitations.id, row.invitationId!));
          // A response begun through the first link is carried by that link's token: the new
          // link must finish it, so the response takes the new token too.
          await tx
            .update(responses)
            .set({ resumeTokenHash: hashToken(token) })
            .where(
              and(eq(responses.invitationId, row.invitationId!), isNull(responses.submittedAt)),
            );
          messages.push(
            message(
              'reminder',
              c,
              { name: row.name, email: row.email! },
              `${publicUrl}${consultationPaths.invitation(token)}`,
              unsubscribe.get(row.consulteeId)!,
            ),
          );
        }
        await mail.queueMany(tx, messages);
        await recordAudit(tx, actorOf(user, requestId), {
          action: 'consultation.reminders-sent',
          recordType: 'consultation',
          recordId: consultationId,
          after: { consulteeIds: due.map((r) => r.consulteeId) },
        });
        return { reminded: due.length };
      });
    },

    /** Whether an unsubscribe link is one Bridge sent, and whether it was already used. */
    async unsubscribeLink(token: string) {
      const [row] = await db
        .select({ withdrawnAt: consultees.consentWithdrawnAt })
        .from(consulteeUnsubscribeLinks)
        .innerJoin(consultees, eq(consultees.id, consulteeUnsubscribeLinks.consulteeId))
        .where(eq(consulteeUnsubscribeLinks.tokenHash, hashToken(token)));
      if (!row) throw new NotFoundError();
      return { alreadyDone: row.withdrawnAt !== null };
    },

    /**
     * CON-03, DP-03: a consultee unsubscribes with their link: their consent is withdrawn and
     * they are never e-mailed again. The audit event keeps the consultee's id alone.
     */
    async unsubscribe(token: string, requestId?: string) {
      return db.transaction(async (tx) => {
        const [link] = await tx
          .select({ consulteeId: consulteeUnsubscribeLinks.consulteeId })
          .from(consulteeUnsubscribeLinks)
          .where(eq(consulteeUnsubscribeLinks.tokenHash, hashToken(token)));
        if (!link) throw new NotFoundError();
        const [changed] = await tx
          .update(consultees)
          .set({
            consentWithdrawnAt: now(),
            updatedAt: now(),
            version: sql`${consultees.version} + 1`,
          })
          .where(and(eq(consultees.id, link.consulteeId), isNull(consultees.consentWithdrawnAt)))
          .returning({ id: consultees.id });
        if (changed)
          await recordAudit(
            tx,
            { ...PUBLIC_ACTOR, requestId },
            {
              action: 'consultee.unsubscribed',
              recordType: 'consultee',
              recordId: link.consulteeId,
            },
          );
      });
    },

    /**
     * CON-07: how many consultees were consulted on a consultation (chosen for it), by
     * category: counts alone, for the public "you said, we did" page.
     */
    async consultedByCategory(
      executor: Executor,
      consultationId: string,
    ): Promise<{ category: ConsulteeCategory; count: number }[]> {
      if (!isUuid(consultationId)) return [];
      const rows = await executor
        .select({ category: consultees.category, count: count() })
        .from(chosenConsultees)
        .innerJoin(consultees, eq(consultees.id, chosenConsultees.consulteeId))
        .where(eq(chosenConsultees.consultationId, consultationId))
        .groupBy(consultees.category);
      return countsByCategory(rows.map((r) => ({ category: r.category, count: Number(r.count) })));
    },

    /** The consultations a consultee was chosen for, latest first (their page lists them). */
    async consultationsOf(principal: Principal, consulteeId: string) {
      manage(principal);
      if (!isUuid(consulteeId)) return [];
      return db
        .select({
          id: consultations.id,
          title: consultations.title,
          reason: chosenConsultees.reason,
          chosenAt: chosenConsultees.chosenAt,
        })
        .from(chosenConsultees)
        .innerJoin(consultations, eq(consultations.id, chosenConsultees.consultationId))
        .where(eq(chosenConsultees.consulteeId, consulteeId))
        .orderBy(desc(chosenConsultees.chosenAt))
        .limit(50);
    },
  };
}
