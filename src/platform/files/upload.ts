/**
 * Checking a file someone sends and keeping it: the same checks for every kind of document
 * (meeting papers, documents shared with advisors, advice attachments, later receipts). The
 * type is read from the bytes, the size was capped as it arrived, and the file is kept under a
 * random key, only after the form's other fields have passed.
 */
import type { FieldError } from '../errors.js';
import type { Translate } from '../i18n/messages.js';
import type { FormFile, ReceivedFile } from '../http/multipart.js';
import {
  ACCEPTED_DOCUMENTS_KEY,
  DOCUMENT_TYPES,
  cleanFileName,
  detectDocumentType,
  type DocumentType,
} from './document-types.js';
import type { FileStore, StoredFile } from './store.js';

/** A file's content: in memory (a paper Bridge made), or on disk where an upload was received. */
export type FileContent = Buffer | ReceivedFile;

export interface CheckedFile {
  bytes: FileContent;
  mime: string;
  /** Safe to show and to send back. */
  fileName: string;
}

/** Which files a form takes: by default any document; receipts, say, only PDFs and images. */
export interface UploadRules {
  field?: string;
  /** The types accepted, and how the form names them; every document type if not given. */
  accept?: { types: readonly DocumentType[]; text: string };
  /** No file at all is fine (the field is optional). */
  optional?: boolean;
}

/**
 * The file if it is one we accept; otherwise a message against the field is added to errors and
 * null is returned (null with no message when an optional file was not given). The messages
 * are worded by `t`.
 */
export async function checkUploadedFile(
  t: Translate,
  errors: FieldError[],
  file: FormFile | null,
  maxBytes: number,
  rules: UploadRules = {},
): Promise<CheckedFile | null> {
  const field = rules.field ?? 'file';
  const maxMb = Math.round(maxBytes / (1024 * 1024));
  if (!file || (!file.filename && !file.received?.sizeBytes && !file.tooLarge)) {
    if (!rules.optional) errors.push({ field, message: t('files.upload.missing') });
    return null;
  }
  if (file.tooLarge) {
    errors.push({ field, message: t('files.upload.tooLarge', { maxMb }) });
    return null;
  }
  if (!file.received?.sizeBytes) {
    errors.push({ field, message: t('files.upload.empty') });
    return null;
  }
  const type = await detectDocumentType(file.received, file.filename);
  const accepted =
    type && (!rules.accept || rules.accept.types.some((t) => DOCUMENT_TYPES[t].mime === type.mime));
  if (!type || !accepted) {
    errors.push({
      field,
      message: t('files.upload.wrongType', {
        accepted: rules.accept?.text ?? t(ACCEPTED_DOCUMENTS_KEY),
      }),
    });
    return null;
  }
  return {
    bytes: file.received,
    mime: type.mime,
    fileName: cleanFileName(file.filename, type.extension),
  };
}

/** The title a document gets when none is typed: its file name without the extension. */
export function titleFromFileName(fileName: string): string {
  return fileName.replace(/\.[^.]+$/, '');
}

/**
 * Keeps the file, then records it with `record` (a transaction); if recording fails, the file is
 * removed again, so no file is kept that nothing refers to.
 */
export async function keepFile<T>(
  files: FileStore,
  content: FileContent,
  record: (stored: StoredFile) => Promise<T>,
): Promise<T> {
  const stored = Buffer.isBuffer(content) ? await files.put(content) : await files.keep(content);
  try {
    return await record(stored);
  } catch (error) {
    await files.remove(stored.key);
    throw error;
  }
}
