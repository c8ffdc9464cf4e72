/**
 * Issue 28 part 5: the information-rights module's part of erasing a person. The register keeps
 * that a request about them was received, checked, extended and answered, and when (the record
 * that the law was kept); how their identity was checked and why the answer took longer may say
 * who they are, and the archive sent is a whole copy of their data: those go.
 */
import { eq } from 'drizzle-orm';
import type { Executor } from '../../platform/db/database.js';
import type { FileStore } from '../../platform/files/store.js';
import type { ErasedPart, PersonDataSubject } from '../../platform/modules.js';
import { subjectAccessRequests as requests } from './schema.js';

export function createInformationRightsErasure(files: FileStore) {
  return async (executor: Executor, { personId }: PersonDataSubject): Promise<ErasedPart[]> => {
    const theirs = eq(requests.personId, personId);
    const archives = await executor
      .select({ key: requests.archiveStorageKey })
      .from(requests)
      .where(theirs);
    const changed = await executor
      .update(requests)
      .set({
        identityMethod: null,
        extensionReason: null,
        archiveStorageKey: null,
        archiveSizeBytes: null,
        archiveSha256: null,
      })
      .where(theirs)
      .returning({ id: requests.id });
    // Removed now, not after the commit: were the erasure undone, an archive of a person who asked
    // to be erased is better lost than kept (the request's page then offers none).
    for (const { key } of archives) if (key) await files.remove(key);
    return [{ kind: 'subject access requests', records: changed.length, how: 'anonymised' }];
  };
}
