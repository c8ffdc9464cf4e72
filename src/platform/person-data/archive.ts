/**
 * DP-02: the archive of what Bridge holds about a person, as one ZIP file: `summary.html` (a
 * readable page, each section a table), `data.json` (the same, for a machine) and the person's
 * files (receipts) under `files/`. Values that name other people are marked for redaction before
 * the archive is released to the person.
 */
import { strToU8, zipSync, type Zippable } from 'fflate';
import type { Executor } from '../db/database.js';
import type { FileStore } from '../files/store.js';
import type { Translate } from '../i18n/messages.js';
import type { BridgeModule } from '../modules.js';
import { collectPersonData, type ModulePersonData } from '../person-data.js';
import { accountPersonData, type ArchiveSubject } from './account.js';
import { summaryHtml } from './summary.js';
import type { ArchivePart, ArchiveSection } from './types.js';

export type { ArchiveSubject } from './account.js';
export type { ArchivePart, ArchiveSection } from './types.js';

export interface PersonArchive {
  /** The ZIP's bytes. */
  bytes: Uint8Array;
  /** Every part, as `data.json` holds it (tests and the request page read it). */
  parts: ArchivePart[];
}

export interface ArchiveDeps {
  modules: readonly BridgeModule[];
  files: FileStore;
  t: Translate;
  now: () => Date;
}

/** A file's name as a path inside the ZIP: no directories, nothing but plain characters. */
const safeName = (name: string) => name.replace(/[^\w.-]+/g, '_').slice(-100) || 'file';

/**
 * Gathers the person's data on the executor given (one transaction, so every part reads the same
 * moment) and writes the ZIP. A person without a directory entry has the account part only.
 */
export async function buildPersonArchive(
  deps: ArchiveDeps,
  executor: Executor,
  subject: ArchiveSubject,
  name: string,
): Promise<PersonArchive> {
  const { modules, files, t, now } = deps;
  const found: ModulePersonData[] = [await accountPersonData(executor, subject, t)];
  if (subject.personId)
    found.push(
      ...(await collectPersonData(modules, executor, {
        personId: subject.personId,
        userId: subject.userId,
      })),
    );
  const zip: Zippable = {};
  const parts: ArchivePart[] = [];
  let n = 0;
  for (const part of found) {
    const sections: ArchiveSection[] = [];
    for (const section of part.sections) {
      const placed: ArchiveSection['files'] = [];
      for (const file of section.files ?? []) {
        n += 1;
        const path = `files/${part.module}/${n}-${safeName(file.name)}`;
        // A file missing from the store is said so in the archive rather than failing it.
        const bytes = await files.read(file.storageKey).catch(() => null);
        if (!bytes) continue;
        zip[path] = new Uint8Array(bytes);
        placed.push({ name: file.name, path });
      }
      sections.push({
        title: section.title,
        rows: section.rows,
        forRedaction: section.thirdParty ?? [],
        files: placed,
      });
    }
    parts.push({ module: part.module, sections });
  }
  const madeAt = now().toISOString();
  zip['data.json'] = strToU8(JSON.stringify({ person: name, madeAt, parts }, null, 2));
  zip['summary.html'] = strToU8(summaryHtml(t, { name, madeAt, parts }));
  return { bytes: zipSync(zip, { level: 6, mtime: now() }), parts };
}
