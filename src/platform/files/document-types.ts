/**
 * Which documents people may attach: PDF, Office documents and images. The type is read from the
 * file's own bytes (with file-type), not trusted from its name or the browser.
 */
import { fileTypeFromBuffer, fileTypeFromFile, type FileTypeResult } from 'file-type';
import type { Translate } from '../i18n/messages.js';

export const DOCUMENT_TYPES = {
  pdf: { mime: 'application/pdf', labelKey: 'files.type.pdf' },
  docx: {
    mime: 'application/vnd.openxmlformats-officedocument.wordprocessingml.document',
    labelKey: 'files.type.word',
  },
  xlsx: {
    mime: 'application/vnd.openxmlformats-officedocument.spreadsheetml.sheet',
    labelKey: 'files.type.excel',
  },
  pptx: {
    mime: 'application/vnd.openxmlformats-officedocument.presentationml.presentation',
    labelKey: 'files.type.powerPoint',
  },
  odt: { mime: 'application/vnd.oasis.opendocument.text', labelKey: 'files.type.odt' },
  ods: {
    mime: 'application/vnd.oasis.opendocument.spreadsheet',
    labelKey: 'files.type.ods',
  },
  odp: {
    mime: 'application/vnd.oasis.opendocument.presentation',
    labelKey: 'files.type.odp',
  },
  png: { mime: 'image/png', labelKey: 'files.type.png' },
  jpg: { mime: 'image/jpeg', labelKey: 'files.type.jpg' },
} as const;

export type DocumentType = keyof typeof DOCUMENT_TYPES;

/** Older Office files (.doc, .xls, .ppt) share one container format; their name tells which. */
const LEGACY_OFFICE: Record<string, { mime: string; labelKey: string }> = {
  doc: { mime: 'application/msword', labelKey: 'files.type.word' },
  xls: { mime: 'application/vnd.ms-excel', labelKey: 'files.type.excel' },
  ppt: { mime: 'application/vnd.ms-powerpoint', labelKey: 'files.type.powerPoint' },
};

/** The catalogue key of how a form names the documents it accepts ("PDF, Word, ... or JPEG"). */
export const ACCEPTED_DOCUMENTS_KEY = 'files.acceptedDocuments';

/**
 * The file's real type if it is one we accept; null otherwise. The file is in memory, or on disk
 * where it was received (`{ path }`), which is read only as far as the type needs.
 */
export async function detectDocumentType(
  content: Buffer | { path: string },
  filename: string,
): Promise<{ mime: string; extension: string } | null> {
  const found: FileTypeResult | undefined = Buffer.isBuffer(content)
    ? await fileTypeFromBuffer(content)
    : await fileTypeFromFile(content.path);
  if (!found) return null;
  if (found.ext === 'cfb') {
    const extension = extensionOf(filename);
    const legacy = LEGACY_OFFICE[extension];
    return legacy ? { mime: legacy.mime, extension } : null;
  }
  const known = DOCUMENT_TYPES[found.ext as DocumentType];
  return known ? { mime: known.mime, extension: found.ext } : null;
}

function extensionOf(filename: string): string {
  const dot = filename.lastIndexOf('.');
  return dot < 0 ? '' : filename.slice(dot + 1).toLowerCase();
}

/** A file name safe to send back in a Content-Disposition header and to show on a page. */
export function cleanFileName(filename: string, extension: string): string {
  const base = filename
    .replace(/\.[A-Za-z0-9]{1,8}$/, '')
    .replace(/[^\p{L}\p{N} ._()-]+/gu, '-')
    .trim()
    .slice(0, 100);
  return `${base || 'document'}.${extension}`;
}

/** What a person calls a file of this type ('PDF', 'Word'), in the words of `t`. */
export function documentLabel(t: Translate, mime: string): string {
  const all = [...Object.values(DOCUMENT_TYPES), ...Object.values(LEGACY_OFFICE)];
  return t(all.find((type) => type.mime === mime)?.labelKey ?? 'files.type.other');
}

/** GOV.UK style file size ('850KB', '1.2MB'), in the words of `t`. */
export function fileSizeText(t: Translate, bytes: number): string {
  if (bytes < 1024 * 1024)
    return t('files.size.kilobytes', { size: Math.max(1, Math.round(bytes / 1024)) });
  return t('files.size.megabytes', {
    size: (bytes / (1024 * 1024)).toFixed(1).replace(/\.0$/, ''),
  });
}

/** A kept file as GOV.UK describes a download ('PDF, 120KB'), in the words of `t`. */
export function fileDescription(t: Translate, file: { mediaType: string; sizeBytes: number }) {
  return t('files.description', {
    type: documentLabel(t, file.mediaType),
    size: fileSizeText(t, file.sizeBytes),
  });
}
