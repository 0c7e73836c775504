import { loadBlueprintText, type LoadResult } from '../../src/blueprint/index.ts';

/** Loads a blueprint from lines of text, with optional sibling files (text, or bytes to be decoded). */
export async function load(lines: string[] | string, files: Record<string, string | Uint8Array> = {}, file = 'bp/blueprint.yaml'): Promise<LoadResult> {
  const text = Array.isArray(lines) ? lines.join('\n') + '\n' : lines;
  return loadBlueprintText(text, file, async (rel) => {
    const f = files[rel];
    if (f === undefined) throw Object.assign(new Error(`ENOENT: ${rel}`), { code: 'ENOENT' });
    return f;
  });
}

/** `CODE line:col` of every diagnostic, in order. */
export function where(r: LoadResult): string[] {
  return r.diagnostics.map((d) => `${d.code} ${d.line}:${d.col}`);
}

export const HEAD = ['version: 1', 'name: test'];
export const UPN1 = 'anna.andersson@contoso.onmicrosoft.com';
export const UPN2 = 'erik.johansson@contoso.onmicrosoft.com';
