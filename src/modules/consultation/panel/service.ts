/**
 * CON-06, DP-01, DP-03: the citizens' panel's members. Anyone may ask to join through the public
 * form; staff invite people by e-mail address; either becomes a member by the e-mailed link.
 * A member leaves by the link every e-mail carries, no sign-in, and their personal data is
 * removed at once. Staff read the members, and the panel's balance against the population
 * (counts only, small ones suppressed). Each action is one transaction with one audit event.
 */
import { randomUUID } from 'node:crypto';
import {
  and,
  count,
  desc,
  eq,
  inArray,
  isNotNull,
  isNull,
  like,
  or,
  sql,
  type SQL,
} from 'drizzle-orm';
import { recordAudit } from '../../../platform/audit/service.js';
import { hashToken, newToken } from '../../../platform/auth/credentials.js';
import { requireUser } from '../../../platform/auth/permissions.js';
import { actorOf, type Actor, type Principal } from '../../../platform/auth/principal.js';
import { todayInLondon } from '../../../platform/calendar/index.js';
import type { Db, Executor } from '../../../platform/db/database.js';
import { NotFoundError, ValidationError } from '../../../platform/errors.js';
import { isEmailAddress } from '../../../platform/http/form-fields.js';
import type { Translate } from '../../../platform/i18n/messages.js';
import { fieldErrors, type SaidRefusal } from '../../../platform/i18n/said.js';
import type { MailService } from '../../../platform/mail/service.js';
import type { DirectoryApi } from '../../directory/index.js';
import { MONITORING_DIMENSIONS, type MonitoringDimension } from '../monitoring.js';
import { addressList } from '../panel-rules.js';
import type { PanelLinks } from './links.js';
import { panelMemberMonitoring, panelMembers } from './schema.js';
import { invitations, responseMonitoring, responses } from '../schema.js';

export type PanelService = ReturnType<typeof createPanelService>;
type Input = Record<string, string | string[] | undefined>;
const one = (value: Input[string]) => (typeof value === 'string' ? value.trim() : '');
const PUBLIC_ACTOR: Actor = { userId: null, label: 'member of the public' };
/** Confirmation e-mails one unconfirmed address may be sent in a day. */
const MAILS_A_DAY = 3;
/** The most addresses one invitation list may hold. */
export const MOST_INVITED = 500;

const DIMENSIONS = Object.keys(MONITORING_DIMENSIONS) as MonitoringDimension[];

