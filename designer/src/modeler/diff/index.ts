export { elementFacts, type ElementFacts, type ModdleNode } from './elementFacts.js';
export { versionDiff, isEmptyDiff, type ElementChange, type VersionDiff } from './versionDiff.js';
