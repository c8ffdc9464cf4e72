/**
 * The analysis's own records (issue 25 item 5): a code frame of themes for each free-text
 * question, the themes each answer is tagged with, the answers picked as quotes for the report,
 * and what staff published as open data (and who).
 */
import {
  boolean,
  index,
  pgTable,
  primaryKey,
  text,
  timestamp,
  uniqueIndex,
  uuid,
} from 'drizzle-orm/pg-core';
import { users } from '../../../platform/auth/schema.js';
import { requiredRef } from '../../../platform/db/columns.js';
import { answers, consultations, questions } from '../schema.js';

/** A theme of a free-text question's code frame (a question of the newest version). */
export const consultationThemes = pgTable(
  'consultation_themes',
  {
    id: uuid('id').primaryKey().defaultRandom(),
    questionId: requiredRef('question_id', () => questions.id, { onDelete: 'cascade' }),
    name: text('name').notNull(),
    createdAt: timestamp('created_at', { withTimezone: true }).notNull().defaultNow(),
    createdBy: uuid('created_by').references(() => users.id),
  },
  (t) => [uniqueIndex('consultation_themes_question_name_key').on(t.questionId, t.name)],
);

/** An answer tagged with a theme. */
export const consultationAnswerThemes = pgTable(
  'consultation_answer_themes',
  {
    answerId: requiredRef('answer_id', () => answers.id, { onDelete: 'cascade' }),
    themeId: requiredRef('theme_id', () => consultationThemes.id, { onDelete: 'cascade' }),
  },
  (t) => [
    primaryKey({ columns: [t.answerId, t.themeId] }),
    index('consultation_answer_themes_theme_idx').on(t.themeId),
  ],
);

/** An answer picked as a quote for the report (and open data, if staff publish quotes). */
export const consultationQuotes = pgTable('consultation_quotes', {
  answerId: uuid('answer_id')
    .primaryKey()
    .references(() => answers.id, { onDelete: 'cascade' }),
  pickedAt: timestamp('picked_at', { withTimezone: true }).notNull().defaultNow(),
  pickedBy: uuid('picked_by').references(() => users.id),
});

/** What staff published of a consultation's analysis as open data, and who last changed it. */
export const consultationOpenData = pgTable('consultation_open_data', {
  consultationId: uuid('consultation_id')
    .primaryKey()
    .references(() => consultations.id, { onDelete: 'cascade' }),
  /** Whether the quotes picked for the report are published too. */
  quotes: boolean('quotes').notNull().default(false),
  publishedAt: timestamp('published_at', { withTimezone: true }).notNull().defaultNow(),
  publishedBy: uuid('published_by').references(() => users.id),
});

/** A closed question whose counts are published. */
export const consultationOpenDataQuestions = pgTable(
  'consultation_open_data_questions',
  {
    consultationId: requiredRef('consultation_id', () => consultationOpenData.consultationId, {
      onDelete: 'cascade',
    }),
    questionId: requiredRef('question_id', () => questions.id, { onDelete: 'cascade' }),
  },
  (t) => [primaryKey({ columns: [t.consultationId, t.questionId] })],
);
