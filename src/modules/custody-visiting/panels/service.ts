/**
 * Panels (ICV-02): one per borough or custody area, with its coordinator from the directory and
 * the suites of its area. The scheme manager adds and changes them; a panel's coordinator sees
 * and changes their own panel only.
 */
import { and, asc, count, eq, inArray, ne, sql } from 'drizzle-orm';
import { can } from '../../../platform/auth/permissions.js';
import { actorOf, type Principal } from '../../../platform/auth/principal.js';
import type { Db, Executor } from '../../../platform/db/database.js';
import { NotFoundError, ValidationError } from '../../../platform/errors.js';
import { isUuid } from '../../../platform/http/params.js';
import type { Translate } from '../../../platform/i18n/messages.js';
import { fieldErrors } from '../../../platform/i18n/said.js';
import type { DirectoryApi } from '../../directory/index.js';
import type { MeetingsReads } from '../../meetings/index.js';
import { schemeReach } from '../access.js';
import { addRecord, changeRecord } from '../records.js';
import { panelAreaRefusal, seesPanel, validatePanel, type PanelInput } from '../rules.js';
import { custodyPanels } from '../schema.js';
import { suitesOfArea } from './area-suites.js';

export type Panel = typeof custodyPanels.$inferSelect;
export type PanelsService = ReturnType<typeof createPanelsService>;

export function createPanelsService(deps: {
  db: Db;
  directory: DirectoryApi;
  /** ICV-02: the panel's page shows its next meeting (the meetings module keeps them). */
  meetings: Pick<MeetingsReads, 'upcomingMeeting'>;
  now: () => Date;
  t: Translate;
}) {
  const { db, now, t } = deps;
  const lookups = deps.directory.directory.lookups;

  async function find(executor: Executor, principal: Principal, id: string) {
    const { user, reach } = await schemeReach(executor, principal, 'custody.panels.view');
    const [panel] = isUuid(id)
      ? await executor.select().from(custodyPanels).where(eq(custodyPanels.id, id))
      : [];
    // Another panel's coordinator is not told it exists.
    if (!panel || !seesPanel(reach, panel)) throw new NotFoundError();
    return { user, reach, panel };
  }

  /** The panel as written: its fields checked, its area free, its coordinator in the directory. */
  async function checked(tx: Executor, input: PanelInput, selfId?: string) {
    const { refusals, value } = validatePanel(input);
    if (!refusals.length) {
      const others = await tx
        .select({ area: custodyPanels.area })
        .from(custodyPanels)
        .where(selfId ? ne(custodyPanels.id, selfId) : undefined);
      const taken = panelAreaRefusal(
        value.area,
        others.map((o) => o.area),
      );
      if (taken) refusals.push(taken);
    }
    const match = value.coordinatorEmail
      ? (await lookups.resolveReferences(tx, [value.coordinatorEmail])).get(value.coordinatorEmail)
      : undefined;
    if (value.coordinatorEmail && !match?.personId)
      refusals.push({
        field: 'coordinatorEmail',
        key: 'custody-visiting:errors.coordinatorUnknown',
      });
    if (refusals.length) throw new ValidationError(fieldErrors(t, refusals));
    return { name: value.name, area: value.area, coordinatorId: match!.personId! };
  }

  return {
    /** The manager sees every panel; a coordinator their own. */
    async list(principal: Principal, query: { limit: number; offset: number }) {
      const { reach } = await schemeReach(db, principal, 'custody.panels.view');
      const where = reach.manager
        ? undefined
        : reach.panelIds.length
          ? inArray(custodyPanels.id, [...reach.panelIds])
          : sql`false`;
      const [items, [total]] = await Promise.all([
        db
          .select()
          .from(custodyPanels)
          .where(where)
          .orderBy(asc(custodyPanels.area))
          .limit(query.limit)
          .offset(query.offset),
        db.select({ n: count() }).from(custodyPanels).where(where),
      ]);
      const people = await lookups.people(
        db,
        items.map((p) => p.coordinatorId),
      );
      return {
        items: items.map((p) => ({
          ...p,
          coordinatorName: people.get(p.coordinatorId)?.fullName ?? '',
        })),
        total: Number(total?.n ?? 0),
        canAdd: reach.manager,
      };
    },

    /** A panel's page: its coordinator, the suites of its area and its next meeting. */
    async get(principal: Principal, id: string) {
      const { panel, user } = await find(db, principal, id);
      const [people, suites, nextMeeting] = await Promise.all([
        lookups.people(db, [panel.coordinatorId]),
        suitesOfArea(db, panel.area),
        deps.meetings.upcomingMeeting('custody_panel', panel.id),
      ]);
      const coordinator = people.get(panel.coordinatorId);
      return {
        panel,
        coordinator: {
          fullName: coordinator?.fullName ?? '',
          email: coordinator?.email ?? '',
        },
        suites,
        nextMeeting,
        canEdit: can(user, 'custody.panel.edit', { type: 'panel', id: panel.id }),
      };
    },

    /** What the change form starts with: the panel as it is, its coordinator by e-mail. */
    async formValues(principal: Principal, id: string) {
      const { panel, user } = await find(db, principal, id);
      if (!can(user, 'custody.panel.edit', { type: 'panel', id: panel.id }))
        throw new NotFoundError();
      const coordinator = (await lookups.people(db, [panel.coordinatorId])).get(
        panel.coordinatorId,
      );
      return {
        name: panel.name,
        area: panel.area,
        coordinatorEmail: coordinator?.email ?? '',
        version: String(panel.version),
      };
    },

    async create(principal: Principal, input: PanelInput, requestId?: string): Promise<Panel> {
      const { user } = await schemeReach(db, principal, 'custody.manage');
      return db.transaction(async (tx) => {
        const value = await checked(tx, input);
        return addRecord(tx, actorOf(user, requestId), 'custody-panel', async () => {
          const [row] = await tx.insert(custodyPanels).values(value).returning();
          return row!;
        });
      });
    },

    async update(
      principal: Principal,
      id: string,
      input: PanelInput & { version?: string | undefined },
      requestId?: string,
    ): Promise<Panel> {
      return db.transaction(async (tx) => {
        const { user, panel: before } = await find(tx, principal, id);
        if (!can(user, 'custody.panel.edit', { type: 'panel', id })) throw new NotFoundError();
        const value = await checked(tx, input, id);
        return changeRecord(tx, {
          actor: actorOf(user, requestId),
          recordType: 'custody-panel',
          before,
          formVersion: input.version,
          t,
          write: async () =>
            (
              await tx
                .update(custodyPanels)
                .set({ ...value, updatedAt: now(), version: sql`${custodyPanels.version} + 1` })
                .where(and(eq(custodyPanels.id, id), eq(custodyPanels.version, before.version)))
                .returning()
            )[0],
        });
      });
    },

    /** The panels a coordinator's role can be held for (the administrator's form). */
    async options() {
      return db
        .select({ id: custodyPanels.id, name: custodyPanels.name })
        .from(custodyPanels)
        .orderBy(asc(custodyPanels.name))
        .limit(500);
    },

    async name(id: string) {
      if (!isUuid(id)) return undefined;
      const [row] = await db
        .select({ name: custodyPanels.name })
        .from(custodyPanels)
        .where(eq(custodyPanels.id, id));
      return row?.name;
    },
  };
}
