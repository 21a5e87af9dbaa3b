import Modeler from 'bpmn-js/lib/Modeler';
import { BpmnPropertiesPanelModule, BpmnPropertiesProviderModule } from 'bpmn-js-properties-panel';
import psDescriptor from '../../../engine/model/ps.json';
import type { PublicServiceConfig } from '../properties/candidateGroups.js';
import type { DeployCheckConfig } from './lint/deployVerdict.js';
import { PublicServicePropertiesModule } from '../properties/index.js';
import { lintingModule, lintingOptions } from './lint/designerLinting.js';
import { runnableOnlyModule } from './runnableOnly.js';
import { translateModule } from './translate.js';

/**
 * A bpmn-js Modeler that reads and writes the `ps` extension and shows its panel group, offers
 * only what the engine runs, and marks on the canvas what a deploy would refuse.
 */
export function createModeler(canvas: HTMLElement, panel: HTMLElement, publicService: PublicServiceConfig = {}, deployCheck: DeployCheckConfig = {}): Modeler {
  return new Modeler({
    container: canvas,
    // The Public service group opens by default: it is what a designer here edits most.
    propertiesPanel: { parent: panel, layout: { groups: { general: { open: true }, 'public-service': { open: true } } } },
    additionalModules: [translateModule, BpmnPropertiesPanelModule, BpmnPropertiesProviderModule, PublicServicePropertiesModule, lintingModule, runnableOnlyModule],
    // The same rules as the server's deploy check, live, and the deploy check's own verdict
    // (`POST /api/definitions/validate`) once the edits settle: errors and warnings on the elements.
    linting: lintingOptions,
    deployCheck,
    moddleExtensions: { ps: psDescriptor },
    // Where the panel's candidate-group select gets its groups (`GET /api/groups`).
    publicService,
  });
}
