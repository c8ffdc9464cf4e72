/**
 * The public register as open data (issue 27 part 6; IAG-01): the groups the public list shows
 * (never a closed one), with what their public pages say of each. No count of members: the
 * public pages give none (only the names of members who agreed to be named, which stay on the
 * group's page and out of a download), so the open data publishes none either.
 */
import { asc, inArray, sql } from 'drizzle-orm';
import type { Translate } from '../../../platform/i18n/messages.js';
import type { OpenDataset } from '../../../platform/open-data/dataset.js';
import { latest, openDataWords } from '../../../platform/open-data/define.js';
import type { DirectoryApi } from '../../directory/index.js';
import { groupTypeLabel } from '../api/group-columns.js';
import { groupPaths } from '../paths.js';
import { advisoryGroups as g } from '../schema.js';

const TYPE_ORDER = sql`array_position(array['corporate_iag','borough_iag','specialist','community','corporate_focus','sub_group']::group_type[], ${g.type})`;

export function groupsOpenData(
  t: Translate,
  directory: Pick<DirectoryApi, 'organisationNameSql'>,
): OpenDataset {
  return openDataWords((key) => t(`groups:openData.${key}`)).dataset({
    id: 'advisory-groups',
    columns: [
      ['name', 'text'],
      ['type', 'text'],
      ['run_with', 'text'],
      ['purpose', 'text'],
      ['meets_every_months', 'integer', 'meets'],
      ['url', 'url'],
    ],
    async rows(executor) {
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
    async lastChanged(executor) {
      const [row] = await executor.select({ at: latest(g.updatedAt) }).from(g);
      return row?.at ?? null;
    },
  });
}
