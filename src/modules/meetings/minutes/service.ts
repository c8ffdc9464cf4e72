/**
 * Minutes and actions: minutes drafted against the agenda, with whether the police used each
 * piece of advice and why (IAG-27); approved at a later meeting, which minutes the approval;
 * never edited once approved, only corrected by an approved correction. Actions arising, with
 * the outstanding ones carried to the next agenda.
 */
import { and, asc, eq, inArray, lt, ne, sql } from 'drizzle-orm';
import { recordAudit } from '../../../platform/audit/service.js';
import { actorOf, type Principal } from '../../../platform/auth/principal.js';
import { toLondonDate, todayInLondon } from '../../../platform/calendar/index.js';
import type { Db, Executor } from '../../../platform/db/database.js';
import type { Translate } from '../../../platform/i18n/messages.js';
import { nextNumber } from '../../../platform/db/next-number.js';
import {
  ConflictError,
  NotFoundError,
  ValidationError,
  type FieldError,
} from '../../../platform/errors.js';
import { text, tooLong } from '../../../platform/http/form-fields.js';
import { isUuid } from '../../../platform/http/params.js';
import {
  actionOverdue,
  checkAdviceRationale,
  checkMinutesApproval,
  checkMinutesDrafting,
  mayArrangeAgenda,
  mayEditMinutes,
  minutesDraftDueOn,
  minutesDueCountedPastData,
} from '../rules.js';
import { agendaItems, meetingActions, meetings, minuteItems, minutes } from '../schema.js';
import type { Meeting, MeetingsAccess } from '../access.js';
import type { BodyRelation } from '../bodies.js';
import {
  mainMinutes,
  minutesWithContent,
  requireDraft,
  requireUser,
  type Input,
  type Minutes,
} from './records.js';
import { formatDate } from '../../../platform/i18n/dates.js';

export type MinutesService = ReturnType<typeof createMinutesService>;
type MeetingAction = typeof meetingActions.$inferSelect;

/** What the meeting page shows of a meeting's minutes and actions, whoever reads it. */
export interface MinutesRecord {
  minutesStatus: Minutes['status'] | null;
  /** Drafts of earlier meetings of the body, which this meeting may approve. */
  awaiting: { minutes: Minutes; meeting: Meeting }[];
  raised: MeetingAction[];
  carried: (MeetingAction & { raisedAt: Date })[];
}

