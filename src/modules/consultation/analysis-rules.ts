/**
 * The analysis of a consultation's responses (issue 25 item 5): which responses are counted,
 * how earlier questionnaire versions' answers are read against the newest version's questions,
 * the figures of a closed question, the breakdowns with small counts suppressed (DP-01), and the
 * code frame's themes. Pure: the service reads and writes, these decide.
 */
import type { SaidRefusal } from '../../platform/i18n/said.js';
import {
  publishedCount,
  suppressCells,
  type CountCell,
  type CountLine,
} from '../../platform/privacy/rules.js';
import type { ConsultationPhase, QuestionKind } from './rules.js';

/** A response is counted once submitted and while not set aside (a burst, a duplicate). */
export function isCounted(response: { submittedAt: Date | null; setAsideAt: Date | null }) {
  return response.submittedAt !== null && response.setAsideAt === null;
}

/** The questions whose answers are counted per option: choices and ratings. */
export const CLOSED_KINDS: readonly QuestionKind[] = ['single', 'multiple', 'rating'];
export const isClosed = (kind: QuestionKind) => CLOSED_KINDS.includes(kind);

export interface VersionQuestion {
  id: string;
  versionNumber: number;
  position: number;
  kind: QuestionKind;
  text: string;
  ratingScale: number | null;
  options: { id: string; label: string }[];
}

/**
 * Questionnaire versions: the analysis is by the newest version's questions. An earlier
 * version's question counts as the newest one at the same position when it is of the same kind
 * with the same text (spaces at the ends and letter case aside); its chosen options count as the
 * newest question's option with the same label. Anything else of an earlier version (a question
 * moved, reworded, or an option dropped) is left out of the figures, as it asked something else.
 */
export function matchToNewest(all: readonly VersionQuestion[]) {
  const newestNumber = Math.max(0, ...all.map((q) => q.versionNumber));
  const newest = all
    .filter((q) => q.versionNumber === newestNumber)
    .sort((a, b) => a.position - b.position);
  const same = (a: string, b: string) => a.trim().toLowerCase() === b.trim().toLowerCase();
  const questionOf = new Map<string, string>();
  const optionOf = new Map<string, string>();
  for (const q of all) {
    const target = newest.find(
      (n) => n.position === q.position && n.kind === q.kind && same(n.text, q.text),
    );
    if (!target) continue;
    questionOf.set(q.id, target.id);
    for (const o of q.options) {
      const match = target.options.find((n) => same(n.label, o.label));
      if (match) optionOf.set(o.id, match.id);
    }
  }
  return { newest, questionOf, optionOf };
}

/** A share as a whole percentage of those who answered (0 when nobody did). */
export function percentOf(count: number, answered: number): number {
  return answered > 0 ? Math.round((count * 100) / answered) : 0;
}

/** A rating's mean to one decimal place, null when nobody rated. */
export function ratingMean(distribution: readonly { value: number; count: number }[]) {
  const n = distribution.reduce((s, d) => s + d.count, 0);
  if (n === 0) return null;
  const total = distribution.reduce((s, d) => s + d.value * d.count, 0);
  return Math.round((total / n) * 10) / 10;
}

/** The values of a rating scale, 1 to its top. */
export const ratingValues = (scale: number) => Array.from({ length: scale }, (_, i) => i + 1);

/**
 * What a breakdown divides respondents by: the borough they gave on the response, or their own
 * optional monitoring answers (DP-01: kept apart, read only as counts).
 */
export const BREAKDOWNS = ['borough', 'ageBand', 'sex', 'ethnicGroup'] as const;
export type Breakdown = (typeof BREAKDOWNS)[number];
export const isBreakdown = (value: unknown): value is Breakdown =>
  typeof value === 'string' && (BREAKDOWNS as readonly string[]).includes(value);

/** A breakdown's counts: each group's respondents, and each closed question's counts by group. */
export interface BreakdownCounts {
  groups: readonly { value: string | null; respondents: number }[];
  questions: readonly {
    id: string;
    kind: QuestionKind;
    groups: readonly { value: string | null; counts: readonly { count: number }[] }[];
  }[];
}

/**
 * DP-01: a breakdown's counts as they are shown, downloaded or published: below 10, "fewer than
 * 10"; and, so that no small count can be worked out by subtraction, a larger one beside it
 * "not shown" where needed. What a reader knows is modelled as sums: the groups' respondents
 * add up to the responses counted, each answer's counts over the groups to its count for
 * everyone (both shown on the page), and for a single choice or a rating each group's counts
 * and those of it who skipped the question to the group's respondents. Decided over all the
 * breakdown's questions at once, so the respondents are hidden alike in every table.
 */
