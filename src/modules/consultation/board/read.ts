/**
 * Reads of the board shared by its services and its meeting body: the one board (made on first
 * need) and its memberships.
 */
import { and, asc, eq, gte, isNull, lte, or } from 'drizzle-orm';
import type { IsoDate } from '../../../platform/calendar/index.js';
import type { Executor } from '../../../platform/db/database.js';
import { consultationBoardMembers, consultationBoards } from './schema.js';

export type BoardRow = typeof consultationBoards.$inferSelect;
export type MembershipRow = typeof consultationBoardMembers.$inferSelect;

/** The board's name and remit when it is first made (seed 002, para 7). */
export interface BoardDefaults {
  name: string;
  remit: string;
}

/** The area's one board, if it has been made. */
export async function existingBoard(executor: Executor): Promise<BoardRow | undefined> {
  const [found] = await executor.select().from(consultationBoards).limit(1);
  return found;
}

/** The area's one board, made with its default name and remit the first time it is needed. */
export async function ensureBoard(executor: Executor, defaults: BoardDefaults): Promise<BoardRow> {
  const found = await existingBoard(executor);
  if (found) return found;
  await executor
    .insert(consultationBoards)
    .values({ name: defaults.name, remit: defaults.remit })
    .onConflictDoNothing();
  return (await existingBoard(executor))!;
}

export async function boardById(executor: Executor, id: string): Promise<BoardRow | undefined> {
  const [board] = await executor
    .select()
    .from(consultationBoards)
    .where(eq(consultationBoards.id, id));
  return board;
}

/** The members serving on a day, chair first, then by side and when they joined. */
export function membersOn(executor: Executor, boardId: string, day: IsoDate) {
  return executor
    .select()
    .from(consultationBoardMembers)
    .where(
      and(
        eq(consultationBoardMembers.boardId, boardId),
        lte(consultationBoardMembers.fromOn, day),
        or(isNull(consultationBoardMembers.toOn), gte(consultationBoardMembers.toOn, day)),
      ),
    )
    .orderBy(
      asc(consultationBoardMembers.role),
      asc(consultationBoardMembers.side),
      asc(consultationBoardMembers.fromOn),
    );
}

/** A person's memberships serving on a day (one at most, the rules keep it so). */
export async function personServing(
  executor: Executor,
  boardId: string,
  personId: string,
  day: IsoDate,
): Promise<MembershipRow | undefined> {
  const [row] = await executor
    .select()
    .from(consultationBoardMembers)
    .where(
      and(
        eq(consultationBoardMembers.boardId, boardId),
        eq(consultationBoardMembers.personId, personId),
        lte(consultationBoardMembers.fromOn, day),
        or(isNull(consultationBoardMembers.toOn), gte(consultationBoardMembers.toOn, day)),
      ),
    )
    .limit(1);
  return row;
}
