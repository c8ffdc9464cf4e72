/**
 * The rules of requests for independent advice: how urgent a request is, how long it may wait
 * for the strategic engagement team (CTSET), and where it may be routed. Pure functions, named
 * by rule id.
 */
import {
  londonInstant,
  londonMinutes,
  toLondonDate,
  workingDaysIn,
} from '../../platform/calendar/index.js';

export const URGENCIES = ['urgent', 'routine'] as const;
export type Urgency = (typeof URGENCIES)[number];
export const URGENCY_LABELS: Record<Urgency, string> = {
  urgent: 'Urgent',
  routine: 'Routine',
};

/** Where a request stands. Later stages (nomination, deployment, advice) follow. */
export const REQUEST_STATUSES = ['awaiting_triage', 'routed', 'declined'] as const;
export type RequestStatus = (typeof REQUEST_STATUSES)[number];
export const REQUEST_STATUS_LABELS: Record<RequestStatus, string> = {
  awaiting_triage: 'Waiting for triage',
  routed: 'Passed to a group',
  declined: 'Declined',
};

/** The most advisors one request may ask for. */
export const MAX_ADVISORS_WANTED = 10;

export interface TriageTargets {
  urgentMinutes: number;
  routineWorkingDays: number;
}

const workingDays = workingDaysIn('england-and-wales');

/**
 * IAG-08: when a request should have been triaged by. An urgent one within the urgent target
 * (two hours by default, round the clock); any other within the routine target in working days
 * (five by default), at the same time of day it arrived.
 */
export function triageDueAt(
  request: { urgency: Urgency; submittedAt: Date },
  targets: TriageTargets,
): Date {
  if (request.urgency === 'urgent')
    return new Date(request.submittedAt.getTime() + targets.urgentMinutes * 60_000);
  const day = workingDays.addWorkingDays(
    toLondonDate(request.submittedAt),
    targets.routineWorkingDays,
  );
  return londonInstant(day, londonMinutes(request.submittedAt));
}

/** IAG-08: a request still waiting for triage after it was due is overdue. */
export function triageOverdue(
  request: { status: RequestStatus; urgency: Urgency; submittedAt: Date },
  targets: TriageTargets,
  now: Date,
): boolean {
  return request.status === 'awaiting_triage' && now > triageDueAt(request, targets);
}

/** Only a request waiting for triage may be routed or declined. */
export function checkTriage(status: RequestStatus): string | null {
  if (status === 'awaiting_triage') return null;
  return status === 'declined'
    ? 'The request has been declined'
    : 'The request has already been passed to a group';
}

/**
 * IAG-07, IAG-08: a request is passed to a group's deployment contact, so a group may receive
 * it only while it is working and has a deployment contact named.
 */
export function routingProblem(group: {
  name: string;
  status: string;
  deploymentContactId: string | null;
}): string | null {
  if (group.status !== 'active' && group.status !== 'forming')
    return `${group.name} is not working at present: choose another group`;
  if (!group.deploymentContactId)
    return `${group.name} has no deployment contact: ask the coordination unit to name one (IAG-07)`;
  return null;
}

/** How long something has waited, as a person would say it: '35 minutes', '3 days 2 hours'. */
export function waitedFor(from: Date, now: Date): string {
  const minutes = Math.max(0, Math.floor((now.getTime() - from.getTime()) / 60_000));
  const plural = (n: number, unit: string) => `${n} ${unit}${n === 1 ? '' : 's'}`;
  if (minutes < 60) return plural(minutes, 'minute');
  const hours = Math.floor(minutes / 60);
  if (hours < 24) {
    const rest = minutes % 60;
    return rest ? `${plural(hours, 'hour')} ${plural(rest, 'minute')}` : plural(hours, 'hour');
  }
  const days = Math.floor(hours / 24);
  const rest = hours % 24;
  return rest ? `${plural(days, 'day')} ${plural(rest, 'hour')}` : plural(days, 'day');
}
