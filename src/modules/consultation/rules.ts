/**
 * Consultation's core rules (issue 25): who may respond, the kinds of question, and where a
 * consultation stands. Each sub-capability's rules are in its own `*-rules.ts` beside this.
 */

/** Who may respond: anyone, the consultees invited (CON-03), or the citizens' panel (CON-06). */
export const AUDIENCES = ['public', 'invited', 'panel'] as const;
export type Audience = (typeof AUDIENCES)[number];

/** Single and multiple choice, free text, and a rating on a scale. */
export const QUESTION_KINDS = ['single', 'multiple', 'text', 'rating'] as const;
export type QuestionKind = (typeof QUESTION_KINDS)[number];

/**
 * Where a consultation stands: a draft until launched; then upcoming, open from its opening day
 * to its closing day inclusive (London dates), and closed after, or once closed early.
 */
export type ConsultationPhase = 'draft' | 'upcoming' | 'open' | 'closed';

export function consultationPhase(
  consultation: {
    opensOn: string;
    closesOn: string;
    launchedAt: Date | null;
    closedEarlyAt: Date | null;
  },
  today: string,
): ConsultationPhase {
  if (!consultation.launchedAt) return 'draft';
  if (consultation.closedEarlyAt || today > consultation.closesOn) return 'closed';
  return today < consultation.opensOn ? 'upcoming' : 'open';
}
