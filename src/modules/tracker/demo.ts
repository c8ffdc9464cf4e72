/**
 * The tracker's part of the demonstration dataset (src/demo/demo-data.ts runs the parts in
 * order). The demo loads the sources other modules' demos hand it (CON-07: the change a
 * consultation's "you said, we did" promised) and removes them again by id; removing the demo
 * also takes the demo accounts', people's and organisations' names off the tracker's other
 * records. Writes only the tracker's tables.
 */
import { inArray, or } from 'drizzle-orm';
import { londonInstant, type IsoDate } from '../../platform/calendar/index.js';
import type { Executor } from '../../platform/db/database.js';
import { deleteSources } from './delete-sources.js';
import type { ActionResult, SourceKind } from './rules.js';
import {
  trackerActions,
  trackerLeads,
  trackerRecommendations,
  trackerReports,
  trackerSources,
  trackerUpdates,
} from './schema.js';

/** inArray needs at least one value: a UUID no row has stands for "none". */
const NO_ID = '00000000-0000-0000-0000-000000000000';
const some = (ids: readonly string[]) => (ids.length ? [...ids] : [NO_ID]);

/** A source as a demo gives it: its numbered recommendations, each with its actions. */
export interface DemoTrackerSource {
  title: string;
  kind: SourceKind;
  reference: string;
  sourceDate: IsoDate;
  reportsTo: string;
  summary: string;
  isPublic: boolean;
  recommendations: {
    number: string;
    text: string;
    actions: {
      description: string;
      result: ActionResult;
      dueOn?: IsoDate;
      completedOn?: IsoDate;
      narrative?: string;
    }[];
  }[];
}

/**
 * One source, entered by `author` on its own date, with its recommendations and actions, each
 * action's entry in its history. Returns the source's id.
 */
export async function loadDemoTrackerSource(
  tx: Executor,
  source: DemoTrackerSource,
  author: { userId: string; name: string },
): Promise<string> {
  const at = londonInstant(source.sourceDate, 17 * 60);
  const stamps = { createdAt: at, updatedAt: at };
  const { recommendations, ...fields } = source;
  const [made] = await tx
    .insert(trackerSources)
    .values({ ...fields, createdBy: author.userId, ...stamps })
    .returning({ id: trackerSources.id });
  const sourceId = made!.id;
  for (const [i, r] of recommendations.entries()) {
    const [recommendation] = await tx
      .insert(trackerRecommendations)
      .values({ sourceId, number: r.number, position: i + 1, text: r.text, ...stamps })
      .returning({ id: trackerRecommendations.id });
    const recommendationId = recommendation!.id;
    const actions = await tx
      .insert(trackerActions)
      .values(
        r.actions.map((a, p) => ({
          sourceId,
          recommendationId,
          position: p + 1,
          description: a.description,
          result: a.result,
          dueOn: a.dueOn ?? null,
          completedOn: a.completedOn ?? null,
          completedPrecision: a.completedOn ? ('day' as const) : null,
          narrative: a.narrative ?? null,
          ...stamps,
        })),
      )
      .returning({ id: trackerActions.id });
    await tx.insert(trackerUpdates).values(
      r.actions.map((a, p) => ({
        actionId: actions[p]!.id,
        recommendationId,
        sourceId,
        kind: 'added' as const,
        recordedAt: at,
        authorUserId: author.userId,
        authorLabel: author.name,
        result: a.result,
        completedOn: a.completedOn ?? null,
        completedPrecision: a.completedOn ? ('day' as const) : null,
        narrative: a.narrative ?? null,
      })),
    );
  }
  return sourceId;
}

/** The sources a demo loaded (by id), with everything in them. */
export function removeDemoTrackerSources(
  tx: Executor,
  sourceIds: readonly string[],
): Promise<void> {
  return deleteSources(tx, sourceIds);
}

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
