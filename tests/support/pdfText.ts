import { inflateSync } from 'node:zlib';

/**
 * A minimal reader of the PDFs pdfkit writes, for tests: page count, embedded fonts, and the
 * text of each page decoded through the fonts' ToUnicode maps (Identity-H, two-byte codes).
 * Not a general PDF parser: no xref streams, object streams or encryption (pdfkit uses none).
 */
export interface PdfContents {
  readonly pages: number;
  /** BaseFont names, e.g. `AAAAAA+DejaVuSans`. */
  readonly fonts: readonly string[];
  /** Each page's text, one line per text object. */
  readonly pageTexts: readonly string[];
  readonly text: string;
  /** The document information dictionary's Title, decoded. */
  readonly title?: string;
}

interface PdfObject {
  readonly dict: string;
  readonly stream?: Buffer;
}

export function readPdf(bytes: Buffer): PdfContents {
  if (bytes.subarray(0, 5).toString('latin1') !== '%PDF-') throw new Error('not a PDF: no %PDF- header');
  if (!bytes.subarray(-32).toString('latin1').includes('%%EOF')) throw new Error('truncated PDF: no %%EOF');
  const raw = bytes.toString('latin1'); // one character a byte: indexes are byte offsets
  const objects = new Map<number, PdfObject>();
  // Object by object, each stream cut by its /Length: compressed bytes can hold "endobj" or
  // "endstream" by chance (the content, and so the bytes, differ from run to run).
  const header = /(\d+) 0 obj\b/g;
  for (let match = header.exec(raw); match; match = header.exec(raw)) {
    const from = match.index + match[0].length;
    const endobj = raw.indexOf('endobj', from);
    if (endobj < 0) throw new Error(`truncated PDF: object ${match[1]} has no endobj`);
    const at = raw.indexOf('stream', from);
    if (at < 0 || at > endobj || !/\/Length/.test(raw.slice(from, at))) {
      objects.set(Number(match[1]), { dict: raw.slice(from, endobj) });
      header.lastIndex = endobj;
      continue;
    }
    const dict = raw.slice(from, at);
    let start = at + 'stream'.length;
    if (raw[start] === '\r') start++;
    if (raw[start] === '\n') start++;
    const direct = /\/Length\s+(\d+)(?!\s+\d+\s+R)/.exec(dict);
    const end = direct ? start + Number(direct[1]) : raw.indexOf('endstream', start);
    if (raw.indexOf('endstream', end) < 0) throw new Error(`truncated PDF: the stream of object ${match[1]} has no endstream`);
    let data: Buffer = bytes.subarray(start, direct ? end : raw.slice(start, end).replace(/\r?\n$/, '').length + start);
    if (/\/FlateDecode/.test(dict)) data = inflateSync(data);
    objects.set(Number(match[1]), { dict, stream: data });
    header.lastIndex = raw.indexOf('endobj', raw.indexOf('endstream', end));
  }
  const ref = (dict: string, key: string) => {
    const m = new RegExp(`/${key}\\s+(\\d+) 0 R`).exec(dict);
    return m ? Number(m[1]) : undefined;
  };

  const maps = new Map<number, Map<number, string>>();
  const fonts: string[] = [];
  for (const [num, obj] of objects) {
    if (!/\/Type\s*\/Font\b/.test(obj.dict)) continue;
    const base = /\/BaseFont\s*\/([^\s/>]+)/.exec(obj.dict)?.[1];
    if (base) fonts.push(base);
    const cmapRef = ref(obj.dict, 'ToUnicode');
    const cmap = cmapRef !== undefined ? objects.get(cmapRef)?.stream?.toString('latin1') : undefined;
    if (cmap) maps.set(num, parseCMap(cmap));
  }

  const pageTexts: string[] = [];
  for (const obj of objects.values()) {
    if (!/\/Type\s*\/Page\b(?!s)/.test(obj.dict)) continue;
    const resourcesRef = ref(obj.dict, 'Resources');
    const resources = resourcesRef !== undefined ? objects.get(resourcesRef)!.dict : obj.dict;
    const fontNames = new Map<string, number>();
    const fontDict = /\/Font\s*<<([\s\S]*?)>>/.exec(resources)?.[1] ?? '';
    for (const m of fontDict.matchAll(/\/(\w+)\s+(\d+) 0 R/g)) fontNames.set(m[1]!, Number(m[2]));
    const contentsRef = ref(obj.dict, 'Contents');
    const content = contentsRef !== undefined ? (objects.get(contentsRef)?.stream?.toString('latin1') ?? '') : '';
    pageTexts.push(pageText(content, (name) => maps.get(fontNames.get(name) ?? -1)));
  }
  const infoRef = ref(raw.slice(raw.lastIndexOf('trailer')), 'Info');
  const titleRef = infoRef !== undefined ? ref(objects.get(infoRef)!.dict, 'Title') : undefined;
  const title = titleRef !== undefined ? pdfString(objects.get(titleRef)!.dict) : undefined;
  return { pages: pageTexts.length, fonts: [...new Set(fonts)], pageTexts, text: pageTexts.join('\n'), ...(title !== undefined ? { title } : {}) };
}

