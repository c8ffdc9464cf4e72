/**
 * The tracker's part of the demonstration dataset (src/demo/demo-data.ts runs the parts in
 * order). The demo loads nothing into the tracker; removing the demo takes the demo accounts',
 * people's and organisations' names off its records. Writes only the tracker's tables.
 */
import { inArray, or } from 'drizzle-orm';
import type { Executor } from '../../platform/db/database.js';
import { trackerLeads, trackerReports, trackerSources, trackerUpdates } from './schema.js';

/** inArray needs at least one value: a UUID no row has stands for "none". */
const NO_ID = '00000000-0000-0000-0000-000000000000';
const some = (ids: readonly string[]) => (ids.length ? [...ids] : [NO_ID]);

/**
 * The tracker keeps its sources and their history; the demo accounts' names come off what they
 * recorded, and demo people and demo organisations are no longer named as an action's owner or a
 * key point's lead.
 * `demo` comes from the directory: the demo people with everyone in a demo organisation, and the
 * demo organisations.
 */
export async function removeDemoTrackerNames(
  tx: Executor,
  userIds: readonly string[],
  demo: { personIds: readonly string[]; organisationIds: readonly string[] },
): Promise<void> {
  const users_ = some(userIds);
  const theirPeople = some(demo.personIds);
  const demoOrganisations = some(demo.organisationIds);
  await tx
    .update(trackerSources)
    .set({ createdBy: null })
    .where(inArray(trackerSources.createdBy, users_));
  await tx
    .update(trackerSources)
    .set({ ownerOrganisationId: null })
    .where(inArray(trackerSources.ownerOrganisationId, demoOrganisations));
  await tx
    .update(trackerUpdates)
    .set({ authorUserId: null })
    .where(inArray(trackerUpdates.authorUserId, users_));
  await tx
    .update(trackerReports)
    .set({ producedBy: null })
    .where(inArray(trackerReports.producedBy, users_));
  await tx
    .delete(trackerLeads)
    .where(
      or(
        inArray(trackerLeads.personId, theirPeople),
        inArray(trackerLeads.organisationId, demoOrganisations),
      ),
    );
}
