/**
 * ICV-02: two applications to be a lay visitor in the demonstration dataset, made through the
 * public form, so the scheme manager's and the Camden coordinator's list shows something.
 */
import { inArray, or } from 'drizzle-orm';
import { addCalendarDays, type IsoDate } from '../../../platform/calendar/index.js';
import type { Executor } from '../../../platform/db/database.js';
import { custodyPanels, custodyVisitors } from '../schema.js';
import { custodyVisitorApplications as applications } from './schema.js';

const DEMO_APPLICATIONS = [
  {
    fullName: 'Priya Raman',
    email: 'priya.raman.demo@example.org',
    phone: '020 7946 0123',
    daysAgo: 3,
    reasons:
      'I have lived in Kentish Town for twenty years and volunteer at a night shelter. I want to help make sure people held at the station are treated with dignity.',
  },
  {
    fullName: 'Daniel Mensah',
    email: 'daniel.mensah.demo@example.org',
    phone: null,
    daysAgo: 10,
    reasons:
      'I am a retired teacher and would like to give my time to something that keeps an independent eye on how people in custody are looked after.',
  },
];

/** Two applications received for the demo panel's area, a few days old. */
export async function loadCustodyApplicationsDemo(
  tx: Executor,
  area: string,
  today: IsoDate,
): Promise<void> {
  await tx.insert(applications).values(
    DEMO_APPLICATIONS.map(({ daysAgo, ...a }) => {
      const on = addCalendarDays(today, -daysAgo);
      const at = new Date(`${on}T10:00:00Z`);
      return { ...a, area, declaredOn: on, createdAt: at, updatedAt: at };
    }),
  );
}

/**
 * The demo applications, and any application that became a visitor of a panel the demo people
 * coordinate, before those visitors go.
 */
export async function removeCustodyApplicationsDemo(
  tx: Executor,
  demoPeople: readonly string[],
): Promise<void> {
  const demoEmails = DEMO_APPLICATIONS.map((a) => a.email);
  if (!demoPeople.length) {
    await tx.delete(applications).where(inArray(applications.email, demoEmails));
    return;
  }
  const panels = tx
    .select({ id: custodyPanels.id })
    .from(custodyPanels)
    .where(inArray(custodyPanels.coordinatorId, [...demoPeople]));
  const visitorsOfDemoPanels = tx
    .select({ id: custodyVisitors.id })
    .from(custodyVisitors)
    .where(inArray(custodyVisitors.panelId, panels));
  await tx
    .delete(applications)
    .where(
      or(
        inArray(applications.email, demoEmails),
        inArray(applications.visitorId, visitorsOfDemoPanels),
      ),
    );
}
