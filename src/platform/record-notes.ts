/**
 * What other modules say about a record, on the record's own page (issue 28 part 2): the page
 * asks every module through the `BridgeModule` contract, so the module that owns the record
 * imports none of those that read it (ADR 0014). The notes are rendered by
 * `platform/views/macros/record-notes.njk`.
 */
import type { BridgeModule, RecordNote, RecordNotes } from './modules.js';

/** The modules are given late: they are built after the platform's services. */
export function createRecordNotes(modules: () => readonly BridgeModule[]): RecordNotes {
  return {
    async of(principal, record, t) {
      const notes = await Promise.all(
        modules().map((m) => m.recordNote?.(principal, record, t) ?? null),
      );
      return notes.filter((n): n is RecordNote => n !== null).sort((a, b) => a.order - b.order);
    },
  };
}
