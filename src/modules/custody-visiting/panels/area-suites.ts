/** The suites a panel visits: those of its borough or custody area, whatever its case (ICV-02). */
import { asc, sql } from 'drizzle-orm';
import type { Executor } from '../../../platform/db/database.js';
import { custodySuites } from '../schema.js';

export function suitesOfArea(executor: Executor, area: string) {
  return executor
    .select()
    .from(custodySuites)
    .where(sql`lower(${custodySuites.area}) = ${area.toLowerCase()}`)
    .orderBy(asc(custodySuites.name));
}
