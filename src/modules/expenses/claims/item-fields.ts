/**
 * A cost as the advisor typed it (IAG-11, IAG-14): what kind, the day (refused, with its last
 * day, when too long ago), what it was for, and the amount or the miles paid at the rate.
 */
import type { IsoDate } from '../../../platform/calendar/index.js';
import type { FieldError } from '../../../platform/errors.js';
import { dateField, text, tooLong } from '../../../platform/http/form-fields.js';
import type { Translate } from '../../../platform/i18n/messages.js';
import { formatPence, readPounds } from '../../../platform/money/pence.js';
import {
  MAX_TENTHS_OF_MILE,
  isExpenseCategory,
  itemDateProblem,
  mileagePence,
  parseMiles,
  type ExpenseLimits,
} from '../rules.js';
import { say } from '../../../platform/i18n/said.js';

type Input = Record<string, string | string[] | undefined>;

/** The most one cost can be: far above any real one, so a slip of the keyboard is caught. */
const MAX_ITEM_PENCE = 1_000_000;

/** The cost's fields, each null where it could not be read (a message in `errors` says why). */
export interface ItemFields {
  category: string | null;
  incurredOn: IsoDate | null;
  description: string | null;
  tenthsOfMile: number | null;
  amountPence: number | null;
}

export function readItemFields(
  fields: Input,
  today: IsoDate,
  limits: ExpenseLimits,
  errors: FieldError[],
  t: Translate,
): ItemFields {
  const category = text(fields.category);
  if (!isExpenseCategory(category))
    errors.push({ field: 'category', message: t('expenses:claims.item.errors.category') });
  const incurredOn = dateField(
    t,
    fields,
    'incurredOn',
    t('expenses:claims.item.errors.date'),
    errors,
  );
  if (incurredOn) {
    const problem = itemDateProblem(incurredOn, today);
    if (problem) errors.push({ field: 'incurredOn-day', message: say(t, problem) });
  }
  const description = text(fields.description);
  if (!description)
    errors.push({
      field: 'description',
      message: t(
        category === 'other'
          ? 'expenses:claims.item.errors.explain'
          : 'expenses:claims.item.errors.description',
      ),
    });
  tooLong(
    t,
    errors,
    'description',
    t('expenses:claims.item.errors.descriptionLabel'),
    description,
    500,
  );
  let tenthsOfMile: number | null = null;
  let amountPence: number | null = null;
  if (category === 'mileage') {
    const miles = parseMiles(text(fields.miles));
    if (miles === 'too-large')
      errors.push({
        field: 'miles',
        message: t('expenses:claims.item.errors.milesTooMany', {
          max: (MAX_TENTHS_OF_MILE / 10).toLocaleString('en-GB'),
        }),
      });
    else if (miles === null)
      errors.push({ field: 'miles', message: t('expenses:claims.item.errors.miles') });
    else {
      tenthsOfMile = miles;
      amountPence = mileagePence(miles, limits.mileagePencePerMile);
    }
  } else {
    const read = readPounds(text(fields.amount), MAX_ITEM_PENCE);
    if (read === 'too-large')
      errors.push({
        field: 'amount',
        message: t('expenses:claims.item.errors.amountTooMuch', {
          max: formatPence(MAX_ITEM_PENCE),
        }),
      });
    else if (read === null || read === 0)
      errors.push({ field: 'amount', message: t('expenses:claims.item.errors.amount') });
    else amountPence = read;
  }
  return { category, incurredOn, description, tenthsOfMile, amountPence };
}
