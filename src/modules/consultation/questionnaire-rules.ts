/**
 * A consultation's details and its questionnaire (issue 25, CON-01, CON-07): what a consultation
 * must say, what a question must be, when a question may be shown only after an earlier answer,
 * when the questionnaire may change (never once answered: a new version is opened), and when a
 * consultation may be launched (CON-01: a major one only once the strategy board approved it).
 */
import type { IsoDate } from '../../platform/calendar/index.js';
import type { Said, SaidRefusal } from '../../platform/i18n/said.js';
import { materialDetailChanges, type ApprovedDetails } from './board-rules.js';
import { AUDIENCES, QUESTION_KINDS, type Audience, type QuestionKind } from './rules.js';

export const TITLE_MAX = 200;
export const PURPOSE_MAX = 5000;
export const QUESTION_TEXT_MAX = 500;
export const HINT_MAX = 500;
export const CHOICE_MAX = 200;
export const MAX_CHOICES = 20;
export const RATING_MIN = 2;
export const RATING_MAX = 10;

/** Trimmed, runs of spaces made one. */
export function tidy(value: string | undefined): string {
  return (value ?? '').trim().replace(/\s+/g, ' ');
}

function required(
  refusals: SaidRefusal[],
  field: string,
  value: string,
  max: number,
  keys: { missing: string; tooLong: string },
): string {
  if (!value) refusals.push({ field, key: keys.missing });
  else if (value.length > max) refusals.push({ field, key: keys.tooLong, values: { max } });
  return value;
}

export interface DetailsInput {
  title?: string | undefined;
  purpose?: string | undefined;
  audience?: string | undefined;
  major?: string | undefined;
  /** A borough's id, or empty for area-wide (CON-01: the board oversees borough consultation). */
  borough?: string | undefined;
}

export interface DetailsValue {
  title: string;
  purpose: string;
  opensOn: IsoDate;
  closesOn: IsoDate;
  audience: Audience;
  major: boolean;
  boroughId: string | null;
}

/**
 * A consultation's details: its title and purpose, its opening and closing days (closing not
 * before opening), who may respond, whether it is major (CON-01: the board approves it), and
 * the borough it consults, one of `boroughIds`, or none for area-wide.
 */
export function validateDetails(
  input: DetailsInput,
  dates: { opensOn: IsoDate | null; closesOn: IsoDate | null },
  boroughIds: readonly string[] = [],
): { refusals: SaidRefusal[]; value: DetailsValue } {
  const refusals: SaidRefusal[] = [];
  const title = required(refusals, 'title', tidy(input.title), TITLE_MAX, {
    missing: 'consultation:consultations.errors.titleMissing',
    tooLong: 'consultation:consultations.errors.titleTooLong',
  });
  const purpose = (input.purpose ?? '').trim();
  required(refusals, 'purpose', purpose, PURPOSE_MAX, {
    missing: 'consultation:consultations.errors.purposeMissing',
    tooLong: 'consultation:consultations.errors.purposeTooLong',
  });
  const { opensOn, closesOn } = dates;
  if (opensOn && closesOn && closesOn < opensOn)
    refusals.push({
      field: 'closesOn-day',
      key: 'consultation:consultations.errors.closesBeforeOpens',
    });
  const audience = AUDIENCES.find((a) => a === input.audience);
  if (!audience)
    refusals.push({ field: 'audience', key: 'consultation:consultations.errors.audienceMissing' });
  if (input.major !== 'yes' && input.major !== 'no')
    refusals.push({ field: 'major', key: 'consultation:consultations.errors.majorMissing' });
  const borough = (input.borough ?? '').trim();
  if (borough && !boroughIds.includes(borough))
    refusals.push({ field: 'borough', key: 'consultation:consultations.errors.boroughUnknown' });
  return {
    refusals,
    value: {
      title,
      purpose,
      opensOn: opensOn ?? '',
      closesOn: closesOn ?? '',
      audience: audience ?? 'public',
      major: input.major === 'yes',
      boroughId: borough && boroughIds.includes(borough) ? borough : null,
    },
  };
}

/** A question as the builder's rules read it: its place, kind, choices and show-if link. */
export interface BuilderQuestion {
  id: string;
  position: number;
  kind: QuestionKind;
  text: string;
  shownIfOptionId: string | null;
  options: readonly { id: string; label: string }[];
}

