/**
 * CON-01: the strategy board and its members. Authority officers add members from the directory
 * (authority or police, chair or member, from a day) and end a membership; staff who read
 * consultation read the board. Each action is one transaction with one audit event.
 */
import { and, asc, desc, eq, isNotNull, isNull, or, gte, sql } from 'drizzle-orm';
import { recordAudit } from '../../../platform/audit/service.js';
import { can, requireUser } from '../../../platform/auth/permissions.js';
import { actorOf, type Principal } from '../../../platform/auth/principal.js';
import { todayInLondon } from '../../../platform/calendar/index.js';
import type { Db, Executor } from '../../../platform/db/database.js';
import { ConflictError, NotFoundError, ValidationError } from '../../../platform/errors.js';
import type { FieldError } from '../../../platform/errors.js';
import { dateField, dateParts, text } from '../../../platform/http/form-fields.js';
import { isUuid } from '../../../platform/http/params.js';
import type { Translate } from '../../../platform/i18n/messages.js';
import { fieldErrors, type SaidRefusal } from '../../../platform/i18n/said.js';
import type { DirectoryApi } from '../../directory/index.js';
import type { MeetingsReads, PublicMeetingsReads } from '../../meetings/index.js';
import { BOARD_BODY_TYPE, endMembershipRefusal, validateMembership } from '../board-rules.js';
import { boardById, ensureBoard, membersOn, type BoardDefaults } from './read.js';
import { consultationBoardMembers } from './schema.js';

export type BoardService = ReturnType<typeof createBoardService>;
type Input = Record<string, string | string[] | undefined>;
const one = (value: Input[string]) => (typeof value === 'string' ? value : undefined);
const fields = (input: Input) =>
  Object.fromEntries(Object.entries(input).map(([k, v]) => [k, one(v)]));

/** How many former members the board's page lists (the latest to leave first). */
const FORMER_SHOWN = 20;

