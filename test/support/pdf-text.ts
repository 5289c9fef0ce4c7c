import { execFile } from 'node:child_process';

/**
 * Extracts the text of a PDF with pdf-parse (pdf.js). It runs in a child Node process because
 * pdf.js loads its worker with a dynamic import(), which jest's CommonJS sandbox refuses.
 */
export const extractPdfText = (pdf: Buffer): Promise<string> =>
  new Promise((resolve, reject) => {
    const script = `
      const { PDFParse } = require('pdf-parse');
      const chunks = [];
      process.stdin.on('data', (c) => chunks.push(c));
      process.stdin.on('end', async () => {
        const parser = new PDFParse({ data: Buffer.concat(chunks) });
        const result = await parser.getText();
        await parser.destroy();
        process.stdout.write(result.text);
      });`;
    const child = execFile(process.execPath, ['-e', script], { maxBuffer: 64 * 1024 * 1024 }, (error, stdout, stderr) => {
      if (error) reject(new Error(`pdf text extraction failed: ${stderr || error.message}`));
      else resolve(stdout);
    });
    child.stdin!.end(pdf);
  });
