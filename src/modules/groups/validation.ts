/** Checks what people type into the groups forms, naming each bad field. */
import type { FieldError } from '../../platform/errors.js';
import { checkedValues, dateField, text, tooLong } from '../../platform/http/form-fields.js';
import { isUuid } from '../../platform/http/params.js';
import {
  GROUP_STATUSES,
  GROUP_TYPES,
  MEETING_INTERVALS,
  type GroupStatus,
  type GroupType,
  type MeetingInterval,
} from './rules.js';

type Input = Record<string, string | string[] | undefined>;

// The fields every form has live in the platform; the groups forms' own checks follow.
export {
  checkedValues,
  dateField,
  dateParts,
  text,
  tooLong,
} from '../../platform/http/form-fields.js';

export interface GroupValues {
  name: string;
  type: GroupType;
  status: GroupStatus;
  ownerId: string | null;
  parentGroupId: string | null;
  purpose: string;
  focus: string | null;
  meetingIntervalMonths: MeetingInterval;
  minAge: number | null;
  maxAge: number | null;
}

export function validateGroup(input: Input): { errors: FieldError[]; value: GroupValues } {
  const errors: FieldError[] = [];
  const name = text(input.name);
  if (!name) errors.push({ field: 'name', message: 'Enter the name of the group' });
  tooLong(errors, 'name', 'Name', name, 150);
  const type = text(input.type);
  if (!type || !(GROUP_TYPES as readonly string[]).includes(type))
    errors.push({ field: 'type', message: 'Select the type of group' });
  const status = text(input.status) ?? 'active';
  if (!(GROUP_STATUSES as readonly string[]).includes(status))
    errors.push({ field: 'status', message: 'Select the status of the group' });
  const ownerId = text(input.ownerId);
  if (ownerId && !isUuid(ownerId))
    errors.push({ field: 'ownerId', message: 'Select the owner from the list' });
  const parentGroupId = text(input.parentGroupId);
  if (parentGroupId && !isUuid(parentGroupId))
    errors.push({ field: 'parentGroupId', message: 'Select the group from the list' });
  const purpose = text(input.purpose);
  if (!purpose) errors.push({ field: 'purpose', message: 'Enter what the group is for' });
  tooLong(errors, 'purpose', 'Purpose', purpose, 2000);
  const focus = text(input.focus);
  tooLong(errors, 'focus', 'Communities or area of work', focus, 200);
  const interval = Number(text(input.meetingIntervalMonths));
  if (!(MEETING_INTERVALS as readonly number[]).includes(interval))
    errors.push({ field: 'meetingIntervalMonths', message: 'Select how often the group meets' });
  const age = (field: string, label: string) => {
    const raw = text(input[field]);
    if (!raw) return null;
    if (!/^\d{1,3}$/.test(raw) || Number(raw) > 120) {
      errors.push({ field, message: `${label} must be a whole number of years, like 14` });
      return null;
    }
    return Number(raw);
  };
  const minAge = age('minAge', 'Youngest age');
  const maxAge = age('maxAge', 'Oldest age');
  if (minAge !== null && maxAge !== null && minAge > maxAge)
    errors.push({
      field: 'maxAge',
      message: 'Oldest age must be the same as or more than the youngest age',
    });
  return {
    errors,
    value: {
      name: name ?? '',
      type: (type ?? 'borough_iag') as GroupType,
      status: status as GroupStatus,
      ownerId,
      parentGroupId,
      purpose: purpose ?? '',
      focus,
      meetingIntervalMonths: interval as MeetingInterval,
      minAge,
      maxAge,
    },
  };
}

export function validateTermsOfReference(input: Input) {
  const errors: FieldError[] = [];
  const body = text(input.body);
  if (!body) errors.push({ field: 'body', message: 'Enter the terms of reference' });
  tooLong(errors, 'body', 'Terms of reference', body, 50_000);
  const changeSummary = text(input.changeSummary);
  tooLong(errors, 'changeSummary', 'What changed', changeSummary, 500);
  const agreedOn = dateField(input, 'agreedOn', 'the date it was agreed', errors);
  return { errors, value: { body: body ?? '', changeSummary, agreedOn: agreedOn ?? '' } };
}

export const LEAVING_STATUSES = ['ended', 'resigned', 'withdrawn'] as const;
export type LeavingStatus = (typeof LEAVING_STATUSES)[number];

export function validateLeaving(input: Input) {
  const errors: FieldError[] = [];
  const status = text(input.status);
  if (!status || !(LEAVING_STATUSES as readonly string[]).includes(status))
    errors.push({ field: 'status', message: 'Select why the membership is ending' });
  const leftOn = dateField(input, 'leftOn', 'the date the membership ends', errors);
  const reason = text(input.reason);
  if (status === 'withdrawn' && !reason)
    errors.push({ field: 'reason', message: 'Enter the reason the membership was withdrawn' });
  tooLong(errors, 'reason', 'Reason', reason, 1000);
  return { errors, value: { status: status as LeavingStatus, leftOn: leftOn ?? '', reason } };
}

export function validateElection(input: Input) {
  const errors: FieldError[] = [];
  const heldOn = dateField(input, 'heldOn', 'the date of the election', errors);
  const adjudicatorName = text(input.adjudicatorName);
  if (!adjudicatorName)
    errors.push({
      field: 'adjudicatorName',
      message: 'Enter the name of the independent adjudicator',
    });
  tooLong(errors, 'adjudicatorName', 'Adjudicator', adjudicatorName, 200);
  const adjudicatorOrganisation = text(input.adjudicatorOrganisation);
  tooLong(errors, 'adjudicatorOrganisation', 'Organisation', adjudicatorOrganisation, 200);
  const agreedByChairs = text(input.agreedByChairs);
  if (!agreedByChairs)
    errors.push({
      field: 'agreedByChairs',
      message: 'Enter who agreed the adjudicator for the group (the chair or co-chairs in office)',
    });
  tooLong(errors, 'agreedByChairs', 'Agreed for the group by', agreedByChairs, 300);
  const agreedByPolice = text(input.agreedByPolice);
  if (!agreedByPolice)
    errors.push({
      field: 'agreedByPolice',
      message: 'Enter who agreed the adjudicator for the police service',
    });
  tooLong(errors, 'agreedByPolice', 'Agreed for the police service by', agreedByPolice, 300);
  const list = (v: string | string[] | undefined) => [
    ...new Set(checkedValues(v).filter((id) => isUuid(id))),
  ];
  const candidates = list(input.candidates);
  const elected = list(input.elected);
  if (candidates.length === 0)
    errors.push({ field: 'candidates', message: 'Select the candidates who stood' });
  if (elected.some((id) => !candidates.includes(id)))
    errors.push({ field: 'elected', message: 'Only a candidate who stood can be elected' });
  const notes = text(input.notes);
  tooLong(errors, 'notes', 'Notes', notes, 2000);
  return {
    errors,
    value: {
      heldOn: heldOn ?? '',
      adjudicatorName: adjudicatorName ?? '',
      adjudicatorOrganisation,
      agreedByChairs: agreedByChairs ?? '',
      agreedByPolice: agreedByPolice ?? '',
      candidates,
      elected,
      notes,
    },
  };
}