export function createBoardService(deps: {
  db: Db;
  directory: DirectoryApi;
  meetings: Pick<MeetingsReads, 'upcomingMeeting'>;
  publicMeetings: PublicMeetingsReads;
  now: () => Date;
  t: Translate;
}) {
  const { db, now, t } = deps;
  const lookups = deps.directory.directory.lookups;
  const today = () => todayInLondon(now());
  const defaults = (): BoardDefaults => ({
    name: t('consultation:board.defaultName'),
    remit: t('consultation:board.defaultRemit'),
  });

  function refuse(refusals: readonly SaidRefusal[], errors: FieldError[] = []): void {
    const all = [...errors, ...fieldErrors(t, refusals)];
    if (all.length) throw new ValidationError(all);
  }

  /** The members' names and organisations, in one query. */
  async function named(executor: Executor, rows: (typeof consultationBoardMembers.$inferSelect)[]) {
    const people = await lookups.people(
      executor,
      rows.map((r) => r.personId),
    );
    return rows.map((r) => ({
      ...r,
      name: people.get(r.personId)?.fullName ?? '',
      organisation: people.get(r.personId)?.organisationName ?? null,
    }));
  }

  return {
    /** The board (made on first need), for the module's other services. */
    board: (executor: Executor = db) => ensureBoard(executor, defaults()),

    /**
     * CON-01: the board's page: its remit, the members serving today, those joining on a day to
     * come, those who have left (the latest first), and its next meeting.
     */
    async page(principal: Principal) {
      const user = requireUser(principal, 'consultation.view');
      const board = await ensureBoard(db, defaults());
      const day = today();
      const [current, joining, former, nextMeeting] = await Promise.all([
        membersOn(db, board.id, day),
        // Added from a day to come: listed, so a membership recorded ahead is not lost to sight.
        db
          .select()
          .from(consultationBoardMembers)
          .where(
            and(
              eq(consultationBoardMembers.boardId, board.id),
              sql`${consultationBoardMembers.fromOn} > ${day}`,
            ),
          )
          .orderBy(asc(consultationBoardMembers.fromOn))
          .limit(FORMER_SHOWN),
        db
          .select()
          .from(consultationBoardMembers)
          .where(
            and(
              eq(consultationBoardMembers.boardId, board.id),
              isNotNull(consultationBoardMembers.toOn),
              sql`${consultationBoardMembers.toOn} < ${day}`,
            ),
          )
          .orderBy(desc(consultationBoardMembers.toOn))
          .limit(FORMER_SHOWN),
        deps.meetings.upcomingMeeting(BOARD_BODY_TYPE, board.id),
      ]);
      const [currentNamed, joiningNamed, formerNamed] = await Promise.all([
        named(db, current),
        named(db, joining),
        named(db, former),
      ]);
      return {
        board,
        current: currentNamed,
        joining: joiningNamed,
        former: formerNamed,
        nextMeeting,
        mayManage: can(user, 'consultation.manage'),
      };
    },

    /** The board as the public reads it (its remit) with its published meetings; none if unknown. */
    async publicBoard(id: string) {
      const board = isUuid(id) ? await boardById(db, id) : undefined;
      if (!board) return null;
      const meetings = await deps.publicMeetings.list(BOARD_BODY_TYPE, board.id);
      return { board: { id: board.id, name: board.name, remit: board.remit }, meetings };
    },

    /** What the add form starts with: from today. */
    addFormValues: () => dateParts('fromOn', today()),

    /**
     * CON-01: a member added: the person (by their directory e-mail address), their side, chair
     * or member, and the day they join.
     */
    async addMember(principal: Principal, input: Input, requestId?: string) {
      return db.transaction(async (tx) => {
        const user = requireUser(principal, 'consultation.manage');
        const board = await ensureBoard(tx, defaults());
        const errors: FieldError[] = [];
        const email = text(one(input.email));
        if (!email)
          errors.push({ field: 'email', message: t('consultation:board.errors.emailMissing') });
        const match = email ? (await lookups.resolveReferences(tx, [email])).get(email) : undefined;
        if (email && !match?.personId)
          errors.push({ field: 'email', message: t('consultation:board.errors.personUnknown') });
        const fromOn = dateField(
          t,
          fields(input),
          'fromOn',
          t('consultation:board.fromOnName'),
          errors,
        );
        const personId = match?.personId ?? null;
        const serving = or(
          isNull(consultationBoardMembers.toOn),
          gte(consultationBoardMembers.toOn, fromOn ?? today()),
        );
        const [personMemberships, chairs] = await Promise.all([
          personId
            ? tx
                .select()
                .from(consultationBoardMembers)
                .where(
                  and(
                    eq(consultationBoardMembers.boardId, board.id),
                    eq(consultationBoardMembers.personId, personId),
                    serving,
                  ),
                )
            : Promise.resolve([]),
          tx
            .select()
            .from(consultationBoardMembers)
            .where(
              and(
                eq(consultationBoardMembers.boardId, board.id),
                eq(consultationBoardMembers.role, 'chair'),
                serving,
              ),
            ),
        ]);
        const refusals = validateMembership(
          { side: one(input.side), role: one(input.role) },
          fromOn,
          { personFound: !!personId, personMemberships, chairs },
        );
        refuse(refusals, errors);
        const [member] = await tx
          .insert(consultationBoardMembers)
          .values({
            boardId: board.id,
            personId: personId!,
            side: one(input.side) as 'authority' | 'police',
            role: one(input.role) as 'chair' | 'member',
            fromOn: fromOn!,
          })
          .returning();
        await recordAudit(tx, actorOf(user, requestId), {
          action: 'consultation-board.member-added',
          recordType: 'consultation-board-member',
          recordId: member!.id,
          after: member,
        });
        const [withName] = await named(tx, [member!]);
        return withName!;
      });
    },

    /** The membership to end, with the member's name. */
    async membership(principal: Principal, id: string) {
      requireUser(principal, 'consultation.manage');
      const [row] = isUuid(id)
        ? await db
            .select()
            .from(consultationBoardMembers)
            .where(eq(consultationBoardMembers.id, id))
        : [];
      if (!row) throw new NotFoundError();
      return (await named(db, [row]))[0]!;
    },

    /** What the end form starts with: today. */
    endFormValues: () => dateParts('toOn', today()),

    /** CON-01: a membership ended on a day (their last), not before it began. */
    async endMember(principal: Principal, id: string, input: Input, requestId?: string) {
      return db.transaction(async (tx) => {
        const user = requireUser(principal, 'consultation.manage');
        const [before] = isUuid(id)
          ? await tx
              .select()
              .from(consultationBoardMembers)
              .where(eq(consultationBoardMembers.id, id))
              .for('update')
          : [];
        if (!before) throw new NotFoundError();
        if (one(input.version) !== undefined && Number(one(input.version)) !== before.version)
          throw new ConflictError(t('consultation:board.errors.staleEdit'), 'version');
        const errors: FieldError[] = [];
        const toOn = dateField(t, fields(input), 'toOn', t('consultation:board.toOnName'), errors);
        refuse([], errors);
        const refusal = endMembershipRefusal(before, toOn!);
        refuse(refusal ? [refusal] : []);
        const [after] = await tx
          .update(consultationBoardMembers)
          .set({
            toOn: toOn!,
            updatedAt: now(),
            version: sql`${consultationBoardMembers.version} + 1`,
          })
          .where(eq(consultationBoardMembers.id, id))
          .returning();
        await recordAudit(tx, actorOf(user, requestId), {
          action: 'consultation-board.member-ended',
          recordType: 'consultation-board-member',
          recordId: id,
          before: { toOn: before.toOn },
          after: { toOn: after!.toOn },
        });
        return (await named(tx, [after!]))[0]!;
      });
    },
  };
}
