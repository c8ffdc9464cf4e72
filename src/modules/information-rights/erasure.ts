/**
 * Issue 28 part 5: the information-rights module's part of erasing a person. The subject access
 * register keeps that a request about them was received, checked, extended and answered, and
 * when (the record that the law was kept); how their identity was checked and why the answer
 * took longer may say who they are, and the archive sent is a whole copy of their data: those go.
 * The register of requests to erase or correct keeps each request's kind, dates, decision and
 * reasons, and the counts of what was erased; what the person asked, in their words, goes, and
 * their name and address go from the reasons and what was corrected.
 */
import { and, eq, isNotNull } from 'drizzle-orm';
import type { Executor } from '../../platform/db/database.js';
import { mentionPattern, mentionsSql, withoutMentionsSql } from '../../platform/erased.js';
import type { FileStore } from '../../platform/files/store.js';
import type { ErasedPart, PersonDataSubject } from '../../platform/modules.js';
import type { DirectoryService } from '../directory/index.js';
import { erasureRequests, subjectAccessRequests as requests } from './schema.js';

export function createInformationRightsErasure(deps: {
  files: FileStore;
  directory: DirectoryService;
}) {
  const { files, directory } = deps;
  return async (executor: Executor, { personId }: PersonDataSubject): Promise<ErasedPart[]> => {
    // Asked before the directory's part anonymises the entry.
    const person = (await directory.lookups.people(executor, [personId])).get(personId);
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

    const theirErasures = eq(erasureRequests.personId, personId);
    const erasures = await executor
      .update(erasureRequests)
      .set({ asked: null })
      .where(theirErasures)
      .returning({ id: erasureRequests.id });
    // Their name and address out of the text kept for the record (whole: a surname alone, such
    // as May or Hall, would garble the reasons).
    const pattern = mentionPattern([person?.fullName, person?.email]);
    if (pattern)
      for (const column of ['extensionReason', 'decisionReasons', 'corrections'] as const)
        await executor
          .update(erasureRequests)
          .set({ [column]: withoutMentionsSql(erasureRequests[column], pattern) })
          .where(
            and(
              theirErasures,
              isNotNull(erasureRequests[column]),
              mentionsSql(erasureRequests[column], pattern),
            ),
          );

    // Removed now, not after the commit: were the erasure undone, an archive of a person who asked
    // to be erased is better lost than kept. The request would then still name the archive, and
    // its download would answer "not found".
    for (const { key } of archives) if (key) await files.remove(key);
    return [
      { kind: 'subject access requests', records: changed.length, how: 'anonymised' },
      { kind: 'requests to erase or correct', records: erasures.length, how: 'anonymised' },
    ];
  };
}
