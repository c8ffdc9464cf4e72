/**
 * The good-practice library (CDRP-08, LEG-06, CON-04): entries saying what was done and what
 * worked, filed under a theme, for a borough or the whole area, with where each came from, who
 * to ask, who recorded it, and when it was made public (null while it is not).
 */
import {
  check,
  index,
  pgTable,
  text,
  timestamp,
  uuid,
  type AnyPgColumn,
} from 'drizzle-orm/pg-core';
import { users } from '../../platform/auth/schema.js';
import { isOneOf, recordVersioning, searchDocument } from '../../platform/db/columns.js';
import { organisations, people } from '../directory/schema.js';
import { SOURCE_KINDS, THEMES } from './rules.js';

export const goodPracticeEntries = pgTable(
  'good_practice_entries',
  {
    id: uuid('id').primaryKey().defaultRandom(),
    title: text('title').notNull(),
    /** What was done. */
    summary: text('summary').notNull(),
    /** What worked, and the lessons learned. */
    lessons: text('lessons'),
    theme: text('theme', { enum: THEMES }).notNull(),
    /** The borough (an organisation of kind borough); null for the whole area. */
    boroughId: uuid('borough_id').references(() => organisations.id),
    /** LEG-06: where it came from: a grant, a partnership, training, or other. */
    sourceKind: text('source_kind', { enum: SOURCE_KINDS }),
    /** The record of another module it came from (a grant's id), when that module sent it. */
    sourceId: uuid('source_id'),
    sourceReference: text('source_reference'),
    /** A page of Bridge about the source ("/grants/…"). */
    sourceLink: text('source_link'),
    /** Whom to ask about it: a directory person. */
    contactId: uuid('contact_id').references(() => people.id),
    recordedBy: uuid('recorded_by').references(() => users.id),
    recordedAt: timestamp('recorded_at', { withTimezone: true }).notNull().defaultNow(),
    /** CDRP-08: set when an authority officer marks it public; null when never or withdrawn. */
    publishedAt: timestamp('published_at', { withTimezone: true }),
    withdrawnAt: timestamp('withdrawn_at', { withTimezone: true }),
    search: searchDocument((): AnyPgColumn[] => [
      goodPracticeEntries.title,
      goodPracticeEntries.summary,
    ]),
    ...recordVersioning(),
  },
  (t) => [
    // The library lists newest first, searched by words and filtered by theme and borough; the
    // public's list is of published entries, newest published first.
    index('good_practice_entries_recorded_idx').on(t.recordedAt),
    index('good_practice_entries_search_idx').using('gin', t.search),
    index('good_practice_entries_theme_idx').on(t.theme, t.recordedAt),
    index('good_practice_entries_borough_idx').on(t.boroughId, t.recordedAt),
    index('good_practice_entries_published_idx').on(t.publishedAt),
    // What came from a source (a grant's page asks), and the person-data export's lookups.
    index('good_practice_entries_source_idx').on(t.sourceKind, t.sourceId),
    index('good_practice_entries_contact_idx').on(t.contactId),
    index('good_practice_entries_recorded_by_idx').on(t.recordedBy),
    check('good_practice_entries_theme', isOneOf(t.theme, THEMES)),
    check('good_practice_entries_source_kind', isOneOf(t.sourceKind, SOURCE_KINDS)),
  ],
);
