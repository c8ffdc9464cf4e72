/**
 * Requests for independent advice (IAG-08): what a police officer or unit asks for, and each
 * step it takes on its way to an advisor, as one timeline the requester can follow.
 */
import { sql } from 'drizzle-orm';
import {
  boolean,
  check,
  date,
  index,
  integer,
  pgEnum,
  pgTable,
  primaryKey,
  text,
  timestamp,
  uuid,
} from 'drizzle-orm/pg-core';
import { users } from '../../platform/auth/schema.js';
import { clearanceLevelEnum, advisoryGroups } from '../groups/schema.js';
import { REQUEST_STATUSES, URGENCIES } from './rules.js';

export const urgencyEnum = pgEnum('advice_urgency', URGENCIES);
export const requestStatusEnum = pgEnum('advice_request_status', REQUEST_STATUSES);
export const requestEventKindEnum = pgEnum('advice_request_event_kind', [
  'submitted',
  'routed',
  'declined',
]);

export const adviceRequests = pgTable(
  'advice_requests',
  {
    id: uuid('id').primaryKey().defaultRandom(),
    /** The number people quote: "request 42". */
    reference: integer('reference').generatedAlwaysAsIdentity().notNull().unique(),
    requestedBy: uuid('requested_by')
      .notNull()
      .references(() => users.id),
    subject: text('subject').notNull(),
    details: text('details').notNull(),
    /** The operation or incident it concerns, if it has a name. */
    operation: text('operation'),
    /** IAG-09: a serious crime or critical incident. */
    seriousOrCritical: boolean('serious_or_critical').notNull(),
    urgency: urgencyEnum('urgency').notNull(),
    /** The communities, or the experience, the advisor should bring. */
    communities: text('communities').notNull(),
    location: text('location'),
    neededFrom: date('needed_from', { mode: 'string' }).notNull(),
    neededUntil: date('needed_until', { mode: 'string' }),
    /** IAG-29: the clearance the work needs; null when it needs none. */
    clearanceNeeded: clearanceLevelEnum('clearance_needed'),
    advisorsWanted: integer('advisors_wanted').notNull().default(1),
    status: requestStatusEnum('status').notNull().default('awaiting_triage'),
    submittedAt: timestamp('submitted_at', { withTimezone: true }).notNull(),
    triagedBy: uuid('triaged_by').references(() => users.id),
    triagedAt: timestamp('triaged_at', { withTimezone: true }),
    declineReason: text('decline_reason'),
    version: integer('version').notNull().default(1),
  },
  (t) => [
    // The triage queue: waiting requests, urgent first, oldest first.
    index('advice_requests_queue_idx').on(t.status, t.urgency, t.submittedAt),
    // A requester's own requests, newest first.
    index('advice_requests_requester_idx').on(t.requestedBy, t.submittedAt),
    check('advice_requests_advisors_wanted_check', sql`${t.advisorsWanted} between 1 and 10`),
  ],
);

/** IAG-08: the group (or groups) CTSET passed a request to. */
export const adviceRequestRoutes = pgTable(
  'advice_request_routes',
  {
    requestId: uuid('request_id')
      .notNull()
      .references(() => adviceRequests.id),
    groupId: uuid('group_id')
      .notNull()
      .references(() => advisoryGroups.id),
    routedBy: uuid('routed_by').references(() => users.id),
    routedAt: timestamp('routed_at', { withTimezone: true }).notNull(),
  },
  (t) => [
    primaryKey({ columns: [t.requestId, t.groupId] }),
    index('advice_request_routes_group_idx').on(t.groupId, t.routedAt),
  ],
);

/** The request's timeline, as the requester reads it: what happened, when, in plain words. */
export const adviceRequestEvents = pgTable(
  'advice_request_events',
  {
    id: uuid('id').primaryKey().defaultRandom(),
    requestId: uuid('request_id')
      .notNull()
      .references(() => adviceRequests.id),
    kind: requestEventKindEnum('kind').notNull(),
    at: timestamp('at', { withTimezone: true }).notNull(),
    actorUserId: uuid('actor_user_id').references(() => users.id),
    text: text('text').notNull(),
  },
  (t) => [index('advice_request_events_request_idx').on(t.requestId, t.at)],
);
