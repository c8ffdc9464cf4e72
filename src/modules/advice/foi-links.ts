/**
 * What the Freedom of Information module may know of requests for advice (issue 28 part 2): a
 * request named by its reference, with its subject, page, and how many documents or rationales
 * were disclosed to advisors under the disclosure protocol (IAG-35), so that a request for them
 * is flagged and the protocol's terms considered.
 */
import { count, eq, inArray } from 'drizzle-orm';
import type { Executor } from '../../platform/db/database.js';
import { advicePaths } from './paths.js';
import { adviceRequests, disclosures } from './schema.js';

export interface AdviceRequestLink {
  id: string;
  reference: number;
  subject: string;
  href: string;
  /** IAG-35: documents and rationales disclosed to advisors. */
  disclosed: number;
}

export const adviceFoiLinks = {
  /** The request with this reference, or null. */
  async byReference(executor: Executor, reference: number): Promise<AdviceRequestLink | null> {
    // References are PostgreSQL integers: a larger number is no request, not a failed query.
    if (!Number.isSafeInteger(reference) || reference < 1 || reference > 2 ** 31 - 1) return null;
    const [row] = await executor
      .select({ id: adviceRequests.id })
      .from(adviceRequests)
      .where(eq(adviceRequests.reference, reference));
    return row ? ((await adviceFoiLinks.byIds(executor, [row.id]))[0] ?? null) : null;
  },
  /** The requests by id, each with its disclosures counted: two queries, ids not found left out. */
  async byIds(executor: Executor, ids: readonly string[]): Promise<AdviceRequestLink[]> {
    if (!ids.length) return [];
    const [rows, counted] = await Promise.all([
      executor
        .select({
          id: adviceRequests.id,
          reference: adviceRequests.reference,
          subject: adviceRequests.subject,
        })
        .from(adviceRequests)
        .where(inArray(adviceRequests.id, [...ids])),
      executor
        .select({ requestId: disclosures.requestId, n: count() })
        .from(disclosures)
        .where(inArray(disclosures.requestId, [...ids]))
        .groupBy(disclosures.requestId),
    ]);
    const disclosed = new Map(counted.map((c) => [c.requestId, Number(c.n)]));
    return rows.map((r) => ({
      ...r,
      href: advicePaths.request(r.id),
      disclosed: disclosed.get(r.id) ?? 0,
    }));
  },
};
