/**
 * The visit report's rules (ICV-03 to ICV-07), as pure functions: admissions, detainees seen or
 * not and why, the checks made, terrorism reports' copies, and who may read or confirm a report.
 */
import { type IsoDate, addCalendarDays } from '../../platform/calendar/index.js';
import { type Said, type SaidRefusal } from '../../platform/i18n/said.js';
import { tidy, type SchemeReach } from './rules.js';

/** A time of day (minutes after midnight) as a 24-hour clock shows it: "19:30". */
export const clockText = (minutes: number) =>
  `${String(Math.floor(minutes / 60)).padStart(2, '0')}:${String(minutes % 60).padStart(2, '0')}`;

/** ICV-04: a time as the report gives it, "19:05" (24-hour clock). */
const TIME = /^([01]\d|2[0-3]):([0-5]\d)$/;

/** A time typed as "7:05", "19.05" or "1905", made "07:05" or "19:05"; null when it is not one. */
export function parseTime(value: string | undefined): string | null {
  const m = /^(\d{1,2})[:.]?(\d{2})$/.exec(tidy(value));
  if (!m) return null;
  const time = `${m[1]!.padStart(2, '0')}:${m[2]}`;
  return TIME.test(time) ? time : null;
}

/** ICV-03: a visit is made by at least two visitors together: two different ones. */
export function visitPairRefusal(
  firstVisitorId: string | null,
  secondVisitorId: string | null,
): SaidRefusal | null {
  if (!secondVisitorId || secondVisitorId === firstVisitorId)
    return { field: 'secondVisitorId', key: 'custody-visiting:reports.errors.oneVisitor' };
  return null;
}

export interface AdmissionInput {
  arrivedAt?: string | undefined;
  admittedAt?: string | undefined;
  delayReason?: string | undefined;
  delayAuthorisedBy?: string | undefined;
}

export interface AdmissionValue {
  arrivedAt: string;
  admittedAt: string;
  /** Null when they were admitted at once. */
  delayReason: string | null;
  delayAuthorisedBy: string | null;
}

/**
 * ICV-04: visitors are admitted at once; a delay (admitted later than they arrived) is allowed
 * only on an inspector's authority (or above), its reason given: both are recorded, or the delay
 * is refused. Admission cannot come before arrival. Without a delay no reason is kept.
 */
export function validateAdmission(input: AdmissionInput): {
  refusals: SaidRefusal[];
  value: AdmissionValue;
} {
  const refusals: SaidRefusal[] = [];
  const arrivedAt = parseTime(input.arrivedAt);
  const admittedAt = parseTime(input.admittedAt);
  for (const [field, time] of [
    ['arrivedAt', arrivedAt],
    ['admittedAt', admittedAt],
  ] as const) {
    if (!tidy(input[field]))
      refusals.push({ field, key: `custody-visiting:reports.errors.${field}Missing` });
    else if (!time) refusals.push({ field, key: 'custody-visiting:reports.errors.time' });
  }
  const delayed = !!arrivedAt && !!admittedAt && admittedAt > arrivedAt;
  if (arrivedAt && admittedAt && admittedAt < arrivedAt)
    refusals.push({ field: 'admittedAt', key: 'custody-visiting:reports.errors.admittedBefore' });
  const delayReason = tidy(input.delayReason);
  const delayAuthorisedBy = tidy(input.delayAuthorisedBy);
  if (delayed) {
    if (!delayReason)
      refusals.push({ field: 'delayReason', key: 'custody-visiting:reports.errors.delayReason' });
    else if (delayReason.length > 1000)
      refusals.push({
        field: 'delayReason',
        key: 'custody-visiting:reports.errors.tooLong',
        values: { max: 1000 },
      });
    if (!delayAuthorisedBy)
      refusals.push({
        field: 'delayAuthorisedBy',
        key: 'custody-visiting:reports.errors.delayAuthorisedBy',
      });
    else if (delayAuthorisedBy.length > 200)
      refusals.push({
        field: 'delayAuthorisedBy',
        key: 'custody-visiting:reports.errors.tooLong',
        values: { max: 200 },
      });
  }
  return {
    refusals,
    value: {
      arrivedAt: arrivedAt ?? '',
      admittedAt: admittedAt ?? '',
      delayReason: delayed ? delayReason : null,
      delayAuthorisedBy: delayed ? delayAuthorisedBy : null,
    },
  };
}

