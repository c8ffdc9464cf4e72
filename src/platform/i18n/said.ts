/**
 * A sentence a rule or a service decides on, kept as its catalogue key and the values it fills
 * in (ADR 0015): pure rules know no language, so whoever shows the sentence turns it into words
 * with `t` (a service with `platform.t`, a route or presenter with the request's).
 */
import type { IsoDate } from '../calendar/iso-date.js';
import { ConflictError, ValidationError } from '../errors.js';
import { formatDate, formatDateTime, formatMonth } from './dates.js';
import type { Translate } from './messages.js';

export interface Said {
  key: string;
  /**
   * What fills the sentence's `{{placeholders}}`. A value named by its key (a label such as a
   * group's type, or a whole sentence such as a rule's reason) is worded too, and so is a date.
   */
  values?: Record<string, string | number | Label | DateValue>;
}

/**
 * A date as a value of a sentence, worded in the sentence's language when it is said: a day
 * ('1 April 2026'), a month ('April 2026') or an instant ('1 April 2026 at 2:05pm', London time).
 */
export type DateValue = { date: IsoDate } | { month: IsoDate } | { dateTime: Date | string };

/** A label or sentence named by its key, as a value of another sentence. */
export interface Label extends Said {
  /** Written in lower case, as within a sentence ("a specialist advisory group"). */
  lower?: boolean;
}

/** A refusal tied to the form field it belongs to. */
export interface SaidRefusal extends Said {
  field: string;
}

/** The words of a sentence kept as a key. */
export function say(t: Translate, said: Said): string {
  if (!said.values) return t(said.key);
  const values: Record<string, string | number> = {};
  for (const [name, value] of Object.entries(said.values)) values[name] = wordValue(t, value);
  return t(said.key, values);
}

function wordValue(t: Translate, value: NonNullable<Said['values']>[string]): string | number {
  if (typeof value !== 'object') return value;
  if ('key' in value) return value.lower ? say(t, value).toLowerCase() : say(t, value);
  if ('date' in value) return formatDate(t, value.date);
  if ('month' in value) return formatMonth(t, value.month);
  return formatDateTime(t, new Date(value.dateTime));
}

/** Field refusals as the `ValidationError` a form shows. */
export function fieldErrors(t: Translate, refusals: readonly SaidRefusal[]) {
  return refusals.map((r) => ({ field: r.field, message: say(t, r) }));
}

/** The refusal of one field, as a form shows it: `throw refusal(t, 'name', 'groups:...')`. */
export function refusal(t: Translate, field: string, key: string, values?: Said['values']) {
  return new ValidationError([{ field, message: say(t, { key, ...(values && { values }) }) }]);
}

/**
 * A rule's refusals as the error a page shows: about a field of the form, the form again with
 * each field's message; about the record's state (a `Said` with no field), said without a link,
 * since the page may no longer show any such field (a closed issue has no answer form).
 */
export function refusedBy(
  t: Translate,
  refusals: readonly (Said | SaidRefusal | null)[],
): ConflictError | ValidationError | null {
  const state = refusals.find((r) => r && !('field' in r));
  if (state) return new ConflictError(say(t, state));
  const fields = refusals.filter((r): r is SaidRefusal => !!r && 'field' in r);
  return fields.length ? new ValidationError(fieldErrors(t, fields)) : null;
}
