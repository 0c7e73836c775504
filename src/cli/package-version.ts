/**
 * The installed m365-provision's version, from its package.json: found from the command's own
 * script (bin/provision.js, through npm's link or npx) upwards, as the sources and the build
 * under node_modules/.cache both start from there.
 */
import { readFileSync, realpathSync } from 'node:fs';
import { dirname, join } from 'node:path';

/** The version in the nearest package.json named m365-provision above `script`; `unknown` if none. */
export function packageVersion(script: string | undefined = process.argv[1]): string {
  if (!script) return 'unknown';
  let dir: string;
  try {
    dir = dirname(realpathSync(script));
  } catch {
    return 'unknown';
  }
  for (;;) {
    try {
      const pkg = JSON.parse(readFileSync(join(dir, 'package.json'), 'utf8')) as { name?: unknown; version?: unknown };
      if (pkg.name === 'm365-provision' && typeof pkg.version === 'string') return pkg.version;
    } catch {
      // no package.json here, or not JSON: look further up
    }
    const up = dirname(dir);
    if (up === dir) return 'unknown';
    dir = up;
  }
}
