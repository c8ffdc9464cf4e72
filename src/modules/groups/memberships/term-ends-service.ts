/** IAG-18, on a timer: members told six months before their term ends, and ended terms closed. */
import { and, eq, inArray, isNull, sql } from 'drizzle-orm';
import { recordAudit } from '../../../platform/audit/service.js';
import { SYSTEM_ACTOR } from '../../../platform/auth/principal.js';
import { addCalendarMonths, todayInLondon } from '../../../platform/calendar/index.js';
import type { Executor } from '../../../platform/db/database.js';
import { TERM_END_NOTICE_MONTHS } from '../rules.js';
import { advisoryGroups, memberships, reappointments } from '../schema.js';
import type { GroupsServiceDeps } from '../access.js';
import type { Terms } from './terms.js';
import { formatDate } from '../../../platform/i18n/dates.js';

export function createTermEndsService(deps: GroupsServiceDeps & { terms: Terms }) {
  const { db, directory, t } = deps;
  const now = deps.now ?? (() => new Date());
  const today = () => todayInLondon(now());
  const personNames = (executor: Executor, ids: readonly string[]) =>
    directory.lookups.people(executor, ids);
  const { startSecondTerm } = deps.terms;

  return {
    /**
     * Tells each member whose term ends within six months, once. Safe on several instances at
     * once: rows are claimed with SKIP LOCKED. Returns how many were told.
     */
    async sendTermEndNotices(batch = 100): Promise<number> {
      const day = today();
      const horizon = addCalendarMonths(day, TERM_END_NOTICE_MONTHS);
      return db.transaction(async (tx) => {
        const due = await tx
          .select({
            id: memberships.id,
            personId: memberships.personId,
            endsOn: memberships.endsOn,
            groupName: advisoryGroups.name,
          })
          .from(memberships)
          .innerJoin(advisoryGroups, eq(advisoryGroups.id, memberships.groupId))
          .where(
            and(
              eq(memberships.status, 'current'),
              isNull(memberships.endNoticeSentAt),
              sql`${memberships.endsOn} <= ${horizon}`,
              sql`${memberships.endsOn} > ${day}`,
              // A member whose second term is agreed is not leaving.
              sql`not exists (select 1 from ${reappointments} r where r.membership_id = ${memberships.id} and r.status = 'agreed')`,
            ),
          )
          .limit(batch)
          .for('update', { of: memberships, skipLocked: true });
        if (due.length === 0) return 0;
        const people = await personNames(
          tx,
          due.map((d) => d.personId),
        );
        for (const d of due) {
          const person = people.get(d.personId);
          if (!person?.email) continue;
          const values = { group: d.groupName, endsOn: formatDate(t, d.endsOn) };
          await deps.mail.queue(tx, {
            to: person.email,
            subject: t('groups:memberships.termEndMail.subject', values),
            text: [
              t('groups:common.dear', { name: person.fullName }),
              '',
              t('groups:memberships.termEndMail.ends', values),
              t('groups:memberships.termEndMail.rule'),
              t('groups:memberships.termEndMail.secondTerm'),
              '',
              t('groups:memberships.termEndMail.thanks'),
            ].join('\n'),
          });
        }
        await tx
          .update(memberships)
          .set({ endNoticeSentAt: now() })
          .where(
            inArray(
              memberships.id,
              due.map((d) => d.id),
            ),
          );
        await recordAudit(tx, SYSTEM_ACTOR, {
          action: 'membership.term-end-notices-sent',
          recordType: 'membership',
          recordId: 'batch',
          after: { memberships: due.map((d) => d.id) },
        });
        return due.length;
      });
    },

    /** Marks as ended every current membership whose term is over. */
    async closeEndedTerms(): Promise<number> {
      const day = today();
      return db.transaction(async (tx) => {
        // First terms whose agreed second term is due: the second starts where the first ends.
        const rolling = await tx
          .select({ membership: memberships })
          .from(memberships)
          .innerJoin(
            reappointments,
            and(
              eq(reappointments.membershipId, memberships.id),
              eq(reappointments.status, 'agreed'),
              isNull(reappointments.newMembershipId),
            ),
          )
          .where(and(eq(memberships.status, 'current'), sql`${memberships.endsOn} <= ${day}`))
          .for('update', { of: memberships, skipLocked: true });
        const started: string[] = [];
        for (const { membership } of rolling)
          started.push(await startSecondTerm(tx, membership, membership.endsOn));
        if (started.length)
          await recordAudit(tx, SYSTEM_ACTOR, {
            action: 'membership.second-terms-started',
            recordType: 'membership',
            recordId: 'batch',
            after: { memberships: started },
          });
        const ended = await tx
          .update(memberships)
          .set({ status: 'ended', leftOn: memberships.endsOn, updatedAt: now() })
          .where(and(eq(memberships.status, 'current'), sql`${memberships.endsOn} <= ${day}`))
          .returning({ id: memberships.id });
        if (ended.length)
          await recordAudit(tx, SYSTEM_ACTOR, {
            action: 'membership.terms-ended',
            recordType: 'membership',
            recordId: 'batch',
            after: { memberships: ended.map((e) => e.id) },
          });
        return ended.length + started.length;
      });
    },
  };
}
