import { serviceName, taskName } from '../catalogue/standards.js';
import { tMaybe } from '../i18n/i18n.js';
import type { Language } from '../i18n/messages.js';

/**
 * The names a catalogue process's diagram shows, in the reader's language: the process is its
 * service, a task, event or gateway takes its standard's translation, a flow named after an
 * outcome (`approve`, `request documents`) the outcome's word. A name with no translation (a
 * model outside the catalogue) stays as its designer wrote it.
 */
export function diagramNameIn(serviceCode: string | undefined, lang: Language): (element: { id: string; type: string; name: string }) => string {
  if (lang === 'en') return ({ name }) => name;
  return ({ id, type, name }) => {
    if (type === 'process') return serviceName(serviceCode, lang, name);
    if (type === 'sequenceFlow') return tMaybe(`casefile.outcome.${name}`, name);
    return taskName({ serviceCode, elementId: id, name }, lang);
  };
}

/** The BPMN XML with each named element renamed by `nameOf`; the XML as given when it does not parse. */
export function renamedXml(xml: string, nameOf: (element: { id: string; type: string; name: string }) => string): string {
  const doc = new DOMParser().parseFromString(xml, 'application/xml');
  if (doc.getElementsByTagName('parsererror').length) return xml;
  for (const el of doc.querySelectorAll('[id][name]')) {
    const name = el.getAttribute('name')!;
    const renamed = nameOf({ id: el.getAttribute('id')!, type: el.localName, name });
    if (renamed !== name) el.setAttribute('name', renamed);
  }
  return new XMLSerializer().serializeToString(doc);
}
