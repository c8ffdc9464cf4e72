/**
 * The fixed lists of the grants module (CON-04, CON-05, LEG-06, CDRP-12), kept apart from the
 * rules so the tables and the rules share them.
 */

/**
 * The kinds of fund (issue 26): engagement groups' funding (CON-04), the partnership fund and a
 * borough command's fund (LEG-06, CDRP-12), and development bids for pilots (CON-05).
 */
export const FUND_KINDS = ['engagement', 'partnership', 'borough_command', 'development'] as const;
export type FundKind = (typeof FUND_KINDS)[number];

/**
 * Who applies: an engagement group, a borough's community safety partnership, a borough (its
 * police command), or a community organisation in the directory.
 */
export const APPLICANT_KINDS = [
  'engagement_group',
  'partnership',
  'borough',
  'organisation',
] as const;
export type ApplicantKind = (typeof APPLICANT_KINDS)[number];

/**
 * An application's life: written (saved as the applicant goes), submitted, then decided; the
 * applicant may withdraw it before a decision.
 */
export const APPLICATION_STATUSES = [
  'draft',
  'submitted',
  'withdrawn',
  'awarded',
  'declined',
] as const;
export type ApplicationStatus = (typeof APPLICATION_STATUSES)[number];

/** An assessor's score against one criterion: 0 (not met) to 5 (fully met). */
export const MAX_SCORE = 5;

/** How far a monitoring return says an outcome has come. */
export const PROGRESS_STATUSES = ['not_started', 'on_track', 'behind', 'achieved'] as const;
export type ProgressStatus = (typeof PROGRESS_STATUSES)[number];

/**
 * Money given back or not spent (CDRP-12): an underspend is money not needed, a clawback money
 * the authority asks back (a condition broken, an activity not done). Both free the fund's budget.
 */
export const ADJUSTMENT_KINDS = ['underspend', 'clawback'] as const;
export type AdjustmentKind = (typeof ADJUSTMENT_KINDS)[number];

/** LEG-06: an evaluation's judgement of effectiveness and of value for money. */
export const EVALUATION_RATINGS = ['excellent', 'good', 'adequate', 'poor'] as const;
export type EvaluationRating = (typeof EVALUATION_RATINGS)[number];

/** What else in Bridge a grant is tied to: engagement outcomes, meetings, recommendations. */
export const LINK_KINDS = ['meeting', 'recommendation', 'consultation'] as const;
export type LinkKind = (typeof LINK_KINDS)[number];
