/** The archive's content, as `data.json` holds it and `summary.html` shows it. */
import type { PersonDataSection } from '../modules.js';

export interface ArchivePart {
  module: string;
  sections: ArchiveSection[];
}

export interface ArchiveSection {
  title: string;
  rows: PersonDataSection['rows'];
  /** Columns naming other people, to be redacted before release. */
  forRedaction: readonly string[];
  /** Where each of the section's files is in the ZIP. */
  files: { name: string; path: string }[];
}
