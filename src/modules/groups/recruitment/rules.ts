/** The rules of recruitment: pure functions, named by rule id. */
import {
  addCalendarDays,
  addCalendarMonths,
  type IsoDate,
} from '../../../platform/calendar/index.js';
import type { GroupType } from '../rules.js';
import { type Said } from '../../../platform/i18n/said.js';

export const RECRUITMENT_INTERVAL_MONTHS = 12;

/** A recruitment round's period: from the day applications open to the closing date. */
export interface RecruitmentPeriod {
  opensOn: IsoDate;
  closesOn: IsoDate;
}

/**
 * IAG-20: a corporate IAG runs at most one recruitment in any 12 months. Two rounds are
 * compared as periods, whichever was entered first: the later must open at least 12 months after
 * the earlier opened, and after it closed (a round backdated to open before another, or one
 * running into another, is as much a second recruitment as one opening soon after). Returns the
 * refusal, with the date the next round may open, or null when `round` may run.
 */
export function checkRecruitmentInterval(
  type: GroupType,
  round: RecruitmentPeriod,
  others: readonly RecruitmentPeriod[],
): (Said & { nextMayOpen: IsoDate }) | null {
  if (type !== 'corporate_iag') return null;
  const clash = others.find((other) => {
    const [earlier, later] = other.opensOn <= round.opensOn ? [other, round] : [round, other];
    return (
      later.opensOn < addCalendarMonths(earlier.opensOn, RECRUITMENT_INTERVAL_MONTHS) ||
      later.opensOn <= earlier.closesOn
    );
  });
  if (!clash) return null;
  const nextMayOpen = others
    .map((o) => {
      const afterOpening = addCalendarMonths(o.opensOn, RECRUITMENT_INTERVAL_MONTHS);
      const afterClosing = addCalendarDays(o.closesOn, 1);
      return afterOpening > afterClosing ? afterOpening : afterClosing;
    })
    .sort()
    .at(-1)!;
  return {
    nextMayOpen,
    key: 'groups:recruitment.refusals.interval',
    values: {
      from: { date: clash.opensOn },
      to: { date: clash.closesOn },
      next: { date: nextMayOpen },
    },
  };
}

/**
 * The public application form mails its acknowledgement to an address nobody has confirmed, so
 * it says nothing the applicant typed, and at most this many go to one address in a day
 * (issue 21 item 23): the form cannot be used to send mail to someone else. An application
 * beyond it is still received; only its acknowledgement is not sent.
 */
export const APPLICATION_MAILS_PER_ADDRESS_PER_DAY = 3;

export function mayAcknowledgeApplication(sentToAddressToday: number): boolean {
  return sentToAddressToday < APPLICATION_MAILS_PER_ADDRESS_PER_DAY;
}

/** Whole years of age on a date (a birthday on 29 February is reached on 28 February). */
export function ageOn(dateOfBirth: IsoDate, on: IsoDate): number {
  let years = Number(on.slice(0, 4)) - Number(dateOfBirth.slice(0, 4));
  if (addCalendarMonths(dateOfBirth, years * 12) > on) years -= 1;
  return years;
}

/** IAG-17: the ages a group takes, inclusive; null when it takes any age. */
function ageRange(group: { minAge: number | null; maxAge: number | null }) {
  if (group.minAge === null && group.maxAge === null) return null;
  return { min: group.minAge ?? 0, max: group.maxAge ?? 200 };
}

/**
 * IAG-17: whether an applicant is within the group's ages on the appointment date, inclusive
 * (the Youth IAG takes 14 to 25). Groups without limits take any age.
 */
export function checkAgeEligibility(
  group: { minAge: number | null; maxAge: number | null },
  dateOfBirth: IsoDate | null,
  appointmentDate: IsoDate,
): Said | null {
  const range = ageRange(group);
  if (!range) return null;
  if (!dateOfBirth) return { key: 'groups:recruitment.refusals.noDateOfBirth', values: {} };
  const age = ageOn(dateOfBirth, appointmentDate);
  if (age >= range.min && age <= range.max) return null;
  return {
    key: 'groups:recruitment.refusals.age',
    values: { ...range, on: { date: appointmentDate }, age },
  };
}

/**
 * IAG-17, at the Director's decision: the applicant's age on the day the appointment would
 * actually start. Checked at application against the round's appointment date; a decision made
 * after that date starts the appointment later, when the applicant may have passed the age.
 * Returns the refusal, addressed to the Director, or null.
 */
export function checkAgeAtDecision(
  group: { minAge: number | null; maxAge: number | null },
  applicant: { fullName: string; dateOfBirth: IsoDate | null },
  startsOn: IsoDate,
): Said | null {
  const range = ageRange(group);
  if (!range) return null;
  if (!applicant.dateOfBirth)
    return { key: 'groups:recruitment.refusals.decisionNoDateOfBirth', values: range };
  const age = ageOn(applicant.dateOfBirth, startsOn);
  if (age >= range.min && age <= range.max) return null;
  return {
    key: 'groups:recruitment.refusals.decisionAge',
    values: { ...range, name: applicant.fullName, age, on: { date: startsOn } },
  };
}
