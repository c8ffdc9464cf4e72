/**
 * ICV-10, LEG-05: how each panel tells its community about the scheme: the talks, stalls and
 * articles its coordinator records, with how many people each reached when known.
 */
import { date, index, integer, pgTable, text, uuid } from 'drizzle-orm/pg-core';
import { recordVersioning, requiredRef } from '../../../platform/db/columns.js';
import { ACTIVITY_KINDS } from '../community-rules.js';
import { custodyPanels } from '../schema.js';

export const custodyCommunityActivities = pgTable(
  'custody_community_activities',
  {
    id: uuid('id').primaryKey().defaultRandom(),
    panelId: requiredRef('panel_id', () => custodyPanels.id, { onDelete: 'cascade' }),
    heldOn: date('held_on', { mode: 'string' }).notNull(),
    kind: text('kind', { enum: ACTIVITY_KINDS }).notNull(),
    description: text('description').notNull(),
    /** People reached, when the coordinator knows it. */
    reached: integer('reached'),
    ...recordVersioning(),
  },
  (t) => [
    // The panel's page lists its activities newest first; the statistics count a quarter's.
    index('custody_community_activities_panel_idx').on(t.panelId, t.heldOn),
    index('custody_community_activities_held_idx').on(t.heldOn),
  ],
);
