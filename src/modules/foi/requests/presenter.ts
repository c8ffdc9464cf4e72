/**
 * How a Freedom of Information request is named and summed up wherever it is listed: in the
 * register and on the pages of the records it concerns (issue 28 part 2).
 */
import { formatDate } from '../../../platform/i18n/dates.js';
import type { Translate } from '../../../platform/i18n/messages.js';

/** The unit's reference, FOI-<number>. */
export const foiReference = (n: number) => `FOI-${n}`;

/** What is asked, cut to a line of a list. */
export const askedInShort = (asked: string) =>
  asked.length > 120 ? `${asked.slice(0, 117)}…` : asked;

/** "Open", "Clock stopped", or "Answered on time, 3 December 2026". */
export function requestStatus(
  t: Translate,
  r: { answeredOn: string | null; onTime: boolean | null; clockStopped: boolean },
): string {
  if (r.answeredOn)
    return t(r.onTime ? 'foi:status.answeredOnTime' : 'foi:status.answeredLate', {
      date: formatDate(t, r.answeredOn),
    });
  return r.clockStopped ? t('foi:status.stopped') : t('foi:status.open');
}
