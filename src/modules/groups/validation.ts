/** Checks what people type into the groups forms, naming each bad field. */
import type { FieldError } from '../../platform/errors.js';
import type { Translate } from '../../platform/i18n/messages.js';
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

export function validateGroup(
  t: Translate,
  input: Input,
): { errors: FieldError[]; value: GroupValues } {
  const errors: FieldError[] = [];
  const refuse = (field: string, key: string) =>
    errors.push({ field, message: t(`groups:register.form.error.${key}`) });
  const name = text(input.name);
  if (!name) refuse('name', 'name');
  tooLong(t, errors, 'name', t('groups:register.form.name'), name, 150);
  const type = text(input.type);
  if (!type || !(GROUP_TYPES as readonly string[]).includes(type)) refuse('type', 'type');
  const status = text(input.status) ?? 'active';
  if (!(GROUP_STATUSES as readonly string[]).includes(status)) refuse('status', 'status');
  const ownerId = text(input.ownerId);
  if (ownerId && !isUuid(ownerId)) refuse('ownerId', 'owner');
  const parentGroupId = text(input.parentGroupId);
  if (parentGroupId && !isUuid(parentGroupId)) refuse('parentGroupId', 'parent');
  const purpose = text(input.purpose);
  if (!purpose) refuse('purpose', 'purpose');
  tooLong(t, errors, 'purpose', t('groups:register.form.purpose'), purpose, 2000);
  const focus = text(input.focus);
  tooLong(t, errors, 'focus', t('groups:register.group.focus'), focus, 200);
  const interval = Number(text(input.meetingIntervalMonths));
  if (!(MEETING_INTERVALS as readonly number[]).includes(interval))
    refuse('meetingIntervalMonths', 'interval');
  const age = (field: 'minAge' | 'maxAge') => {
    const raw = text(input[field]);
    if (!raw) return null;
    if (!/^\d{1,3}$/.test(raw) || Number(raw) > 120) {
      refuse(field, field);
      return null;
    }
    return Number(raw);
  };
  const minAge = age('minAge');
  const maxAge = age('maxAge');
  if (minAge !== null && maxAge !== null && minAge > maxAge) refuse('maxAge', 'agesOrder');
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

/**
 * A new version of a document (terms of reference, a guide): its text, what changed, and when
 * it was agreed. `words` names the catalogue keys of the text's refusal and name, and the date's.
 */
export function validateDocumentVersion(
  t: Translate,
  input: Input,
  words: { missing: string; name: string; agreedOn: string; max: number },
) {
  const errors: FieldError[] = [];
  const body = text(input.body);
  if (!body) errors.push({ field: 'body', message: t(words.missing) });
  tooLong(t, errors, 'body', t(words.name), body, words.max);
  const changeSummary = text(input.changeSummary);
  const changed = t('groups:register.torForm.error.changeSummary');
  tooLong(t, errors, 'changeSummary', changed, changeSummary, 500);
  const agreedOn = dateField(t, input, 'agreedOn', t(words.agreedOn), errors);
  return { errors, value: { body: body ?? '', changeSummary, agreedOn: agreedOn ?? '' } };
}

export function validateTermsOfReference(t: Translate, input: Input) {
  return validateDocumentVersion(t, input, {
    missing: 'groups:register.torForm.error.body',
    name: 'groups:common.termsOfReference',
    agreedOn: 'groups:register.torForm.error.agreedOn',
    max: 50_000,
  });
}

export const LEAVING_STATUSES = ['ended', 'resigned', 'withdrawn'] as const;
export type LeavingStatus = (typeof LEAVING_STATUSES)[number];

export function validateLeaving(t: Translate, input: Input) {
  const errors: FieldError[] = [];
  const status = text(input.status);
  if (!status || !(LEAVING_STATUSES as readonly string[]).includes(status))
    errors.push({ field: 'status', message: t('groups:memberships.end.error.status') });
  const leftOn = dateField(t, input, 'leftOn', t('groups:memberships.end.error.leftOn'), errors);
  const reason = text(input.reason);
  if (status === 'withdrawn' && !reason)
    errors.push({ field: 'reason', message: t('groups:memberships.end.error.reason') });
  tooLong(t, errors, 'reason', t('groups:memberships.end.error.reasonLabel'), reason, 1000);
  return { errors, value: { status: status as LeavingStatus, leftOn: leftOn ?? '', reason } };
}

export function validateElection(t: Translate, input: Input) {
  const errors: FieldError[] = [];
  // Each field's refusal when empty, and its name when too long.
  const error = (key: string) => t(`groups:elections.form.error.${key}`);
  const required = (field: string, max: number) => {
    const value = text(input[field]);
    if (!value) errors.push({ field, message: error(field) });
    tooLong(t, errors, field, error(`${field}Label`), value, max);
    return value ?? '';
  };
  const heldOn = dateField(t, input, 'heldOn', error('heldOn'), errors);
  const adjudicatorName = required('adjudicatorName', 200);
  const adjudicatorOrganisation = text(input.adjudicatorOrganisation);
  tooLong(
    t,
    errors,
    'adjudicatorOrganisation',
    error('organisationLabel'),
    adjudicatorOrganisation,
    200,
  );
  const agreedByChairs = required('agreedByChairs', 300);
  const agreedByPolice = required('agreedByPolice', 300);
  const list = (v: string | string[] | undefined) => [
    ...new Set(checkedValues(v).filter((id) => isUuid(id))),
  ];
  const candidates = list(input.candidates);
  const elected = list(input.elected);
  if (candidates.length === 0) errors.push({ field: 'candidates', message: error('candidates') });
  if (elected.some((id) => !candidates.includes(id)))
    errors.push({ field: 'elected', message: error('elected') });
  const notes = text(input.notes);
  tooLong(t, errors, 'notes', error('notesLabel'), notes, 2000);
  return {
    errors,
    value: {
      heldOn: heldOn ?? '',
      adjudicatorName,
      adjudicatorOrganisation,
      agreedByChairs,
      agreedByPolice,
      candidates,
      elected,
      notes,
    },
  };
}
