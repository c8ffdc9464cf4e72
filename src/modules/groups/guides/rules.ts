/** The rules of guides: pure functions, named by rule id. */
import { addCalendarMonths, type IsoDate } from '../../../platform/calendar/index.js';

/** IAG-24: guides are reviewed every year from the date the current version was agreed. */
export function guideReviewDue(agreedOn: IsoDate): IsoDate {
  return addCalendarMonths(agreedOn, 12);
}

export function guideReviewOverdue(reviewDue: IsoDate | null, today: IsoDate): boolean {
  return reviewDue === null || reviewDue < today;
}
