/** What the register's pages show of a group, worked out from its records. */
import type { IsoDate } from '../../../platform/calendar/index.js';
import type { Group } from '../access.js';
import { MEMBERSHIP_STATUS_LABELS } from '../memberships/presenter.js';
import { groupPaths } from '../paths.js';
import {
  GROUP_TYPE_LABELS,
  type GroupStatus,
  type GroupType,
  type MeetingInterval,
} from '../rules.js';
import { groupElection } from '../elections/rules.js';

/** IAG-21: what the register and the group page say of the next election. */
export function electionFields(type: GroupType, lastElection: IsoDate | null, day: IsoDate) {
  const election = groupElection(type, lastElection, day);
  return { nextElectionDue: election?.due ?? null, electionOverdue: election?.overdue ?? false };
}

export const GROUP_STATUS_LABELS: Record<GroupStatus, string> = {
  forming: 'Being set up',
  active: 'Active',
  suspended: 'Suspended',
  closed: 'Closed',
};

export const MEETING_INTERVAL_LABELS: Record<MeetingInterval, string> = {
  1: 'Monthly',
  2: 'Every two months',
  3: 'Quarterly',
  4: 'Every four months',
  6: 'Twice a year',
  12: 'Once a year',
};

export const home = { text: 'Home', href: '/' };
export const groupsCrumb = { text: 'Advisory groups', href: groupPaths.list };
export const groupCrumb = (g: { id: string; name: string }) => ({
  text: g.name,
  href: groupPaths.group(g.id),
});

/** The labels the groups' pages show for a group's type, status and meetings, and memberships. */
export const groupLabels = {
  types: GROUP_TYPE_LABELS,
  statuses: GROUP_STATUS_LABELS,
  intervals: MEETING_INTERVAL_LABELS,
  membership: MEMBERSHIP_STATUS_LABELS,
};

/** A group as its form shows it to be changed. */
export function groupFormValues(g: Group): Record<string, string> {
  return {
    name: g.name,
    type: g.type,
    status: g.status,
    ownerId: g.ownerId ?? '',
    parentGroupId: g.parentGroupId ?? '',
    purpose: g.purpose,
    focus: g.focus ?? '',
    meetingIntervalMonths: String(g.meetingIntervalMonths),
    minAge: g.minAge === null ? '' : String(g.minAge),
    maxAge: g.maxAge === null ? '' : String(g.maxAge),
    version: String(g.version),
  };
}