export function createPanelService(deps: {
  db: Db;
  directory: DirectoryApi;
  mail: MailService;
  links: PanelLinks;
  now: () => Date;
  t: Translate;
}) {
  const { db, now, t, links, mail } = deps;
  const { lookups, organisations } = deps.directory.directory;
  const boroughs = () => organisations.options(['borough']);

  function refuse(refusals: readonly SaidRefusal[]): void {
    if (refusals.length) throw new ValidationError(fieldErrors(t, refusals));
  }

  /** The person's details as typed: name, borough, and the optional monitoring answers. */
  async function details(input: Input) {
    const fullName = one(input.fullName).replace(/\s+/g, ' ');
    const boroughId = one(input.boroughId);
    const refusals: SaidRefusal[] = [];
    if (!fullName) refusals.push({ field: 'fullName', key: 'consultation:panel.errors.fullName' });
    else if (fullName.length > 200)
      refusals.push({ field: 'fullName', key: 'consultation:panel.errors.fullNameLong' });
    if (!(await boroughs()).some((b) => b.id === boroughId))
      refusals.push({ field: 'boroughId', key: 'consultation:panel.errors.borough' });
    const monitoring: Partial<Record<MonitoringDimension, string>> = {};
    for (const d of DIMENSIONS) {
      const value = one(input[d]);
      if (!value || value === 'unsaid') continue;
      if (!(MONITORING_DIMENSIONS[d] as readonly string[]).includes(value))
        refusals.push({ field: d, key: `consultation:panel.errors.${d}` });
      else monitoring[d] = value;
    }
    return { fullName, boroughId, monitoring, refusals };
  }

  async function saveMonitoring(
    tx: Executor,
    memberId: string,
    monitoring: Partial<Record<MonitoringDimension, string>>,
  ) {
    if (!Object.keys(monitoring).length) return;
    await tx
      .insert(panelMemberMonitoring)
      .values({
        ...(monitoring as Omit<typeof panelMemberMonitoring.$inferInsert, 'memberId'>),
        memberId,
      })
      .onConflictDoNothing();
  }

  const confirmSubject = t('consultation:panel.mail.confirmSubject');

  /** The confirmation e-mail, unless this address has had its few today. */
  async function sendConfirmation(tx: Executor, email: string, memberId: string, token: string) {
    if ((await mail.queuedToday(tx, email, confirmSubject)) >= MAILS_A_DAY) return;
    await mail.queue(tx, {
      to: email,
      subject: confirmSubject,
      text: `${t('consultation:panel.mail.confirmText', { url: links.confirmUrl(token) })}\n\n${links.leaveFooter(t, memberId)}`,
    });
  }

  async function byEmail(executor: Executor, email: string) {
    const [row] = await executor
      .select()
      .from(panelMembers)
      .where(eq(sql`lower(${panelMembers.email})`, email));
    return row;
  }

  async function byLeaveToken(executor: Executor, token: string) {
    const [row] =
      token.length > 10 && token.length < 100
        ? await executor
            .select()
            .from(panelMembers)
            .where(eq(panelMembers.leaveTokenHash, hashToken(token)))
        : [];
    if (!row) throw new NotFoundError();
    return row;
  }

  async function byConfirmToken(executor: Executor, token: string) {
    const [row] =
      token.length > 10 && token.length < 100
        ? await executor
            .select()
            .from(panelMembers)
            .where(
              and(eq(panelMembers.confirmTokenHash, hashToken(token)), isNull(panelMembers.leftAt)),
            )
        : [];
    if (!row) throw new NotFoundError();
    return row;
  }

  /** Who is a member: confirmed and not left. */
  const current = and(isNotNull(panelMembers.confirmedAt), isNull(panelMembers.leftAt));

  return {
    boroughs,

    /**
     * CON-06: someone asks to join through the public form. They are sent a confirmation link
     * (membership starts when they follow it). The page says the same whoever the address is,
     * so it tells nobody who is on the panel.
     */
    async join(input: Input, requestId?: string): Promise<void> {
      const email = one(input.email).toLowerCase();
      const { fullName, boroughId, monitoring, refusals } = await details(input);
      if (!email) refusals.push({ field: 'email', key: 'consultation:panel.errors.email' });
      else if (!isEmailAddress(email))
        refusals.push({ field: 'email', key: 'consultation:panel.errors.emailInvalid' });
      // The error summary lists the fields in the form's order.
      const order = ['fullName', 'email', 'boroughId', ...DIMENSIONS];
      refuse(refusals.sort((a, b) => order.indexOf(a.field) - order.indexOf(b.field)));
      await db.transaction(async (tx) => {
        const existing = await byEmail(tx, email);
        if (existing?.confirmedAt) {
          // Already a member: told so by e-mail, not on the page.
          if ((await mail.queuedToday(tx, email, confirmSubject)) < MAILS_A_DAY)
            await mail.queue(tx, {
              to: email,
              subject: `${confirmSubject} ${t('consultation:panel.mail.alreadySuffix')}`,
              text: `${t('consultation:panel.mail.alreadyText')}\n\n${links.leaveFooter(t, existing.id)}`,
            });
          return;
        }
        const token = newToken();
        const id = existing?.id ?? randomUUID();
        if (existing) {
          // Asked again before confirming: the latest form is what they will confirm, so its
          // details replace the earlier ones (a corrected name, another borough, answers).
          await tx
            .update(panelMembers)
            .set({ fullName, boroughId, confirmTokenHash: hashToken(token) })
            .where(eq(panelMembers.id, id));
          await tx.delete(panelMemberMonitoring).where(eq(panelMemberMonitoring.memberId, id));
          await saveMonitoring(tx, id, monitoring);
        } else {
          await tx.insert(panelMembers).values({
            id,
            fullName,
            email,
            boroughId,
            joinedBy: 'sign_up',
            confirmTokenHash: hashToken(token),
            leaveTokenHash: links.leaveTokenHash(id),
            createdAt: now(),
          });
          await saveMonitoring(tx, id, monitoring);
        }
        await sendConfirmation(tx, email, id, token);
        // The audit event names the record, not the person.
        await recordAudit(
          tx,
          { ...PUBLIC_ACTOR, requestId },
          {
            action: 'consultation-panel-member.asked-to-join',
            recordType: 'panel-member',
            recordId: id,
          },
        );
      });
    },

    /** CON-06: staff invite people by address; each is sent a link to confirm and join. */
    async invite(principal: Principal, input: Input, requestId?: string) {
      const user = requireUser(principal, 'consultation.manage');
      const addresses = addressList(one(input.addresses));
      const bad = addresses.filter((a) => !isEmailAddress(a));
      if (!addresses.length)
        refuse([{ field: 'addresses', key: 'consultation:panel.errors.addressesMissing' }]);
      if (bad.length)
        refuse([
          {
            field: 'addresses',
            key: 'consultation:panel.errors.addressesInvalid',
            values: { addresses: bad.slice(0, 5).join(', ') },
          },
        ]);
      if (addresses.length > MOST_INVITED)
        refuse([
          {
            field: 'addresses',
            key: 'consultation:panel.errors.addressesTooMany',
            values: { most: MOST_INVITED },
          },
        ]);
      return db.transaction(async (tx) => {
        const known = new Set(
          (
            await tx
              .select({ email: sql<string>`lower(${panelMembers.email})` })
              .from(panelMembers)
              .where(inArray(sql`lower(${panelMembers.email})`, addresses))
          ).map((r) => r.email),
        );
        const fresh = addresses.filter((a) => !known.has(a));
        const made = fresh.map((email) => ({ email, id: randomUUID(), token: newToken() }));
        if (made.length) {
          await tx.insert(panelMembers).values(
            made.map((m) => ({
              id: m.id,
              email: m.email,
              joinedBy: 'invitation' as const,
              invitedBy: user.userId,
              confirmTokenHash: hashToken(m.token),
              leaveTokenHash: links.leaveTokenHash(m.id),
              createdAt: now(),
            })),
          );
          await mail.queueMany(
            tx,
            made.map((m) => ({
              to: m.email,
              subject: t('consultation:panel.mail.inviteSubject'),
              text: `${t('consultation:panel.mail.inviteText', { url: links.confirmUrl(m.token) })}\n\n${links.leaveFooter(t, m.id)}`,
            })),
          );
        }
        await recordAudit(tx, actorOf(user, requestId), {
          action: 'consultation-panel.invited',
          recordType: 'consultation-panel',
          recordId: 'panel',
          after: { invited: made.length, alreadyKnown: known.size },
        });
        return { invited: made.length, alreadyKnown: known.size };
      });
    },

    /** The confirmation link's page: whether the person must still give their details. */
    async confirmation(token: string) {
      const member = await byConfirmToken(db, token);
      return { needsDetails: member.fullName === null };
    },

    /** CON-06: the person follows the link and becomes a member (an invitee gives details). */
    async confirm(token: string, input: Input, requestId?: string): Promise<{ leaveUrl: string }> {
      const found = await byConfirmToken(db, token);
      const given = found.fullName === null ? await details(input) : null;
      if (given) refuse(given.refusals);
      return db.transaction(async (tx) => {
        const member = await byConfirmToken(tx, token);
        await tx
          .update(panelMembers)
          .set({
            confirmedAt: now(),
            joinedOn: todayInLondon(now()),
            confirmTokenHash: null,
            ...(given ? { fullName: given.fullName, boroughId: given.boroughId } : {}),
          })
          .where(eq(panelMembers.id, member.id));
        if (given) await saveMonitoring(tx, member.id, given.monitoring);
        await mail.queue(tx, {
          to: member.email!,
          subject: t('consultation:panel.mail.welcomeSubject'),
          text: `${t('consultation:panel.mail.welcomeText')}\n\n${links.leaveFooter(t, member.id)}`,
        });
        await recordAudit(
          tx,
          { ...PUBLIC_ACTOR, requestId },
          {
            action: 'consultation-panel-member.confirmed',
            recordType: 'panel-member',
            recordId: member.id,
            after: { joinedBy: member.joinedBy },
          },
        );
        return { leaveUrl: links.leaveUrl(member.id) };
      });
    },

    /** The leave (or stay) link's page: whether they have already left. */
    async standing(token: string) {
      const member = await byLeaveToken(db, token);
      return { left: member.leftAt !== null, member: member.confirmedAt !== null };
    },

    /**
     * CON-06, DP-03: a member leaves by their link. They are never e-mailed again, and their
     * personal data (name, address, borough, monitoring answers) is removed at once; the row
     * stays, anonymised, so that the waves' response rates still count them.
     */
    async leave(token: string, requestId?: string) {
      await db.transaction(async (tx) => {
        const member = await byLeaveToken(tx, token);
        if (member.leftAt) return;
        await tx
          .update(panelMembers)
          .set({
            leftAt: now(),
            anonymisedAt: now(),
            fullName: null,
            email: null,
            boroughId: null,
            confirmTokenHash: null,
          })
          .where(eq(panelMembers.id, member.id));
        await tx.delete(panelMemberMonitoring).where(eq(panelMemberMonitoring.memberId, member.id));
        // Their links to respond stop working: a member who left is asked nothing more. A hash
        // no token has (its id) keeps the invitation counted in its wave's response rate.
        const theirs = tx
          .select({ id: invitations.id })
          .from(invitations)
          .where(eq(invitations.panelMemberId, member.id));
        await tx
          .update(responses)
          .set({ resumeTokenHash: null })
          .where(and(inArray(responses.invitationId, theirs), isNull(responses.submittedAt)));
        // DP-03: their personal data goes at once from their answers too (the address a
        // "finish later" link was sent to, their About you), not at the retention sweep; the
        // answers themselves stay, counted, as anyone's do.
        const theirResponses = tx
          .select({ id: responses.id })
          .from(responses)
          .where(inArray(responses.invitationId, theirs));
        await tx
          .update(responses)
          .set({ contactEmail: null })
          .where(inArray(responses.id, theirResponses));
        await tx
          .delete(responseMonitoring)
          .where(inArray(responseMonitoring.responseId, theirResponses));
        await tx
          .update(invitations)
          .set({ tokenHash: sql`'left:' || ${invitations.id}::text` })
          .where(eq(invitations.panelMemberId, member.id));
        await recordAudit(
          tx,
          { ...PUBLIC_ACTOR, requestId },
          {
            action: 'consultation-panel-member.left',
            recordType: 'panel-member',
            recordId: member.id,
            after: { anonymised: true },
          },
        );
      });
    },

    /** CON-06: a quiet member, asked whether to stay, says yes: counted afresh from today. */
    async stay(token: string, requestId?: string) {
      await db.transaction(async (tx) => {
        const member = await byLeaveToken(tx, token);
        if (member.leftAt || !member.confirmedAt) throw new NotFoundError();
        await tx
          .update(panelMembers)
          .set({ stayedAt: now(), askedToStayAt: null })
          .where(eq(panelMembers.id, member.id));
        await recordAudit(
          tx,
          { ...PUBLIC_ACTOR, requestId },
          {
            action: 'consultation-panel-member.stayed',
            recordType: 'panel-member',
            recordId: member.id,
          },
        );
      });
    },

    /** The panel in figures: members now, ever joined, awaiting confirmation, left, quiet. */
    async counts(principal: Principal) {
      requireUser(principal, 'consultation.manage');
      const n = (where: SQL) => sql<number>`count(*) filter (where ${where})::int`;
      const [row] = await db
        .select({
          members: n(current!),
          joined: n(isNotNull(panelMembers.confirmedAt)),
          awaiting: n(and(isNull(panelMembers.confirmedAt), isNull(panelMembers.leftAt))!),
          left: n(and(isNotNull(panelMembers.leftAt), isNotNull(panelMembers.confirmedAt))!),
          quiet: n(and(current, isNotNull(panelMembers.askedToStayAt))!),
        })
        .from(panelMembers);
      return row!;
    },

    /** The members (not those who left), searched by the start of a name or address. */
    async list(
      principal: Principal,
      query: { q?: string | undefined; limit: number; offset: number },
    ) {
      requireUser(principal, 'consultation.manage');
      const q = (query.q ?? '').trim().toLowerCase().slice(0, 100);
      const prefix = `${q.replace(/[\\%_]/g, (c) => `\\${c}`)}%`;
      const where = and(
        isNull(panelMembers.leftAt),
        q
          ? or(
              like(sql`lower(${panelMembers.fullName})`, prefix),
              like(sql`lower(${panelMembers.email})`, prefix),
            )
          : undefined,
      );
      const [rows, [total]] = await Promise.all([
        db
          .select()
          .from(panelMembers)
          .where(where)
          .orderBy(desc(panelMembers.createdAt), desc(panelMembers.id))
          .limit(query.limit)
          .offset(query.offset),
        db.select({ n: count() }).from(panelMembers).where(where),
      ]);
      const names = await lookups.organisations(
        db,
        rows.map((r) => r.boroughId).filter((id): id is string => id !== null),
      );
      return {
        q,
        total: Number(total?.n ?? 0),
        items: rows.map((r) => ({
          id: r.id,
          fullName: r.fullName,
          email: r.email,
          borough: r.boroughId ? (names.get(r.boroughId)?.name ?? null) : null,
          joinedBy: r.joinedBy,
          joinedOn: r.joinedOn,
          status: !r.confirmedAt ? 'awaiting' : r.askedToStayAt ? 'quiet' : 'member',
        })),
      };
    },

    /** DP-01: the members' counts by borough and by each monitoring answer (counts only). */
    async memberCounts(executor: Executor = db) {
      const byBorough = await executor
        .select({ value: panelMembers.boroughId, n: count() })
        .from(panelMembers)
        .where(current)
        .groupBy(panelMembers.boroughId);
      const monitoring = await Promise.all(
        DIMENSIONS.map((d) =>
          executor
            .select({ value: panelMemberMonitoring[d], n: count() })
            .from(panelMemberMonitoring)
            .innerJoin(panelMembers, eq(panelMembers.id, panelMemberMonitoring.memberId))
            .where(and(current, isNotNull(panelMemberMonitoring[d])))
            .groupBy(panelMemberMonitoring[d]),
        ),
      );
      const asRecord = (rows: { value: string | null; n: number }[]) =>
        Object.fromEntries(rows.filter((r) => r.value).map((r) => [r.value!, Number(r.n)]));
      return {
        borough: asRecord(byBorough),
        ...(Object.fromEntries(DIMENSIONS.map((d, i) => [d, asRecord(monitoring[i]!)])) as Record<
          MonitoringDimension,
          Record<string, number>
        >),
      };
    },
  };
}
