/**
 * Characters that make a spreadsheet read a cell as a formula (or, for tab and CR, that some
 * importers strip before doing so). OWASP's CSV-injection guidance.
 */
const FORMULA_START = /^[=+\-@\t\r]/;

/**
 * Neutralizes formula injection: a cell that starts like a formula gets a leading single quote, so
 * Excel, LibreOffice and Sheets show it as text. The change is visible on purpose: an auditor sees
 * exactly which cells were guarded, and the hashes are computed over the JSON data, never over the CSV.
 */
export const guardFormula = (value: string): string => (FORMULA_START.test(value) ? `'${value}` : value);

/** RFC 4180: quote a field holding a comma, a quote, CR or LF, doubling the quotes inside. */
export const quoteField = (value: string): string => (/[",\r\n]/.test(value) ? `"${value.replace(/"/g, '""')}"` : value);

/** One cell, guarded then quoted. null and undefined are empty cells. */
export const csvCell = (value: string | number | null | undefined): string =>
  value === null || value === undefined ? '' : quoteField(guardFormula(String(value)));

/** One record; RFC 4180 ends every record, the last one too, with CRLF. */
export const csvRecord = (cells: readonly (string | number | null | undefined)[]): string => `${cells.map(csvCell).join(',')}\r\n`;