function parseCMap(cmap: string): Map<number, string> {
  const map = new Map<number, string>();
  const hex = (h: string) => parseInt(h, 16);
  const chars = (h: string) => String.fromCodePoint(...(h.replace(/\s+/g, '').match(/.{4}/g) ?? []).map(hex));
  // A ligature maps to several characters, written with spaces between them: <0066 0069> is 'fi'.
  for (const block of cmap.matchAll(/beginbfrange([\s\S]*?)endbfrange/g)) {
    for (const m of block[1]!.matchAll(/<([0-9a-fA-F]+)>\s*<([0-9a-fA-F]+)>\s*(\[[^\]]*\]|<[0-9a-fA-F\s]+>)/g)) {
      const lo = hex(m[1]!);
      const hi = hex(m[2]!);
      const target = m[3]!;
      if (target.startsWith('[')) {
        [...target.matchAll(/<([0-9a-fA-F\s]+)>/g)].forEach((t, i) => map.set(lo + i, chars(t[1]!)));
      } else {
        const first = hex(target.slice(1, -1).replace(/\s+/g, ''));
        for (let code = lo; code <= hi; code++) map.set(code, String.fromCodePoint(first + code - lo));
      }
    }
  }
  for (const block of cmap.matchAll(/beginbfchar([\s\S]*?)endbfchar/g)) {
    for (const m of block[1]!.matchAll(/<([0-9a-fA-F]+)>\s*<([0-9a-fA-F\s]+)>/g)) map.set(hex(m[1]!), chars(m[2]!));
  }
  return map;
}

/** The text shown by Tj / TJ between BT and ET, one line per text object. */
function pageText(content: string, mapOf: (fontName: string) => Map<number, string> | undefined): string {
  const lines: string[] = [];
  for (const block of content.matchAll(/BT\b([\s\S]*?)\bET/g)) {
    let map: Map<number, string> | undefined;
    let line = '';
    for (const op of block[1]!.matchAll(/\/(\w+)\s+[\d.]+\s+Tf|\[((?:[^\]\\]|\\.)*)\]\s*TJ|<([0-9a-fA-F]*)>\s*Tj/g)) {
      if (op[1]) map = mapOf(op[1]);
      const strings = op[2] !== undefined ? [...op[2].matchAll(/<([0-9a-fA-F]*)>/g)].map((m) => m[1]!) : op[3] !== undefined ? [op[3]] : [];
      for (const hex of strings) for (const code of hex.match(/.{4}/g) ?? []) line += map?.get(parseInt(code, 16)) ?? '\uFFFD';
    }
    lines.push(line);
  }
  return lines.join('\n');
}

/** A PDF string object's text: (literal) or <hex>, UTF-16BE with a BOM as pdfkit writes non-ASCII. */
function pdfString(dict: string): string | undefined {
  const hexMatch = /^\s*<([0-9a-fA-F]+)>/.exec(dict);
  const literal = /^\s*\(((?:[^\\)]|\\.)*)\)/.exec(dict);
  let bytes: Buffer;
  if (hexMatch) bytes = Buffer.from(hexMatch[1]!, 'hex');
  else if (literal) bytes = Buffer.from(literal[1]!.replace(/\\([nrtbf()\\]|\d{1,3})/g, (_, e: string) => (/\d/.test(e) ? String.fromCharCode(parseInt(e, 8)) : ({ n: '\n', r: '\r', t: '\t', b: '\b', f: '\f' } as Record<string, string>)[e] ?? e)), 'latin1');
  else return undefined;
  if (bytes[0] === 0xfe && bytes[1] === 0xff) return bytes.subarray(2).swap16().toString('utf16le');
  return bytes.toString('latin1');
}
