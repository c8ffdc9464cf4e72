/**
 * The demo's consultation programme (CON-02): the policing plan whose consultation has got past
 * its fieldwork, made from the template. Its stages past are done on their planned dates, but
 * the fieldwork ran on into August: slipped, and in the summer peak.
 */
import { inArray } from 'drizzle-orm';
import type { IsoDate } from '../../../platform/calendar/index.js';
import type { Executor } from '../../../platform/db/database.js';
import { planYearLabel, templateStages } from '../programme-rules.js';
import { consultationProgrammeStages, consultationProgrammes } from './schema.js';

/** The plan year whose fieldwork (June to August of the year before it) is behind `today`. */
export function demoPlanYear(today: IsoDate): number {
  const year = Number(today.slice(0, 4));
  return today.slice(5) >= '09-01' ? year + 1 : year;
}

export async function loadProgrammeDemo(
  tx: Executor,
  owners: { officer: string; member: string },
  today: IsoDate,
) {
  const planYear = demoPlanYear(today);
  const [programme] = await tx
    .insert(consultationProgrammes)
    .values({ title: `Policing plan ${planYearLabel(planYear)} consultation`, planYear })
    .returning({ id: consultationProgrammes.id });
  const fieldworkEnd = `${planYear - 1}-08-22`;
  await tx.insert(consultationProgrammeStages).values(
    templateStages(planYear).map((s) => {
      const done = s.plannedEnd < today;
      const started = s.plannedStart <= today;
      // The fieldwork ran late into August; the analysis began once it was done.
      const actualStart = !started
        ? null
        : s.position === 4
          ? `${planYear - 1}-08-26`
          : s.plannedStart;
      const actualEnd = s.fieldwork ? fieldworkEnd : done ? s.plannedEnd : null;
      return {
        ...s,
        programmeId: programme!.id,
        ownerId: s.position <= 2 || s.position >= 5 ? owners.member : owners.officer,
        actualStart,
        actualEnd,
        note: s.fieldwork ? 'Street surveys in the outer boroughs were delayed.' : null,
      };
    }),
  );
  return programme!.id;
}

/** The programmes whose stages the demo people own go before them. */
export async function removeProgrammeDemo(tx: Executor, demoPeople: readonly string[]) {
  if (!demoPeople.length) return;
  const owned = await tx
    .selectDistinct({ id: consultationProgrammeStages.programmeId })
    .from(consultationProgrammeStages)
    .where(inArray(consultationProgrammeStages.ownerId, [...demoPeople]));
  if (owned.length)
    await tx.delete(consultationProgrammes).where(
      inArray(
        consultationProgrammes.id,
        owned.map((p) => p.id),
      ),
    );
}
