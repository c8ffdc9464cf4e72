/**
 * The public register as open data (issue 27 part 6; IAG-01): the groups the public list shows
 * (never a closed one), with what their public pages say of each. No count of members: the
 * public pages give none (only the names of members who agreed to be named, which stay on the
 * group's page and out of a download), so the open data publishes none either.
 */
import { asc, inArray, sql } from 'drizzle-orm';
import type { Executor } from '../../../platform/db/database.js';
import type { Translate } from '../../../platform/i18n/messages.js';
import type { OpenDataset } from '../../../platform/open-data/dataset.js';
import type { DirectoryApi } from '../../directory/index.js';
import { groupTypeLabel } from '../api/group-columns.js';
import { groupPaths } from '../paths.js';
import { advisoryGroups as g } from '../schema.js';

const TYPE_ORDER = sql`array_position(array['corporate_iag','borough_iag','specialist','community','corporate_focus','sub_group']::group_type[], ${g.type})`;

export function groupsOpenData(
  t: Translate,
  directory: Pick<DirectoryApi, 'organisationNameSql'>,
): OpenDataset {
  const w = (key: string) => t(`groups:openData.${key}`);
  return {
    id: 'advisory-groups',
    title: w('title'),
    description: w('description'),
    columns: [
      { name: 'name', type: 'text', description: w('columns.name') },
      { name: 'type', type: 'text', description: w('columns.type') },
      { name: 'run_with', type: 'text', description: w('columns.runWith') },
      { name: 'purpose', type: 'text', description: w('columns.purpose') },
      { name: 'meets_every_months', type: 'integer', description: w('columns.meets') },
      { name: 'url', type: 'url', description: w('columns.url') },
    ],
    async rows(executor: Executor) {
      const rows = await executor
        .select({
          id: g.id,
          name: g.name,
          type: g.type,
          owner: directory.organisationNameSql(g.ownerId),
          purpose: g.purpose,
          meets: g.meetingIntervalMonths,
        })
        .from(g)
        // IAG-01: the public list never includes closed groups.
        .where(inArray(g.status, ['active', 'forming']))
        .orderBy(TYPE_ORDER, asc(g.name));
      return rows.map((r) => ({
        name: r.name,
        type: groupTypeLabel(t, r.type),
        run_with: r.owner,
        purpose: r.purpose,
        meets_every_months: r.meets,
        url: groupPaths.publicGroup(r.id),
      }));
    },
    // Any group's change, closing one (which takes it off the list) among them.
    async lastChanged(executor: Executor) {
      const [row] = await executor
        .select({ at: sql<Date | null>`max(${g.updatedAt})`.mapWith(g.updatedAt) })
        .from(g);
      return row?.at ?? null;
    },
  };
}