/** ICV-07: why a detainee present was not seen. */
export const NOT_SEEN_REASONS = ['asleep', 'interview', 'solicitor', 'declined', 'safety'] as const;
export type NotSeenReason = (typeof NOT_SEEN_REASONS)[number];

/**
 * ICV-05: the only things a report holds about a detainee. A detainee is identified by custody
 * record number only: there is no field for a name, nor for the reason for detention, and
 * anything else a form sends is not read.
 */
export const DETAINEE_FIELDS = [
  'custodyRecordNumber',
  'child',
  'vulnerable',
  'consent',
  'seen',
  'notSeenReason',
  'recordChecked',
  'observations',
  'terrorism',
  'recordingsViewed',
  'recordingsNotes',
] as const;

export type DetaineeInput = Partial<Record<(typeof DETAINEE_FIELDS)[number], string | undefined>>;

export interface DetaineeValue {
  custodyRecordNumber: string;
  child: boolean;
  vulnerable: boolean;
  consent: boolean;
  seen: boolean;
  notSeenReason: NotSeenReason | null;
  recordChecked: boolean;
  observations: string | null;
  terrorism: boolean;
  recordingsViewed: boolean;
  recordingsNotes: string | null;
}

/**
 * ICV-09: visitors may view recordings of interviews of a person detained under terrorism
 * legislation, and of nobody else: for such a detainee they say whether they did; a note on
 * which (never naming anyone) only with a viewing.
 */
export function recordingsRefusals(input: {
  terrorism: boolean;
  recordingsViewed: string | undefined;
  recordingsNotes: string;
}): SaidRefusal[] {
  const said = input.recordingsViewed;
  if (!input.terrorism)
    return said === 'yes'
      ? [
          {
            field: 'recordingsViewed',
            key: 'custody-visiting:reports.errors.recordingsNotTerrorism',
          },
        ]
      : [];
  if (said !== 'yes' && said !== 'no')
    return [
      { field: 'recordingsViewed', key: 'custody-visiting:reports.errors.recordingsMissing' },
    ];
  if (input.recordingsNotes.length > 500)
    return [
      {
        field: 'recordingsNotes',
        key: 'custody-visiting:reports.errors.tooLong',
        values: { max: 500 },
      },
    ];
  return [];
}

/** A custody record number: letters, digits, slashes and hyphens, with a digit ("01CD/1234/26"). */
const CUSTODY_RECORD = /^(?=.*\d)[A-Z0-9][A-Z0-9/-]{2,29}$/;

/**
 * ICV-05: a detainee present: their custody record number (never a name: one without a digit,
 * or with spaces, is refused), whether a child or vulnerable, whether they consented; seen only
 * with consent, and when not seen, why (ICV-07); their custody record read only with consent
 * (ICV-06). Only `DETAINEE_FIELDS` are read.
 */
