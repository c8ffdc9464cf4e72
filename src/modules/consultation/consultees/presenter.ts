/** What the consultee pages show: labels of categories, kinds, channels and consent, in words. */
import { todayInLondon } from '../../../platform/calendar/index.js';
import { formatDate } from '../../../platform/i18n/dates.js';
import type { Translate } from '../../../platform/i18n/messages.js';
import {
  CHANNEL_KINDS,
  CONSENT_METHODS,
  CONSULTEE_CATEGORIES,
  CONSULTEE_KINDS,
  type ChannelKind,
  type InvitationState,
  type NotInvitedReason,
} from '../consultee-rules.js';
import { consulteePaths } from './paths.js';

export const categoryItems = (t: Translate, selected: string) =>
  CONSULTEE_CATEGORIES.map((c) => ({
    value: c,
    text: t(`consultation:consultees.categories.${c}`),
    selected: c === selected,
  }));

export const kindItems = (t: Translate, checked: string) =>
  CONSULTEE_KINDS.map((k) => ({
    value: k,
    text: t(`consultation:consultees.kind.${k}`),
    checked: k === checked,
  }));

export const methodItems = (t: Translate, checked: string) =>
  CONSENT_METHODS.map((m) => ({
    value: m,
    text: t(`consultation:consultees.method.${m}`),
    checked: m === checked,
  }));

/** Every kind of channel in order, with the consultee's detail of it, if any. */
export function channelRows(
  t: Translate,
  channels: readonly { kind: ChannelKind; detail: string; preferred: boolean }[],
) {
  return CHANNEL_KINDS.map((kind) => {
    const found = channels.find((c) => c.kind === kind);
    return {
      kind,
      label: t(`consultation:consultees.channel.${kind}`),
      detail: found?.detail ?? null,
      preferred: found?.preferred ?? false,
    };
  });
}

/** CON-03: a consultee's consent in words: given (when, how), withdrawn, or not recorded. */
export function consentWords(
  t: Translate,
  c: {
    consentGivenOn: string | null;
    consentMethod?: string | null;
    consentWithdrawnAt: Date | null;
  },
): string {
  if (c.consentWithdrawnAt)
    return t('consultation:consultees.consentState.withdrawn', {
      date: formatDate(t, todayInLondon(c.consentWithdrawnAt)),
    });
  if (!c.consentGivenOn) return t('consultation:consultees.consentState.none');
  return c.consentMethod
    ? t('consultation:consultees.consentState.givenHow', {
        date: formatDate(t, c.consentGivenOn),
        how: t(`consultation:consultees.method.${c.consentMethod}`),
      })
    : t('consultation:consultees.consentState.given', { date: formatDate(t, c.consentGivenOn) });
}

/** CON-07: where a chosen consultee's invitation stands, and why one left out was. */
export function invitationWords(
  t: Translate,
  state: InvitationState,
  leftOut: NotInvitedReason | null,
): string {
  switch (state.state) {
    case 'responded':
      return t('consultation:consultees.state.responded');
    case 'unsubscribed':
      return t('consultation:consultees.state.unsubscribed');
    case 'reminded':
      return t('consultation:consultees.state.reminded', {
        date: formatDate(t, todayInLondon(state.on)),
      });
    case 'sent':
      return t('consultation:consultees.state.sent', {
        date: formatDate(t, todayInLondon(state.on)),
      });
    default:
      return leftOut
        ? t('consultation:consultees.state.notSentBecause', {
            reason: t(`consultation:consultees.leftOut.${leftOut}`),
          })
        : t('consultation:consultees.state.notSent');
  }
}

/** A consultation a consultee was chosen for, linked to its consultees page. */
export const withChoice = <C extends { id: string }>(c: C) => ({
  ...c,
  href: consulteePaths.chosen(c.id),
});
