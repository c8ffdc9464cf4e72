/**
 * The public recommendations as open data (issue 27 part 6): every recommendation of a source
 * published on the public site, with what its public page shows: its number, words and status,
 * when its actions are due, and the page. Never an owner's or lead's name (the page names units
 * only, and the download names none).
 */
import { and, asc, eq, sql } from 'drizzle-orm';
import type { Translate } from '../../../platform/i18n/messages.js';
import type { OpenDataset } from '../../../platform/open-data/dataset.js';
import { latest, latestOf, openDataWords } from '../../../platform/open-data/define.js';
import { trackerPaths } from '../paths.js';
import {
  trackerActions as a,
  trackerParts as p,
  trackerRecommendations as r,
  trackerSources as s,
} from '../schema.js';

export function trackerOpenData(t: Translate): OpenDataset {
  // The latest due date among its actions still live, as the page shows each action's.
  const dueOn = sql<
    string | null
  >`(select max(${a.dueOn})::text from ${a} where ${a.recommendationId} = ${r.id} and ${a.withdrawnAt} is null)`;
  return openDataWords((key) => t(`tracker:openData.${key}`)).dataset({
    id: 'recommendations',
    columns: [
      ['source', 'text'],
      ['part', 'text'],
      ['number', 'text'],
      ['text', 'text'],
      ['status', 'text'],
      ['due_on', 'date'],
      ['url', 'url'],
    ],
    async rows(executor) {
      const rows = await executor
        .select({
          sourceId: s.id,
          source: s.title,
          part: p.title,
          number: r.number,
          text: r.text,
          status: r.status,
          withdrawn: sql<boolean>`${r.withdrawnAt} is not null`,
          dueOn,
        })
        .from(r)
        .innerJoin(s, eq(s.id, r.sourceId))
        .leftJoin(p, eq(p.id, r.partId))
        .where(eq(s.isPublic, true))
        .orderBy(asc(s.title), asc(s.id), sql`${p.position} nulls first`, asc(r.position));
      return rows.map((row) => ({
        source: row.source,
        part: row.part,
        number: row.number,
        text: row.text,
        status: row.withdrawn
          ? t('tracker:editing.withdrawn.tag')
          : t(`tracker:recommendationStatus.${row.status}`),
        due_on: row.dueOn,
        url: trackerPaths.publicSource(row.sourceId),
      }));
    },
    // A source's change (publishing or taking one off the site among them), or a change to a
    // published source's recommendations or actions.
    async lastChanged(executor) {
      const [[sources], [recommendations], [actions]] = await Promise.all([
        executor.select({ at: latest(s.updatedAt) }).from(s),
        executor
          .select({ at: latest(r.updatedAt) })
          .from(r)
          .innerJoin(s, and(eq(s.id, r.sourceId), eq(s.isPublic, true))),
        executor
          .select({ at: latest(a.updatedAt) })
          .from(a)
          .innerJoin(s, and(eq(s.id, a.sourceId), eq(s.isPublic, true))),
      ]);
      return latestOf([sources?.at, recommendations?.at, actions?.at]);
    },
  });
}
