/**
 * Issue 27 part 5: the advisory groups on the transparency site's home: how many the public
 * register lists (IAG-01: never a closed one) and how many advisors serve in them now, as the
 * register's own member counts add up.
 */
import { sql } from 'drizzle-orm';
import type { Db } from '../../../platform/db/database.js';
import type { Translate } from '../../../platform/i18n/messages.js';
import { countFigure, type PublicHeadline } from '../../../platform/headlines.js';
import { groupPaths } from '../paths.js';
import { advisoryGroups, memberships } from '../schema.js';

export async function groupsHeadline(db: Db, t: Translate): Promise<PublicHeadline> {
  // An advisor in two groups is one advisor. Written out with aliases: drizzle leaves a column in a one-table select unqualified, and
  // "status" is both the group's and the membership's.
  const [row] = await db
    .select({
      groups: sql<number>`(select count(*)::int from ${advisoryGroups} g
        where g.status in ('active', 'forming'))`,
      advisors: sql<number>`(select count(distinct m.person_id)::int from ${memberships} m
        join ${advisoryGroups} g on g.id = m.group_id
        where m.status = 'current' and g.status in ('active', 'forming'))`,
    })
    .from(sql`(select 1) as one`);
  const { groups = 0, advisors = 0 } = row ?? {};
  return {
    order: 10,
    title: t('groups:common.advisoryGroups'),
    href: groupPaths.publicList,
    summary: t('groups:common.publicTask.hint'),
    figures: [
      countFigure(t, 'groups:headline.groups', groups),
      countFigure(t, 'groups:headline.advisors', advisors),
    ],
  };
}
