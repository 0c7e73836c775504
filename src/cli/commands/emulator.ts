/**
 * `provision emulator start [--port N] [--state DIR]`: serves the local tenant on its own until
 * interrupted, for tests and other tools. Its state is the same `.provision/local-tenant` that
 * plan and apply use in-process (only one process may serve a state folder at a time).
 */
import { join, resolve } from 'node:path';
import { startLocalTenant } from '../../emulator/index.ts';
import { stateDirOf } from '../../tenant/target.ts';
import { info, out } from '../output.ts';

export interface EmulatorStartOptions {
  port?: number;
  state?: string;
}

export async function emulatorStartCommand(options: EmulatorStartOptions): Promise<number> {
  const stateDir = options.state ? resolve(options.state) : join(stateDirOf(process.cwd()), 'local-tenant');
  const tenant = await startLocalTenant({ stateDir, ...(options.port !== undefined ? { port: options.port } : {}) });
  out(`Local tenant ${tenant.sharepointHost} listening on ${tenant.url} (tenant id ${tenant.tenantId}, app ${tenant.clientId}); state in ${stateDir}`);
  info('Route https://graph.microsoft.com, https://login.microsoftonline.com and https://' + tenant.sharepointHost + ' to it. Ctrl-C stops it.');
  await new Promise<void>((done) => {
    const stop = () => done();
    process.once('SIGINT', stop);
    process.once('SIGTERM', stop);
  });
  await tenant.close();
  info('Local tenant stopped; state saved.');
  return 0;
}
