/**
 * The advice module's part of the demonstration dataset (src/demo/demo-data.ts runs the parts in
 * order): what the demo group's advisors bring, and two requests waiting for triage. Writes only
 * the advice module's tables; people and accounts come from the parts before it.
 */
import { inArray, or } from 'drizzle-orm';
import { addCalendarDays, type IsoDate } from '../../platform/calendar/index.js';
import type { Executor } from '../../platform/db/database.js';
import {
  adviceConflicts,
  adviceDocuments,
  adviceGiven,
  adviceOffers,
  adviceRequestEvents,
  adviceRequestQuestions,
  adviceRequestRoutes,
  adviceRequests,
  advisorProfiles,
  advisorUnavailability,
  deployments,
  disclosures,
} from './schema.js';

/** inArray needs at least one value: a UUID no row has stands for "none". */
const NO_ID = '00000000-0000-0000-0000-000000000000';
const some = (ids: readonly string[]) => (ids.length ? [...ids] : [NO_ID]);

/** What the demo group's advisors bring, so nomination has experience to match (IAG-10). */
export async function loadDemoAdvisorProfiles(
  tx: Executor,
  who: { chair: string; advisor: string; jordan: string },
): Promise<void> {
  await tx.insert(advisorProfiles).values([
    {
      personId: who.chair,
      experience: ['race', 'faith', 'critical_incidents'],
      updatedAt: new Date(),
    },
    {
      personId: who.advisor,
      experience: ['race', 'youth', 'stop_and_search'],
      updatedAt: new Date(),
    },
    { personId: who.jordan, experience: ['youth', 'mental_health'], updatedAt: new Date() },
  ]);
}

/** IAG-08: two requests waiting for the strategic engagement team, the urgent one first. */
export async function loadDemoAdviceRequests(
  tx: Executor,
  requester: string,
  today: IsoDate,
): Promise<void> {
  const minutesAgo = (m: number) => new Date(Date.now() - m * 60_000);
  const waiting = await tx
    .insert(adviceRequests)
    .values([
      {
        requestedBy: requester,
        subject: 'Community tension after a fatal stabbing in Brixton',
        details:
          'A 17-year-old was stabbed outside a youth club last night. Rumours on social media say the police did not respond in time. We want advice on the community meeting planned for tomorrow evening.',
        operation: 'Operation Lindfield',
        seriousOrCritical: true,
        urgency: 'urgent' as const,
        communities: 'Black Caribbean community in Brixton; young people; faith leaders',
        location: 'Brixton',
        neededFrom: today,
        submittedAt: minutesAgo(40),
      },
      {
        requestedBy: requester,
        subject: 'Stop and search briefing for new officers',
        details:
          'We are revising the briefing given to officers joining the borough and would like an advisor to review it and sit in on one session.',
        seriousOrCritical: false,
        urgency: 'routine' as const,
        communities: 'Experience of being stopped and searched; young Black men',
        experienceNeeded: ['stop_and_search' as const, 'youth' as const],
        location: 'Lambeth police station',
        neededFrom: addCalendarDays(today, 21),
        submittedAt: minutesAgo(3 * 24 * 60),
      },
    ])
    .returning();
  await tx.insert(adviceRequestEvents).values(
    waiting.map((r) => ({
      requestId: r.id,
      kind: 'submitted' as const,
      at: r.submittedAt,
      actorUserId: requester,
      text: `${r.urgency === 'urgent' ? 'Urgent' : 'Routine'} request sent to the strategic engagement team (CTSET) for triage`,
    })),
  );
}

/** The requests for advice the demo accounts made (minutes citing them lose the link). */
export async function demoAdviceRequestIds(
  tx: Executor,
  userIds: readonly string[],
): Promise<string[]> {
  return (
    await tx
      .select({ id: adviceRequests.id })
      .from(adviceRequests)
      .where(inArray(adviceRequests.requestedBy, some(userIds)))
  ).map((r) => r.id);
}

/**
 * Nominations on the demo accounts' requests or of demo people, with the conflicts, experience
 * and unavailable days they recorded; where a demo account only acted on someone else's
 * deployment, its name is taken off. The requests themselves go later
 * (`removeDemoAdviceRequests`), after the other modules' records.
 */
