/** Writes schemas/blueprint.schema.json and src/blueprint-core/schema-types.generated.ts from src/blueprint/schema.ts. */
import { writeFileSync, mkdirSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
import { dirname, join } from 'node:path';
import { schemaJsonText, schemaTypesText } from '../src/blueprint/codegen.ts';

const root = join(dirname(fileURLToPath(import.meta.url)), '..');
mkdirSync(join(root, 'schemas'), { recursive: true });
writeFileSync(join(root, 'schemas/blueprint.schema.json'), schemaJsonText());
writeFileSync(join(root, 'src/blueprint-core/schema-types.generated.ts'), schemaTypesText());
console.log('wrote schemas/blueprint.schema.json and src/blueprint-core/schema-types.generated.ts');
