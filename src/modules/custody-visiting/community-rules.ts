/**
 * ICV-10, LEG-05: how well each panel tells its community about the scheme: the activities its
 * coordinator records (a talk, a stall, an article or another), and their counts by kind with
 * the people reached, a quarter's at a time.
 */
import type { IsoDate } from '../../platform/calendar/index.js';
import type { SaidRefusal } from '../../platform/i18n/said.js';
import { notAfterToday } from './visitor-rules.js';
import { tidy } from './rules.js';

export const ACTIVITY_KINDS = ['talk', 'stall', 'article', 'other'] as const;
export type ActivityKind = (typeof ACTIVITY_KINDS)[number];

export interface ActivityInput {
  kind?: string | undefined;
  description?: string | undefined;
  reached?: string | undefined;
}

export interface ActivityValue {
  heldOn: IsoDate;
  kind: ActivityKind;
  description: string;
  reached: number | null;
}

/**
 * ICV-10: an activity recorded: its day (one that has happened), its kind from the list, a short
 * description (at most 500 characters), and, if known, how many people it reached (a whole
 * number).
 */
export function validateActivity(
  input: ActivityInput,
  heldOn: IsoDate | null,
  today: IsoDate,
): { refusals: SaidRefusal[]; value: ActivityValue } {
  const refusals: SaidRefusal[] = [...notAfterToday('heldOn', heldOn, today)];
  const kind = ACTIVITY_KINDS.find((k) => k === input.kind);
  if (!kind) refusals.push({ field: 'kind', key: 'custody-visiting:community.errors.kindMissing' });
  const description = tidy(input.description);
  if (!description)
    refusals.push({
      field: 'description',
      key: 'custody-visiting:community.errors.descriptionMissing',
    });
  else if (description.length > 500)
    refusals.push({
      field: 'description',
      key: 'custody-visiting:community.errors.descriptionTooLong',
      values: { max: 500 },
    });
  const reachedText = tidy(input.reached).replace(/,/g, '');
  const reached = reachedText && /^\d{1,6}$/.test(reachedText) ? Number(reachedText) : null;
  if (reachedText && reached === null)
    refusals.push({ field: 'reached', key: 'custody-visiting:community.errors.reachedNumber' });
  return {
    refusals,
    value: { heldOn: heldOn ?? '', kind: kind ?? 'other', description, reached },
  };
}

/** A panel's activities over a period, as the database counts them by kind. */
export interface ActivityCount {
  kind: ActivityKind;
  count: number;
  reached: number;
}

/** ICV-10: a panel's activities by kind (every kind, in the list's order), and in all. */
export function activitySummary(counts: readonly ActivityCount[]): {
  kinds: ActivityCount[];
  count: number;
  reached: number;
} {
  const kinds = ACTIVITY_KINDS.map(
    (kind) => counts.find((c) => c.kind === kind) ?? { kind, count: 0, reached: 0 },
  );
  return {
    kinds,
    count: kinds.reduce((n, k) => n + k.count, 0),
    reached: kinds.reduce((n, k) => n + k.reached, 0),
  };
}
