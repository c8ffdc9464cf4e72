/**
 * CDRP-01, on a timer: each entry of the register that has gone stale (not confirmed for the
 * set months) is chased once: its borough's partnership officers are e-mailed to confirm it, or,
 * when the borough has none, the authority's officers. The chase is recorded under a unique key
 * (the entry and the confirmation that went stale) in the transaction that queues the e-mail, so
 * it is sent once, across restarts and on several instances at once; confirming the entry again
 * starts a new staleness, chased in its turn. Each batch is audited.
 */
import { and, asc, eq, inArray, lt, notExists, sql } from 'drizzle-orm';
import { recordAudit } from '../../platform/audit/service.js';
import { SYSTEM_ACTOR } from '../../platform/auth/principal.js';
import { roleAssignments, users } from '../../platform/auth/schema.js';
import { activeRoleHolders } from '../../platform/auth/users-service.js';
import { startOfLondonDay, todayInLondon, toLondonDate } from '../../platform/calendar/index.js';
import type { Db } from '../../platform/db/database.js';
import { formatDate } from '../../platform/i18n/dates.js';
import type { Translate } from '../../platform/i18n/messages.js';
import type { MailService } from '../../platform/mail/service.js';
import type { DirectoryApi } from '../directory/index.js';
import { partnershipPaths as paths } from './paths.js';
import { staleCutoffDay } from './rules.js';
import { partnershipStaleReminders as reminders, partnerships } from './schema.js';

export type StaleRemindersService = ReturnType<typeof createStaleRemindersService>;

export function createStaleRemindersService(deps: {
  db: Db;
  directory: DirectoryApi;
  mail: MailService;
  now: () => Date;
  t: Translate;
  publicUrl: string;
  staleMonths: number;
}) {
  const { db, directory, mail, now, t, publicUrl, staleMonths } = deps;
  return {
    /** Chases the entries newly stale, each once; returns how many were chased. */
    async sendReminders(batch = 100): Promise<number> {
      const at = now();
      const cutoff = startOfLondonDay(staleCutoffDay(todayInLondon(at), staleMonths));
      return db.transaction(async (tx) => {
        const stale = await tx
          .select({
            id: partnerships.id,
            boroughId: partnerships.boroughId,
            name: partnerships.name,
            borough: directory.organisationNameSql(partnerships.boroughId),
            confirmedAt: partnerships.confirmedAt,
          })
          .from(partnerships)
          .where(
            and(
              lt(partnerships.confirmedAt, cutoff),
              notExists(
                tx
                  .select({ one: sql`1` })
                  .from(reminders)
                  .where(
                    and(
                      eq(reminders.partnershipId, partnerships.id),
                      eq(reminders.confirmedAt, partnerships.confirmedAt),
                    ),
                  ),
              ),
            ),
          )
          .orderBy(asc(partnerships.confirmedAt), asc(partnerships.id))
          .limit(batch);
        if (!stale.length) return 0;
        // Every borough's partnership officers in one query; the authority's officers besides.
        const officers = await tx
          .selectDistinct({ boroughId: roleAssignments.scopeId, email: users.email })
          .from(roleAssignments)
          .innerJoin(users, eq(users.id, roleAssignments.userId))
          .where(
            and(
              eq(roleAssignments.role, 'partnership_officer'),
              eq(roleAssignments.scopeType, 'borough'),
              inArray(
                roleAssignments.scopeId,
                stale.map((s) => s.boroughId),
              ),
              eq(users.status, 'active'),
            ),
          );
        const authority = (await activeRoleHolders(tx, 'authority_officer')).map((a) => a.email);
        const toOf = (boroughId: string) => {
          const own = officers.filter((o) => o.boroughId === boroughId).map((o) => o.email);
          return [...new Set(own.length ? own : authority)];
        };
        // Nobody to tell: left unrecorded, so the chase goes to the first one appointed.
        const told = stale.filter((s) => toOf(s.boroughId).length);
        if (!told.length) return 0;
        const claimed = await tx
          .insert(reminders)
          .values(
            [...told]
              .sort((a, b) => a.id.localeCompare(b.id))
              .map((s) => ({ partnershipId: s.id, confirmedAt: s.confirmedAt, sentAt: at })),
          )
          .onConflictDoNothing()
          .returning({ id: reminders.partnershipId });
        const ids = new Set(claimed.map((c) => c.id));
        const chased = told.filter((s) => ids.has(s.id));
        await mail.queueMany(
          tx,
          chased.flatMap((s) => {
            const values = {
              name: s.name,
              borough: s.borough ?? '',
              confirmed: formatDate(t, toLondonDate(s.confirmedAt)),
              months: staleMonths,
              link: `${publicUrl}${paths.entry(s.id)}`,
            };
            const subject = t('partnerships:reminders.subject', values);
            const text = t('partnerships:reminders.text', values);
            return toOf(s.boroughId).map((to) => ({ to, subject, text }));
          }),
        );
        if (chased.length)
          await recordAudit(tx, SYSTEM_ACTOR, {
            action: 'partnership.stale-reminder-sent',
            recordType: 'partnership',
            recordId: 'batch',
            after: { partnerships: chased.map((s) => s.id) },
          });
        return chased.length;
      });
    },
  };
}
