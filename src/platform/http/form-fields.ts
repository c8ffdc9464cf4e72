/** Reading the fields every form has: text, checkboxes and GOV.UK date inputs, naming each bad one. */
import { parseIsoDate, type IsoDate } from '../calendar/index.js';
import type { FieldError } from '../errors.js';

type Input = Record<string, string | string[] | undefined>;

export function text(value: unknown): string | null {
  const t = (typeof value === 'string' ? value : '').trim();
  return t === '' ? null : t;
}

/** Adds a field's error when its text is longer than allowed. */
export function tooLong(
  errors: FieldError[],
  field: string,
  label: string,
  value: string | null,
  max: number,
) {
  if (value && value.length > max)
    errors.push({ field, message: `${label} must be ${max} characters or fewer` });
}

/** The values of a group of checkboxes: none, one (a string) or several (a list). */
export function checkedValues(value: string | string[] | undefined): string[] {
  return Array.isArray(value) ? value : value ? [value] : [];
}

/** A date typed as three boxes (GOV.UK date input): `${name}-day`, `-month`, `-year`. */
export function dateField(
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
    if (options.required) errors.push({ field: `${name}-day`, message: `Enter ${label}` });
    return null;
  }
  if (!day || !month || !year) {
    const missing = !day ? 'day' : !month ? 'month' : 'year';
    errors.push({
      field: `${name}-${missing}`,
      message: `${capitalise(label)} must include a ${missing}`,
    });
    return null;
  }
  const iso =
    /^\d{1,2}$/.test(day) && /^\d{1,2}$/.test(month) && /^\d{4}$/.test(year)
      ? parseIsoDate(`${year}-${month.padStart(2, '0')}-${day.padStart(2, '0')}`)
      : null;
  if (!iso) {
    errors.push({ field: `${name}-day`, message: `${capitalise(label)} must be a real date` });
    return null;
  }
  return iso;
}

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
