/**
 * CON-06: the links a panel member is e-mailed, and the e-mails' shared ending. The leave link's
 * token is a keyed hash of the member's id under Bridge's secret: every e-mail carries the same
 * working link, and only the token's hash is kept (to find the member by it).
 */
import { createHmac } from 'node:crypto';
import { hashToken } from '../../../platform/auth/credentials.js';
import type { Translate } from '../../../platform/i18n/messages.js';
import { panelPaths } from './paths.js';

export interface PanelLinks {
  /** The member's leave token (never stored) and its hash (stored). */
  leaveToken(memberId: string): string;
  leaveTokenHash(memberId: string): string;
  leaveUrl(memberId: string): string;
  stayUrl(memberId: string): string;
  confirmUrl(token: string): string;
  /** The words every panel e-mail ends with: how to leave, by one link. */
  leaveFooter(t: Translate, memberId: string): string;
}

export function panelLinks(secret: string, publicUrl: string): PanelLinks {
  const leaveToken = (memberId: string) =>
    createHmac('sha256', secret).update(`consultation-panel-leave:${memberId}`).digest('base64url');
  const leaveUrl = (memberId: string) => `${publicUrl}${panelPaths.leave(leaveToken(memberId))}`;
  return {
    leaveToken,
    leaveTokenHash: (memberId) => hashToken(leaveToken(memberId)),
    leaveUrl,
    stayUrl: (memberId) => `${publicUrl}${panelPaths.stay(leaveToken(memberId))}`,
    confirmUrl: (token) => `${publicUrl}${panelPaths.confirm(token)}`,
    leaveFooter: (t, memberId) =>
      t('consultation:panel.mail.leaveFooter', { leaveUrl: leaveUrl(memberId) }),
  };
}
