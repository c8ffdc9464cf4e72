/**
 * A custody visiting panel as a body that meets (ADR 0005, ICV-02): panels meet about quarterly
 * with the custody inspector, with an agenda, minutes and actions as every body's meetings have.
 * Its meetings live under the panel's pages (/custody-visiting/panels/:id/meetings) and are not
 * published: the scheme publishes its issues and responses in summary instead (ICV-08).
 */
import { eq } from 'drizzle-orm';
import type { Principal } from '../../../platform/auth/principal.js';
import { activeRoleHolders } from '../../../platform/auth/users-service.js';
import {
  addCalendarMonths,
  londonInstant,
  toLondonDate,
  todayInLondon,
} from '../../../platform/calendar/index.js';
import type { Executor } from '../../../platform/db/database.js';
import { ConflictError } from '../../../platform/errors.js';
import type { Translate } from '../../../platform/i18n/messages.js';
import { say } from '../../../platform/i18n/said.js';
import type { DirectoryApi } from '../../directory/index.js';
import type { Body, BodyProvider, RollEntry } from '../../meetings/index.js';
import { reachOf } from '../access.js';
import { custodyPaths } from '../paths.js';
import { panelMeetingDue, panelMeetingStanding } from '../rules.js';
import { custodyPanels } from '../schema.js';
import { suitesOfArea } from './area-suites.js';

/** About quarterly (ICV-02): a series is scheduled every three months. */
export const PANEL_MEETING_INTERVAL_MONTHS = 3;

type PanelRow = typeof custodyPanels.$inferSelect;

const asBody = (panel: PanelRow): Body => ({
  type: 'custody_panel',
  id: panel.id,
  name: panel.name,
  intervalMonths: PANEL_MEETING_INTERVAL_MONTHS,
  href: custodyPaths.panel(panel.id),
});

async function panelById(executor: Executor, id: string): Promise<PanelRow | undefined> {
  const [panel] = await executor.select().from(custodyPanels).where(eq(custodyPanels.id, id));
  return panel;
}

export function createPanelMeetingBody(deps: {
  directory: DirectoryApi;
  now: () => Date;
  /** The default language's messages: the meetings module asks without a request. */
  t: Translate;
}): BodyProvider {
  const { t } = deps;
  const lookups = deps.directory.directory.lookups;
  const none = { member: false, police: false, chair: false, secretariat: false };

  return {
    type: 'custody_panel',
    pathPrefix: custodyPaths.panels,
    publicPathPrefix: custodyPaths.publicPanelMeetings,
    // The coordinator and the inspectors sit by their office: nobody is withdrawn for absence.
    withdrawsForAbsence: false,

    async find(executor, id) {
      const panel = await panelById(executor, id);
      return panel ? asBody(panel) : null;
    },

    // Not published (see above).
    publicFind: async () => null,

    async relation(executor: Executor, principal: Principal, id: string) {
      if (principal?.kind !== 'user') return { ...none, personId: null, mayView: false };
      const panel = await panelById(executor, id);
      if (!panel) return { ...none, personId: null, mayView: false };
      const [reach, suites, personId] = await Promise.all([
        reachOf(executor, principal),
        suitesOfArea(executor, panel.area),
        lookups.personIdForUser(executor, principal.userId),
      ]);
      return { ...panelMeetingStanding(reach, panel, suites), personId: personId ?? null };
    },

    // The panels a person coordinates are in their own calendar feed.
    async bodiesFor(executor, userId) {
      const personId = await lookups.personIdForUser(executor, userId);
      if (!personId) return [];
      const panels = await executor
        .select()
        .from(custodyPanels)
        .where(eq(custodyPanels.coordinatorId, personId));
      return panels.map(asBody);
    },

    /**
     * The coordinator, then the custody inspectors of the panel's suites who have a directory
     * entry. The inspectors are read from their role grants, which the meeting page's kept
     * record does not count (ROLL_KINDS): a newly granted inspector's name shows there once the
     * meeting or the scheme next changes.
     */
    async roll(executor, id) {
      const panel = await panelById(executor, id);
      if (!panel) return [];
      const since = toLondonDate(panel.createdAt);
      const suites = await suitesOfArea(executor, panel.area);
      const holders = (
        await Promise.all(
          suites.map((s) =>
            activeRoleHolders(executor, 'custody_inspector', { type: 'suite', id: s.id }),
          ),
        )
      ).flat();
      const inspectorPeople = await Promise.all(
        [...new Set(holders.map((h) => h.userId))].map((userId) =>
          lookups.personIdForUser(executor, userId),
        ),
      );
      const personIds = [
        ...new Set(inspectorPeople.filter((p): p is string => !!p && p !== panel.coordinatorId)),
      ];
      const people = await lookups.people(executor, [panel.coordinatorId, ...personIds]);
      const entry = (personId: string, kind: 'member' | 'police'): RollEntry[] => {
        const person = people.get(personId);
        if (!person) return [];
        return [
          {
            personId,
            name: person.fullName,
            email: person.email ?? null,
            kind,
            since,
            capacity:
              kind === 'member'
                ? t('custody-visiting:meetings.coordinatorCapacity')
                : t('custody-visiting:meetings.inspectorCapacity'),
          },
        ];
      };
      return [
        ...entry(panel.coordinatorId, 'member'),
        ...personIds.flatMap((p) => entry(p, 'police')),
      ];
    },

    async notices(_executor, _id, countMeetings) {
      const today = todayInLondon(deps.now());
      const ahead = await countMeetings(
        londonInstant(today, 0),
        londonInstant(addCalendarMonths(today, 3), 0),
      );
      const due = panelMeetingDue(ahead);
      return due ? [say(t, due)] : [];
    },

    withdrawForAbsence() {
      throw new ConflictError(t('custody-visiting:meetings.noWithdrawal'));
    },
  };
}
