/**
 * Turns what a person typed into a PostgreSQL tsquery that matches every word as a prefix
 * ("jo smi" finds "Joanna Smith"). Returns null when nothing searchable is left.
 */
export function prefixTsQuery(input: string): string | null {
  const words = input
    .toLowerCase()
    .split(/[^\p{L}\p{N}]+/u)
    .filter(Boolean)
    .slice(0, 8);
  return words.length ? words.map((w) => `${w}:*`).join(' & ') : null;
}

/** Page size and offset from the query string; bad numbers fall back to the first page. */
export interface PageRequest {
  page: number;
  limit: number;
  offset: number;
}

export function pageRequest(pageParam: unknown, limit = 25): PageRequest {
  const n = typeof pageParam === 'string' && /^\d{1,6}$/.test(pageParam) ? Number(pageParam) : 1;
  const page = Math.max(1, n);
  return { page, limit, offset: (page - 1) * limit };
}
