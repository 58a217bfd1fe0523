export { discoverSchemas } from './discover';
export type { DiscoveryInput, ReadFile } from './discover';
export { readPrismaConfig } from './configReader';
export { discoverOnDisk, readTextFile, scanForDiscovery } from './scanDisk';
export type { PrismaConfigInfo } from './configReader';
export type { SchemaRoot, SchemaRootSource } from './schemaRoot';
export { contractSignal, dependsOnPrismaNext, findContracts, hasContractHeader } from './prismaNext';
export type { ContractRoot, ContractSignal, PrismaNextFiles } from './prismaNext';
export { schemaAtPath, schemaOfFile } from './schemaOfFile';
