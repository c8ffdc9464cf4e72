/**
 * CON-06: the area's population the panel is read against. London's figures (Census 2021,
 * rounded) are shipped in population.json and are the figures in use until an authority officer
 * replaces them (population-service.ts); then the officer's figures, with the source and date
 * they gave, are read from consultation_panel_population. Reading writes nothing.
 */
import fs from 'node:fs';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import type { IsoDate } from '../../../platform/calendar/index.js';
import type { Executor } from '../../../platform/db/database.js';
import type { DirectoryApi } from '../../directory/index.js';
import { MONITORING_DIMENSIONS } from '../monitoring.js';
import {
  POPULATION_DIMENSIONS,
  type PopulationDimension,
  type PopulationRow,
  type SamplePopulation,
} from '../panel-rules.js';
import { panelPopulation, panelPopulationSource } from './schema.js';

export const LONDON_POPULATION_FILE = path.join(
  path.dirname(fileURLToPath(import.meta.url)),
  'population.json',
);

/** Where the figures in use come from: the shipped file, or an officer's replacement. */
export interface PopulationAbout {
  source: string;
  asOf: IsoDate;
  /** True while the shipped figures are in use. */
  shipped: boolean;
  replacedAt: Date | null;
}

/** The shipped file's figures, checked, with its source and date. */
export function readPopulationFile(file = LONDON_POPULATION_FILE): {
  rows: PopulationRow[];
  about: PopulationAbout;
} {
  const raw = JSON.parse(fs.readFileSync(file, 'utf8')) as Partial<
    Record<PopulationDimension, Record<string, number>> & { source: string; asOf: string }
  >;
  if (!raw.source || !raw.asOf || !/^\d{4}-\d{2}-\d{2}$/.test(raw.asOf))
    throw new Error(`${file}: needs a "source" and an "asOf" date (YYYY-MM-DD)`);
  const rows: PopulationRow[] = [];
  for (const dimension of POPULATION_DIMENSIONS) {
    const counts = raw[dimension];
    if (!counts) throw new Error(`${file}: no "${dimension}" counts`);
    for (const [value, people] of Object.entries(counts)) {
      if (
        dimension !== 'borough' &&
        !(MONITORING_DIMENSIONS[dimension] as readonly string[]).includes(value)
      )
        throw new Error(`${file}: "${value}" is not a ${dimension}`);
      if (!Number.isInteger(people) || people < 0)
        throw new Error(`${file}: ${dimension} ${value} must be a whole number`);
      rows.push({ dimension, value, people });
    }
  }
  return { rows, about: { source: raw.source, asOf: raw.asOf, shipped: true, replacedAt: null } };
}

let shipped: ReturnType<typeof readPopulationFile> | undefined;

/** The figures in use and where they come from: an officer's, or else the shipped file's. */
export async function currentPopulation(
  executor: Executor,
): Promise<{ rows: PopulationRow[]; about: PopulationAbout }> {
  const [given] = await executor.select().from(panelPopulationSource);
  if (!given) return (shipped ??= readPopulationFile());
  const rows = await executor
    .select({
      dimension: panelPopulation.dimension,
      value: panelPopulation.value,
      people: panelPopulation.people,
    })
    .from(panelPopulation);
  return {
    rows,
    about: { source: given.source, asOf: given.asOf, shipped: false, replacedAt: given.replacedAt },
  };
}

/** The figures with boroughs by directory id (the directory's boroughs by their ONS codes). */
export function populationByBoroughId(
  rows: readonly PopulationRow[],
  idsByCode: ReadonlyMap<string, string>,
): SamplePopulation {
  const of = (d: PopulationDimension) =>
    Object.fromEntries(rows.filter((r) => r.dimension === d).map((r) => [r.value, r.people]));
  const boroughs: Record<string, number> = {};
  for (const [code, people] of Object.entries(of('borough'))) {
    const id = idsByCode.get(code);
    if (id) boroughs[id] = people;
  }
  return { boroughs, ageBand: of('ageBand'), sex: of('sex'), ethnicGroup: of('ethnicGroup') };
}

/** The population in use, boroughs by directory id, and where the figures come from. */
export async function readPopulation(
  executor: Executor,
  directory: DirectoryApi,
): Promise<SamplePopulation & { about: PopulationAbout }> {
  const { rows, about } = await currentPopulation(executor);
  const codes = rows.filter((r) => r.dimension === 'borough').map((r) => r.value);
  const ids = await directory.directory.lookups.resolveReferences(executor, codes);
  const idsByCode = new Map(
    [...ids].flatMap(([code, m]) => (m.organisationId ? [[code, m.organisationId] as const] : [])),
  );
  return { ...populationByBoroughId(rows, idsByCode), about };
}
