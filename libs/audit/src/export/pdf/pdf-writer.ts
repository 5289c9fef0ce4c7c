import PDFDocument from 'pdfkit';
import { pdfSafe } from './pdf-safe-text';

export type PdfWriterOptions = Readonly<{
  title: string;
  subject: string;
  /** Deflate content streams (default true). Tests may turn it off to read the text operators directly. */
  compress?: boolean;
}>;

const FONT = { body: 'Helvetica', bold: 'Helvetica-Bold', italic: 'Helvetica-Oblique', mono: 'Courier' } as const;
const SIZE = { title: 18, heading: 14, subheading: 11, body: 9, small: 7.5, mono: 8 } as const;
const GREY = '#555555';
const LABEL_WIDTH = 120;

export type Row = readonly [label: string, value: string, style?: 'mono'];

/**
 * A thin layout layer over pdfkit: headings, label/value rows, wrapped paragraphs and monospace hashes,
 * page breaks that keep a row together, and page numbers written once the page count is known.
 * All text goes through pdfSafe, since the standard fonts only encode WinAnsi.
 */
export class PdfWriter {
  readonly doc: PDFKit.PDFDocument;
  private readonly chunks: Buffer[] = [];
  private readonly done: Promise<Buffer>;

  constructor(options: PdfWriterOptions) {
    this.doc = new PDFDocument({
      size: 'A4',
      margins: { top: 56, bottom: 64, left: 56, right: 56 },
      bufferPages: true,
      compress: options.compress ?? true,
      info: { Title: options.title, Subject: options.subject, Creator: 'incident-ledger', Producer: 'incident-ledger (pdfkit)' },
    });
    this.done = new Promise((resolve, reject) => {
      this.doc.on('data', (chunk: Buffer) => this.chunks.push(chunk));
      this.doc.on('end', () => resolve(Buffer.concat(this.chunks)));
      this.doc.on('error', reject);
    });
    this.doc.font(FONT.body).fontSize(SIZE.body);
  }

  private get left(): number {
    return this.doc.page.margins.left;
  }

  private get width(): number {
    return this.doc.page.width - this.doc.page.margins.left - this.doc.page.margins.right;
  }

  private get bottom(): number {
    return this.doc.page.height - this.doc.page.margins.bottom;
  }

  /** Starts a new page unless `height` more points fit on this one. */
  ensureSpace(height: number): this {
    if (this.doc.y + height > this.bottom) this.newPage();
    return this;
  }

  newPage(): this {
    this.doc.addPage();
    this.doc.x = this.left;
    return this;
  }

  title(text: string): this {
    this.doc.font(FONT.bold).fontSize(SIZE.title).fillColor('black');
    this.doc.text(pdfSafe(text), this.left, this.doc.y, { width: this.width });
    this.doc.moveDown(0.5);
    return this;
  }

  heading(text: string): this {
    this.ensureSpace(60);
    this.doc.moveDown(0.6);
    this.doc.font(FONT.bold).fontSize(SIZE.heading).fillColor('black');
    this.doc.text(pdfSafe(text), this.left, this.doc.y, { width: this.width });
    const y = this.doc.y + 2;
    this.doc.moveTo(this.left, y).lineTo(this.left + this.width, y).lineWidth(0.5).strokeColor('#999999').stroke();
    this.doc.moveDown(0.5);
    return this;
  }

  subheading(text: string): this {
    this.ensureSpace(40);
    this.doc.moveDown(0.4);
    this.doc.font(FONT.bold).fontSize(SIZE.subheading).fillColor('black');
    this.doc.text(pdfSafe(text), this.left, this.doc.y, { width: this.width });
    this.doc.moveDown(0.2);
    return this;
  }

