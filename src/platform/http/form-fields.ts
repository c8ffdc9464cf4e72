/** Reading the fields every form has: text, checkboxes and GOV.UK date inputs, naming each bad one. */
import { parseIsoDate, type IsoDate } from '../calendar/index.js';
import type { FieldError } from '../errors.js';
import type { Translate } from '../i18n/messages.js';

type Input = Record<string, string | string[] | undefined>;

export function text(value: unknown): string | null {
  const t = (typeof value === 'string' ? value : '').trim();
  return t === '' ? null : t;
}

/**
 * Adds a field's error when its text is longer than allowed, worded by `t` (the field's `label`
 * is already in its words, as a sentence names it).
 */
export function tooLong(
  t: Translate,
  errors: FieldError[],
  field: string,
  label: string,
  value: string | null,
  max: number,
) {
  if (value && value.length > max)
    errors.push({ field, message: t('formFields.tooLong', { label, max }) });
}

/** Whether a typed e-mail address has the shape of one (something@somewhere.tld, at most 254). */
export function isEmailAddress(value: string): boolean {
  return value.length <= 254 && /^[^\s@]+@[^\s@]+\.[^\s@]+$/.test(value);
}

/** The values of a group of checkboxes: none, one (a string) or several (a list). */
export function checkedValues(value: string | string[] | undefined): string[] {
  return Array.isArray(value) ? value : value ? [value] : [];
}

/**
 * A date typed as three boxes (GOV.UK date input): `${name}-day`, `-month`, `-year`. Its errors
 * are worded by `t`, with the field's `label` as a sentence names it ("the date of the meeting").
 */
export function dateField(
  t: Translate,
  input: Input,
  name: string,
  label: string,
  errors: FieldError[],
  options: { required?: boolean } = { required: true },
): IsoDate | null {
  const day = text(input[`${name}-day`]);
  const month = text(input[`${name}-month`]);
  const year = text(input[`${name}-year`]);
  if (!day && !month && !year) {
    if (options.required)
      errors.push({ field: `${name}-day`, message: t('formFields.date.missing', { label }) });
    return null;
  }
  if (!day || !month || !year) {
    const missing = !day ? 'day' : !month ? 'month' : 'year';
    errors.push({
      field: `${name}-${missing}`,
      message: t(MUST_INCLUDE[missing], { label: capitalise(label) }),
    });
    return null;
  }
  const iso =
    /^\d{1,2}$/.test(day) && /^\d{1,2}$/.test(month) && /^\d{4}$/.test(year)
      ? parseIsoDate(`${year}-${month.padStart(2, '0')}-${day.padStart(2, '0')}`)
      : null;
  if (!iso) {
    errors.push({
      field: `${name}-day`,
      message: t('formFields.date.notReal', { label: capitalise(label) }),
    });
    return null;
  }
  return iso;
}

/** The refusal of a date with one of its three boxes left empty. */
const MUST_INCLUDE = {
  day: 'formFields.date.mustIncludeDay',
  month: 'formFields.date.mustIncludeMonth',
  year: 'formFields.date.mustIncludeYear',
} as const;

/** The three boxes of a date input, filled from an ISO date. */
export function dateParts(name: string, iso: IsoDate | null | undefined): Record<string, string> {
  if (!iso) return {};
  const [y, m, d] = iso.split('-');
  return {
    [`${name}-day`]: String(Number(d)),
    [`${name}-month`]: String(Number(m)),
    [`${name}-year`]: y!,
  };
}

function capitalise(s: string): string {
  return s.charAt(0).toUpperCase() + s.slice(1);
}
