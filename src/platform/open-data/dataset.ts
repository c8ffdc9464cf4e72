/**
 * Open data (issue 27 part 6): a public table a module offers for anyone to download, described
 * so that a reader, and a machine, knows what each column holds and when it last changed. The
 * platform knows nothing of any module's data: each offers its own through `BridgeModule.openData`.
 * DP-01: a module publishes only what its public pages show, never a private person's name.
 */
import type { Executor } from '../db/database.js';

/** What a column holds: `url` is a path of Bridge ("/good-practice/…"), made absolute when sent. */
export const OPEN_DATA_TYPES = ['text', 'integer', 'decimal', 'date', 'url'] as const;
export type OpenDataType = (typeof OPEN_DATA_TYPES)[number];

export interface OpenDataColumn {
  /** Its name in the file's header and the JSON's rows: lower case, words joined by `_`. */
  name: string;
  /**
   * Its heading in the CSV where the dataset follows a standard that names its own columns
   * (360Giving's "Amount Awarded"); its name otherwise.
   */
  heading?: string;
  description: string;
  type: OpenDataType;
}

/** A cell: text, a number, an ISO date (`date`), a path (`url`), or null when there is none. */
export type OpenDataValue = string | number | null;
export type OpenDataRow = Record<string, OpenDataValue>;

export interface OpenDataset {
  /** Its stable address: `/open-data/<id>`; lower-case words joined by `-`, never changed. */
  id: string;
  title: string;
  description: string;
  columns: readonly OpenDataColumn[];
  /** Every row, keyed by the columns' names (at most some tens of thousands). */
  rows(executor: Executor): Promise<OpenDataRow[]>;
  /** When what it publishes last changed (from the data's own times); null when it holds none. */
  lastChanged(executor: Executor): Promise<Date | null>;
  /** The published standard it follows, named on its page and in the DCAT catalogue. */
  standard?: { name: string; url: string };
  /**
   * Its JSON download in its standard's own shape instead of Bridge's, made from the rows as
   * published (`url` cells absolute).
   */
  jsonBody?(rows: readonly OpenDataRow[], lastChanged: Date | null): unknown;
}

const ID = /^[a-z0-9]+(-[a-z0-9]+)*$/;
const COLUMN = /^[a-z0-9]+(_[a-z0-9]+)*$/;

/**
 * Every module's datasets, in the modules' order. An id that is not kebab-case, given twice, or
 * a column name that is not snake_case or is given twice is a mistake in the code: start-up fails.
 */
export function collectOpenData(
  modules: readonly { openData?: readonly OpenDataset[] }[],
): OpenDataset[] {
  const all = modules.flatMap((m) => m.openData ?? []);
  const seen = new Set<string>();
  for (const dataset of all) {
    if (!ID.test(dataset.id) || seen.has(dataset.id))
      throw new Error(`Open data: the id "${dataset.id}" is not kebab-case or is given twice`);
    seen.add(dataset.id);
    const names = dataset.columns.map((c) => c.name);
    const headings = dataset.columns.map((c) => c.heading ?? c.name);
    if (
      names.some((n) => !COLUMN.test(n)) ||
      new Set(names).size !== names.length ||
      new Set(headings).size !== headings.length
    )
      throw new Error(`Open data: ${dataset.id}'s columns must be snake_case, each once`);
  }
  return all;
}
