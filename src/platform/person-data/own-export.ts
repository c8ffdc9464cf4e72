/**
 * DP-02: a signed-in person downloads what Bridge holds about them, without asking anyone: the
 * archive for their directory entry (the one whose account is theirs) and their account, built in
 * one transaction with one audit event that says only that it was made.
 */
import { recordAudit } from '../audit/service.js';
import { requireUser } from '../auth/permissions.js';
import { actorOf, type Principal } from '../auth/principal.js';
import type { Db, Executor } from '../db/database.js';
import { buildPersonArchive, type ArchiveDeps } from './archive.js';

export interface OwnExportDeps extends ArchiveDeps {
  db: Db;
  /** The directory entry whose account this is (app.ts gives the directory's lookup). */
  personIdForUser(executor: Executor, userId: string): Promise<string | undefined>;
}

export type OwnExport = ReturnType<typeof createOwnExport>;

export function createOwnExport(deps: OwnExportDeps) {
  const { db, personIdForUser } = deps;
  return {
    /** Whether the signed-in person has a directory entry (the page says when they have none). */
    async hasEntry(principal: Principal): Promise<boolean> {
      const user = requireUser(principal, 'account.manage-own');
      return (await personIdForUser(db, user.userId)) !== undefined;
    },

    /** The ZIP of everything Bridge holds about the signed-in person. */
    async build(principal: Principal, requestId?: string): Promise<Uint8Array> {
      const user = requireUser(principal, 'account.manage-own');
      // Repeatable read: every module's part is read at the same moment. The audit event is
      // written after, on its own (the chain cannot be written from an older snapshot).
      const archive = await db.transaction(
        async (tx) => {
          const personId = (await personIdForUser(tx, user.userId)) ?? null;
          return buildPersonArchive(deps, tx, { personId, userId: user.userId }, user.displayName);
        },
        { isolationLevel: 'repeatable read', accessMode: 'read only' },
      );
      await db.transaction((tx) =>
        recordAudit(tx, actorOf(user, requestId), {
          action: 'person-data.exported-own',
          recordType: 'user',
          recordId: user.userId,
        }),
      );
      return archive.bytes;
    },
  };
}
