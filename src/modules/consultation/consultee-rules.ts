/**
 * The consultee database (CON-03) and who was consulted (CON-07). Seed 002 para 21: "the need to
 * use wider channels of consultation than simply consultative groups ... establishing its own
 * consultee database"; para 22: an umbrella body (the London Civic Forum) with "over 900
 * organisations ... including businesses, faith groups ... and the voluntary sector"; para 24:
 * young people. Pure rules: what a consultee, its channels and its consent must be, who may be
 * invited and reminded, and what each chosen consultee's invitation stands at.
 */
import type { IsoDate } from '../../platform/calendar/index.js';
import { isEmailAddress } from '../../platform/http/form-fields.js';
import type { SaidRefusal } from '../../platform/i18n/said.js';
import type { ConsultationPhase } from './rules.js';

export const CONSULTEE_KINDS = ['organisation', 'person'] as const;
export type ConsulteeKind = (typeof CONSULTEE_KINDS)[number];

/** CON-03: the kinds of consultee the seed names, and the tiers Bridge already knows. */
export const CONSULTEE_CATEGORIES = [
  'umbrella_body',
  'faith_group',
  'business',
  'voluntary_sector',
  'young_people',
  'engagement_group',
  'advisory_group',
  'statutory_partner',
  'individual_resident',
  'other',
] as const;
export type ConsulteeCategory = (typeof CONSULTEE_CATEGORIES)[number];

/** CON-03: the channels used to reach consultees. */
export const CHANNEL_KINDS = [
  'email',
  'post',
  'phone',
  'meeting',
  'newsletter',
  'social_media',
] as const;
export type ChannelKind = (typeof CHANNEL_KINDS)[number];

/** How a consultee's consent to be contacted was recorded. */
export const CONSENT_METHODS = ['writing', 'email', 'phone', 'in_person', 'online_form'] as const;
export type ConsentMethod = (typeof CONSENT_METHODS)[number];

const NAME_MAX = 200;
const DETAIL_MAX = 500;
export const REASON_MAX = 500;

const tidy = (value: string | undefined) => (value ?? '').trim().replace(/\s+/g, ' ');
const oneOf = <T extends string>(list: readonly T[], value: string | undefined): T | null =>
  list.includes(value as T) ? (value as T) : null;

export interface ConsulteeInput {
  name?: string | undefined;
  kind?: string | undefined;
  category?: string | undefined;
  parentId?: string | undefined;
  boroughId?: string | undefined;
}

export interface ConsulteeValue {
  name: string;
  kind: ConsulteeKind;
  category: ConsulteeCategory;
  parentId: string | null;
  boroughId: string | null;
}

/**
 * CON-03: a consultee has a name, is a person or an organisation, and has a category. An
 * umbrella body is an organisation and an individual resident a person. A member of an umbrella
 * body is an organisation whose parent is an umbrella body (never itself); its borough, if
 * given, is one of the boroughs.
 */
