/**
 * Where uploaded files (meeting papers, later receipts) are kept: on disk under a directory that
 * is a setting (FILES_DIR), each file under a random key, never under the name it was sent with.
 * The database holds the key, the name, the type and a checksum.
 */
import { createHash, randomUUID } from 'node:crypto';
import { chmod, mkdir, readFile, rename, rm, writeFile } from 'node:fs/promises';
import path from 'node:path';
import type { ReceivedFile } from '../http/multipart.js';

export interface StoredFile {
  key: string;
  sha256: string;
  sizeBytes: number;
}

export interface FileStore {
  put(bytes: Buffer): Promise<StoredFile>;
  /** Keeps a file received on disk (under `incomingDir`) by moving it into place. */
  keep(received: ReceivedFile): Promise<StoredFile>;
  /** Where uploads are written as they arrive: on the same disk, so keeping one is a rename. */
  readonly incomingDir: string;
  read(key: string): Promise<Buffer>;
  remove(key: string): Promise<void>;
}

const KEY = /^[0-9a-f-]{36}$/;

export function diskFileStore(dir: string): FileStore {
  // Keys are UUIDs; two characters of fan-out keep any one directory small.
  const pathOf = (key: string) => {
    if (!KEY.test(key)) throw new Error('Not a file key');
    return path.join(dir, key.slice(0, 2), key);
  };
  return {
    async put(bytes) {
      const key = randomUUID();
      const file = pathOf(key);
      await mkdir(path.dirname(file), { recursive: true });
      await writeFile(file, bytes, { mode: 0o600, flag: 'wx' });
      return {
        key,
        sha256: createHash('sha256').update(bytes).digest('hex'),
        sizeBytes: bytes.length,
      };
    },
    async keep(received) {
      const key = randomUUID();
      const file = pathOf(key);
      await mkdir(path.dirname(file), { recursive: true });
      await rename(received.path, file);
      await chmod(file, 0o600);
      return { key, sha256: received.sha256, sizeBytes: received.sizeBytes };
    },
    incomingDir: path.join(dir, 'incoming'),
    read: (key) => readFile(pathOf(key)),
    remove: (key) => rm(pathOf(key), { force: true }),
  };
}
