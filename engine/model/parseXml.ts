import { BpmnModdle } from 'bpmn-moddle';
import type { Problem } from '../errors.js';
import { problemOf, say, type Said } from './problemTexts.js';
import descriptor from './ps.json' with { type: 'json' };

/** The `ps` descriptor: the one shared by the engine, the designer and the lint rules. */
export const psDescriptor: Record<string, unknown> = descriptor;

/** Upper bound for a model's XML, so a hostile upload cannot exhaust memory. */
export const MAX_XML_BYTES = 5 * 1024 * 1024;

export interface ModdleElement {
  readonly $type: string;
  readonly id?: string;
  readonly name?: string;
  get(name: string): unknown;
  readonly [key: string]: unknown;
}

export interface ParsedXml {
  readonly definitions: ModdleElement;
  readonly problems: Problem[];
  readonly warnings: string[];
}

/** Reads BPMN XML with bpmn-moddle. Returns problems instead of throwing, so all are reported at once. */
export async function parseXml(xml: string): Promise<ParsedXml> {
  const problems: Problem[] = [];
  const size = Buffer.byteLength(xml, 'utf8');
  if (size > MAX_XML_BYTES) {
    return fail(say('xml.too-large', { size, max: MAX_XML_BYTES }));
  }
  // Entity declarations are how "billion laughs" and external-entity attacks start; BPMN needs none.
  if (/<!DOCTYPE|<!ENTITY/i.test(xml)) {
    return fail(say('xml.doctype', {}));
  }
  if (!/<([\w-]+:)?definitions[\s>]/.test(xml)) {
    return fail(say('xml.no-definitions', {}));
  }
  const moddle = new BpmnModdle({ ps: psDescriptor });
  let result: { rootElement: ModdleElement; warnings: Array<{ message: string }> };
  try {
    result = (await moddle.fromXML(xml, 'bpmn:Definitions')) as typeof result;
  } catch (error) {
    return fail(say('xml.unparsable', { error: firstLine((error as Error).message) }));
  }
  const warnings: string[] = [];
  for (const warning of result.warnings) {
    const unknown = /unparsable content <([^>\s]+)> detected[\s\S]*?line: (\d+)[\s\S]*?column: (\d+)/.exec(warning.message);
    if (unknown && /^(bpmn2?|semantic):|^[a-z]/i.test(unknown[1]!) && /unknown type <bpmn:/.test(warning.message)) {
      const id = idAt(xml, Number(unknown[2]), Number(unknown[3])) ?? 'definitions';
      problems.push(problemOf(id, say('xml.unknown-element', { element: unknown[1]!, id })));
    } else {
      warnings.push(firstLine(warning.message));
    }
  }
  return { definitions: result.rootElement, problems, warnings };

  function fail(said: Said): ParsedXml {
    problems.push(problemOf('definitions', said));
    return { definitions: undefined as unknown as ModdleElement, problems, warnings: [] };
  }
}

function firstLine(text: string): string {
  return text.split('\n')[0] ?? text;
}

/** The id attribute of the tag that starts at a line/column moddle reported. */
function idAt(xml: string, line: number, column: number): string | undefined {
  const lines = xml.split('\n');
  const tail = (lines[line] ?? '').slice(column) + '\n' + lines.slice(line + 1, line + 3).join('\n');
  const tag = /^<[^>]*>/.exec(tail)?.[0] ?? tail.slice(0, 300);
  return /\sid\s*=\s*["']([^"']+)["']/.exec(tag)?.[1];
}
