/**
 * Forms that send a file (multipart/form-data), read only on the routes that take one, only
 * after the session and the CSRF token have been checked, and with the file written to disk as
 * it arrives: nothing larger than a form field is ever held in memory. Every other route refuses
 * a multipart body before reading it (see app.ts).
 */
import { createHash, randomUUID } from 'node:crypto';
import { createWriteStream } from 'node:fs';
import { mkdir, readFile, rm } from 'node:fs/promises';
import path from 'node:path';
import { Transform } from 'node:stream';
import { pipeline } from 'node:stream/promises';
import type { FastifyRequest } from 'fastify';
import type {} from '@fastify/multipart';
import { ValidationError } from '../errors.js';
import { decodeText } from '../files/text-encoding.js';

/** A file as it was received: on disk under the files directory, until it is kept or dropped. */
export interface ReceivedFile {
  path: string;
  sizeBytes: number;
  sha256: string;
}

export interface FormFile {
  filename: string;
  /** Null when nothing arrived, or when it was too large (what arrived is removed at once). */
  received: ReceivedFile | null;
  /** Larger than the limit: not read in full, and refused. */
  tooLarge: boolean;
}

/**
 * The received file's bytes, for the few forms whose small file is read whole (a CSV or JSON
 * import); undefined when nothing arrived or it was too large.
 */
export async function receivedBytes(file: FormFile | null): Promise<Buffer | undefined> {
  return file?.received && !file.tooLarge ? readFile(file.received.path) : undefined;
}

/**
 * The text of a file sent to an import, decoded as a spreadsheet saved it (UTF-8, UTF-16 or
 * Windows-1252); refused, naming the file field in the words given, when nothing came, it was
 * empty, or it was too large.
 */
export async function receivedText(
  file: FormFile | null,
  words: { tooLarge: string; missing: string },
): Promise<string> {
  const bytes = await receivedBytes(file);
  const text = bytes ? decodeText(bytes).text : '';
  if (!text)
    throw new ValidationError([
      { field: 'file', message: file?.tooLarge ? words.tooLarge : words.missing },
    ]);
  return text;
}

export interface UploadForm {
  fields: Record<string, string>;
  file: FormFile | null;
  /** Removes the received file unless it was kept (moved away); safe to call twice. */
  discard(): Promise<void>;
}

/**
 * Reads a multipart form part by part. `checkCsrf` is called with the form's `_csrf` field
 * before the first byte of a file is written (the forms put it first), or at the end when no
 * file came; it throws to refuse the form.
 */
export async function readUploadForm(
  request: FastifyRequest,
  options: {
    fileField: string;
    maxBytes: number;
    /** Where files are written as they arrive: on the same disk as the files kept. */
    incomingDir: string;
    checkCsrf: (token: string | undefined) => Promise<void>;
  },
): Promise<UploadForm> {
  const fields: Record<string, string> = {};
  let csrfToken: string | undefined;
  let csrfChecked = false;
  let file: FormFile | null = null;
  const discard = async () => {
    if (file?.received) await rm(file.received.path, { force: true });
  };
  try {
    const parts = request.parts({
      limits: { fileSize: options.maxBytes, files: 1, fields: 20, fieldSize: 100_000 },
    });
    for await (const part of parts) {
      if (part.type === 'field') {
        if (typeof part.value !== 'string') continue;
        if (part.fieldname === '_csrf') csrfToken = part.value;
        else fields[part.fieldname] = part.value;
        continue;
      }
      if (!csrfChecked) {
        await options.checkCsrf(csrfToken);
        csrfChecked = true;
      }
      if (part.fieldname !== options.fileField || file) {
        // Not the form's file: read past it, keeping nothing.
        for await (const _chunk of part.file);
        continue;
      }
      file = { filename: part.filename ?? '', received: null, tooLarge: false };
      await mkdir(options.incomingDir, { recursive: true });
      const target = path.join(options.incomingDir, randomUUID());
      const hash = createHash('sha256');
      let sizeBytes = 0;
      const measure = new Transform({
        transform(chunk: Buffer, _encoding, done) {
          hash.update(chunk);
          sizeBytes += chunk.length;
          done(null, chunk);
        },
      });
      file.received = { path: target, sizeBytes: 0, sha256: '' };
      await pipeline(part.file, measure, createWriteStream(target, { flags: 'wx', mode: 0o600 }));
      if (part.file.truncated) {
        // Cut short at the limit: what arrived is of no use.
        await rm(target, { force: true });
        file.received = null;
        file.tooLarge = true;
      } else {
        file.received = { path: target, sizeBytes, sha256: hash.digest('hex') };
      }
    }
    if (!csrfChecked) await options.checkCsrf(csrfToken);
  } catch (error) {
    await discard();
    throw error;
  }
  return { fields, file, discard };
}
