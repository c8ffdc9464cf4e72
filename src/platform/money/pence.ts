/**
 * Money is whole pence from the form to the database to the export: never a floating-point
 * pound. These read what a person types and write what a person reads.
 */

/** What a person typed as an amount of money, as pence: '£12.50', '12.5', '1,200' and '12' all read. */
export function parsePounds(text: string | null | undefined): number | null {
  const cleaned = (text ?? '').trim().replace(/^£\s*/, '').replace(/,/g, '');
  const match = /^(\d{1,7})(?:\.(\d{1,2}))?$/.exec(cleaned);
  if (!match) return null;
  const pounds = Number(match[1]);
  const pence = Number((match[2] ?? '').padEnd(2, '0'));
  return pounds * 100 + pence;
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
