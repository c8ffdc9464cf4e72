/**
 * DP-03, DP-02: the archive sent in answer to a subject access request is a whole second copy of
 * the person's data: its file is deleted a year after the answer. The register row stays with
 * the request, its dates, the identity check, who answered, and the archive's size and SHA-256
 * checksum, which show what was sent.
 */
import { and, eq, inArray, isNotNull, sql } from 'drizzle-orm';
import type { Executor } from '../../platform/db/database.js';
import { queryRows } from '../../platform/db/database.js';
import type { FileStore } from '../../platform/files/store.js';
import type { RetentionPart } from '../../platform/modules.js';
import { informationRightsPaths } from './paths.js';
import { subjectAccessRequests as requests } from './schema.js';

export function subjectAccessArchivesRetention(files: FileStore): RetentionPart {
  return {
    kind: 'subject access archives',
    describe:
      'The archive sent in answer to a subject access request: everything Bridge held about the person when it was answered, with their files.',
    schedule: {
      key: 'information-rights.archives',
      name: 'Archives sent in answer to subject access requests',
      trigger: 'The day the request was answered',
      defaultPeriod: { count: 12, unit: 'months' },
      reason:
        'Long enough for the person to query the answer and complain to the Information Commissioner (who expects a complaint within three months of the last contact) and for that to be settled; the archive is a second copy of data Bridge holds anyway, kept no longer than needed (UK GDPR Article 5(1)(c) and (e)).',
      action: 'delete',
      keeps:
        "the request, its dates, the identity check, who answered, and the archive's size and SHA-256 checksum",
      ownerRole: 'coordination_unit',
      async due(executor: Executor, startedBy: string, limit: number, offset: number) {
        const rows = await queryRows<{ id: string; answered_on: string; person_id: string }>(
          executor,
          sql`select s.id, (s.answered_at at time zone 'Europe/London')::date::text as answered_on,
                     s.person_id
              from subject_access_requests s
              where s.archive_storage_key is not null and s.answered_at is not null
                and (s.answered_at at time zone 'Europe/London')::date <= ${startedBy}::date
              order by s.answered_at, s.id
              limit ${limit} offset ${offset}`,
        );
        return rows.map((r) => ({
          id: r.id,
          startedOn: r.answered_on,
          reference: `Subject access request ${r.id}`,
          href: informationRightsPaths.request(r.id),
          personIds: [r.person_id],
        }));
      },
      async aboutPerson(executor: Executor, ids: readonly string[], personId: string) {
        if (!ids.length) return [];
        const rows = await executor
          .select({ id: requests.id })
          .from(requests)
          .where(and(inArray(requests.id, [...ids]), eq(requests.personId, personId)));
        return rows.map((r) => r.id);
      },
      async apply(executor: Executor, ids: readonly string[]) {
        if (!ids.length) return 0;
        const due = and(
          inArray(requests.id, [...ids]),
          isNotNull(requests.archiveStorageKey),
          isNotNull(requests.answeredAt),
        );
        const archives = await executor
          .select({ id: requests.id, key: requests.archiveStorageKey })
          .from(requests)
          .where(due)
          .for('update');
        await executor
          .update(requests)
          .set({ archiveStorageKey: null, version: sql`${requests.version} + 1` })
          .where(due);
        // Last, so that nothing after it in the transaction can fail and leave a row pointing
        // at a deleted file; a file left by a failed removal is only an orphan, never read.
        for (const { key } of archives) if (key) await files.remove(key);
        return archives.length;
      },
    },
  };
}
