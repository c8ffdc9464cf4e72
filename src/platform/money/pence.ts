/**
 * Money is whole pence from the form to the database to the export: never a floating-point
 * pound. These read what a person types and write what a person reads.
 */

/** What a person typed as an amount of money, as pence: '£12.50', '12.5', '1,200' and '12' all read. */
export function parsePounds(text: string | null | undefined): number | null {
  const read = readPounds(text, MAX_EXACT_PENCE);
  return read === 'too-large' ? null : read;
}

/** The largest amount read exactly: 13 digits of pounds, well inside a safe integer of pence. */
const MAX_EXACT_PENCE = 9_999_999_999_999_99;

/**
 * What a person typed as an amount of money, read against a limit: the pence; `'too-large'` when
 * it is written as money but comes to more than `maxPence` (however many digits were typed, so
 * the form can say what the limit is); null when it is not an amount of money at all.
 */
export function readPounds(
  text: string | null | undefined,
  maxPence: number,
): number | 'too-large' | null {
  const cleaned = (text ?? '').trim().replace(/^£\s*/, '').replace(/,/g, '');
  const match = /^(\d+)(?:\.(\d{1,2}))?$/.exec(cleaned);
  if (!match) return null;
  const digits = match[1]!.replace(/^0+(?=\d)/, '');
  if (digits.length > 13) return 'too-large';
  const pence = Number(digits) * 100 + Number((match[2] ?? '').padEnd(2, '0'));
  return pence > Math.min(maxPence, MAX_EXACT_PENCE) ? 'too-large' : pence;
}

/** Pence as a person reads them: '£1,234.50', '-£3.00'. */
export function formatPence(pence: number): string {
  if (!Number.isInteger(pence)) throw new RangeError(`Not a whole number of pence: ${pence}`);
  const sign = pence < 0 ? '-' : '';
  const abs = Math.abs(pence);
  const pounds = Math.floor(abs / 100).toLocaleString('en-GB');
  return `${sign}£${pounds}.${String(abs % 100).padStart(2, '0')}`;
}

/** Pence as a finance system reads them: '1234.50', no symbol, no separators. */
export function penceAsDecimal(pence: number): string {
  if (!Number.isInteger(pence)) throw new RangeError(`Not a whole number of pence: ${pence}`);
  const sign = pence < 0 ? '-' : '';
  const abs = Math.abs(pence);
  return `${sign}${Math.floor(abs / 100)}.${String(abs % 100).padStart(2, '0')}`;
}
