import { readFile } from 'node:fs/promises';
import { describe, expect, it } from 'vitest';
import { schemaJsonText, schemaTypesText } from '../../src/blueprint/codegen.ts';
import { CODES } from '../../src/blueprint/index.ts';

describe('schema artefacts', () => {
  it('schemas/blueprint.schema.json equals its generated form (run: npx tsx scripts/gen-blueprint-schema.ts)', async () => {
    expect(await readFile('schemas/blueprint.schema.json', 'utf8')).toBe(schemaJsonText());
  });

  it('src/blueprint-core/schema-types.generated.ts equals its generated form', async () => {
    expect(await readFile('src/blueprint-core/schema-types.generated.ts', 'utf8')).toBe(schemaTypesText());
  });

  it('docs/blueprint.md documents every diagnostic code', async () => {
    const doc = await readFile('docs/blueprint.md', 'utf8');
    for (const code of Object.keys(CODES)) expect(doc, code).toMatch(new RegExp(`\\|\\s*${code}\\s*\\|`));
  });
});
