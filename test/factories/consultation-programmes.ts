/**
 * Consultation programmes a test makes for itself (CON-02): from the template for a plan year,
 * or with the stages given, each stage's owner and actual dates as asked.
 */
import { templateStages } from '../../src/modules/consultation/programme-rules.js';
import {
  consultationProgrammeStages,
  consultationProgrammes,
} from '../../src/modules/consultation/programmes/schema.js';
import type { TestApp } from '../app.js';
import { uniqueTag } from './directory.js';

export interface FactoryStage {
  name: string;
  plannedStart: string;
  plannedEnd: string;
  actualStart?: string | null;
  actualEnd?: string | null;
  fieldwork?: boolean;
  ownerId?: string | null;
  note?: string | null;
}

export interface FactoryProgramme {
  id: string;
  title: string;
  planYear: number;
  /** Stage ids in order. */
  stageIds: string[];
}

export async function makeProgramme(
  t: TestApp,
  options: { title?: string; planYear?: number; stages?: FactoryStage[] } = {},
): Promise<FactoryProgramme> {
  const planYear = options.planYear ?? 2027;
  const title = options.title ?? `Programme ${uniqueTag()}`;
  const stages = options.stages ?? templateStages(planYear);
  const [programme] = await t.services.db
    .insert(consultationProgrammes)
    .values({ title, planYear })
    .returning({ id: consultationProgrammes.id });
  const rows = stages.length
    ? await t.services.db
        .insert(consultationProgrammeStages)
        .values(
          stages.map((s, i) => ({
            programmeId: programme!.id,
            position: i + 1,
            name: s.name,
            plannedStart: s.plannedStart,
            plannedEnd: s.plannedEnd,
            actualStart: 'actualStart' in s ? (s.actualStart ?? null) : null,
            actualEnd: 'actualEnd' in s ? (s.actualEnd ?? null) : null,
            fieldwork: s.fieldwork ?? false,
            ownerId: 'ownerId' in s ? (s.ownerId ?? null) : null,
            note: 'note' in s ? (s.note ?? null) : null,
          })),
        )
        .returning({
          id: consultationProgrammeStages.id,
          position: consultationProgrammeStages.position,
        })
    : [];
  return {
    id: programme!.id,
    title,
    planYear,
    stageIds: rows.sort((a, b) => a.position - b.position).map((r) => r.id),
  };
}