export function validateConsultee(
  input: ConsulteeInput,
  known: {
    /** The umbrella bodies a consultee may belong to (ids). */
    umbrellaIds: readonly string[];
    boroughIds: readonly string[];
    /** The consultee being changed, if any: it may not be its own parent. */
    selfId?: string;
  },
): { refusals: SaidRefusal[]; value: ConsulteeValue } {
  const refusals: SaidRefusal[] = [];
  const name = tidy(input.name);
  if (!name) refusals.push({ field: 'name', key: 'consultation:consultees.errors.nameMissing' });
  else if (name.length > NAME_MAX)
    refusals.push({
      field: 'name',
      key: 'consultation:consultees.errors.nameTooLong',
      values: { max: NAME_MAX },
    });
  const kind = oneOf(CONSULTEE_KINDS, input.kind);
  if (!kind) refusals.push({ field: 'kind', key: 'consultation:consultees.errors.kindMissing' });
  const category = oneOf(CONSULTEE_CATEGORIES, input.category);
  if (!category)
    refusals.push({ field: 'category', key: 'consultation:consultees.errors.categoryMissing' });
  if (kind === 'person' && category === 'umbrella_body')
    refusals.push({ field: 'kind', key: 'consultation:consultees.errors.umbrellaIsOrganisation' });
  if (kind === 'organisation' && category === 'individual_resident')
    refusals.push({ field: 'kind', key: 'consultation:consultees.errors.residentIsPerson' });
  const parentId = tidy(input.parentId) || null;
  if (parentId) {
    if (parentId === known.selfId || !known.umbrellaIds.includes(parentId))
      refusals.push({ field: 'parentId', key: 'consultation:consultees.errors.parentUnknown' });
    else if (kind === 'person')
      refusals.push({
        field: 'parentId',
        key: 'consultation:consultees.errors.memberIsOrganisation',
      });
    else if (category === 'umbrella_body')
      refusals.push({
        field: 'parentId',
        key: 'consultation:consultees.errors.umbrellaInUmbrella',
      });
  }
  const boroughId = tidy(input.boroughId) || null;
  if (boroughId && !known.boroughIds.includes(boroughId))
    refusals.push({ field: 'boroughId', key: 'consultation:consultees.errors.boroughUnknown' });
  return {
    refusals,
    value: {
      name,
      kind: kind ?? 'organisation',
      category: category ?? 'other',
      parentId,
      boroughId,
    },
  };
}

export interface ChannelValue {
  kind: ChannelKind;
  detail: string;
  preferred: boolean;
}

/**
 * CON-03: the channels that reach a consultee: each kind once, with its address or detail (an
 * e-mail channel a valid address), and one of those given preferred. When only one is given it
 * is the preferred one; none at all is allowed (a consultee not yet reachable).
 */
export function validateChannels(input: Record<string, string | undefined>): {
  refusals: SaidRefusal[];
  channels: ChannelValue[];
} {
  const refusals: SaidRefusal[] = [];
  const given: { kind: ChannelKind; detail: string }[] = [];
  for (const kind of CHANNEL_KINDS) {
    const detail = (input[kind] ?? '').trim();
    if (!detail) continue;
    if (detail.length > DETAIL_MAX)
      refusals.push({
        field: kind,
        key: 'consultation:consultees.errors.detailTooLong',
        values: { max: DETAIL_MAX },
      });
    else if (kind === 'email' && !isEmailAddress(detail))
      refusals.push({ field: kind, key: 'consultation:consultees.errors.emailInvalid' });
    given.push({ kind, detail });
  }
  let preferred = oneOf(CHANNEL_KINDS, input.preferred);
  if (preferred && !given.some((g) => g.kind === preferred))
    refusals.push({ field: 'preferred', key: 'consultation:consultees.errors.preferredEmpty' });
  if (!preferred && given.length === 1) preferred = given[0]!.kind;
  if (!preferred && given.length > 1)
    refusals.push({ field: 'preferred', key: 'consultation:consultees.errors.preferredMissing' });
  return {
    refusals,
    channels: given.map((g) => ({ ...g, preferred: g.kind === preferred })),
  };
}

/**
 * CON-03, DP-03: consent to be contacted: the day it was given (not after today) and how it was
 * recorded.
 */
export function validateConsent(
  input: { method?: string | undefined },
  givenOn: IsoDate | null,
  today: IsoDate,
): { refusals: SaidRefusal[]; method: ConsentMethod | null } {
  const refusals: SaidRefusal[] = [];
  if (givenOn && givenOn > today)
    refusals.push({ field: 'givenOn-day', key: 'consultation:consultees.errors.consentFuture' });
  const method = oneOf(CONSENT_METHODS, input.method);
  if (!method)
    refusals.push({ field: 'method', key: 'consultation:consultees.errors.methodMissing' });
  return { refusals, method };
}