export interface QuestionInput {
  kind?: string | undefined;
  text?: string | undefined;
  hint?: string | undefined;
  required?: string | undefined;
  choices?: string | undefined;
  ratingScale?: string | undefined;
  shownIf?: string | undefined;
}

export interface QuestionValue {
  kind: QuestionKind;
  text: string;
  hint: string | null;
  required: boolean;
  /** The choices of a single or multiple choice question, in order; none otherwise. */
  choices: string[];
  ratingScale: number | null;
  shownIfOptionId: string | null;
}

export const hasChoices = (kind: QuestionKind) => kind === 'single' || kind === 'multiple';

/** The choices typed one a line: trimmed, blank lines dropped. */
export function choicesOf(text: string | undefined): string[] {
  return (text ?? '')
    .split(/\r?\n/)
    .map((line) => tidy(line))
    .filter(Boolean);
}

/** The choices an earlier question offers to show a later one by: single and multiple only. */
export function showIfChoices(questions: readonly BuilderQuestion[], before: number | null) {
  return questions
    .filter((q) => hasChoices(q.kind) && (before === null || q.position < before))
    .flatMap((q) => q.options.map((o) => ({ question: q, option: o })));
}

/** The questions shown only after an answer of this question (by one of its choices). */
export function dependentsOf(
  questions: readonly BuilderQuestion[],
  question: BuilderQuestion,
): BuilderQuestion[] {
  const ids = new Set(question.options.map((o) => o.id));
  return questions.filter((q) => q.shownIfOptionId !== null && ids.has(q.shownIfOptionId));
}

/**
 * A question added or changed: its kind, text (and optional hint), whether an answer is
 * required; two or more distinct choices for a single or multiple choice; a rating's scale from
 * 2 to 10; and, optionally, shown only after a choice of an EARLIER single or multiple choice
 * question. A changed question may not drop a choice (or stop having choices) that a later
 * question is shown by: that is refused, naming the later question, so no link is lost unseen.
 */
export function validateQuestion(
  input: QuestionInput,
  context: {
    /** Every question of the version, the one edited included. */
    questions: readonly BuilderQuestion[];
    /** The question edited, or null for one added at the end. */
    editing: BuilderQuestion | null;
  },
): { refusals: SaidRefusal[]; value: QuestionValue } {
  const refusals: SaidRefusal[] = [];
  const kind = QUESTION_KINDS.find((k) => k === input.kind);
  if (!kind) refusals.push({ field: 'kind', key: 'consultation:consultations.errors.kindMissing' });
  const text = required(refusals, 'text', tidy(input.text), QUESTION_TEXT_MAX, {
    missing: 'consultation:consultations.errors.questionTextMissing',
    tooLong: 'consultation:consultations.errors.questionTextTooLong',
  });
  const hint = tidy(input.hint);
  if (hint.length > HINT_MAX)
    refusals.push({
      field: 'hint',
      key: 'consultation:consultations.errors.hintTooLong',
      values: { max: HINT_MAX },
    });
  let choices: string[] = [];
  if (kind && hasChoices(kind)) {
    choices = choicesOf(input.choices);
    const lower = choices.map((c) => c.toLowerCase());
    const duplicate = choices.find((_, i) => lower.indexOf(lower[i]!) !== i);
    if (choices.length < 2)
      refusals.push({ field: 'choices', key: 'consultation:consultations.errors.choicesTooFew' });
    else if (choices.length > MAX_CHOICES)
      refusals.push({
        field: 'choices',
        key: 'consultation:consultations.errors.choicesTooMany',
        values: { max: MAX_CHOICES },
      });
    else if (duplicate)
      refusals.push({
        field: 'choices',
        key: 'consultation:consultations.errors.choiceTwice',
        values: { choice: duplicate },
      });
    else if (choices.some((c) => c.length > CHOICE_MAX))
      refusals.push({
        field: 'choices',
        key: 'consultation:consultations.errors.choiceTooLong',
        values: { max: CHOICE_MAX },
      });
  }
  let ratingScale: number | null = null;
  if (kind === 'rating') {
    const typed = tidy(input.ratingScale);
    ratingScale = /^\d{1,2}$/.test(typed) ? Number(typed) : NaN;
    if (Number.isNaN(ratingScale) || ratingScale < RATING_MIN || ratingScale > RATING_MAX)
      refusals.push({
        field: 'ratingScale',
        key: 'consultation:consultations.errors.ratingScale',
        values: { min: RATING_MIN, max: RATING_MAX },
      });
  }
  const { editing, questions } = context;
  const shownIf = tidy(input.shownIf);
  let shownIfOptionId: string | null = null;
  if (shownIf) {
    const offered = showIfChoices(
      questions.filter((q) => q.id !== editing?.id),
      editing ? editing.position : null,
    );
    if (!offered.some((c) => c.option.id === shownIf))
      refusals.push({
        field: 'shownIf',
        key: 'consultation:consultations.errors.shownIfNotEarlier',
      });
    else shownIfOptionId = shownIf;
  }
  // CON-07: a later question's link to a choice is never lost without the officer seeing it.
  if (editing && kind) {
    const kept = hasChoices(kind) ? choices : [];
    for (const dependent of dependentsOf(questions, editing)) {
      const option = editing.options.find((o) => o.id === dependent.shownIfOptionId)!;
      if (!kept.some((c) => c.toLowerCase() === option.label.toLowerCase()))
        refusals.push({
          field: hasChoices(kind) ? 'choices' : 'kind',
          key: 'consultation:consultations.errors.choiceInUse',
          values: { choice: option.label, number: dependent.position, question: dependent.text },
        });
    }
  }
  return {
    refusals,
    value: {
      kind: kind ?? 'text',
      text,
      hint: hint || null,
      required: input.required === 'yes',
      choices,
      ratingScale: kind === 'rating' ? ratingScale : null,
      shownIfOptionId,
    },
  };
}

