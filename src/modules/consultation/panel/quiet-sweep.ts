/**
 * CON-06, DP-03: the panel's sweep. It brings each member's latest answer up to date from the
 * responses to their invitations; asks once, by e-mail, each member gone quiet (sent at least
 * one wave and answered none for config.consultation.panelQuietMonths) whether to stay; and
 * removes sign-ups never confirmed after UNCONFIRMED_DAYS. Safe on two instances at once: a
 * member is asked only by the update that marks them asked.
 */
import { and, eq, inArray, isNotNull, isNull, lt, min, notExists, sql } from 'drizzle-orm';
import { recordAudit } from '../../../platform/audit/service.js';
import { SYSTEM_ACTOR } from '../../../platform/auth/principal.js';
import { todayInLondon } from '../../../platform/calendar/index.js';
import type { Db } from '../../../platform/db/database.js';
import type { Translate } from '../../../platform/i18n/messages.js';
import type { MailService } from '../../../platform/mail/service.js';
import { isQuiet } from '../panel-rules.js';
import { invitations, responses } from '../schema.js';
import type { PanelLinks } from './links.js';
import { panelMembers } from './schema.js';

/** DP-03: a sign-up nobody confirmed is removed after this many days. */
export const UNCONFIRMED_DAYS = 30;

export type PanelSweep = ReturnType<typeof createPanelSweep>;

export function createPanelSweep(deps: {
  db: Db;
  mail: MailService;
  links: PanelLinks;
  now: () => Date;
  t: Translate;
  quietMonths: number;
}) {
  const { db, now, t, links } = deps;
  return {
    async run(): Promise<{ asked: number; removed: number }> {
      return db.transaction(async (tx) => {
        // Latest answers: a submitted response to a member's invitation.
        await tx.execute(sql`
          update ${panelMembers} m set last_answered_at = x.at
          from (
            select i.panel_member_id as member_id, max(r.submitted_at) as at
            from ${invitations} i join ${responses} r on r.invitation_id = i.id
            where i.panel_member_id is not null and r.submitted_at is not null
            group by i.panel_member_id
          ) x
          where m.id = x.member_id and (m.last_answered_at is null or m.last_answered_at < x.at)`);
        const candidates = await tx
          .select({
            id: panelMembers.id,
            lastAnsweredAt: panelMembers.lastAnsweredAt,
            stayedAt: panelMembers.stayedAt,
            askedToStayAt: panelMembers.askedToStayAt,
            leftAt: panelMembers.leftAt,
            firstInvitedAt: min(invitations.sentAt),
          })
          .from(panelMembers)
          .innerJoin(invitations, eq(invitations.panelMemberId, panelMembers.id))
          .where(
            and(
              isNotNull(panelMembers.confirmedAt),
              isNull(panelMembers.leftAt),
              isNull(panelMembers.askedToStayAt),
            ),
          )
          .groupBy(panelMembers.id);
        const today = todayInLondon(now());
        const quiet = candidates
          .filter((c) => isQuiet(c, today, deps.quietMonths))
          .map((c) => c.id);
        const asked = quiet.length
          ? await tx
              .update(panelMembers)
              .set({ askedToStayAt: now() })
              .where(and(inArray(panelMembers.id, quiet), isNull(panelMembers.askedToStayAt)))
              .returning({ id: panelMembers.id, email: panelMembers.email })
          : [];
        await deps.mail.queueMany(
          tx,
          asked
            .filter((m) => m.email)
            .map((m) => ({
              to: m.email!,
              subject: t('consultation:panel.mail.staySubject'),
              text: `${t('consultation:panel.mail.stayText', {
                months: deps.quietMonths,
                stayUrl: links.stayUrl(m.id),
              })}\n\n${links.leaveFooter(t, m.id)}`,
            })),
        );
        const cutoff = new Date(now().getTime() - UNCONFIRMED_DAYS * 86_400_000);
        const removed = await tx
          .delete(panelMembers)
          .where(
            and(
              isNull(panelMembers.confirmedAt),
              lt(panelMembers.createdAt, cutoff),
              notExists(
                tx
                  .select({ id: invitations.id })
                  .from(invitations)
                  .where(eq(invitations.panelMemberId, panelMembers.id)),
              ),
            ),
          )
          .returning({ id: panelMembers.id });
        if (asked.length || removed.length)
          await recordAudit(tx, SYSTEM_ACTOR, {
            action: 'consultation-panel.swept',
            recordType: 'consultation-panel',
            recordId: 'panel',
            after: { askedToStay: asked.length, unconfirmedRemoved: removed.length },
          });
        return { asked: asked.length, removed: removed.length };
      });
    },
  };
}
