/**
 * Decoding of text values by Specific Character Set (0008,0005), PS3.5 section 6.1 and
 * PS3.3 C.12.1.1.2, with the WHATWG encodings Node ships. ISO 2022 code extensions are handled
 * for the common cases (Japanese JIS X 0208, Korean KS X 1001) by the matching decoder.
 */
import { TextDecoder } from 'node:util';

const SINGLE_BYTE: Readonly<Record<string, string>> = {
  '': 'latin1',
  ISO_IR_6: 'latin1',
  ISO_IR_100: 'latin1',
  ISO_IR_101: 'iso-8859-2',
  ISO_IR_109: 'iso-8859-3',
  ISO_IR_110: 'iso-8859-4',
  ISO_IR_144: 'iso-8859-5',
  ISO_IR_127: 'iso-8859-6',
  ISO_IR_126: 'iso-8859-7',
  ISO_IR_138: 'iso-8859-8',
  ISO_IR_148: 'iso-8859-9',
  ISO_IR_166: 'windows-874',
  ISO_IR_13: 'shift_jis',
  ISO_IR_192: 'utf-8',
  GB18030: 'gb18030',
  GBK: 'gbk',
};

const decoders = new Map<string, TextDecoder>();

function decoderFor(label: string): TextDecoder {
  let decoder = decoders.get(label);
  if (decoder === undefined) {
    decoder = new TextDecoder(label);
    decoders.set(label, decoder);
  }
  return decoder;
}

/** The WHATWG encoding label for a Specific Character Set value (possibly multi-valued). */
export function encodingOf(specificCharacterSet: string | undefined): string {
  const terms = (specificCharacterSet ?? '').split('\\').map((term) => term.trim());
  const normalised = terms.map((term) => term.replace(/^ISO 2022 /, 'ISO_').replace(/ /g, '_'));

  if (normalised.some((term) => term === 'ISO_IR_87' || term === 'ISO_IR_159')) {
    return 'iso-2022-jp';
  }
  if (normalised.includes('ISO_IR_149')) return 'euc-kr';
  if (normalised.includes('ISO_IR_58')) return 'gb18030';

  const last = normalised.filter((term) => term.length > 0).pop() ?? '';
  return SINGLE_BYTE[last] ?? SINGLE_BYTE[last.replace(/^ISO_/, 'ISO_IR_')] ?? 'latin1';
}

/** Decodes the bytes of a text value, trimming the padding spaces and NULs DICOM allows. */
export function decodeText(bytes: Uint8Array, encoding: string): string {
  // KS X 1001 via ISO 2022 announces itself with ESC $ ) C; the EUC-KR decoder wants it gone.
  const cleaned = encoding === 'euc-kr' ? stripKoreanDesignation(bytes) : bytes;
  const text = decoderFor(encoding).decode(cleaned);

  return trimPadding(text).replace(/^ +/, '');
}

function stripKoreanDesignation(bytes: Uint8Array): Uint8Array {
  const out: number[] = [];
  for (let i = 0; i < bytes.length; i++) {
    // ESC $ ) C designates KS X 1001; ESC ( B returns to ASCII.
    const isKorean =
      bytes[i] === 0x1b && bytes[i + 1] === 0x24 && bytes[i + 2] === 0x29 && bytes[i + 3] === 0x43;
    const isAscii = bytes[i] === 0x1b && bytes[i + 1] === 0x28 && bytes[i + 2] === 0x42;
    if (isKorean || isAscii) {
      i += isKorean ? 3 : 2;
      continue;
    }
    out.push(bytes[i] ?? 0);
  }
  return Uint8Array.from(out);
}

/** Removes the trailing spaces and NULs that pad DICOM values to an even length (PS3.5 6.2). */
export function trimPadding(text: string): string {
  let end = text.length;
  while (end > 0 && (text[end - 1] === ' ' || text[end - 1] === '\u0000')) end -= 1;
  return text.slice(0, end);
}
