/**
 * How the public answers a consultation (issue 25, DP-01, DP-03): which questions a respondent
 * is asked given their answers so far, what an answer to each kind of question may be, what must
 * be answered before a response is sent, bursts of responses from one address, and the day a
 * closed consultation's responses lose their personal data. Pure: no I/O.
 */
import { addCalendarDays, toLondonDate, type IsoDate } from '../../platform/calendar/index.js';
import type { SaidRefusal } from '../../platform/i18n/said.js';
import type { QuestionKind } from './rules.js';

export interface RuleQuestion {
  id: string;
  position: number;
  kind: QuestionKind;
  text: string;
  required: boolean;
  ratingScale: number | null;
  /** Asked only of those who chose this option of an earlier question. */
  shownIfOptionId: string | null;
  options: readonly { id: string }[];
}

/**
 * The questions a respondent is asked, in order, given the options they have chosen: one shown
 * only after an answer is asked when that option was chosen on a question that was itself asked.
 */
export function visibleQuestions<Q extends RuleQuestion>(
  questions: readonly Q[],
  chosenOptionIds: ReadonlySet<string>,
): Q[] {
  const ownerOf = new Map<string, string>();
  for (const q of questions) for (const o of q.options) ownerOf.set(o.id, q.id);
  const asked = new Set<string>();
  const shown: Q[] = [];
  for (const q of [...questions].sort((a, b) => a.position - b.position)) {
    const condition = q.shownIfOptionId;
    const owner = condition ? ownerOf.get(condition) : undefined;
    if (condition && !(owner && asked.has(owner) && chosenOptionIds.has(condition))) continue;
    asked.add(q.id);
    shown.push(q);
  }
  return shown;
}

/** The question asked after the one at `position` (null: the questions are done). */
export function nextQuestion<Q extends RuleQuestion>(
  visible: readonly Q[],
  position: number,
): Q | null {
  return visible.find((q) => q.position > position) ?? null;
}

/** The question asked before the one at `position` (null: it is the first). */
export function previousQuestion<Q extends RuleQuestion>(
  visible: readonly Q[],
  position: number,
): Q | null {
  return [...visible].reverse().find((q) => q.position < position) ?? null;
}

/** An answer as kept: chosen options, a text, or a rating. */
export type Answer =
  | { kind: 'options'; optionIds: string[] }
  | { kind: 'text'; text: string }
  | { kind: 'rating'; rating: number };

/** The longest free-text answer kept. */
export const MAX_ANSWER_LENGTH = 5000;

/**
 * What was sent for a question, read as its answer (null: not answered), or the refusal naming
 * the question: a required one left unanswered (unless the respondent is only saving to finish
 * later), or a text over the limit. A choice that is not one of the question's is no answer.
 */
export function readAnswer(
  question: RuleQuestion,
  sent: string | string[] | undefined,
  options: { saving: boolean },
): { answer: Answer | null; refusal: SaidRefusal | null } {
  const values = (Array.isArray(sent) ? sent : sent === undefined ? [] : [sent]).filter(
    (v) => typeof v === 'string',
  );
  const known = new Set(question.options.map((o) => o.id));
  let answer: Answer | null = null;
  if (question.kind === 'single' || question.kind === 'multiple') {
    const chosen = [...new Set(values.filter((v) => known.has(v)))];
    const allowed = question.kind === 'single' ? chosen.slice(0, 1) : chosen;
    if (allowed.length) answer = { kind: 'options', optionIds: allowed };
  } else if (question.kind === 'rating') {
    const value = values[0]?.trim() ?? '';
    const rating = /^\d{1,3}$/.test(value) ? Number(value) : NaN;
    if (rating >= 1 && rating <= (question.ratingScale ?? 0)) answer = { kind: 'rating', rating };
  } else {
    const text = (values[0] ?? '').replace(/\r\n/g, '\n').trim();
    if (text.length > MAX_ANSWER_LENGTH)
      return {
        answer: null,
        refusal: {
          field: 'answer',
          key: 'consultation:responding.errors.tooLong',
          values: { question: question.text, max: MAX_ANSWER_LENGTH },
        },
      };
    if (text) answer = { kind: 'text', text };
  }
  if (!answer && question.required && !options.saving)
    return { answer: null, refusal: unansweredRefusal(question) };
  return { answer, refusal: null };
}

