/**
 * CON-04, LEG-06: a grant tied to the engagement it served (issue 26): a meeting, a tracker
 * recommendation or a consultation already in Bridge, named by the address an officer copies
 * from the browser. Pure rules: no I/O.
 */
import type { SaidRefusal } from '../../../platform/i18n/said.js';
import type { LinkKind } from '../constants.js';

/** The longest note kept of what the grant did for the record. */
export const MAX_NOTE = 1000;

export interface LinkTarget {
  kind: LinkKind;
  id: string;
}

const UUID = '([0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12})';
/** A record's page, or any page under it (its minutes, its edit form). */
const under = (prefix: string) => new RegExp(`^${prefix}/${UUID}(?:/.*)?$`, 'i');

/**
 * The records' pages, as their modules route them: a meeting's own page and its record under
 * a body's pages (/groups/:id/meetings/:meetingId, /engagement-groups/:id/meetings/:meetingId);
 * a recommendation's page in the tracker; a consultation's staff and public pages.
 */
const PATTERNS: readonly (readonly [RegExp, LinkKind])[] = [
  [under('/meetings'), 'meeting'],
  [under('/[a-z][a-z0-9-]*/[^/]+/meetings'), 'meeting'],
  [under('/tracker/recommendations'), 'recommendation'],
  [under('/consultation/consultations'), 'consultation'],
  [under('/consultations'), 'consultation'],
];

/** The path of an address: a path as pasted, or a full web address's path (any host). */
function pathOf(address: string): string | null {
  if (address.startsWith('/')) return address.replace(/[?#].*$/, '');
  if (!/^https?:\/\//i.test(address)) return null;
  try {
    return new URL(address).pathname;
  } catch {
    return null;
  }
}

/** CON-04: the record an address in Bridge names, or why it names none. */
export function readAddress(raw: string): { target: LinkTarget } | { refusal: SaidRefusal } {
  const address = raw.trim();
  if (!address) return { refusal: { field: 'address', key: 'grants:links.errors.addressMissing' } };
  const path = pathOf(address)?.replace(/\/+$/, '');
  for (const [pattern, kind] of path ? PATTERNS : []) {
    const match = pattern.exec(path!);
    if (match) return { target: { kind, id: match[1]!.toLowerCase() } };
  }
  return { refusal: { field: 'address', key: 'grants:links.errors.addressUnknown' } };
}

type Input = Record<string, string | string[] | undefined>;
const tidy = (value: string | string[] | undefined) =>
  (typeof value === 'string' ? value : '').trim();

/** CON-04: the form's address and note read, or each field's refusal. */
export function validateLink(input: Input): {
  refusals: SaidRefusal[];
  value: { target: LinkTarget | null; note: string | null };
} {
  const refusals: SaidRefusal[] = [];
  const read = readAddress(tidy(input.address));
  if ('refusal' in read) refusals.push(read.refusal);
  const note = tidy(input.note);
  if (note.length > MAX_NOTE)
    refusals.push({
      field: 'note',
      key: 'grants:links.errors.noteTooLong',
      values: { max: MAX_NOTE },
    });
  return {
    refusals,
    value: { target: 'target' in read ? read.target : null, note: note || null },
  };
}
