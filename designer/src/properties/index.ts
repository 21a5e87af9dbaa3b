import { CandidateGroups } from './candidateGroups.js';
import { PublicServicePropertiesProvider } from './PublicServicePropertiesProvider.js';

/** The diagram-js module adding the "Public service" group to the properties panel. */
export const PublicServicePropertiesModule = {
  __init__: ['candidateGroups', 'publicServicePropertiesProvider'],
  candidateGroups: ['type', CandidateGroups],
  publicServicePropertiesProvider: ['type', PublicServicePropertiesProvider],
};
