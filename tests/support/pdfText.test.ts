import { deflateSync } from 'node:zlib';
import { describe, expect, it } from 'vitest';
import { readPdf } from './pdfText.js';

/** A PDF as pdfkit lays one out, its objects numbered from 1, each stream with a direct /Length. */
function pdf(objects: readonly (string | { readonly dict: string; readonly stream: Buffer })[]): Buffer {
  const parts: Buffer[] = [Buffer.from('%PDF-1.3\n', 'latin1')];
  objects.forEach((object, i) => {
    if (typeof object === 'string') parts.push(Buffer.from(`${i + 1} 0 obj\n${object}\nendobj\n`, 'latin1'));
    else parts.push(Buffer.from(`${i + 1} 0 obj\n${object.dict.replace('>>', `/Length ${object.stream.length}\n>>`)}\nstream\n`, 'latin1'), object.stream, Buffer.from('\nendstream\nendobj\n', 'latin1'));
  });
  parts.push(Buffer.from('trailer\n<<\n/Size 1\n>>\n%%EOF\n', 'latin1'));
  return Buffer.concat(parts);
}

describe('the tests\' PDF reader', () => {
  it('cuts a stream by its /Length, so bytes that spell endobj or endstream inside it do not end it', () => {
    // pdfkit's compressed bytes differ with what a document says, and now and then spell one of
    // the words; here an uncompressed stream holds both, before the text.
    const content = Buffer.from('BT\n/F1 12 Tf\n% endobj endstream\n<00480069> Tj\nET', 'latin1');
    const cmap = '/CIDInit /ProcSet findresource begin\nbegincmap\n1 begincodespacerange\n<0000><ffff>\nendcodespacerange\n2 beginbfchar\n<0048> <0048>\n<0069> <0069>\nendbfchar\nendcmap\n';
    const bytes = pdf([
      '<<\n/Type /Catalog\n/Pages 2 0 R\n>>',
      '<<\n/Type /Pages\n/Count 1\n/Kids [3 0 R]\n>>',
      '<<\n/Type /Page\n/Parent 2 0 R\n/Contents 4 0 R\n/Resources <<\n/Font <<\n/F1 5 0 R\n>>\n>>\n>>',
      { dict: '<<\n>>', stream: content },
      '<<\n/Type /Font\n/Subtype /Type0\n/BaseFont /AAAAAA+DejaVuSans\n/ToUnicode 6 0 R\n>>',
      { dict: '<<\n>>', stream: Buffer.from(cmap, 'latin1') },
    ]);
    const read = readPdf(bytes);
    expect(read.fonts).toEqual(['AAAAAA+DejaVuSans']);
    expect(read.pages).toBe(1);
    expect(read.text).toContain('Hi');
  });

  it('reads a compressed stream whole', () => {
    const text = Buffer.from('BT\n/F1 12 Tf\n<00480069> Tj\nET', 'latin1');
    const cmap = '1 beginbfchar\n<0048> <0048>\nendbfchar\n2 beginbfchar\n<0048> <0048>\n<0069> <0069>\nendbfchar\n';
    const read = readPdf(
      pdf([
        '<<\n/Type /Catalog\n/Pages 2 0 R\n>>',
        '<<\n/Type /Pages\n/Count 1\n/Kids [3 0 R]\n>>',
        '<<\n/Type /Page\n/Parent 2 0 R\n/Contents 4 0 R\n/Resources <<\n/Font <<\n/F1 5 0 R\n>>\n>>\n>>',
        { dict: '<<\n/Filter /FlateDecode\n>>', stream: deflateSync(text) },
        '<<\n/Type /Font\n/Subtype /Type0\n/BaseFont /AAAAAA+DejaVuSans\n/ToUnicode 6 0 R\n>>',
        { dict: '<<\n/Filter /FlateDecode\n>>', stream: deflateSync(Buffer.from(cmap, 'latin1')) },
      ]),
    );
    expect(read.text).toContain('Hi');
  });
});