export function publishedBreakdown(b: BreakdownCounts) {
  const cells: CountCell[] = [];
  const lines: CountLine[] = [];
  const add = (count: number, show?: CountCell['show']) => cells.push({ count, show }) - 1;
  const sumOf = (ns: readonly number[]) => ns.reduce((a, n) => a + n, 0);
  const respondents = b.groups.map((g) => add(g.respondents));
  lines.push({
    parts: respondents,
    whole: add(sumOf(b.groups.map((g) => g.respondents)), 'always'),
  });
  const questions = b.questions.map((q) => {
    const counts = q.groups.map((g) => g.counts.map((c) => add(c.count)));
    const answers = q.groups[0]?.counts.length ?? 0;
    for (let o = 0; o < answers; o++) {
      const column = counts.map((row) => row[o]!);
      lines.push({
        parts: column,
        whole: add(sumOf(column.map((i) => cells[i]!.count)), 'always'),
      });
    }
    if (q.kind !== 'multiple') {
      // Those who skipped it: never shown, but their number overall is (counted less answered).
      const skipped = q.groups.map((g, i) => {
        const given = sumOf(g.counts.map((c) => c.count));
        const mine = respondents[b.groups.findIndex((x) => x.value === g.value)];
        const skip = add(
          Math.max(0, (mine === undefined ? given : cells[mine]!.count) - given),
          'never',
        );
        if (mine !== undefined) lines.push({ parts: [...counts[i]!, skip], whole: mine });
        return skip;
      });
      lines.push({
        parts: skipped,
        whole: add(sumOf(skipped.map((i) => cells[i]!.count)), 'always'),
      });
    }
    return counts;
  });
  const published = suppressCells(cells, lines);
  const shown = (i: number) => publishedCount(cells[i]!.count, published[i]!);
  return {
    respondents: respondents.map(shown),
    questions: questions.map((rows) => rows.map((row) => row.map(shown))),
  };
}

/** The longest a theme's name may be. */
export const THEME_NAME_MAX = 100;

/**
 * A code frame's theme: named, at most 100 characters, and not the name of another theme of
 * the same question (letter case aside).
 */
export function themeNameRefusal(
  name: string,
  others: readonly string[],
): { refusal: SaidRefusal | null; name: string } {
  const trimmed = name.trim().replace(/\s+/g, ' ');
  const refuse = (key: string, values?: SaidRefusal['values']) => ({
    refusal: {
      field: 'name',
      key: `consultation:analysis.errors.${key}`,
      ...(values && { values }),
    },
    name: trimmed,
  });
  if (!trimmed) return refuse('themeRequired');
  if (trimmed.length > THEME_NAME_MAX) return refuse('themeTooLong', { max: THEME_NAME_MAX });
  if (others.some((o) => o.toLowerCase() === trimmed.toLowerCase()))
    return refuse('themeTaken', { name: trimmed });
  return { refusal: null, name: trimmed };
}

/**
 * A page of tags as posted: each checked box is "answer id:theme id", each quote box an answer
 * id; only answers on the page and the question's own themes are taken, anything else refused.
 */
export function readTags(
  posted: { tags: readonly string[]; quotes: readonly string[] },
  onPage: readonly string[],
  themeIds: readonly string[],
): { tags: { answerId: string; themeId: string }[]; quotes: string[] } | null {
  const tags: { answerId: string; themeId: string }[] = [];
  for (const value of posted.tags) {
    const [answerId, themeId, ...rest] = value.split(':');
    if (rest.length || !answerId || !themeId) return null;
    if (!onPage.includes(answerId) || !themeIds.includes(themeId)) return null;
    if (!tags.some((t) => t.answerId === answerId && t.themeId === themeId))
      tags.push({ answerId, themeId });
  }
  if (posted.quotes.some((q) => !onPage.includes(q))) return null;
  return { tags, quotes: [...new Set(posted.quotes)] };
}

/** A response's answer to a question in the CSV: a text, a rating, or its options by "; ". */
export function csvAnswer(values: readonly string[]): string {
  return values.join('; ');
}

/**
 * Issue 25 item 5: a consultation's figures are published as open data only once it has closed,
 * so that what is published is the whole of it and nobody answering is swayed by the counts.
 */
export function openDataRefusal(phase: ConsultationPhase): SaidRefusal | null {
  return phase === 'closed'
    ? null
    : { field: 'questions', key: 'consultation:analysis.errors.notClosed' };
}
