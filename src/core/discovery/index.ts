export { discoverSchemas } from './discover';
export type { DiscoveryInput, ReadFile } from './discover';
export { readPrismaConfig } from './configReader';
export type { PrismaConfigInfo } from './configReader';
export type { SchemaRoot, SchemaRootSource } from './schemaRoot';
export { readConventionalPlaces, mergeFound, nodeDiscoveryFs } from './conventionalPlaces';
export type { DirEntry, DiscoveryFs, FoundFiles } from './conventionalPlaces';
export { discoverInTwoSteps, keepOrder } from './twoStepDiscovery';
export type { DiscoveryStep } from './twoStepDiscovery';
