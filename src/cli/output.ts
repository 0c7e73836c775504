/** Where the CLI writes: results to stdout, everything else to stderr. */
import { formatDiagnostic, type Diagnostic } from '../model/diagnostic.ts';
import { gathered } from './chunked-file.ts';

export const out = (text: string): void => void process.stdout.write(text.endsWith('\n') ? text : text + '\n');
export const info = (text: string): void => void process.stderr.write(text.endsWith('\n') ? text : text + '\n');

/**
 * Writes a long text to stdout as its pieces come (e.g. a plan's rendering, planTextChunks),
 * about 64 KB a write (chunked-file.ts): the text is never held whole (a plan of 10,000
 * workspaces renders 53 MB). Ends with a newline, as `out` does.
 */
export function outChunks(chunks: Iterable<string>): void {
  let last = '';
  for (const text of gathered(chunks, 64 * 1024)) process.stdout.write((last = text));
  if (!last.endsWith('\n')) process.stdout.write('\n');
}

/** Prints diagnostics and, when there are errors, their count and `outcome` (what did not happen). */
export function printDiagnostics(diagnostics: readonly Diagnostic[], outcome = 'nothing was sent to any tenant.'): void {
  for (const d of diagnostics) info(formatDiagnostic(d));
  const errors = diagnostics.filter((d) => d.severity === 'error').length;
  if (errors > 0) info(`${errors} error${errors === 1 ? '' : 's'}; ${outcome}`);
}

/** True when colour is wanted on stdout. */
export function useColor(option: boolean | undefined): boolean {
  if (option === false || process.env.NO_COLOR) return false;
  return Boolean(process.stdout.isTTY);
}