/** CON-07: why a consultee was chosen for a consultation: said, briefly. */
export function reasonRefusal(reason: string): SaidRefusal | null {
  if (!reason.trim())
    return { field: 'reason', key: 'consultation:consultees.errors.reasonMissing' };
  if (reason.trim().length > REASON_MAX)
    return {
      field: 'reason',
      key: 'consultation:consultees.errors.reasonTooLong',
      values: { max: REASON_MAX },
    };
  return null;
}

/** What a consultee's record says about reaching them, as the invitation rules read it. */
export interface Reachable {
  consentGivenOn: IsoDate | null;
  consentWithdrawnAt: Date | null;
  /** The address of their e-mail channel, if they have one. */
  email: string | null;
}

export type NotInvitedReason = 'unsubscribed' | 'noConsent' | 'noEmail';

/**
 * CON-03, CON-07: a chosen consultee is e-mailed an invitation only if they have consented to
 * be contacted, have not withdrawn it (unsubscribed), and have an e-mail channel; otherwise the
 * reason they were left out, which the officer reads.
 */
export function notInvitedReason(consultee: Reachable): NotInvitedReason | null {
  if (consultee.consentWithdrawnAt) return 'unsubscribed';
  if (!consultee.consentGivenOn) return 'noConsent';
  if (!consultee.email) return 'noEmail';
  return null;
}

/**
 * CON-07: invitations go out for a consultation launched and not closed (upcoming or open);
 * a reminder only while it is open.
 */
export function invitationsRefusal(phase: ConsultationPhase): string | null {
  if (phase === 'draft') return 'consultation:consultees.errors.notLaunched';
  if (phase === 'closed') return 'consultation:consultees.errors.closed';
  return null;
}

/**
 * CON-07: an invited consultee is reminded once, while the consultation is open, if they have
 * not responded and have not unsubscribed.
 */
export function reminderDue(
  invitation: { sentAt: Date | null; remindedAt: Date | null },
  responded: boolean,
  unsubscribed: boolean,
  phase: ConsultationPhase,
): boolean {
  return (
    phase === 'open' &&
    invitation.sentAt !== null &&
    invitation.remindedAt === null &&
    !responded &&
    !unsubscribed
  );
}

/** CON-07: a chosen consultee is removed only before their invitation is sent. */
export function removalRefusal(invitationSentAt: Date | null): string | null {
  return invitationSentAt ? 'consultation:consultees.errors.alreadyInvited' : null;
}

export type InvitationState =
  | { state: 'notSent' }
  | { state: 'sent'; on: Date }
  | { state: 'reminded'; on: Date }
  | { state: 'responded' }
  | { state: 'unsubscribed' };

/**
 * CON-07: where a chosen consultee's invitation stands: responded first (their answer counts
 * whatever came after), then unsubscribed, reminded, sent, or not sent.
 */
export function invitationState(row: {
  sentAt: Date | null;
  remindedAt: Date | null;
  responded: boolean;
  unsubscribed: boolean;
}): InvitationState {
  if (row.responded) return { state: 'responded' };
  if (row.unsubscribed) return { state: 'unsubscribed' };
  if (row.remindedAt) return { state: 'reminded', on: row.remindedAt };
  if (row.sentAt) return { state: 'sent', on: row.sentAt };
  return { state: 'notSent' };
}

/**
 * CON-07: how many consultees were consulted, by category, in the categories' order and only
 * those with any: what "you said, we did" shows of who was consulted.
 */
export function countsByCategory(
  rows: readonly { category: ConsulteeCategory; count: number }[],
): { category: ConsulteeCategory; count: number }[] {
  const byCategory = new Map<ConsulteeCategory, number>();
  for (const row of rows)
    byCategory.set(row.category, (byCategory.get(row.category) ?? 0) + row.count);
  return CONSULTEE_CATEGORIES.filter((c) => (byCategory.get(c) ?? 0) > 0).map((category) => ({
    category,
    count: byCategory.get(category)!,
  }));
}
