/**
 * Forms that send a file (multipart/form-data). @fastify/multipart attaches each part to the
 * body as an object; this turns that back into plain fields and the one file the form sends.
 */
import type { MultipartFile, MultipartValue } from '@fastify/multipart';

export interface FormFile {
  filename: string;
  bytes: Buffer | null;
  /** Larger than the limit: not read in full, and refused. */
  tooLarge: boolean;
}

type Part = (MultipartFile | MultipartValue) & { bytes?: Buffer | null; tooLarge?: boolean };

export function multipartForm(
  body: unknown,
  fileField: string,
): { fields: Record<string, string>; file: FormFile | null } {
  const fields: Record<string, string> = {};
  let file: FormFile | null = null;
  if (!body || typeof body !== 'object') return { fields, file };
  for (const [name, raw] of Object.entries(body as Record<string, Part | Part[]>)) {
    const part = Array.isArray(raw) ? raw[0] : raw;
    if (!part || typeof part !== 'object') continue;
    if (part.type === 'field') {
      if (typeof part.value === 'string' && name !== '_csrf') fields[name] = part.value;
    } else if (name === fileField) {
      file = {
        filename: part.filename ?? '',
        bytes: part.bytes ?? null,
        tooLarge: part.tooLarge === true,
      };
    }
  }
  return { fields, file };
}

/**
 * @fastify/multipart's onFile: reads each file into memory (papers are small, and the limit is
 * a setting). A file over the limit arrives cut short (the plugin is told not to fail the whole
 * request), and is marked too large so the form can say so.
 */
export async function readFilePart(part: MultipartFile): Promise<void> {
  const target = part as Part;
  const bytes = await part.toBuffer();
  target.tooLarge = part.file.truncated;
  target.bytes = target.tooLarge ? null : bytes;
}
