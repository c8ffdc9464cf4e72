/**
 * The good-practice library (issue 26 part 5): CDRP-08, good practice is collected and
 * disseminated; LEG-06, funded activities' good practice is collected and spread; CON-04,
 * engagement groups' good practice shared. An entry says what was done and what worked, under a
 * theme, for a borough or the whole area, where it came from, and whether the public may read it.
 * Pure rules: no I/O.
 */
import type { Said, SaidRefusal } from '../../platform/i18n/said.js';

/** CDRP-08: the themes an entry is filed under. */
export const THEMES = [
  'engagement',
  'consultation',
  'crime-reduction',
  'youth',
  'victims-witnesses',
  'hate-crime',
  'custody-visiting',
  'partnership-working',
  'other',
] as const;
export type Theme = (typeof THEMES)[number];

/**
 * LEG-06, CON-04: where an entry came from: a funded grant, a partnership's work, a training
 * course, or elsewhere. Another module (grants) links to a new entry naming its record.
 */
export const SOURCE_KINDS = ['grant', 'partnership', 'training', 'other'] as const;
export type SourceKind = (typeof SOURCE_KINDS)[number];

export const LIMITS = { title: 200, summary: 5000, lessons: 5000, reference: 200, link: 500 };

type Input = Record<string, string | string[] | undefined>;

const text = (value: string | string[] | undefined) => (typeof value === 'string' ? value : '');
/** A one-line field, trimmed with its runs of spaces made one. */
const line = (value: string | string[] | undefined) => text(value).trim().replace(/\s+/g, ' ');
const UUID = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/i;
/** A link to a page of Bridge ("/grants/…"): never another site, never `javascript:`. */
const LOCAL_PATH = /^\/(?![/\\])[^\s<>"]*$/;

export interface EntryValue {
  title: string;
  summary: string;
  lessons: string | null;
  theme: Theme;
  /** The borough (a directory organisation of kind borough); null for the whole area. */
  boroughId: string | null;
  sourceKind: SourceKind | null;
  sourceId: string | null;
  sourceReference: string | null;
  sourceLink: string | null;
  /** A directory person to ask about it. */
  contactId: string | null;
}

/**
 * CDRP-08: an entry needs a title, a summary of what was done and a theme from the list; what
 * worked is optional; each within its length. A source's reference, link or record needs its
 * kind; a link is a path within Bridge.
 */
export function validateEntry(input: Input): { refusals: SaidRefusal[]; value: EntryValue } {
  const refusals: SaidRefusal[] = [];
  const tooLong = (field: keyof typeof LIMITS, name: string, value: string) => {
    if (value.length > LIMITS[field])
      refusals.push({
        field: name,
        key: 'good-practice:errors.tooLong',
        values: { max: LIMITS[field] },
      });
  };
  const title = line(input.title);
  if (!title) refusals.push({ field: 'title', key: 'good-practice:errors.titleMissing' });
  tooLong('title', 'title', title);
  const summary = text(input.summary).trim();
  if (!summary) refusals.push({ field: 'summary', key: 'good-practice:errors.summaryMissing' });
  tooLong('summary', 'summary', summary);
  const lessons = text(input.lessons).trim();
  tooLong('lessons', 'lessons', lessons);
  const theme = THEMES.find((th) => th === input.theme);
  if (!theme) refusals.push({ field: 'theme', key: 'good-practice:errors.themeMissing' });
  const borough = line(input.boroughId);
  if (borough && !UUID.test(borough))
    refusals.push({ field: 'boroughId', key: 'good-practice:errors.boroughIdMissing' });

  const kindText = line(input.sourceKind);
  const sourceKind = SOURCE_KINDS.find((k) => k === kindText) ?? null;
  if (kindText && !sourceKind)
    refusals.push({ field: 'sourceKind', key: 'good-practice:errors.sourceKindMissing' });
  const sourceId = line(input.sourceId);
  const sourceReference = line(input.sourceReference);
  tooLong('reference', 'sourceReference', sourceReference);
  const sourceLink = line(input.sourceLink);
  tooLong('link', 'sourceLink', sourceLink);
  if (sourceLink && !LOCAL_PATH.test(sourceLink))
    refusals.push({ field: 'sourceLink', key: 'good-practice:errors.sourceLinkLocal' });
  if (!kindText && (sourceId || sourceReference || sourceLink))
    refusals.push({ field: 'sourceKind', key: 'good-practice:errors.sourceKindMissing' });
  const contact = line(input.contactId);
  if (contact && !UUID.test(contact))
    refusals.push({ field: 'contactId', key: 'good-practice:errors.contactIdMissing' });
  return {
    refusals,
    value: {
      title,
      summary,
      lessons: lessons || null,
      theme: theme ?? 'other',
      boroughId: borough || null,
      sourceKind,
      // A record's id another module sent: kept only when it is one.
      sourceId: sourceKind && UUID.test(sourceId) ? sourceId.toLowerCase() : null,
      sourceReference: sourceReference || null,
      sourceLink: sourceLink || null,
      contactId: contact || null,
    },
  };
}

/** Who is keeping an entry: everywhere (the authority's officers, the coordination unit) or boroughs. */
export interface Keeper {
  everyBorough: boolean;
  /** The boroughs a partnership officer's role is held for. */
  boroughs: readonly string[];
}

/**
 * CDRP-08: the authority's officers and the coordination unit keep every entry; a partnership
 * officer adds and changes entries of their own borough only (not area-wide ones).
 */
export function keeperRefusal(keeper: Keeper, boroughId: string | null): SaidRefusal | null {
  if (keeper.everyBorough) return null;
  if (boroughId && keeper.boroughs.includes(boroughId)) return null;
  return { field: 'boroughId', key: 'good-practice:errors.boroughNotYours' };
}

/** What publication needs to know of an entry. */
export interface Publication {
  publishedAt: Date | string | null;
}

/** CDRP-08: the public reads an entry once it is marked public, until it is withdrawn. */
export const isPublic = (entry: Publication): boolean => entry.publishedAt !== null;

/**
 * CDRP-08: an entry is marked public only when it is not already; withdrawn only when it is
 * public. (Who may do either is the permission `good-practice.publish`: the authority's officers.)
 * Said of the entry, not a field: the page then offers the other button, not this one.
 */
export function publicationRefusal(
  entry: Publication,
  action: 'publish' | 'withdraw',
): Said | null {
  if (action === 'publish' && isPublic(entry)) return { key: 'good-practice:errors.alreadyPublic' };
  if (action === 'withdraw' && !isPublic(entry)) return { key: 'good-practice:errors.notPublic' };
  return null;
}

/**
 * CDRP-08: what the public reads of an entry: what was done and what worked, its theme, its
 * borough and when it was published. Never who recorded it, its contact, or its source's
 * reference and link (staff records).
 */
export const PUBLIC_FIELDS = [
  'id',
  'title',
  'summary',
  'lessons',
  'theme',
  'borough',
  'publishedAt',
] as const;

export function publicView<E extends Record<(typeof PUBLIC_FIELDS)[number], unknown>>(
  entry: E & Publication,
): Pick<E, (typeof PUBLIC_FIELDS)[number]> | null {
  if (!isPublic(entry)) return null;
  return Object.fromEntries(PUBLIC_FIELDS.map((f) => [f, entry[f]])) as Pick<
    E,
    (typeof PUBLIC_FIELDS)[number]
  >;
}