export function validateDetainee(input: DetaineeInput): {
  refusals: SaidRefusal[];
  value: DetaineeValue;
} {
  const refusals: SaidRefusal[] = [];
  const custodyRecordNumber = tidy(input.custodyRecordNumber).toUpperCase();
  if (!custodyRecordNumber)
    refusals.push({
      field: 'custodyRecordNumber',
      key: 'custody-visiting:reports.errors.recordNumberMissing',
    });
  else if (!CUSTODY_RECORD.test(custodyRecordNumber))
    refusals.push({
      field: 'custodyRecordNumber',
      key: 'custody-visiting:reports.errors.recordNumberForm',
    });
  const consent = input.consent === 'yes';
  if (input.consent !== 'yes' && input.consent !== 'no')
    refusals.push({ field: 'consent', key: 'custody-visiting:reports.errors.consentMissing' });
  const seen = input.seen === 'yes';
  const reason = NOT_SEEN_REASONS.find((r) => r === input.notSeenReason) ?? null;
  if (input.seen !== 'yes' && input.seen !== 'no')
    refusals.push({ field: 'seen', key: 'custody-visiting:reports.errors.seenMissing' });
  else if (seen && input.consent === 'no')
    refusals.push({ field: 'seen', key: 'custody-visiting:reports.errors.seenWithoutConsent' });
  else if (!seen && !reason)
    refusals.push({
      field: 'notSeenReason',
      key: 'custody-visiting:reports.errors.notSeenReasonMissing',
    });
  const recordChecked = input.recordChecked === 'yes';
  if (recordChecked && !consent)
    refusals.push({
      field: 'recordChecked',
      key: 'custody-visiting:reports.errors.recordWithoutConsent',
    });
  const observations = (input.observations ?? '').trim();
  if (observations.length > 2000)
    refusals.push({
      field: 'observations',
      key: 'custody-visiting:reports.errors.tooLong',
      values: { max: 2000 },
    });
  const terrorism = input.terrorism === 'yes';
  const recordingsViewed = terrorism && input.recordingsViewed === 'yes';
  const recordingsNotes = recordingsViewed ? tidy(input.recordingsNotes) : '';
  refusals.push(
    ...recordingsRefusals({
      terrorism,
      recordingsViewed: input.recordingsViewed,
      recordingsNotes,
    }),
  );
  return {
    refusals,
    value: {
      custodyRecordNumber,
      child: input.child === 'yes',
      vulnerable: input.vulnerable === 'yes',
      consent,
      seen,
      notSeenReason: seen ? null : reason,
      recordChecked,
      observations: observations || null,
      terrorism,
      recordingsViewed,
      recordingsNotes: recordingsNotes || null,
    },
  };
}

/** ICV-09: a report is a terrorism report when a detainee it lists is held under that legislation. */
export function isTerrorismReport(detainees: readonly { terrorism: boolean }[]): boolean {
  return detainees.some((d) => d.terrorism);
}

/** ICV-09: to whom a terrorism report is copied when it is sent. */
export const REPORT_COPY_RECIPIENTS = ['authority', 'terrorism_reviewer'] as const;
export type ReportCopyRecipient = (typeof REPORT_COPY_RECIPIENTS)[number];

/**
 * ICV-09: the copies a report records when it is sent: none unless it is a terrorism report;
 * then one to the authority, e-mailed (a link to the report, which the authority's staff read in
 * Bridge) when its address is set, and one to the Independent Reviewer of Terrorism Legislation,
 * who is outside Bridge and cannot open a link to it: that copy, and the authority's without an
 * address, await the scheme manager, who sends the report by a secure route and records it.
 */
export function reportCopies(
  detainees: readonly { terrorism: boolean }[],
  authorityEmail: string | null,
): { recipient: ReportCopyRecipient; sentTo: string | null }[] {
  if (!isTerrorismReport(detainees)) return [];
  return [
    { recipient: 'authority', sentTo: authorityEmail },
    { recipient: 'terrorism_reviewer', sentTo: null },
  ];
}

/**
 * ICV-09: a copy sent by hand is recorded once, by whom it went to and the day, which is not
 * before the report was sent nor after today.
 */
export function copySentRefusals(input: {
  awaiting: boolean;
  sentTo: string;
  sentOn: IsoDate | null;
  reportSentOn: IsoDate;
  today: IsoDate;
}): SaidRefusal[] {
  if (!input.awaiting)
    return [{ field: 'sentTo', key: 'custody-visiting:reports.errors.copyRecorded' }];
  const refusals: SaidRefusal[] = [];
  if (!input.sentTo)
    refusals.push({ field: 'sentTo', key: 'custody-visiting:reports.errors.copySentToMissing' });
  else if (input.sentTo.length > 200)
    refusals.push({
      field: 'sentTo',
      key: 'custody-visiting:reports.errors.tooLong',
      values: { max: 200 },
    });
  if (input.sentOn && (input.sentOn < input.reportSentOn || input.sentOn > input.today))
    refusals.push({ field: 'sentOn-day', key: 'custody-visiting:reports.errors.copyDate' });
  return refusals;
}

/** ICV-05: children first, then vulnerable detainees, then the rest, each by record number. */
export function detaineesInOrder<
  D extends { child: boolean; vulnerable: boolean; custodyRecordNumber: string },
>(detainees: readonly D[]): D[] {
  const rank = (d: D) => (d.child ? 0 : d.vulnerable ? 1 : 2);
  return [...detainees].sort(
    (a, b) => rank(a) - rank(b) || a.custodyRecordNumber.localeCompare(b.custodyRecordNumber, 'en'),
  );
}