/**
 * The choices of a changed question matched to those it had (by label, whatever the case), so
 * that a kept choice keeps its id and the later questions shown by it keep their link.
 */
export function matchChoices(
  before: readonly { id: string; label: string }[],
  after: readonly string[],
): {
  kept: { id: string; label: string; position: number }[];
  added: { label: string; position: number }[];
  removedIds: string[];
} {
  const kept: { id: string; label: string; position: number }[] = [];
  const added: { label: string; position: number }[] = [];
  after.forEach((label, i) => {
    const was = before.find((o) => o.label.toLowerCase() === label.toLowerCase());
    if (was) kept.push({ id: was.id, label, position: i + 1 });
    else added.push({ label, position: i + 1 });
  });
  const keptIds = new Set(kept.map((k) => k.id));
  return { kept, added, removedIds: before.filter((o) => !keptIds.has(o.id)).map((o) => o.id) };
}

/**
 * A question moved one place up or down, swapping with its neighbour: refused at the edge, and
 * when it would come before the question whose answer shows it (or after one it shows).
 */
export function moveRefusal(
  questions: readonly BuilderQuestion[],
  id: string,
  direction: 'up' | 'down',
): Said | null {
  const ordered = [...questions].sort((a, b) => a.position - b.position);
  const at = ordered.findIndex((q) => q.id === id);
  const other = ordered[direction === 'up' ? at - 1 : at + 1];
  if (at < 0 || !other)
    return {
      key:
        direction === 'up'
          ? 'consultation:consultations.errors.alreadyFirst'
          : 'consultation:consultations.errors.alreadyLast',
    };
  const [first, second] = direction === 'up' ? [other, ordered[at]!] : [ordered[at]!, other];
  if (dependentsOf([second], first).length)
    return {
      key: 'consultation:consultations.errors.moveBreaksShowIf',
      values: { later: second.position, earlier: first.position },
    };
  return null;
}

/**
 * The questions whose show-if link is cleared when a question is removed: those shown only
 * after one of its choices. They stay, shown to everyone; the remove page names them first.
 */
export const clearedByRemoving = dependentsOf;

/**
 * A version once answered (a response in progress or submitted) keeps its questions as they
 * were answered: it may not change, and a new version is opened instead.
 */
export function questionnaireChangeRefusal(responsesToVersion: number): Said | null {
  return responsesToVersion > 0
    ? { key: 'consultation:consultations.errors.versionAnswered' }
    : null;
}

/** A new version may be opened only over one that has been answered. */
export function newVersionRefusal(responsesToVersion: number): Said | null {
  return responsesToVersion > 0
    ? null
    : { key: 'consultation:consultations.errors.versionNotAnswered' };
}

/** A question copied to a new version, its show-if as the place of the question and choice. */
export interface CopiedQuestion {
  source: BuilderQuestion & { hint: string | null; required: boolean; ratingScale: number | null };
  /** Shown only after this: the index (in the copy) of the earlier question, and its choice's. */
  shownIf: { question: number; option: number } | null;
}

