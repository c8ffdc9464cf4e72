/**
 * CON-06: the area's population the panel is read against. London's figures (Census 2021,
 * rounded) are shipped in population.json and loaded into consultation_panel_population the
 * first time they are needed; another area replaces that table's rows with its own.
 */
import fs from 'node:fs';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import type { Executor } from '../../../platform/db/database.js';
import type { DirectoryApi } from '../../directory/index.js';
import { MONITORING_DIMENSIONS } from '../monitoring.js';
import type { PopulationDimension, SamplePopulation } from '../panel-rules.js';
import { panelPopulation } from './schema.js';

export const LONDON_POPULATION_FILE = path.join(
  path.dirname(fileURLToPath(import.meta.url)),
  'population.json',
);

type PopulationFile = Record<Exclude<PopulationDimension, never>, Record<string, number>> & {
  source: string;
};

/** The shipped file's rows, checked: each dimension's values as the monitoring questions name them. */
export function readPopulationFile(file = LONDON_POPULATION_FILE) {
  const raw = JSON.parse(fs.readFileSync(file, 'utf8')) as Partial<PopulationFile>;
  const rows: { dimension: PopulationDimension; value: string; people: number }[] = [];
  for (const dimension of ['borough', 'ageBand', 'sex', 'ethnicGroup'] as const) {
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
  return rows;
}

/** Loads the shipped figures if the table is empty (safe on two instances at once). */
export async function ensurePopulation(executor: Executor): Promise<void> {
  const [any] = await executor.select({ v: panelPopulation.value }).from(panelPopulation).limit(1);
  if (any) return;
  await executor.insert(panelPopulation).values(readPopulationFile()).onConflictDoNothing();
}

/** The population by borough id (the directory's boroughs by their ONS codes) and by group. */
export async function readPopulation(
  executor: Executor,
  directory: DirectoryApi,
): Promise<SamplePopulation> {
  await ensurePopulation(executor);
  const rows = await executor.select().from(panelPopulation);
  const of = (d: PopulationDimension) =>
    Object.fromEntries(rows.filter((r) => r.dimension === d).map((r) => [r.value, r.people]));
  const byCode = of('borough');
  const ids = await directory.directory.lookups.resolveReferences(executor, Object.keys(byCode));
  const boroughs: Record<string, number> = {};
  for (const [code, people] of Object.entries(byCode)) {
    const id = ids.get(code)?.organisationId;
    if (id) boroughs[id] = people;
  }
  return { boroughs, ageBand: of('ageBand'), sex: of('sex'), ethnicGroup: of('ethnicGroup') };
}
