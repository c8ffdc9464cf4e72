/**
 * A panel's community activities (ICV-10, LEG-05): how it tells its community about the scheme.
 * Recorded, changed and removed by the panel's coordinator or the scheme manager, who alone see
 * them on the panel's page; the public statistics count them. Each action is one transaction with
 * one audit event.
 */
import { and, count, desc, eq, sql } from 'drizzle-orm';
import { recordAudit } from '../../../platform/audit/service.js';
import { actorOf, type Principal } from '../../../platform/auth/principal.js';
import { todayInLondon } from '../../../platform/calendar/index.js';
import type { Db, Executor } from '../../../platform/db/database.js';
import { ConflictError, NotFoundError, ValidationError } from '../../../platform/errors.js';
import type { FieldError } from '../../../platform/errors.js';
import { dateField, dateParts } from '../../../platform/http/form-fields.js';
import { isUuid } from '../../../platform/http/params.js';
import type { Translate } from '../../../platform/i18n/messages.js';
import { fieldErrors } from '../../../platform/i18n/said.js';
import { keptPanel, schemeReach } from '../access.js';
import { validateActivity } from '../community-rules.js';
import { seesPanel } from '../rules.js';
import { custodyPanels } from '../schema.js';
import { custodyCommunityActivities as activities } from './schema.js';

export type CommunityActivity = typeof activities.$inferSelect;
export type CommunityService = ReturnType<typeof createCommunityService>;
type Input = Record<string, string | undefined>;

export function createCommunityService(deps: { db: Db; now: () => Date; t: Translate }) {
  const { db, now, t } = deps;
  const today = () => todayInLondon(now());

  /** The panel, if the person asking is its coordinator or the scheme manager. */
  const panelFor = (executor: Executor, principal: Principal, panelId: string) =>
    keptPanel(executor, principal, panelId, 'custody.panels.view');

  /** An activity of a panel the person asking keeps; another panel's is not found. */
  async function find(executor: Executor, principal: Principal, id: string) {
    const { user, reach } = await schemeReach(executor, principal, 'custody.panels.view');
    const [row] = isUuid(id)
      ? await executor
          .select({ activity: activities, panel: custodyPanels })
          .from(activities)
          .innerJoin(custodyPanels, eq(custodyPanels.id, activities.panelId))
          .where(eq(activities.id, id))
      : [];
    if (!row || !seesPanel(reach, row.panel)) throw new NotFoundError();
    return { user, ...row };
  }

  /** What the form sent, checked: the day, the kind, the description, the people reached. */
  function checked(input: Input) {
    const errors: FieldError[] = [];
    const heldOn = dateField(
      t,
      input,
      'heldOn',
      t('custody-visiting:community.heldOnLabel'),
      errors,
    );
    const { refusals, value } = validateActivity(input, heldOn, today());
    const all = [...errors, ...fieldErrors(t, refusals)];
    if (all.length) throw new ValidationError(all);
    return value;
  }

  const stale = () => new ConflictError(t('custody-visiting:errors.staleEdit'), 'version');

  return {
    /** ICV-10: a panel's activities, newest first, a page at a time. */
    async list(principal: Principal, panelId: string, page: { limit: number; offset: number }) {
      const { panel } = await panelFor(db, principal, panelId);
      const where = eq(activities.panelId, panel.id);
      const [items, [total]] = await Promise.all([
        db
          .select()
          .from(activities)
          .where(where)
          .orderBy(desc(activities.heldOn), desc(activities.createdAt))
          .limit(page.limit)
          .offset(page.offset),
        db.select({ n: count() }).from(activities).where(where),
      ]);
      return { panel, items, total: Number(total?.n ?? 0) };
    },

    /** The panel an activity is being recorded for (the form's page). */
    async panel(principal: Principal, panelId: string) {
      return (await panelFor(db, principal, panelId)).panel;
    },

    /** An activity and its panel (the change and remove forms' pages). */
    async get(principal: Principal, id: string) {
      const { activity, panel } = await find(db, principal, id);
      return { activity, panel };
    },

    /** What the change form starts with: the activity as it is. */
    async formValues(principal: Principal, id: string) {
      const { activity } = await find(db, principal, id);
      return {
        ...dateParts('heldOn', activity.heldOn),
        kind: activity.kind,
        description: activity.description,
        reached: activity.reached === null ? '' : String(activity.reached),
        version: String(activity.version),
      };
    },

    /** ICV-10: the coordinator (or the manager) records an activity of the panel. */
    async record(principal: Principal, panelId: string, input: Input, requestId?: string) {
      return db.transaction(async (tx) => {
        const { user, panel } = await panelFor(tx, principal, panelId);
        const value = checked(input);
        const [row] = await tx
          .insert(activities)
          .values({ panelId: panel.id, ...value })
          .returning();
        await recordAudit(tx, actorOf(user, requestId), {
          action: 'custody-activity.recorded',
          recordType: 'custody-activity',
          recordId: row!.id,
          after: row,
        });
        return row!;
      });
    },

    /** An activity corrected, while it is as the form saw it. */
    async update(principal: Principal, id: string, input: Input, requestId?: string) {
      return db.transaction(async (tx) => {
        const { user, activity: before } = await find(tx, principal, id);
        if (Number(input.version ?? before.version) !== before.version) throw stale();
        const value = checked(input);
        const [after] = await tx
          .update(activities)
          .set({ ...value, updatedAt: now(), version: sql`${activities.version} + 1` })
          .where(and(eq(activities.id, id), eq(activities.version, before.version)))
          .returning();
        if (!after) throw stale();
        await recordAudit(tx, actorOf(user, requestId), {
          action: 'custody-activity.updated',
          recordType: 'custody-activity',
          recordId: id,
          before,
          after,
        });
        return after;
      });
    },

    /** An activity removed (recorded by mistake): the audit trail keeps what it was. */
    async remove(principal: Principal, id: string, input: Input, requestId?: string) {
      return db.transaction(async (tx) => {
        const { user, activity: before } = await find(tx, principal, id);
        if (Number(input.version ?? before.version) !== before.version) throw stale();
        const gone = await tx
          .delete(activities)
          .where(and(eq(activities.id, id), eq(activities.version, before.version)))
          .returning({ id: activities.id });
        if (!gone.length) throw stale();
        await recordAudit(tx, actorOf(user, requestId), {
          action: 'custody-activity.removed',
          recordType: 'custody-activity',
          recordId: id,
          before,
        });
        return before;
      });
    },
  };
}
