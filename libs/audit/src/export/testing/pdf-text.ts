import { inflateSync } from 'node:zlib';

/**
 * A minimal PDF text extractor for tests, for what pdfkit writes with the standard fonts: page content
 * streams (Flate or plain) whose text operators show WinAnsi strings as hex (`[<48656c6c6f> 20 <...>] TJ`)
 * or literals (`(Hello) Tj`). One shown string array = one line. Not a general PDF parser: no xref
 * streams, object streams or embedded-font encodings, which pdfkit does not produce for these fonts.
 */

// WinAnsiEncoding 0x80–0x9F; everything else in 0x20–0xFF is Latin-1.
const WIN_ANSI_HIGH: Readonly<Record<number, string>> = {
  0x80: '€', 0x82: '‚', 0x83: 'ƒ', 0x84: '„', 0x85: '…', 0x86: '†', 0x87: '‡', 0x88: 'ˆ', 0x89: '‰',
  0x8a: 'Š', 0x8b: '‹', 0x8c: 'Œ', 0x8e: 'Ž', 0x91: '‘', 0x92: '’', 0x93: '“', 0x94: '”', 0x95: '•',
  0x96: '–', 0x97: '—', 0x98: '˜', 0x99: '™', 0x9a: 'š', 0x9b: '›', 0x9c: 'œ', 0x9e: 'ž', 0x9f: 'Ÿ',
};

const decodeByte = (byte: number): string => WIN_ANSI_HIGH[byte] ?? String.fromCharCode(byte);

const decodeHex = (hex: string): string => {
  const digits = hex.replace(/\s+/g, '');
  let out = '';
  for (let i = 0; i + 1 < digits.length; i += 2) out += decodeByte(parseInt(digits.slice(i, i + 2), 16));
  return out;
};

const decodeLiteral = (literal: string): string =>
  literal
    .replace(/\\([nrtbf()\\])/g, (_, c: string) => ({ n: '\n', r: '\r', t: '\t', b: '\b', f: '\f' })[c] ?? c)
    .replace(/\\(\d{1,3})/g, (_, octal: string) => decodeByte(parseInt(octal, 8)));

/** Every stream of the file with its dictionary, inflated when Flate-encoded. */
export const pdfStreams = (pdf: Buffer): Array<{ dictionary: string; content: Buffer }> => {
  const text = pdf.toString('latin1');
  const streams: Array<{ dictionary: string; content: Buffer }> = [];
  const marker = /stream\r?\n/g;
  for (let match = marker.exec(text); match !== null; match = marker.exec(text)) {
    if (text.slice(match.index - 3, match.index) === 'end') continue;
    const objStart = text.lastIndexOf(' obj', match.index);
    const dictionary = text.slice(objStart, match.index);
    const length = Number(/\/Length (\d+)/.exec(dictionary)?.[1] ?? -1);
    if (length < 0) continue;
    const start = match.index + match[0].length;
    const raw = pdf.subarray(start, start + length);
    streams.push({ dictionary, content: dictionary.includes('/FlateDecode') ? inflateSync(raw) : raw });
    marker.lastIndex = start + length;
  }
  return streams;
};

/** The lines of text shown on the pages, in content order. Attachments (embedded files) are skipped. */
export const extractPdfLines = (pdf: Buffer): string[] => {
  const lines: string[] = [];
  for (const { dictionary, content } of pdfStreams(pdf)) {
    if (dictionary.includes('/EmbeddedFile') || dictionary.includes('/Subtype')) continue;
    const ops = content.toString('latin1');
    const shown = /\[((?:<[0-9a-fA-F\s]*>|\((?:\\.|[^\\)])*\)|[-\d.\s])*)\]\s*TJ|<([0-9a-fA-F\s]*)>\s*Tj|\(((?:\\.|[^\\)])*)\)\s*Tj/g;
    for (let op = shown.exec(ops); op !== null; op = shown.exec(ops)) {
      if (op[1] !== undefined) {
        const parts = op[1].match(/<[0-9a-fA-F\s]*>|\((?:\\.|[^\\)])*\)/g) ?? [];
        lines.push(parts.map((part) => (part.startsWith('<') ? decodeHex(part.slice(1, -1)) : decodeLiteral(part.slice(1, -1)))).join(''));
      } else if (op[2] !== undefined) lines.push(decodeHex(op[2]));
      else if (op[3] !== undefined) lines.push(decodeLiteral(op[3]));
    }
  }
  return lines;
};

/** All page text as one string with runs of whitespace collapsed, so wrapped phrases match. */
export const extractPdfText = (pdf: Buffer): string => extractPdfLines(pdf).join(' ').replace(/\s+/g, ' ');

/** The files attached to the PDF (name -> content). */
export const pdfAttachments = (pdf: Buffer): Map<string, Buffer> => {
  const files = new Map<string, Buffer>();
  const text = pdf.toString('latin1');
  const streams = pdfStreams(pdf).filter((stream) => stream.dictionary.includes('/EmbeddedFile'));
  // pdfkit names each attachment in its Filespec (/F (name)); they are written in the same order as the files.
  const names = [...text.matchAll(/\/Type \/Filespec[\s\S]*?\/F \(([^)]*)\)/g)].map((match) => match[1]!);
  streams.forEach((stream, index) => files.set(names[index] ?? `attachment-${index}`, stream.content));
  return files;
};

/** The number of pages. */
export const pdfPageCount = (pdf: Buffer): number => (pdf.toString('latin1').match(/\/Type \/Page\b/g) ?? []).length;
