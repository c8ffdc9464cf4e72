/**
 * A sentence a rule or a service decides on, kept as its catalogue key and the values it fills
 * in (ADR 0015): pure rules know no language, so whoever shows the sentence turns it into words
 * with `t` (a service with `platform.t`, a route or presenter with the request's).
 */
import { ValidationError } from '../errors.js';
import type { Translate } from './messages.js';

export interface Said {
  key: string;
  /**
   * What fills the sentence's `{{placeholders}}`. A value named by its key (a label such as a
   * group's type, or a whole sentence such as a rule's reason) is worded too.
   */
  values?: Record<string, string | number | Label>;
}

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
  for (const [name, value] of Object.entries(said.values)) {
    if (typeof value !== 'object') values[name] = value;
    else values[name] = value.lower ? say(t, value).toLowerCase() : say(t, value);
  }
  return t(said.key, values);
}

/** Field refusals as the `ValidationError` a form shows. */
export function fieldErrors(t: Translate, refusals: readonly SaidRefusal[]) {
  return refusals.map((r) => ({ field: r.field, message: say(t, r) }));
}

/** The refusal of one field, as a form shows it: `throw refusal(t, 'name', 'groups:...')`. */
export function refusal(t: Translate, field: string, key: string, values?: Said['values']) {
  return new ValidationError([{ field, message: say(t, { key, ...(values && { values }) }) }]);
}
