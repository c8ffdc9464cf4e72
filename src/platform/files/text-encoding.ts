/**
 * Reads an uploaded text file (a CSV) whatever a spreadsheet saved it as: UTF-8 with or without a
 * byte order mark, UTF-16 (little- or big-endian, as Excel's "Unicode" formats write), or, when
 * the bytes are not UTF-8 at all, Windows-1252 (Excel's plain "CSV" on Windows in the UK).
 */

export type TextEncodingName = 'UTF-8' | 'UTF-16LE' | 'UTF-16BE' | 'Windows-1252';

/** What people are told the import accepts. */
export const ACCEPTED_TEXT_ENCODINGS =
  'UTF-8 (with or without a byte order mark), UTF-16 (as Excel’s “Unicode” formats save) or Windows-1252 (Excel’s plain “CSV” on Windows)';

/**
 * Windows-1252's characters at 0x80 to 0x9F, where it differs from Latin-1 (the five it leaves
 * undefined keep their code point, as the WHATWG Encoding Standard says). Node's
 * TextDecoder('windows-1252') decodes these bytes as Latin-1 control characters, so the table is
 * written out here.
 */
const CP1252_HIGH = [
  0x20ac, 0x81, 0x201a, 0x192, 0x201e, 0x2026, 0x2020, 0x2021, 0x2c6, 0x2030, 0x160, 0x2039, 0x152,
  0x8d, 0x17d, 0x8f, 0x90, 0x2018, 0x2019, 0x201c, 0x201d, 0x2022, 0x2013, 0x2014, 0x2dc, 0x2122,
  0x161, 0x203a, 0x153, 0x9d, 0x17e, 0x178,
];

function windows1252(bytes: Uint8Array): string {
  let out = '';
  for (let i = 0; i < bytes.length; i += 8192) {
    const chunk = bytes.subarray(i, i + 8192);
    out += String.fromCharCode(
      ...Array.from(chunk, (b) => (b >= 0x80 && b <= 0x9f ? CP1252_HIGH[b - 0x80]! : b)),
    );
  }
  return out;
}

/**
 * UTF-16 without a byte order mark: text that is mostly ASCII has a zero in every other byte.
 * Null when the bytes do not look like it.
 */
function unmarkedUtf16(bytes: Uint8Array): 'UTF-16LE' | 'UTF-16BE' | null {
  const pairs = Math.min(Math.floor(bytes.length / 2), 4096);
  if (pairs < 2) return null;
  let evenZeros = 0;
  let oddZeros = 0;
  for (let i = 0; i < pairs; i++) {
    if (bytes[2 * i] === 0) evenZeros++;
    if (bytes[2 * i + 1] === 0) oddZeros++;
  }
  if (oddZeros > pairs * 0.6 && evenZeros < pairs * 0.1) return 'UTF-16LE';
  if (evenZeros > pairs * 0.6 && oddZeros < pairs * 0.1) return 'UTF-16BE';
  return null;
}

/** The text of the file and the encoding it was read as. */
export function decodeText(bytes: Uint8Array): { text: string; encoding: TextEncodingName } {
  if (bytes[0] === 0xef && bytes[1] === 0xbb && bytes[2] === 0xbf)
    return { text: new TextDecoder('utf-8').decode(bytes.subarray(3)), encoding: 'UTF-8' };
  if (bytes[0] === 0xff && bytes[1] === 0xfe)
    return { text: new TextDecoder('utf-16le').decode(bytes.subarray(2)), encoding: 'UTF-16LE' };
  if (bytes[0] === 0xfe && bytes[1] === 0xff)
    return { text: new TextDecoder('utf-16be').decode(bytes.subarray(2)), encoding: 'UTF-16BE' };
  const utf16 = unmarkedUtf16(bytes);
  if (utf16) return { text: new TextDecoder(utf16.toLowerCase()).decode(bytes), encoding: utf16 };
  try {
    return { text: new TextDecoder('utf-8', { fatal: true }).decode(bytes), encoding: 'UTF-8' };
  } catch {
    return { text: windows1252(bytes), encoding: 'Windows-1252' };
  }
}