  /** A wrapped paragraph; `indent` in points. */
  paragraph(text: string, style: Readonly<{ bold?: boolean; italic?: boolean; small?: boolean; grey?: boolean; indent?: number }> = {}): this {
    const font = style.bold ? FONT.bold : style.italic ? FONT.italic : FONT.body;
    const indent = style.indent ?? 0;
    this.doc.font(font).fontSize(style.small ? SIZE.small : SIZE.body).fillColor(style.grey ? GREY : 'black');
    const safe = pdfSafe(text);
    this.ensureSpace(Math.min(this.doc.heightOfString(safe, { width: this.width - indent }), 60));
    this.doc.text(safe, this.left + indent, this.doc.y, { width: this.width - indent });
    this.doc.fillColor('black');
    return this;
  }

  /** A monospace line (hashes), with an optional proportional label before it. */
  mono(label: string, value: string, indent = 0): this {
    this.doc.font(FONT.body).fontSize(SIZE.small);
    const labelWidth = label === '' ? 0 : this.doc.widthOfString(`${label} `);
    this.ensureSpace(12);
    const y = this.doc.y;
    if (label !== '') this.doc.fillColor(GREY).text(pdfSafe(label), this.left + indent, y, { lineBreak: false });
    this.doc.font(FONT.mono).fontSize(SIZE.mono).fillColor('black');
    this.doc.text(pdfSafe(value), this.left + indent + labelWidth, y, { width: this.width - indent - labelWidth });
    this.doc.font(FONT.body).fontSize(SIZE.body);
    return this;
  }

  /** Label/value rows; a value wraps within its column and a row is never split across pages. */
  rows(rows: readonly Row[], indent = 0): this {
    const valueX = this.left + indent + LABEL_WIDTH;
    const valueWidth = this.width - indent - LABEL_WIDTH;
    for (const [label, value, style] of rows) {
      const safe = pdfSafe(value === '' ? '-' : value);
      this.doc.font(style === 'mono' ? FONT.mono : FONT.body).fontSize(style === 'mono' ? SIZE.mono : SIZE.body);
      const height = this.doc.heightOfString(safe, { width: valueWidth });
      // A value taller than a page cannot be kept together: let it flow across pages.
      if (height < this.bottom - this.doc.page.margins.top) this.ensureSpace(height + 2);
      const y = this.doc.y;
      this.doc.font(FONT.bold).fontSize(SIZE.body).fillColor(GREY);
      this.doc.text(pdfSafe(label), this.left + indent, y, { width: LABEL_WIDTH - 6 });
      this.doc.font(style === 'mono' ? FONT.mono : FONT.body).fontSize(style === 'mono' ? SIZE.mono : SIZE.body).fillColor('black');
      this.doc.text(safe, valueX, y, { width: valueWidth });
      this.doc.y += 2;
    }
    this.doc.x = this.left;
    this.doc.font(FONT.body).fontSize(SIZE.body);
    return this;
  }

  space(lines = 0.5): this {
    this.doc.moveDown(lines);
    return this;
  }

  /** Attaches a file (e.g. the signed JSON bundle) to the document. */
  attach(content: Buffer, name: string, description: string): this {
    this.doc.file(content, { name, type: 'application/json', description, hidden: false });
    return this;
  }

  /** Writes the footer on every page ("… Page i of n") and returns the finished PDF. */
  async finish(footer: string): Promise<Buffer> {
    const { start, count } = this.doc.bufferedPageRange();
    for (let i = start; i < start + count; i++) {
      this.doc.switchToPage(i);
      const { margins } = this.doc.page;
      // Writing below the bottom margin would make pdfkit add a page; lift the margin while we do.
      const bottom = margins.bottom;
      margins.bottom = 0;
      this.doc.font(FONT.body).fontSize(SIZE.small).fillColor(GREY);
      this.doc.text(pdfSafe(`${footer}   Page ${i + 1} of ${count}`), margins.left, this.doc.page.height - bottom + 24, {
        width: this.width,
        align: 'center',
        lineBreak: false,
      });
      margins.bottom = bottom;
    }
    this.doc.end();
    return this.done;
  }
}
