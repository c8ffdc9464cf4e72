/**
 * CON-07 as open data (issue 27 part 6): the consultations the public list shows (open now or
 * closed), with their dates and where they stand, and for each whose "you said, we did" is
 * published, what its public page says: the responses received, what people said and what was
 * done. DP-01: no respondent, and no words of theirs beyond the published summary.
 */
import { and, eq, isNotNull, lte, sql } from 'drizzle-orm';
import { todayInLondon, toLondonDate } from '../../../platform/calendar/index.js';
import type { Translate } from '../../../platform/i18n/messages.js';
import type { OpenDataset } from '../../../platform/open-data/dataset.js';
import { latest, latestOf, openDataWords } from '../../../platform/open-data/define.js';
import { consultationPaths } from '../paths.js';
import { closedOn } from '../response-rules.js';
import { consultationPhase } from '../rules.js';
import { consultations as c, responses } from '../schema.js';
import { outcomePaths } from './paths.js';
import { consultationOutcomes as o } from './schema.js';

export function consultationsOpenData(t: Translate, now: () => Date): OpenDataset {
  // Responses received, as the outcome's page counts them: sent and not set aside.
  const received = sql<number>`(select count(*)::int from ${responses}
    where ${responses.consultationId} = ${c.id} and ${responses.submittedAt} is not null
      and ${responses.setAsideAt} is null)`;
  return openDataWords((key) => t(`consultation:openData.${key}`)).dataset({
    id: 'consultations',
    columns: [
      ['title', 'text'],
      ['opens_on', 'date'],
      ['closes_on', 'date'],
      ['status', 'text'],
      ['responses_received', 'integer'],
      ['outcome_published_on', 'date'],
      ['you_said', 'text'],
      ['we_did', 'text'],
      ['url', 'url'],
      ['outcome_url', 'url'],
    ],
    async rows(executor) {
      const today = todayInLondon(now());
      const rows = await executor
        .select({
          id: c.id,
          title: c.title,
          opensOn: c.opensOn,
          closesOn: c.closesOn,
          launchedAt: c.launchedAt,
          closedEarlyAt: c.closedEarlyAt,
          publishedAt: o.publishedAt,
          youSaid: o.youSaid,
          weDid: o.weDid,
          received,
        })
        .from(c)
        .leftJoin(o, and(eq(o.consultationId, c.id), isNotNull(o.publishedAt)))
        // As the public list: launched and opened (one yet to open is not listed).
        .where(and(isNotNull(c.launchedAt), lte(c.opensOn, today)))
        .orderBy(c.opensOn, c.title, c.id);
      return rows.map((r) => {
        const published = r.publishedAt !== null;
        const phase = consultationPhase(r, today);
        return {
          title: r.title,
          opens_on: r.opensOn,
          closes_on: phase === 'closed' ? closedOn(r) : r.closesOn,
          status: t(`consultation:openData.status.${phase === 'closed' ? 'closed' : 'open'}`),
          responses_received: published ? Number(r.received) : null,
          outcome_published_on: r.publishedAt ? toLondonDate(r.publishedAt) : null,
          you_said: published ? r.youSaid : null,
          we_did: published ? r.weDid : null,
          url: consultationPaths.publicConsultation(r.id),
          outcome_url: published ? outcomePaths.publicOutcome(r.id) : null,
        };
      });
    },
    // A consultation or its outcome changed, or a response to one whose outcome is published.
    async lastChanged(executor) {
      const [[consultation], [outcome], [response]] = await Promise.all([
        executor
          .select({ at: latest(c.updatedAt) })
          .from(c)
          .where(isNotNull(c.launchedAt)),
        executor
          .select({ at: latest(o.updatedAt) })
          .from(o)
          .where(isNotNull(o.publishedAt)),
        executor
          .select({
            at: sql<Date | null>`max(greatest(${responses.submittedAt}, ${responses.setAsideAt}))`.mapWith(
              responses.submittedAt,
            ),
          })
          .from(responses)
          .innerJoin(
            o,
            and(eq(o.consultationId, responses.consultationId), isNotNull(o.publishedAt)),
          ),
      ]);
      return latestOf([consultation?.at, outcome?.at, response?.at]);
    },
  });
}
