// Validates a project's schema with the rules of the Prisma it uses (rules.ts): the 6.19 validator for
// Prisma 5/6, the 7.x one for Prisma 7. Reads only package.json files and node_modules/*/package.json.
import { readFileSync } from 'node:fs';
import type { ReadText } from '../languageServer/prismaVersion';
import type { ParseDiagnostic, SchemaFile } from './model';
import { knownPreviewFeatures } from './prismaWasm';
import { rulesForProject, type ValidationRules } from './rules';
import { validateSchema } from './validate';

export interface ProjectValidation {
  diagnostics: ParseDiagnostic[];
  rules: ValidationRules;
}

const readText: ReadText = (file) => {
  try {
    return readFileSync(file, 'utf8');
  } catch {
    return undefined;
  }
};

export function validateProject(
  files: readonly SchemaFile[],
  schemaPath: string,
  /** The workspace folder: the search for the project's Prisma stops there. */
  stopAt?: string,
  read: ReadText = readText,
): ProjectValidation {
  const known = () => ({ prisma6: knownPreviewFeatures('prisma6'), prisma7: knownPreviewFeatures('prisma7') });
  let rules: ValidationRules;
  try {
    rules = rulesForProject(files, schemaPath, read, known, stopAt);
  } catch {
    // the 6.19 wasm could not be loaded for its preview features: the bundled rules
    rules = { line: 'prisma7', viewPrimaryKeys: false, description: 'Prisma 7 rules' };
  }
  return { diagnostics: validateSchema(files, { rules }), rules };
}
