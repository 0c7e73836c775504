/**
 * Runs the real `provision` command (bin/provision.js) in a working folder, as a user would,
 * and gives back its exit code and output.
 */
import { spawn } from 'node:child_process';
import { cp, mkdtemp } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';

export const repoRoot = resolve(import.meta.dirname, '..', '..');
const bin = join(repoRoot, 'bin', 'provision.js');

export interface CliResult {
  code: number;
  stdout: string;
  stderr: string;
}

export function provision(cwd: string, ...args: string[]): Promise<CliResult> {
  return provisionWatching(cwd, args, () => {});
}

/** Like `provision`, calling `onStderr` with the whole stderr so far each time more arrives (to act mid-run). */
export function provisionWatching(cwd: string, args: string[], onStderr: (soFar: string) => void): Promise<CliResult> {
  return runCli(cwd, args, onStderr, false);
}

/** Like `provision`, with stdout's pipe closed before the command writes anything (`provision … | head -0`). */
export function provisionUnread(cwd: string, ...args: string[]): Promise<CliResult> {
  return runCli(cwd, args, () => {}, true);
}

function runCli(cwd: string, args: string[], onStderr: (soFar: string) => void, closeStdout: boolean): Promise<CliResult> {
  return new Promise((done, fail) => {
    const child = spawn(process.execPath, [bin, ...args], { cwd, env: { ...process.env, NO_COLOR: '1' }, stdio: ['ignore', 'pipe', 'pipe'] });
    if (closeStdout) child.stdout.destroy();
    let stdout = '';
    let stderr = '';
    child.stdout.on('data', (d) => (stdout += d));
    child.stderr.on('data', (d) => {
      stderr += d;
      onStderr(stderr);
    });
    child.on('error', fail);
    child.on('close', (code) => done({ code: code ?? -1, stdout, stderr }));
  });
}

/** A fresh working folder holding a copy of one example blueprint folder. */
export async function workspaceWith(example: string): Promise<string> {
  const dir = await mkdtemp(join(tmpdir(), 'provision-'));
  await cp(join(repoRoot, 'blueprints', example), join(dir, example), { recursive: true });
  return dir;
}
