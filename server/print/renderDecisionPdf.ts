import { createRequire } from 'node:module';
import { dirname, join } from 'node:path';
import PDFDocument from 'pdfkit';
import type { DecisionDocument } from './decisionDocument.js';

// DejaVu Sans covers Cyrillic and the Kazakh letters (ә, ғ, қ, ң, ө, ұ, ү, һ, і); pdfkit's
// built-in Helvetica has neither. The TTFs come from the dejavu-fonts-ttf package.
const fontDir = join(dirname(createRequire(import.meta.url).resolve('dejavu-fonts-ttf/package.json')), 'ttf');
export const DOCUMENT_FONTS = { regular: join(fontDir, 'DejaVuSans.ttf'), bold: join(fontDir, 'DejaVuSans-Bold.ttf') } as const;

const INK = '#111111';
const RULE = '#0b3d6e';

/** Lays the document out on A4 and returns the PDF's bytes. */
export function renderDecisionPdf(doc: DecisionDocument): Promise<Buffer> {
  const pdf = new PDFDocument({
    size: 'A4',
    margins: { top: 56, bottom: 56, left: 64, right: 64 },
    lang: doc.language,
    info: { Title: `${doc.title} — ${doc.trackingNumber}`, Creator: 'Tereze', Producer: 'Tereze (pdfkit)', CreationDate: new Date(doc.issuedAt) },
    displayTitle: true,
  });
  pdf.registerFont('regular', DOCUMENT_FONTS.regular);
  pdf.registerFont('bold', DOCUMENT_FONTS.bold);
  const chunks: Buffer[] = [];
  pdf.on('data', (chunk: Buffer) => chunks.push(chunk));
  const done = new Promise<Buffer>((resolve, reject) => {
    pdf.on('end', () => resolve(Buffer.concat(chunks)));
    pdf.on('error', reject);
  });

  const width = pdf.page.width - pdf.page.margins.left - pdf.page.margins.right;
  const left = pdf.page.margins.left;
  pdf.fillColor(INK).font('bold').fontSize(16).text(doc.title, { width });
  pdf.moveDown(0.4);
  pdf.moveTo(left, pdf.y).lineTo(left + width, pdf.y).lineWidth(1.5).strokeColor(RULE).stroke();
  pdf.moveDown(0.8);

  const labelWidth = 170;
  for (const [label, value] of [...doc.rows, doc.decision]) {
    const top = pdf.y;
    pdf.font('bold').fontSize(10.5).text(label, left, top, { width: labelWidth - 12 });
    const afterLabel = pdf.y;
    pdf.font('regular').fontSize(10.5).text(value, left + labelWidth, top, { width: width - labelWidth });
    pdf.y = Math.max(pdf.y, afterLabel) + 4;
  }
  for (const list of doc.lists) {
    pdf.moveDown(0.6);
    pdf.font('bold').fontSize(11.5).text(list.title, left, pdf.y, { width });
    pdf.moveDown(0.2);
    pdf.font('regular').fontSize(10.5).list([...list.items], left + 8, pdf.y, { width: width - 8, bulletRadius: 2, textIndent: 12 });
  }
  pdf.moveDown(0.6);
  for (const paragraph of doc.paragraphs) {
    pdf.font('regular').fontSize(10.5).text(paragraph, left, pdf.y, { width });
    pdf.moveDown(0.5);
  }
  pdf.moveDown(1);
  pdf.moveTo(left, pdf.y).lineTo(left + width, pdf.y).lineWidth(0.5).strokeColor('#888888').stroke();
  pdf.moveDown(0.4);
  pdf.font('regular').fontSize(8.5).fillColor('#444444').text(`${doc.footer}  ·  ${doc.trackingNumber}`, left, pdf.y, { width });
  pdf.end();
  return done;
}
