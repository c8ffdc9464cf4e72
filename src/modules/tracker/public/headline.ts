/**
 * Issue 27 part 5: the tracker on the transparency site's home: the reports and inquiries
 * published (TRK-01), and how many of their actions are completed, counted as the public list
 * counts them (withdrawn actions left out).
 */
import { eq, sql } from 'drizzle-orm';
import type { Db } from '../../../platform/db/database.js';
import { countFigure, wholeNumber, type PublicHeadline } from '../../../platform/headlines.js';
import type { Translate } from '../../../platform/i18n/messages.js';
import { actionCounts } from '../access.js';
import { trackerPaths } from '../paths.js';
import { trackerActions, trackerSources } from '../schema.js';

export async function trackerHeadline(db: Db, t: Translate): Promise<PublicHeadline> {
  const [row] = await db
    .select({
      sources: sql<number>`count(distinct ${trackerSources.id})::int`,
      ...actionCounts,
    })
    .from(trackerSources)
    .leftJoin(trackerActions, eq(trackerActions.sourceId, trackerSources.id))
    .where(eq(trackerSources.isPublic, true));
  const { sources = 0, total = 0, completed = 0 } = row ?? {};
  return {
    order: 20,
    title: t('tracker:home.public.text'),
    href: trackerPaths.publicSources,
    summary: t('tracker:home.public.hint'),
    figures: [
      countFigure(t, 'tracker:headline.sources', sources),
      countFigure(t, 'tracker:headline.completed', completed, { total: wholeNumber(total) }),
    ],
  };
}
