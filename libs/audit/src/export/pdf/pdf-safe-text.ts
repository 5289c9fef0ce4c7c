/**
 * The Unicode characters WinAnsiEncoding has at 0x80–0x9F. PDF's standard 14 fonts (Helvetica, Courier)
 * encode text in WinAnsi, so anything outside Latin-1 plus these cannot be shown by them.
 */
const WIN_ANSI_EXTRAS = new Set('€‚ƒ„…†‡ˆ‰Š‹ŒŽ‘’“”•–—˜™š›œžŸ');

// Common symbols the standard fonts lack, spelled with characters they have.
const SPELLED: Readonly<Record<string, string>> = { '→': '->', '←': '<-', '⇒': '=>', '≤': '<=', '≥': '>=', '≠': '!=', '✓': '[x]', '✗': '[ ]' };

const encodable = (char: string): boolean => {
  const code = char.codePointAt(0)!;
  return (code >= 0x20 && code <= 0x7e) || (code >= 0xa0 && code <= 0xff) || WIN_ANSI_EXTRAS.has(char);
};

/**
 * Makes text printable with a standard font: tabs become spaces, other control characters go, and a
 * character the font cannot encode falls back to its base letter (ő -> o) or '?'. pdfkit would otherwise
 * write such characters as malformed hex. The PDF is the readable copy; the JSON bundle keeps the exact text.
 */
export const pdfSafe = (text: string): string => {
  let out = '';
  for (const char of text.normalize('NFC')) {
    if (char === '\n') out += char;
    else if (char === '\t') out += ' ';
    else if (encodable(char)) out += char;
    else if (SPELLED[char] !== undefined) out += SPELLED[char];
    else if (char.codePointAt(0)! < 0x20 || (char.codePointAt(0)! >= 0x7f && char.codePointAt(0)! < 0xa0)) continue;
    else {
      const base = char.normalize('NFKD').replace(/[\u0300-\u036f]/g, '');
      out += base !== '' && [...base].every(encodable) ? base : '?';
    }
  }
  return out;
};
