export { discoverSchemas } from './discover';
export type { DiscoveryInput, ReadFile } from './discover';
export { readPrismaConfig } from './configReader';
export { discoverOnDisk, readTextFile, scanForDiscovery } from './scanDisk';
export type { PrismaConfigInfo } from './configReader';
export type { SchemaRoot, SchemaRootSource } from './schemaRoot';
