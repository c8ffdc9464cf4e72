import type { Said } from '../i18n/said.js';

/**
 * The GOV.UK pagination component's items for a list page, keeping the other query values, and
 * its summary ("Showing 41 to 50 of 200") as a catalogue key that the page words with `say`.
 */
export function paginationFor(
  basePath: string,
  query: Record<string, string | undefined>,
  page: number,
  limit: number,
  total: number,
  options: {
    /** The query parameter that carries the page: a page with two lists names each its own. */
    pageParam?: string;
    /** The count stopped at `total` and there are more: the summary says "more than". */
    more?: boolean;
  } = {},
) {
  const pageParam = options.pageParam ?? 'page';
  const pages = Math.max(1, Math.ceil(total / limit));
  const href = (n: number) => {
    const params = new URLSearchParams();
    for (const [k, v] of Object.entries(query)) if (v) params.set(k, v);
    if (n > 1) params.set(pageParam, String(n));
    const qs = params.toString();
    return qs ? `${basePath}?${qs}` : basePath;
  };
  if (pages <= 1) return null;
  const shown = [...new Set([1, page - 1, page, page + 1, pages])]
    .filter((n) => n >= 1 && n <= pages)
    .sort((a, b) => a - b);
  const items: ({ number: number; href: string; current: boolean } | { ellipsis: true })[] = [];
  shown.forEach((n, i) => {
    if (i > 0 && n - shown[i - 1]! > 1) items.push({ ellipsis: true });
    items.push({ number: n, href: href(n), current: n === page });
  });
  return {
    items,
    previous: page > 1 ? { href: href(page - 1) } : undefined,
    next: page < pages ? { href: href(page + 1) } : undefined,
    summary: {
      key: options.more ? 'pagination.summaryMore' : 'pagination.summary',
      values: {
        from: Math.min(total, (page - 1) * limit + 1),
        to: Math.min(total, page * limit),
        total,
      },
    } satisfies Said,
  };
}

/** A query-string value as a trimmed string, or undefined. */
export function queryString(query: unknown, name: string): string | undefined {
  const value = (query as Record<string, unknown> | undefined)?.[name];
  return typeof value === 'string' && value.trim() ? value.trim() : undefined;
}