/** The error naming a required question left unanswered, in the words its kind asks for. */
export function unansweredRefusal(question: RuleQuestion, field = 'answer'): SaidRefusal {
  const key =
    question.kind === 'text'
      ? 'consultation:responding.errors.enter'
      : question.kind === 'multiple'
        ? 'consultation:responding.errors.chooseSome'
        : 'consultation:responding.errors.choose';
  return { field, key, values: { question: question.text } };
}

/** The questions asked that must be answered and were not, before a response may be sent. */
export function unansweredRequired<Q extends RuleQuestion>(
  visible: readonly Q[],
  answeredIds: ReadonlySet<string>,
): Q[] {
  return visible.filter((q) => q.required && !answeredIds.has(q.id));
}

/** Whether another response may be begun from an address that began `begun` this past hour. */
export function mayBeginResponse(begun: number, perHour: number): boolean {
  return begun < perHour;
}

/** A response's start, as the burst rule reads it. */
export interface ResponseStart {
  id: string;
  addressHash: string;
  startedAt: Date;
  setAside: boolean;
}

export interface Burst {
  addressHash: string;
  /** The hash abbreviated, as staff read and name it: never the address. */
  ref: string;
  from: Date;
  to: Date;
  responseIds: string[];
  setAsideCount: number;
}

/** Many responses from one address in a short window: the default the staff page uses. */
export const BURST = { size: 10, windowMinutes: 15 } as const;

/** How many characters of an address's hash staff read as its reference. */
export const REF_LENGTH = 8;

/**
 * Bursts: responses begun from one address with at least `size` of them inside some window of
 * `windowMinutes`; overlapping or touching windows are one burst. The latest first.
 */
export function findBursts(
  starts: readonly ResponseStart[],
  options: { size: number; windowMinutes: number } = BURST,
): Burst[] {
  const window = options.windowMinutes * 60_000;
  const byAddress = new Map<string, ResponseStart[]>();
  for (const s of starts)
    byAddress.set(s.addressHash, [...(byAddress.get(s.addressHash) ?? []), s]);
  const bursts: Burst[] = [];
  for (const [addressHash, all] of byAddress) {
    const sorted = [...all].sort((a, b) => a.startedAt.getTime() - b.startedAt.getTime());
    const inBurst = new Array<boolean>(sorted.length).fill(false);
    let end = 0;
    for (let i = 0; i < sorted.length; i++) {
      end = Math.max(end, i);
      while (
        end < sorted.length &&
        sorted[end]!.startedAt.getTime() - sorted[i]!.startedAt.getTime() <= window
      )
        end++;
      if (end - i >= options.size) for (let k = i; k < end; k++) inBurst[k] = true;
    }
    let run: ResponseStart[] = [];
    const close = () => {
      if (run.length)
        bursts.push({
          addressHash,
          ref: addressHash.slice(0, REF_LENGTH),
          from: run[0]!.startedAt,
          to: run[run.length - 1]!.startedAt,
          responseIds: run.map((r) => r.id),
          setAsideCount: run.filter((r) => r.setAside).length,
        });
      run = [];
    };
    sorted.forEach((s, k) => {
      const last = run[run.length - 1];
      if (last && s.startedAt.getTime() - last.startedAt.getTime() > window) close();
      if (inBurst[k]) run.push(s);
      else close();
    });
    close();
  }
  return bursts.sort((a, b) => b.from.getTime() - a.from.getTime());
}

/** A burst's name in an address: its reference and the moment it began. */
export function burstKey(burst: Pick<Burst, 'ref' | 'from'>): string {
  return `${burst.ref}-${burst.from.getTime()}`;
}

/** The day a consultation closed: the day it was closed early, or its closing date. */
export function closedOn(consultation: { closesOn: IsoDate; closedEarlyAt: Date | null }): IsoDate {
  return consultation.closedEarlyAt
    ? toLondonDate(consultation.closedEarlyAt)
    : consultation.closesOn;
}

/**
 * DP-03: the day a consultation's responses lose their personal data (the address kept to finish
 * later, the address hash, the link, the respondent's own monitoring answers): once it closed
 * more than the retention period ago.
 */
export function personalDataRemovedOn(
  consultation: { closesOn: IsoDate; closedEarlyAt: Date | null },
  retentionDays: number,
): IsoDate {
  return addCalendarDays(closedOn(consultation), retentionDays + 1);
}
