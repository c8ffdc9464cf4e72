/**
 * Meetings named by id, as another module shows a record tied to them (CON-04: a grant tied to
 * the meetings it paid for): each one's title and its page, in one query.
 */
import { inArray } from 'drizzle-orm';
import type { Executor } from '../../platform/db/database.js';
import { isUuid } from '../../platform/http/params.js';
import { meetingPaths } from './paths.js';
import { meetings } from './schema.js';

/** The meetings named (an id naming none is left out), each with its title and its page. */
export async function meetingTitles(
  executor: Executor,
  ids: readonly string[],
): Promise<Map<string, { title: string; href: string }>> {
  const wanted = [...new Set(ids)].filter(isUuid);
  if (!wanted.length) return new Map();
  const rows = await executor
    .select({ id: meetings.id, title: meetings.title })
    .from(meetings)
    .where(inArray(meetings.id, wanted));
  return new Map(rows.map((r) => [r.id, { title: r.title, href: meetingPaths.meeting(r.id) }]));
}
