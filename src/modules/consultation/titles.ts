/**
 * Consultations named by id, as another module shows a record tied to them (CON-04: a grant
 * tied to the consultations it supported): each one's title and its staff page, in one query.
 */
import { inArray } from 'drizzle-orm';
import type { Executor } from '../../platform/db/database.js';
import { isUuid } from '../../platform/http/params.js';
import { consultationPaths } from './paths.js';
import { consultations } from './schema.js';

/** The consultations named (an id naming none is left out), each with its title and its page. */
export async function consultationTitles(
  executor: Executor,
  ids: readonly string[],
): Promise<Map<string, { title: string; href: string }>> {
  const wanted = [...new Set(ids)].filter(isUuid);
  if (!wanted.length) return new Map();
  const rows = await executor
    .select({ id: consultations.id, title: consultations.title })
    .from(consultations)
    .where(inArray(consultations.id, wanted));
  return new Map(
    rows.map((r) => [r.id, { title: r.title, href: consultationPaths.consultation(r.id) }]),
  );
}
