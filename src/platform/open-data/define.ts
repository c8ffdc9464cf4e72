/**
 * What every module's dataset repeats, said once: its words under `<module>:openData.`, its
 * columns described by `columns.<key>`, and when its data last changed, from its own times.
 */
import { sql } from 'drizzle-orm';
import type { AnyPgColumn } from 'drizzle-orm/pg-core';
import type { OpenDataColumn, OpenDataset, OpenDataType } from './dataset.js';

/** A column: its name, its kind, and its words' key under `columns.` (its name in camelCase). */
export type ColumnSpec = readonly [name: string, type: OpenDataType, key?: string];

const camel = (name: string) => name.replace(/_([a-z0-9])/g, (_, c: string) => c.toUpperCase());

/**
 * A maker of a module's datasets described by its words, `w` reading its `openData.` keys:
 * `` (key) => t(`groups:openData.${key}`) `` (written in the module, so the catalogue's test sees
 * the family of keys it asks for).
 */
export function openDataWords(w: (key: string) => string) {
  const column = ([name, type, key]: ColumnSpec): OpenDataColumn => ({
    name,
    type,
    description: w(`columns.${key ?? camel(name)}`),
  });
  return {
    column,
    /** A dataset titled and described by `<words>.title` and `<words>.description` (or the top's). */
    dataset(
      spec: Pick<OpenDataset, 'id' | 'rows' | 'lastChanged'> & {
        words?: string;
        columns: readonly ColumnSpec[];
      },
    ): OpenDataset {
      const prefix = spec.words ? `${spec.words}.` : '';
      return {
        id: spec.id,
        title: w(`${prefix}title`),
        description: w(`${prefix}description`),
        columns: spec.columns.map(column),
        rows: spec.rows,
        lastChanged: spec.lastChanged,
      };
    },
  };
}

/** The latest of a time column, as a Date (null where there is none). */
export const latest = <C extends AnyPgColumn>(column: C) =>
  sql<Date | null>`max(${column})`.mapWith(column);

/** The latest of times found, or null when none is. */
export function latestOf(times: readonly (Date | null | undefined)[]): Date | null {
  const found = times.filter((d): d is Date => !!d);
  return found.length ? new Date(Math.max(...found.map((d) => d.getTime()))) : null;
}
