/**
 * The public recommendations as open data (issue 27 part 6): every recommendation of a source
 * published on the public site, with what its public page shows: its number, words and status,
 * when its actions are due, and the page. Never an owner's or lead's name (the page names units
 * only, and the download names none).
 */
import { and, asc, eq, sql } from 'drizzle-orm';
import type { AnyPgColumn } from 'drizzle-orm/pg-core';
import type { Executor } from '../../../platform/db/database.js';
import type { Translate } from '../../../platform/i18n/messages.js';
import type { OpenDataset } from '../../../platform/open-data/dataset.js';
import { trackerPaths } from '../paths.js';
import {
  trackerActions as a,
  trackerParts as p,
  trackerRecommendations as r,
  trackerSources as s,
} from '../schema.js';

export function trackerOpenData(t: Translate): OpenDataset {
  const w = (key: string) => t(`tracker:openData.${key}`);
  // The latest due date among its actions still live, as the page shows each action's.
  const dueOn = sql<
    string | null
  >`(select max(${a.dueOn})::text from ${a} where ${a.recommendationId} = ${r.id} and ${a.withdrawnAt} is null)`;
  return {
    id: 'recommendations',
    title: w('title'),
    description: w('description'),
    columns: [
      { name: 'source', type: 'text', description: w('columns.source') },
      { name: 'part', type: 'text', description: w('columns.part') },
      { name: 'number', type: 'text', description: w('columns.number') },
      { name: 'text', type: 'text', description: w('columns.text') },
      { name: 'status', type: 'text', description: w('columns.status') },
      { name: 'due_on', type: 'date', description: w('columns.dueOn') },
      { name: 'url', type: 'url', description: w('columns.url') },
    ],
    async rows(executor: Executor) {
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
    async lastChanged(executor: Executor) {
      const latest = (column: AnyPgColumn) => sql<Date | null>`max(${column})`.mapWith(column);
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
      const times = [sources?.at, recommendations?.at, actions?.at].filter((d): d is Date => !!d);
      return times.length ? new Date(Math.max(...times.map((d) => d.getTime()))) : null;
    },
  };
}
