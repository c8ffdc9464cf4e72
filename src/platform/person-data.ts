/**
 * DP-02: what Bridge holds about a person, gathered from every module that keeps any, in the
 * modules' order. The platform names no module: each answers through `BridgeModule.personData`.
 */
import type { Executor } from './db/database.js';
import type {
  BridgeModule,
  PersonDataSection,
  PersonDataSubject,
  PersonDataValue,
} from './modules.js';

/**
 * A section's rows as a person reads them: an instant as its ISO string, other values as read;
 * each column named by `columnName` (its words in the module's catalogue), else as selected.
 */
export function personDataSection(
  title: string,
  rows: readonly Record<string, unknown>[],
  columnName: (column: string) => string = (column) => column,
): PersonDataSection {
  return { title, rows: rows.map((row) => plainRow(row, columnName)) };
}

function plainRow(
  row: Record<string, unknown>,
  columnName: (column: string) => string,
): Record<string, PersonDataValue> {
  const plain: Record<string, PersonDataValue> = {};
  for (const [column, value] of Object.entries(row)) plain[columnName(column)] = plainValue(value);
  return plain;
}

function plainValue(value: unknown): PersonDataValue {
  if (value === null || value === undefined) return null;
  if (value instanceof Date) return value.toISOString();
  if (Array.isArray(value)) return value.join(', ');
  if (typeof value === 'string' || typeof value === 'number' || typeof value === 'boolean')
    return value;
  return JSON.stringify(value);
}

export interface ModulePersonData {
  module: string;
  sections: PersonDataSection[];
}

/**
 * Every module's sections about the person (a module that keeps no personal data is left out; a
 * section with no rows says that nothing of that kind is held). Asked one
 * module at a time, so that an export holds few of the pool's connections at once.
 */
export async function collectPersonData(
  modules: readonly BridgeModule[],
  executor: Executor,
  subject: PersonDataSubject,
): Promise<ModulePersonData[]> {
  const found: ModulePersonData[] = [];
  for (const module of modules) {
    if (!module.personData) continue;
    found.push({ module: module.name, sections: await module.personData(executor, subject) });
  }
  return found;
}
