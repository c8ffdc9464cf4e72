/**
 * Calendar feeds: a public feed of each public body's meetings (when and what, no venue), and
 * a personal feed of the meetings a person is expected at, at an unguessable address they can
 * replace or stop at any time.
 */
import { createHash, randomBytes } from 'node:crypto';
import { and, asc, eq, exists, gte, isNull, lte, or } from 'drizzle-orm';
import { recordAudit } from '../../../platform/audit/service.js';
import { actorOf, type Principal, type UserPrincipal } from '../../../platform/auth/principal.js';
import { users } from '../../../platform/auth/schema.js';
import type { Db } from '../../../platform/db/database.js';
import type { Translate } from '../../../platform/i18n/messages.js';
import { ForbiddenError, NotFoundError } from '../../../platform/errors.js';
import { isUuid } from '../../../platform/http/params.js';
import type { Body, BodyType } from '../bodies.js';
import { meetingsCalendar, type FeedMeeting } from './calendar-feed.js';
import { meetingPaths as paths } from '../paths.js';
import { calendarFeeds, meetings } from '../schema.js';
import type { MeetingsAccess } from '../access.js';

/** A feed carries meetings from three months back to two years ahead. */
const FEED_PAST_MS = 92 * 24 * 60 * 60 * 1000;
const FEED_FUTURE_MS = 731 * 24 * 60 * 60 * 1000;
const TOKEN = /^[A-Za-z0-9_-]{32}$/;

const hashOf = (token: string) => createHash('sha256').update(token).digest('hex');

/** What every feed says of a meeting; the personal feed adds where. */
const feedFields = (m: typeof meetings.$inferSelect) => ({
  id: m.id,
  title: m.title,
  startsAt: m.startsAt,
  endsAt: m.endsAt,
  status: m.status,
  version: m.version,
  updatedAt: m.updatedAt,
});

export type FeedsService = ReturnType<typeof createFeedsService>;

export function createFeedsService(deps: {
  db: Db;
  meetings: MeetingsAccess;
  publicUrl: string;
  t: Translate;
  now?: () => Date;
}) {
  const { db, t } = deps;
  const now = () => (deps.now ? deps.now() : new Date());

  function requireUser(principal: Principal): UserPrincipal {
    if (principal?.kind !== 'user') throw new ForbiddenError();
    return principal;
  }

  async function meetingsOf(bodies: readonly Body[]) {
    if (bodies.length === 0) return [];
    const at = now().getTime();
    return db
      .select()
      .from(meetings)
      .where(
        and(
          or(...bodies.map((b) => and(eq(meetings.bodyType, b.type), eq(meetings.bodyId, b.id)))),
          gte(meetings.startsAt, new Date(at - FEED_PAST_MS)),
          lte(meetings.startsAt, new Date(at + FEED_FUTURE_MS)),
        ),
      )
      .orderBy(asc(meetings.startsAt));
  }

  return {
    /** A public body's meetings: when and what, linked to its public page. */
    async bodyFeed(type: BodyType, bodyId: string): Promise<string> {
      const provider = deps.meetings.providers.find((p) => p.type === type);
      if (!provider || !isUuid(bodyId)) throw new NotFoundError();
      const body = await provider.publicFind(db, bodyId);
      if (!body) throw new NotFoundError();
      const rows = await meetingsOf([body]);
      return meetingsCalendar(
        t('meetings:feeds.calendar.bodyName', { body: body.name }),
        // Public: when and what, never where.
        rows.map((m): FeedMeeting => ({
          ...feedFields(m),
          bodyName: body.name,
          url: `${deps.publicUrl}${body.href}`,
        })),
        t,
      );
    },

    /**
     * The person's own feed, found by its token; null when there is no such live feed, or when
     * the account is no longer active: it is checked on every request, so a deactivated
     * person's calendar stops at once (as their sessions do).
     */
    async personalFeed(token: string): Promise<string | null> {
      if (!TOKEN.test(token)) return null;
      const [feed] = await db
        .update(calendarFeeds)
        .set({ lastReadAt: now() })
        .where(
          and(
            eq(calendarFeeds.tokenHash, hashOf(token)),
            isNull(calendarFeeds.revokedAt),
            exists(
              db
                .select({ id: users.id })
                .from(users)
                .where(and(eq(users.id, calendarFeeds.userId), eq(users.status, 'active'))),
            ),
          ),
        )
        .returning();
      if (!feed) return null;
      const bodies = (
        await Promise.all(deps.meetings.providers.map((p) => p.bodiesFor(db, feed.userId)))
      ).flat();
      const names = new Map(bodies.map((b) => [`${b.type}:${b.id}`, b.name]));
      const rows = await meetingsOf(bodies);
      return meetingsCalendar(
        t('meetings:feeds.calendar.personalName'),
        rows.map((m): FeedMeeting => ({
          ...feedFields(m),
          venue: m.venue,
          accessNotes: m.accessNotes,
          bodyName: names.get(`${m.bodyType}:${m.bodyId}`) ?? '',
          url: `${deps.publicUrl}${paths.meeting(m.id)}`,
        })),
        t,
      );
    },

    /** Whether the person has a live feed, and since when. */
    async status(principal: Principal) {
      const user = requireUser(principal);
      const [feed] = await db
        .select({ createdAt: calendarFeeds.createdAt, lastReadAt: calendarFeeds.lastReadAt })
        .from(calendarFeeds)
        .where(and(eq(calendarFeeds.userId, user.userId), isNull(calendarFeeds.revokedAt)));
      return feed ?? null;
    },

    /**
     * A new feed address; any earlier one stops working. The address is shown once: only a hash
     * of its token is kept.
     */
    async create(principal: Principal, requestId?: string): Promise<string> {
      const user = requireUser(principal);
      const token = randomBytes(24).toString('base64url');
      await db.transaction(async (tx) => {
        const revoked = await tx
          .update(calendarFeeds)
          .set({ revokedAt: now() })
          .where(and(eq(calendarFeeds.userId, user.userId), isNull(calendarFeeds.revokedAt)))
          .returning({ id: calendarFeeds.id });
        const [feed] = await tx
          .insert(calendarFeeds)
          .values({ userId: user.userId, tokenHash: hashOf(token), createdAt: now() })
          .returning({ id: calendarFeeds.id });
        await recordAudit(tx, actorOf(user, requestId), {
          action: 'calendar-feed.created',
          recordType: 'user',
          recordId: user.userId,
          after: { feedId: feed!.id, replaced: revoked.map((r) => r.id) },
        });
      });
      return `${deps.publicUrl}${paths.personalFeed(token)}`;
    },

    async revoke(principal: Principal, requestId?: string) {
      const user = requireUser(principal);
      await db.transaction(async (tx) => {
        const revoked = await tx
          .update(calendarFeeds)
          .set({ revokedAt: now() })
          .where(and(eq(calendarFeeds.userId, user.userId), isNull(calendarFeeds.revokedAt)))
          .returning({ id: calendarFeeds.id });
        if (revoked.length)
          await recordAudit(tx, actorOf(user, requestId), {
            action: 'calendar-feed.revoked',
            recordType: 'user',
            recordId: user.userId,
            before: { feedIds: revoked.map((r) => r.id) },
          });
      });
    },
  };
}
