/** The directory's entries as the JSON API shows them, and its bodies as the forms read them. */
import type { Organisation, Person } from '../access.js';

export function organisationJson(o: Organisation) {
  const { archivedAt, createdAt: _c, updatedAt, ...rest } = o;
  return { ...rest, archived: archivedAt !== null, updatedAt: updatedAt.toISOString() };
}

export function personJson(p: Person) {
  const { archivedAt, createdAt: _c, updatedAt, notes: _n, userId: _u, ...rest } = p;
  return { ...rest, archived: archivedAt !== null, updatedAt: updatedAt.toISOString() };
}

/** Blank strings and nulls mean "none", as they do on the forms. */
export function asForm(body: Record<string, unknown>): Record<string, string | undefined> {
  return Object.fromEntries(
    Object.entries(body).map(([k, v]) => [k, typeof v === 'string' ? v : undefined]),
  );
}
