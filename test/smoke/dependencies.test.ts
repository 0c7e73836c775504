/**
 * Every runtime dependency in package.json is imported by the product (src/ or bin/): nothing is
 * declared that no source uses, and every version is pinned exactly.
 */
import { readFile, readdir } from 'node:fs/promises';
import { join } from 'node:path';
import { expect, test } from 'vitest';

async function sources(dir: string): Promise<string[]> {
  const out: string[] = [];
  for (const entry of await readdir(dir, { withFileTypes: true })) {
    const path = join(dir, entry.name);
    if (entry.isDirectory()) out.push(...(await sources(path)));
    else if (/\.(ts|js)$/.test(entry.name)) out.push(path);
  }
  return out;
}

test('each runtime dependency is imported by the product and pinned', async () => {
  const pkg = JSON.parse(await readFile('package.json', 'utf8')) as { dependencies: Record<string, string> };
  const text = (await Promise.all([...(await sources('src')), ...(await sources('bin'))].map((f) => readFile(f, 'utf8')))).join('\n');
  const unused = Object.keys(pkg.dependencies).filter((name) => !new RegExp(`from '${name.replace('/', '\\/')}(/[^']*)?'|import\\('${name}`).test(text));
  expect(unused).toEqual([]);
  const loose = Object.entries(pkg.dependencies).filter(([, v]) => !/^\d+\.\d+\.\d+$/.test(v));
  expect(loose).toEqual([]);
});