/**
 * The questions of a new version: those of the answered one in order, each with its choices,
 * and each show-if link pointing at the copy of the earlier question's choice, not the original.
 */
export function planCopy(questions: readonly CopiedQuestion['source'][]): CopiedQuestion[] {
  const ordered = [...questions].sort((a, b) => a.position - b.position);
  return ordered.map((source) => {
    let shownIf: CopiedQuestion['shownIf'] = null;
    ordered.forEach((q, question) => {
      const option = q.options.findIndex((o) => o.id === source.shownIfOptionId);
      if (option >= 0) shownIf = { question, option };
    });
    return { source, shownIf };
  });
}

/**
 * CON-01: a consultation is launched only once it is a draft with questions, its closing day is
 * not past, and, when major, the strategy board has approved it. Every reason is given.
 */
export function launchRefusals(
  consultation: {
    major: boolean;
    approvedOn: IsoDate | null;
    launchedAt: Date | null;
    closesOn: IsoDate;
  },
  questionCount: number,
  today: IsoDate,
): Said[] {
  if (consultation.launchedAt)
    return [{ key: 'consultation:consultations.errors.alreadyLaunched' }];
  const refusals: Said[] = [];
  if (consultation.major && !consultation.approvedOn)
    refusals.push({ key: 'consultation:consultations.errors.needsApproval' });
  if (questionCount === 0) refusals.push({ key: 'consultation:consultations.errors.noQuestions' });
  if (consultation.closesOn < today)
    refusals.push({
      key: 'consultation:consultations.errors.closingPassed',
      values: { date: { date: consultation.closesOn } },
    });
  return refusals;
}

/**
 * What may change of a consultation's details once it is launched: who may respond, whether it
 * is major (and so needed the board's approval) and, once open, its opening day are fixed, for
 * invitations, waves and the board's approval were given on them; a major one's purpose and
 * borough are what the board approved (CON-01: its dates may still move, to extend it); a
 * closed one changes no more (its dates would reopen it, and what came of it is on record,
 * CON-07); and a running one is not ended by moving its closing date into the past: it is
 * closed early, with the reason on record.
 */
export function detailsChangeRefusals(
  phase: 'draft' | 'upcoming' | 'open' | 'closed',
  before: ApprovedDetails,
  after: ApprovedDetails,
  today: IsoDate,
): SaidRefusal[] {
  if (phase === 'draft') return [];
  if (phase === 'closed')
    return [{ field: 'title', key: 'consultation:consultations.errors.closedUnchanged' }];
  const refusals: SaidRefusal[] = [];
  if (after.audience !== before.audience)
    refusals.push({ field: 'audience', key: 'consultation:consultations.errors.audienceFixed' });
  if (after.major !== before.major)
    refusals.push({ field: 'major', key: 'consultation:consultations.errors.majorFixed' });
  if (phase === 'open' && after.opensOn !== before.opensOn)
    refusals.push({ field: 'opensOn', key: 'consultation:consultations.errors.opensOnFixed' });
  if (after.closesOn < today && after.closesOn !== before.closesOn)
    refusals.push({ field: 'closesOn', key: 'consultation:consultations.errors.closesInPast' });
  if (before.major) {
    const changed = materialDetailChanges(before, after);
    if (changed.includes('purpose'))
      refusals.push({ field: 'purpose', key: 'consultation:consultations.errors.purposeApproved' });
    if (changed.includes('borough'))
      refusals.push({ field: 'borough', key: 'consultation:consultations.errors.boroughApproved' });
  }
  return refusals;
}

/** A consultation is closed early only while launched and not closed, and with a reason. */
export function closeEarlyRefusals(
  phase: 'draft' | 'upcoming' | 'open' | 'closed',
  reason: string,
): SaidRefusal[] {
  if (phase === 'draft')
    return [{ field: 'reason', key: 'consultation:consultations.errors.notLaunched' }];
  if (phase === 'closed')
    return [{ field: 'reason', key: 'consultation:consultations.errors.alreadyClosed' }];
  if (!reason) return [{ field: 'reason', key: 'consultation:consultations.errors.reasonMissing' }];
  if (reason.length > 1000)
    return [
      {
        field: 'reason',
        key: 'consultation:consultations.errors.reasonTooLong',
        values: { max: 1000 },
      },
    ];
  return [];
}