/** ICV-06: what is checked at every visit, each found satisfactory or with concerns. */
export const REPORT_CHECKS = ['rights', 'health', 'cells'] as const;
export type ReportCheck = (typeof REPORT_CHECKS)[number];
export type CheckFinding = 'satisfactory' | 'concerns';

export type ChecksInput = Partial<
  Record<
    | `${ReportCheck}Check`
    | `${ReportCheck}Notes`
    | 'detaineesPresent'
    | 'conditions'
    | 'issuesRaised'
    | 'actionTaken'
    | 'followUp',
    string | undefined
  >
>;

export interface ChecksValue {
  rightsCheck: CheckFinding;
  rightsNotes: string | null;
  healthCheck: CheckFinding;
  healthNotes: string | null;
  cellsCheck: CheckFinding;
  cellsNotes: string | null;
  detaineesPresent: number;
  conditions: string;
  issuesRaised: string | null;
  actionTaken: string | null;
  followUp: string | null;
}

/**
 * ICV-06, ICV-07: the checks of the visit (rights and entitlements, health and welfare, cells
 * and facilities: each satisfactory or with concerns, which are described), how many detainees
 * were present, the conditions seen, the issues raised on the spot and what was done (an issue
 * needs what was done), and matters for follow-up.
 */
export function validateChecks(input: ChecksInput): {
  refusals: SaidRefusal[];
  value: ChecksValue;
} {
  const refusals: SaidRefusal[] = [];
  const text = (field: keyof ChecksInput, max = 2000) => {
    const value = (input[field] ?? '').trim();
    if (value.length > max)
      refusals.push({ field, key: 'custody-visiting:reports.errors.tooLong', values: { max } });
    return value;
  };
  const findings = {} as Record<ReportCheck, CheckFinding>;
  const notes = {} as Record<ReportCheck, string | null>;
  for (const check of REPORT_CHECKS) {
    const finding = input[`${check}Check`];
    const note = text(`${check}Notes`);
    if (finding !== 'satisfactory' && finding !== 'concerns')
      refusals.push({
        field: `${check}Check`,
        key: `custody-visiting:reports.errors.checkMissing`,
        values: { check: { key: `custody-visiting:reports.checks.${check}.name`, lower: true } },
      });
    else if (finding === 'concerns' && !note)
      refusals.push({
        field: `${check}Notes`,
        key: 'custody-visiting:reports.errors.concernsNotes',
        values: { check: { key: `custody-visiting:reports.checks.${check}.name`, lower: true } },
      });
    findings[check] = finding === 'concerns' ? 'concerns' : 'satisfactory';
    notes[check] = note || null;
  }
  const presentText = tidy(input.detaineesPresent);
  const detaineesPresent = /^\d{1,3}$/.test(presentText) ? Number(presentText) : NaN;
  if (!presentText)
    refusals.push({
      field: 'detaineesPresent',
      key: 'custody-visiting:reports.errors.presentMissing',
    });
  else if (Number.isNaN(detaineesPresent))
    refusals.push({
      field: 'detaineesPresent',
      key: 'custody-visiting:reports.errors.presentNumber',
    });
  const conditions = text('conditions');
  if (!conditions)
    refusals.push({
      field: 'conditions',
      key: 'custody-visiting:reports.errors.conditionsMissing',
    });
  const issuesRaised = text('issuesRaised');
  const actionTaken = text('actionTaken');
  if (issuesRaised && !actionTaken)
    refusals.push({ field: 'actionTaken', key: 'custody-visiting:reports.errors.actionMissing' });
  const followUp = text('followUp');
  return {
    refusals,
    value: {
      rightsCheck: findings.rights,
      rightsNotes: notes.rights,
      healthCheck: findings.health,
      healthNotes: notes.health,
      cellsCheck: findings.cells,
      cellsNotes: notes.cells,
      detaineesPresent: Number.isNaN(detaineesPresent) ? 0 : detaineesPresent,
      conditions,
      issuesRaised: issuesRaised || null,
      actionTaken: actionTaken || null,
      followUp: followUp || null,
    },
  };
}

