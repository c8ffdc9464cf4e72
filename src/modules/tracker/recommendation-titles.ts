/**
 * Recommendations named by id, as another module shows a record tied to them (CON-04: a grant
 * tied to the recommendations it carried out): each one's title as its page gives it
 * ("Recommendation 4: <source>") and its page, in one query.
 */
import { eq, inArray } from 'drizzle-orm';
import type { Executor } from '../../platform/db/database.js';
import { isUuid } from '../../platform/http/params.js';
import type { Translate } from '../../platform/i18n/messages.js';
import { trackerPaths } from './paths.js';
import { itemNoun } from './rules.js';
import { trackerRecommendations, trackerSources } from './schema.js';
import { capitalise, nounOne } from './sources/presenter.js';

export type RecommendationTitles = (
  executor: Executor,
  ids: readonly string[],
) => Promise<Map<string, { title: string; href: string }>>;

export function createRecommendationTitles(t: Translate): RecommendationTitles {
  return async (executor, ids) => {
    const wanted = [...new Set(ids)].filter(isUuid);
    if (!wanted.length) return new Map();
    const rows = await executor
      .select({
        id: trackerRecommendations.id,
        number: trackerRecommendations.number,
        source: trackerSources.title,
        kind: trackerSources.kind,
      })
      .from(trackerRecommendations)
      .innerJoin(trackerSources, eq(trackerSources.id, trackerRecommendations.sourceId))
      .where(inArray(trackerRecommendations.id, wanted));
    return new Map(
      rows.map((r) => [
        r.id,
        {
          title: t('tracker:sources.recommendation.title', {
            Noun: capitalise(nounOne(t, itemNoun(r.kind))),
            number: r.number,
            source: r.source,
          }),
          href: trackerPaths.recommendation(r.id),
        },
      ]),
    );
  };
}
