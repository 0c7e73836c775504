/**
 * `npm run test:live`: the end-to-end scenarios of test/live against a real tenant when its
 * settings are in the environment (test/live/live-target.ts); without them, says which are
 * missing, that it skipped, and exits 0. (`npm test` runs the same scenarios on the local tenant.)
 */
import { spawnSync } from 'node:child_process';
import { missingLiveSettings } from '../test/live/live-target.ts';

const missing = missingLiveSettings();
if (missing.length > 0) {
  process.stdout.write(`test:live skipped: no real tenant configured (not set: ${missing.join(', ')}). See docs/real-tenant.md, "The live suite".\n`);
  process.exit(0);
}
process.stdout.write(`test:live: running test/live against ${process.env.PROVISION_LIVE_TENANT}\n`);
const result = spawnSync('npx', ['vitest', 'run', 'test/live'], { stdio: 'inherit', env: { ...process.env, PROVISION_LIVE_RUN: 'real' } });
process.exit(result.status ?? 1);