/** What a report holds that decides whether it is complete and who reads it. */
export interface ReportState {
  status: 'draft' | 'submitted';
  firstVisitorId: string;
  secondVisitorId: string;
  suiteId: string;
  /** When the checks of ICV-06 were recorded; null while they are not. */
  checksRecordedAt: Date | null;
  detaineesPresent: number | null;
  firstConfirmedAt: Date | null;
  secondConfirmedAt: Date | null;
}

/**
 * ICV-07: the parts a report must have before it is confirmed: the checks, conditions and
 * detainees present recorded, and each detainee present listed (seen, or not seen with why).
 * The date, suite, visitors and times are given when it is begun. Empty when complete.
 */
export function missingParts(report: ReportState, detaineesListed: number): Said[] {
  const missing: Said[] = [];
  if (!report.checksRecordedAt || report.detaineesPresent === null)
    missing.push({ key: 'custody-visiting:reports.missing.checks' });
  else if (detaineesListed !== report.detaineesPresent)
    missing.push({
      key: 'custody-visiting:reports.missing.detainees',
      values: { present: report.detaineesPresent, listed: detaineesListed },
    });
  return missing;
}

/** Which of the report's two visitors this is, if either. */
export function visitorRole(
  report: ReportState,
  visitorId: string | null,
): 'first' | 'second' | null {
  if (!visitorId) return null;
  if (report.firstVisitorId === visitorId) return 'first';
  if (report.secondVisitorId === visitorId) return 'second';
  return null;
}

/**
 * ICV-07: a visitor of the report confirms it, once it is complete; it is sent (submitted)
 * when both have. A sent report is not confirmed again.
 */
export function confirmationRefusal(
  report: ReportState,
  visitorId: string | null,
  detaineesListed: number,
): Said | null {
  const who = visitorRole(report, visitorId);
  if (!who) return { key: 'custody-visiting:reports.errors.notYourReport' };
  if (report.status === 'submitted') return { key: 'custody-visiting:reports.errors.sent' };
  const missing = missingParts(report, detaineesListed);
  if (missing.length) return missing[0]!;
  return null;
}

/**
 * ICV-07: a draft is read by its two visitors only; once both have confirmed it and it is sent,
 * it goes to the custody inspector of its suite and the scheme manager (the police see it only
 * after the visit is reported), and is read by the coordinator of the panel whose visitors made
 * it (the panel of its suite's area). Nobody else reads it.
 */
export function seesReport(
  reach: SchemeReach,
  visitorId: string | null,
  report: Pick<ReportState, 'status' | 'firstVisitorId' | 'secondVisitorId' | 'suiteId'> & {
    panelId: string;
  },
): boolean {
  if (visitorId && (report.firstVisitorId === visitorId || report.secondVisitorId === visitorId))
    return true;
  if (report.status !== 'submitted') return false;
  return (
    reach.manager ||
    reach.suiteIds.includes(report.suiteId) ||
    reach.panelIds.includes(report.panelId)
  );
}

/**
 * ICV-03, ICV-07: a visit on the rota its pair may begin the report of: not missed, its fixed
 * day (or, unfixed, its week) come by today, and not reported already.
 */
export function visitReportable(
  visit: { status: 'planned' | 'made' | 'missed'; weekStarting: IsoDate; visitOn: IsoDate | null },
  reported: boolean,
  today: IsoDate,
): boolean {
  return visit.status !== 'missed' && !reported && (visit.visitOn ?? visit.weekStarting) <= today;
}

/**
 * ICV-03, ICV-07: a report begun from a visit on the rota reports that visit: its day is a day
 * of the visit's week, so the visit it marks made is counted in its own week and quarter.
 */
export function visitDayRefusal(visitedOn: IsoDate, weekStarting: IsoDate): SaidRefusal | null {
  const lastDay = addCalendarDays(weekStarting, 6);
  if (visitedOn >= weekStarting && visitedOn <= lastDay) return null;
  return {
    field: 'visitedOn-day',
    key: 'custody-visiting:reports.errors.notInVisitWeek',
    values: { from: { date: weekStarting }, to: { date: lastDay } },
  };
}

/** ICV-04: a report's admission was delayed (the measure ICV-10 counts). */
export function admissionDelayed(report: { arrivedAt: string; admittedAt: string }): boolean {
  return report.admittedAt > report.arrivedAt;
}
