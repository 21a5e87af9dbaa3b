import { PublicServicePropertiesProvider } from './PublicServicePropertiesProvider.js';

/** The diagram-js module adding the "Public service" group to the properties panel. */
export const PublicServicePropertiesModule = {
  __init__: ['publicServicePropertiesProvider'],
  publicServicePropertiesProvider: ['type', PublicServicePropertiesProvider],
};
