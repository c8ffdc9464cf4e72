/**
 * IAG-08: requests past their targets are escalated by e-mail, once each; a job runs it on a
 * schedule.
 */
import { and, asc, eq, inArray, isNotNull, isNull, sql } from 'drizzle-orm';
import { activeRoleHolders } from '../../../platform/auth/users-service.js';
import { advicePaths as paths } from '../paths.js';
import { waitedWords } from '../presenter.js';
import { nominationOverdue, stageDueAt, triageDueAt, triageOverdue, waitedFor } from '../rules.js';
import { adviceRequestRoutes, adviceRequests, deployments } from '../schema.js';
import type { RequestParts } from './records.js';
import { formatDateTime } from '../../../platform/i18n/dates.js';

export function createEscalationService(parts: RequestParts) {
  const { db, mail, targets, now, t, publicUrl } = parts;
  const { personColumns: people, groupColumns } = parts.lookups;

  return {
    /**
     * IAG-08: e-mails, once each, about requests past their targets: those still waiting for
     * triage go to the strategic engagement team; those passed to a group with nobody nominated
     * go to the group's deployment contact and to CTSET. Safe on several instances at once:
     * rows are claimed with SKIP LOCKED. Returns how many requests were escalated.
     */
    async escalateOverdue(batch = 50): Promise<number> {
      const at = now();
      // Working days are at least calendar days: a cheap bound in SQL, the exact rule after.
      const urgentSince = new Date(at.getTime() - targets.urgentMinutes * 60_000);
      const routineSince = new Date(at.getTime() - targets.routineWorkingDays * 86_400_000);
      const pastBound = (
        column: typeof adviceRequests.submittedAt | typeof adviceRequests.triagedAt,
      ) =>
        sql`((${adviceRequests.urgency} = 'urgent' and ${column} < ${urgentSince}) or ${column} < ${routineSince})`;
      return db.transaction(async (tx) => {
        const ctsetEmails = [
          ...new Set((await activeRoleHolders(tx, 'ctset')).map((u) => u.email)),
        ].filter(Boolean);

        const waiting = (
          await tx
            .select()
            .from(adviceRequests)
            .where(
              and(
                eq(adviceRequests.status, 'awaiting_triage'),
                isNull(adviceRequests.triageEscalatedAt),
                pastBound(adviceRequests.submittedAt),
              ),
            )
            .orderBy(asc(adviceRequests.submittedAt))
            .limit(batch)
            .for('update', { skipLocked: true })
        ).filter((r) => triageOverdue(r, targets, at));

        const routed = await tx
          .select()
          .from(adviceRequests)
          .where(
            and(
              eq(adviceRequests.status, 'routed'),
              isNull(adviceRequests.nominationEscalatedAt),
              pastBound(adviceRequests.triagedAt),
              sql`not exists (select 1 from ${deployments} d where d.request_id = ${adviceRequests.id}
                and d.status in ('nominated', 'accepted'))`,
            ),
          )
          .orderBy(asc(adviceRequests.triagedAt))
          .limit(batch)
          .for('update', { skipLocked: true });
        const unnominated = routed.filter((r) => nominationOverdue(r, 0, targets, at));
        const contactId = groupColumns.deploymentContactId(adviceRequestRoutes.groupId);
        const contacts = unnominated.length
          ? await tx
              .select({
                requestId: adviceRequestRoutes.requestId,
                group: groupColumns.name(adviceRequestRoutes.groupId),
                name: people.name(contactId),
                email: people.email(contactId),
              })
              .from(adviceRequestRoutes)
              .where(
                and(
                  inArray(
                    adviceRequestRoutes.requestId,
                    unnominated.map((r) => r.id),
                  ),
                  isNotNull(contactId),
                ),
              )
          : [];

        const link = (id: string) => `${publicUrl}${paths.request(id)}`;
        await mail.queueMany(tx, [
          ...waiting.flatMap((r) =>
            ctsetEmails.map((to) => ({
              to,
              subject: t('advice:requests.email.triageOverdue.subject', {
                reference: r.reference,
                subject: r.subject,
              }),
              text: t('advice:requests.email.triageOverdue.body', {
                urgency: t(`advice:urgency.${r.urgency}`),
                reference: r.reference,
                waited: waitedWords(t, waitedFor(r.submittedAt, at)),
                due: formatDateTime(t, triageDueAt(r, targets)),
                link: link(r.id),
              }),
            })),
          ),
          ...unnominated.flatMap((r) => {
            const groupContacts = contacts.filter((c) => c.requestId === r.id && c.email);
            const groups = groupContacts.map((c) => c.group).join(t('advice:common.and'));
            const text = t('advice:requests.email.nominationOverdue.body', {
              urgency: t(`advice:urgency.${r.urgency}`),
              reference: r.reference,
              groups: groups || t('advice:requests.email.nominationOverdue.aGroup'),
              waited: waitedWords(t, waitedFor(r.triagedAt!, at)),
              due: formatDateTime(t, stageDueAt(r.urgency, r.triagedAt!, targets)),
              link: link(r.id),
            });
            const subject = t('advice:requests.email.nominationOverdue.subject', {
              reference: r.reference,
              subject: r.subject,
            });
            return [
              ...groupContacts.map((c) => ({ to: c.email!, subject, text })),
              ...ctsetEmails.map((to) => ({ to, subject, text })),
            ];
          }),
        ]);
        if (waiting.length)
          await tx
            .update(adviceRequests)
            .set({ triageEscalatedAt: at })
            .where(
              inArray(
                adviceRequests.id,
                waiting.map((r) => r.id),
              ),
            );
        if (unnominated.length)
          await tx
            .update(adviceRequests)
            .set({ nominationEscalatedAt: at })
            .where(
              inArray(
                adviceRequests.id,
                unnominated.map((r) => r.id),
              ),
            );
        return waiting.length + unnominated.length;
      });
    },
  };
}
