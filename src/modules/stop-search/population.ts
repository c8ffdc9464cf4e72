/**
 * LEG-04: the population each broad ethnic group's searches are read against. The area's figures
 * (Census 2021, London) are shipped in population.json; figures by borough come with the census
 * reference data an officer loads (not yet: until then a borough's rates are not given).
 */
import fs from 'node:fs';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { ETHNIC_GROUPS, type EthnicGroup } from './rules.js';

export const AREA_POPULATION_FILE = path.join(
  path.dirname(fileURLToPath(import.meta.url)),
  'population.json',
);

export interface PopulationFigures {
  source: string;
  asOf: string;
  people: Record<EthnicGroup, number>;
}

/** The shipped figures, checked: every broad group, each a whole number. */
export function readAreaPopulation(file = AREA_POPULATION_FILE): PopulationFigures {
  const raw = JSON.parse(fs.readFileSync(file, 'utf8')) as {
    source?: string;
    asOf?: string;
    area?: Record<string, number>;
  };
  if (!raw.source || !raw.asOf || !raw.area)
    throw new Error(`${file}: needs source, asOf and area`);
  for (const group of ETHNIC_GROUPS) {
    const n = raw.area[group];
    if (!Number.isInteger(n) || n! <= 0)
      throw new Error(`${file}: ${group} must be a whole number`);
  }
  return { source: raw.source, asOf: raw.asOf, people: raw.area as Record<EthnicGroup, number> };
}