export async function removeDemoDeployments(
  tx: Executor,
  userIds: readonly string[],
  personIds: readonly string[],
): Promise<void> {
  const users_ = some(userIds);
  const people_ = some(personIds);
  const asked = tx
    .select({ id: adviceRequests.id })
    .from(adviceRequests)
    .where(inArray(adviceRequests.requestedBy, users_));
  // Their advice, what was shared with them and the files kept with either, before the
  // deployments these hang off; on anyone else's record only their name is taken off.
  const theirAdvice = tx
    .select({ id: adviceGiven.id })
    .from(adviceGiven)
    .where(or(inArray(adviceGiven.requestId, asked), inArray(adviceGiven.personId, people_)));
  await tx
    .delete(disclosures)
    .where(or(inArray(disclosures.requestId, asked), inArray(disclosures.personId, people_)));
  await tx
    .update(disclosures)
    .set({ disclosedBy: null })
    .where(inArray(disclosures.disclosedBy, users_));
  await tx
    .delete(adviceDocuments)
    .where(
      or(inArray(adviceDocuments.requestId, asked), inArray(adviceDocuments.adviceId, theirAdvice)),
    );
  await tx
    .update(adviceDocuments)
    .set({ uploadedBy: null })
    .where(inArray(adviceDocuments.uploadedBy, users_));
  await tx
    .delete(adviceGiven)
    .where(or(inArray(adviceGiven.requestId, asked), inArray(adviceGiven.personId, people_)));
  await tx
    .update(adviceGiven)
    .set({ recordedBy: null })
    .where(inArray(adviceGiven.recordedBy, users_));
  await tx
    .update(adviceGiven)
    .set({ outcomeBy: null })
    .where(inArray(adviceGiven.outcomeBy, users_));
  await tx.delete(adviceRequestQuestions).where(inArray(adviceRequestQuestions.requestId, asked));
  await tx
    .update(adviceRequestQuestions)
    .set({ askedBy: null })
    .where(inArray(adviceRequestQuestions.askedBy, users_));
  await tx
    .update(adviceRequestQuestions)
    .set({ answeredBy: null })
    .where(inArray(adviceRequestQuestions.answeredBy, users_));
  await tx.delete(adviceOffers).where(inArray(adviceOffers.offeredBy, users_));
  await tx
    .update(adviceOffers)
    .set({ requestId: null })
    .where(inArray(adviceOffers.requestId, asked));
  await tx
    .update(adviceOffers)
    .set({ respondedBy: null })
    .where(inArray(adviceOffers.respondedBy, users_));
  await tx
    .delete(deployments)
    .where(or(inArray(deployments.requestId, asked), inArray(deployments.personId, people_)));
  await tx
    .delete(adviceConflicts)
    .where(
      or(inArray(adviceConflicts.requestId, asked), inArray(adviceConflicts.personId, people_)),
    );
  await tx
    .update(adviceConflicts)
    .set({ recordedBy: null })
    .where(inArray(adviceConflicts.recordedBy, users_));
  await tx
    .update(deployments)
    .set({ nominatedBy: null })
    .where(inArray(deployments.nominatedBy, users_));
  await tx
    .update(deployments)
    .set({ arrangedBy: null })
    .where(inArray(deployments.arrangedBy, users_));
  await tx.delete(advisorProfiles).where(inArray(advisorProfiles.personId, people_));
  await tx.delete(advisorUnavailability).where(inArray(advisorUnavailability.personId, people_));
}

/**
 * Requests for advice the demo accounts made, with their timelines and routes; on anyone else's
 * request their names come off.
 */
export async function removeDemoAdviceRequests(
  tx: Executor,
  userIds: readonly string[],
): Promise<void> {
  if (!userIds.length) return;
  const ids = [...userIds];
  const asked = tx
    .select({ id: adviceRequests.id })
    .from(adviceRequests)
    .where(inArray(adviceRequests.requestedBy, ids));
  await tx.delete(adviceRequestEvents).where(inArray(adviceRequestEvents.requestId, asked));
  await tx.delete(adviceRequestRoutes).where(inArray(adviceRequestRoutes.requestId, asked));
  await tx.delete(adviceRequests).where(inArray(adviceRequests.requestedBy, ids));
  await tx
    .update(adviceRequestEvents)
    .set({ actorUserId: null })
    .where(inArray(adviceRequestEvents.actorUserId, ids));
  await tx
    .update(adviceRequestRoutes)
    .set({ routedBy: null })
    .where(inArray(adviceRequestRoutes.routedBy, ids));
  await tx
    .update(adviceRequests)
    .set({ triagedBy: null })
    .where(inArray(adviceRequests.triagedBy, ids));
}
