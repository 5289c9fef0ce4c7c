import PDFDocument from 'pdfkit';
import { extractPdfText } from './pdf-text';

const render = (lines: string[]): Promise<Buffer> =>
  new Promise((resolve) => {
    const doc = new PDFDocument();
    const chunks: Buffer[] = [];
    doc.on('data', (chunk: Buffer) => chunks.push(chunk));
    doc.on('end', () => resolve(Buffer.concat(chunks)));
    for (const line of lines) doc.text(line);
    doc.end();
  });

describe('extractPdfText', () => {
  it('reads back the text pdfkit wrote, hashes included', async () => {
    const text = await extractPdfText(await render(['Timeline (UTC)', 'hash 9f86d081884c7d659a2feaa0c55ad015']));
    expect(text).toContain('Timeline (UTC)');
    expect(text).toContain('9f86d081884c7d659a2feaa0c55ad015');
  });
});