export function createMinutesService(deps: {
  db: Db;
  meetings: MeetingsAccess;
  t: Translate;
  now?: () => Date;
}) {
  const { db, meetings: meetingsService, t } = deps;
  // Recorded in the default language, as every minute is: its heading is also how it is found.
  const OTHER_BUSINESS = t('meetings:minutes.draft.otherBusiness');
  const now = () => (deps.now ? deps.now() : new Date());

  const heldOn = (meeting: Meeting) => formatDate(t, toLondonDate(meeting.startsAt));

  async function appendItem(
    tx: Executor,
    minutesId: string,
    item: { heading: string; body: string; agendaItemId?: string | null; confidential?: boolean },
  ) {
    await tx.insert(minuteItems).values({
      minutesId,
      position: await nextNumber(
        tx,
        minuteItems,
        minuteItems.position,
        eq(minuteItems.minutesId, minutesId),
      ),
      heading: item.heading,
      body: item.body,
      agendaItemId: item.agendaItemId ?? null,
      confidential: item.confidential ?? false,
    });
  }

  /** The minutes a meeting may approve: drafts of earlier meetings of the same body. */
  async function awaitingApproval(executor: Executor, meeting: Meeting) {
    const rows = await executor
      .select({ minutes, meeting: meetings })
      .from(minutes)
      .innerJoin(meetings, eq(meetings.id, minutes.meetingId))
      .where(
        and(
          eq(meetings.bodyType, meeting.bodyType),
          eq(meetings.bodyId, meeting.bodyId),
          eq(minutes.status, 'draft'),
          lt(meetings.startsAt, meeting.startsAt),
        ),
      )
      .orderBy(asc(meetings.startsAt));
    return rows;
  }

  /** Actions raised at this meeting, and those still outstanding from earlier ones. */
  async function actionsFor(executor: Executor, meeting: Meeting) {
    const [raised, outstanding] = await Promise.all([
      executor
        .select()
        .from(meetingActions)
        .where(eq(meetingActions.meetingId, meeting.id))
        .orderBy(asc(meetingActions.createdAt)),
      executor
        .select({ action: meetingActions, raisedAt: meetings.startsAt })
        .from(meetingActions)
        .innerJoin(meetings, eq(meetings.id, meetingActions.meetingId))
        .where(
          and(
            eq(meetingActions.bodyType, meeting.bodyType),
            eq(meetingActions.bodyId, meeting.bodyId),
            ne(meetingActions.meetingId, meeting.id),
            lt(meetings.startsAt, meeting.startsAt),
            sql`(${meetingActions.status} = 'open' or ${meetingActions.closedAtMeetingId} = ${meeting.id})`,
          ),
        )
        .orderBy(asc(meetings.startsAt), asc(meetingActions.createdAt)),
    ]);
    return {
      raised,
      carried: outstanding.map((o) => ({ ...o.action, raisedAt: o.raisedAt })),
    };
  }

  return {
    /**
     * A meeting's minutes and corrections. Drafts are seen only by those who run the meeting;
     * approved minutes by everyone who may see the meeting.
     */
    async minutesOf(principal: Principal, meetingId: string) {
      const { meeting, body, relation } = await meetingsService.meetingAccess(
        db,
        principal,
        meetingId,
      );
      const mayDraft = mayArrangeAgenda(relation);
      const all = await db
        .select()
        .from(minutes)
        .where(eq(minutes.meetingId, meetingId))
        .orderBy(asc(minutes.createdAt));
      const visible = all.filter((m) => mayDraft || m.status === 'approved');
      const content = await minutesWithContent(
        db,
        visible.map((m) => m.id),
      );
      const withContent = (m: Minutes) => ({
        ...m,
        items: content.items.filter((i) => i.minutesId === m.id),
        advice: content.advice.filter((a) => a.minutesId === m.id),
      });
      const main = visible.find((m) => m.kind === 'minutes');
      const approvedAt = [
        ...new Set(visible.map((m) => m.approvedAtMeetingId).filter((id): id is string => !!id)),
      ];
      const approvingMeetings = approvedAt.length
        ? await db.select().from(meetings).where(inArray(meetings.id, approvedAt))
        : [];
      return {
        meeting,
        body,
        mayDraft,
        minutes: main ? withContent(main) : null,
        corrections: visible.filter((m) => m.kind === 'correction').map(withContent),
        approvingMeetings: Object.fromEntries(approvingMeetings.map((m) => [m.id, m])),
        draftDueOn:
          meeting.status === 'held' ? minutesDraftDueOn(toLondonDate(meeting.startsAt)) : null,
        draftDueCountedPastData:
          meeting.status === 'held' && minutesDueCountedPastData(toLondonDate(meeting.startsAt)),
      };
    },

    async draftForm(principal: Principal, meetingId: string) {
      const { meeting, body, relation } = await meetingsService.meetingAccess(
        db,
        principal,
        meetingId,
      );
      meetingsService.requireArranger(relation);
      const refusal = checkMinutesDrafting(meeting);
      if (refusal) throw new ConflictError(t(refusal.key));
      const row = await mainMinutes(db, meetingId);
      if (row) requireDraft(row, t);
      const [items, content] = await Promise.all([
        db
          .select()
          .from(agendaItems)
          .where(and(eq(agendaItems.meetingId, meetingId), eq(agendaItems.status, 'accepted')))
          .orderBy(asc(agendaItems.position)),
        minutesWithContent(db, row ? [row.id] : []),
      ]);
      return { meeting, body, agenda: items, minutes: row, ...content };
    },

    /** Drafts (or redrafts) the minutes against the agenda: one minute per accepted item. */
    async saveDraft(principal: Principal, meetingId: string, input: Input, requestId?: string) {
      const user = requireUser(principal);
      return db.transaction(async (tx) => {
        const { meeting, relation } = await meetingsService.meetingAccess(tx, principal, meetingId);
        meetingsService.requireArranger(relation);
        const refusal = checkMinutesDrafting(meeting);
        if (refusal) throw new ConflictError(t(refusal.key));
        const existing = await mainMinutes(tx, meetingId, true);
        if (existing) requireDraft(existing, t);
        const agenda = await tx
          .select()
          .from(agendaItems)
          .where(and(eq(agendaItems.meetingId, meetingId), eq(agendaItems.status, 'accepted')))
          .orderBy(asc(agendaItems.position));
        const errors: FieldError[] = [];
        const entries = [
          ...agenda.map((item) => ({
            field: `minute-${item.id}`,
            heading: item.title,
            agendaItemId: item.id,
            confidential: item.confidential,
          })),
          { field: 'other', heading: OTHER_BUSINESS, agendaItemId: null, confidential: false },
        ].map((entry) => {
          const body = text(input[entry.field]);
          tooLong(
            t,
            errors,
            entry.field,
            t('meetings:minutes.draft.errors.minuteName', { heading: entry.heading }),
            body,
            20000,
          );
          return { ...entry, body };
        });
        const written = entries.filter((e) => e.body);
        if (written.length === 0)
          errors.push({
            field: entries[0]!.field,
            message: t('meetings:minutes.draft.errors.none'),
          });
        if (errors.length) throw new ValidationError(errors);
        const [row] = existing
          ? await tx
              .update(minutes)
              .set({ updatedAt: now(), version: sql`${minutes.version} + 1` })
              .where(eq(minutes.id, existing.id))
              .returning()
          : await tx
              .insert(minutes)
              .values({ meetingId, kind: 'minutes', draftedBy: user.userId })
              .returning();
        // Minutes of approvals recorded at this meeting are kept; the drafted ones are replaced.
        const kept = existing
          ? await tx
              .select()
              .from(minuteItems)
              .where(
                and(
                  eq(minuteItems.minutesId, existing.id),
                  sql`${minuteItems.agendaItemId} is null and ${minuteItems.heading} <> ${OTHER_BUSINESS}`,
                ),
              )
          : [];
        if (existing) await tx.delete(minuteItems).where(eq(minuteItems.minutesId, existing.id));
        await tx.insert(minuteItems).values([
          ...kept.map((k, i) => ({ ...k, position: i + 1 })),
          ...written.map((e, i) => ({
            minutesId: row!.id,
            position: kept.length + i + 1,
            heading: e.heading,
            body: e.body!,
            agendaItemId: e.agendaItemId,
            confidential: e.confidential,
          })),
        ]);
        await recordAudit(tx, actorOf(user, requestId), {
          action: existing ? 'minutes.redrafted' : 'minutes.drafted',
          recordType: 'meeting',
          recordId: meetingId,
          after: { minutesId: row!.id, items: written.map((e) => e.heading) },
        });
        return row!;
      });
    },

    /**
     * What the meeting page shows of minutes and actions: the state of this meeting's minutes,
     * the minutes of earlier meetings it may approve (for those who run it), the actions raised
     * here and those carried from earlier meetings. It takes the meeting as `meetings.meeting`
     * gave it, so the person's access is the one already checked there.
     */
    /**
     * What the meeting page shows of a meeting's minutes and actions whoever reads it, read from
     * the meetings tables only, so it may be kept while they are unchanged (ADR 0009). What the
     * person may see of it is `forMeetingPage`'s to decide.
     */
    async minutesRecord(executor: Executor, meeting: Meeting): Promise<MinutesRecord> {
      const [own, awaiting, actions] = await Promise.all([
        mainMinutes(executor, meeting.id),
        awaitingApproval(executor, meeting),
        actionsFor(executor, meeting),
      ]);
      return { minutesStatus: own?.status ?? null, awaiting, ...actions };
    },

    /**
     * The minutes and actions part of the meeting page: earlier drafts to approve only for those
     * who run the meeting; what is overdue as of today.
     */
    forMeetingPage(record: MinutesRecord, relation: BodyRelation) {
      const today = todayInLondon(now());
      return {
        minutesStatus: record.minutesStatus,
        awaitingApproval: mayArrangeAgenda(relation) ? record.awaiting : [],
        raised: record.raised.map((a) => ({ ...a, overdue: actionOverdue(a, today) })),
        carried: record.carried.map((a) => ({ ...a, overdue: actionOverdue(a, today) })),
      };
    },

    /**
     * Records, at a later meeting that has begun, that it approved the minutes (or a correction)
     * of an earlier meeting; the approval is minuted in this meeting's minutes.
     */
    async approve(
      principal: Principal,
      approvingMeetingId: string,
      minutesId: string,
      requestId?: string,
    ) {
      const user = requireUser(principal);
      if (!isUuid(minutesId)) throw new NotFoundError();
      return db.transaction(async (tx) => {
        const { meeting: approving, relation } = await meetingsService.meetingAccess(
          tx,
          principal,
          approvingMeetingId,
        );
        meetingsService.requireArranger(relation);
        const [target] = await tx
          .select({ minutes, meeting: meetings })
          .from(minutes)
          .innerJoin(meetings, eq(meetings.id, minutes.meetingId))
          .where(eq(minutes.id, minutesId))
          .for('update', { of: minutes });
        if (!target) throw new NotFoundError();
        const content = await minutesWithContent(tx, [minutesId]);
        const refusal =
          checkMinutesApproval({
            status: target.minutes.status,
            hasContent: content.items.length > 0,
            minutedMeetingStartsAt: target.meeting.startsAt,
            approvingMeeting: {
              startsAt: approving.startsAt,
              status: approving.status,
              sameBody:
                approving.bodyType === target.meeting.bodyType &&
                approving.bodyId === target.meeting.bodyId,
            },
            now: now(),
          }) ?? checkAdviceRationale(content.advice);
        if (refusal) throw new ConflictError(t(refusal.key), 'minutes');
        // The approval is minuted at the approving meeting, whose own minutes must still be open.
        const existing = await mainMinutes(tx, approvingMeetingId, true);
        if (existing && !mayEditMinutes(existing.status))
          throw new ConflictError(t('meetings:minutes.approval.alreadyApproved'), 'minutes');
        const own =
          existing ??
          (
            await tx
              .insert(minutes)
              .values({ meetingId: approvingMeetingId, kind: 'minutes', draftedBy: user.userId })
              .returning()
          )[0]!;
        const [after] = await tx
          .update(minutes)
          .set({
            status: 'approved',
            approvedAt: now(),
            approvedAtMeetingId: approvingMeetingId,
            approvedBy: user.userId,
            updatedAt: now(),
            version: sql`${minutes.version} + 1`,
          })
          .where(eq(minutes.id, minutesId))
          .returning();
        // Minuted in the default language, as the rest of the record is.
        const date = heldOn(target.meeting);
        const correction = target.minutes.kind === 'correction';
        await appendItem(tx, own.id, {
          heading: correction
            ? t('meetings:minutes.approval.correctionHeading', { date })
            : t('meetings:minutes.approval.minutesHeading', { date }),
          body: correction
            ? t('meetings:minutes.approval.correctionBody', { date })
            : t('meetings:minutes.approval.minutesBody', { date }),
        });
        await recordAudit(tx, actorOf(user, requestId), {
          action:
            target.minutes.kind === 'correction'
              ? 'minutes.correction-approved'
              : 'minutes.approved',
          recordType: 'meeting',
          recordId: target.meeting.id,
          before: { status: target.minutes.status },
          after: { minutesId, status: after!.status, approvedAtMeetingId: approvingMeetingId },
        });
        return { meeting: target.meeting };
      });
    },

    async correctionForm(principal: Principal, meetingId: string) {
      const { meeting, body, relation } = await meetingsService.meetingAccess(
        db,
        principal,
        meetingId,
      );
      meetingsService.requireArranger(relation);
      const row = await mainMinutes(db, meetingId);
      if (!row || row.status !== 'approved')
        throw new ConflictError(t('meetings:minutes.correction.errors.onlyApproved'));
      return { meeting, body };
    },

    /** A correction to approved minutes, itself to be approved at a later meeting. */
    async draftCorrection(
      principal: Principal,
      meetingId: string,
      input: Input,
      requestId?: string,
    ) {
      const user = requireUser(principal);
      const errors: FieldError[] = [];
      const correction = text(input.correction);
      if (!correction)
        errors.push({
          field: 'correction',
          message: t('meetings:minutes.correction.errors.required'),
        });
      tooLong(
        t,
        errors,
        'correction',
        t('meetings:minutes.correction.errors.name'),
        correction,
        10000,
      );
      return db.transaction(async (tx) => {
        const { relation } = await meetingsService.meetingAccess(tx, principal, meetingId);
        meetingsService.requireArranger(relation);
        const row = await mainMinutes(tx, meetingId, true);
        if (!row || row.status !== 'approved')
          throw new ConflictError(t('meetings:minutes.correction.errors.onlyApproved'));
        if (errors.length) throw new ValidationError(errors);
        const [created] = await tx
          .insert(minutes)
          .values({
            meetingId,
            kind: 'correction',
            correctsMinutesId: row.id,
            draftedBy: user.userId,
          })
          .returning();
        await appendItem(tx, created!.id, { heading: 'Correction', body: correction! });
        await recordAudit(tx, actorOf(user, requestId), {
          action: 'minutes.correction-drafted',
          recordType: 'meeting',
          recordId: meetingId,
          after: { minutesId: created!.id, correction },
        });
        return created!;
      });
    },
  };
}
