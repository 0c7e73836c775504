/** Where the CLI writes: results to stdout, everything else to stderr. */
import { formatDiagnostic, type Diagnostic } from '../model/diagnostic.ts';
import { gathered } from './chunked-file.ts';

export const out = (text: string): void => write(process.stdout, text.endsWith('\n') ? text : text + '\n');
export const info = (text: string): void => write(process.stderr, text.endsWith('\n') ? text : text + '\n');

/** A write to a stream whose reader has gone is dropped (see toleratePipesClosed). */
function write(stream: NodeJS.WriteStream, text: string): void {
  if (!stream.destroyed) stream.write(text);
}

/**
 * A reader that stops early (`provision plan | head`, a pager quit) closes the pipe, and the next
 * write fails with EPIPE. That is not the command's failure: its work goes on (an apply is not cut
 * short because nobody reads its summary), what it would have printed there is dropped, and its exit
 * code is its own. Any other error of stdout or stderr is thrown as before. Called once, at start.
 */
export function toleratePipesClosed(): void {
  for (const stream of [process.stdout, process.stderr]) {
    stream.on('error', (error: NodeJS.ErrnoException) => {
      if (error.code !== 'EPIPE') throw error;
    });
  }
}

/**
 * Writes a long text to stdout as its pieces come (e.g. a plan's rendering, planTextChunks),
 * about 64 KB a write (chunked-file.ts): the text is never held whole (a plan of 10,000
 * workspaces renders 53 MB). Ends with a newline, as `out` does. Stops when the reader has gone.
 */
export function outChunks(chunks: Iterable<string>): void {
  let last = '';
  for (const text of gathered(chunks, 64 * 1024)) {
    if (process.stdout.destroyed) return; // the reader has gone: the rest is not rendered
    process.stdout.write((last = text));
  }
  if (!last.endsWith('\n')) write(process.stdout, '\n');
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
