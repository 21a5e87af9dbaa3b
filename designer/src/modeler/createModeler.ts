import Modeler from 'bpmn-js/lib/Modeler';
import { BpmnPropertiesPanelModule, BpmnPropertiesProviderModule } from 'bpmn-js-properties-panel';
import psDescriptor from '../../../engine/model/ps.json';
import type { PublicServiceConfig } from '../properties/candidateGroups.js';
import { PublicServicePropertiesModule } from '../properties/index.js';
import { lintingModule, lintingOptions } from './lint/designerLinting.js';
import { translateModule } from './translate.js';

/** A bpmn-js Modeler that reads and writes the `ps` extension and shows its panel group. */
export function createModeler(canvas: HTMLElement, panel: HTMLElement, publicService: PublicServiceConfig = {}): Modeler {
  return new Modeler({
    container: canvas,
    // The Public service group opens by default: it is what a designer here edits most.
    propertiesPanel: { parent: panel, layout: { groups: { general: { open: true }, 'public-service': { open: true } } } },
    additionalModules: [translateModule, BpmnPropertiesPanelModule, BpmnPropertiesProviderModule, PublicServicePropertiesModule, lintingModule],
    // The same rules as the server's deploy check, live: errors and warnings on the elements.
    linting: lintingOptions,
    moddleExtensions: { ps: psDescriptor },
    // Where the panel's candidate-group select gets its groups (`GET /api/groups`).
    publicService,
  });
}
