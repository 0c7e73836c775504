/**
 * Says in words what went wrong when a file the user named cannot be read, instead of Node's
 * raw `ENOENT: no such file or directory, open 'x'`: which file, what it was expected to be, and
 * what the system said. Never echoes the file's content.
 */

/** An error whose message is meant for the user as it is (no stack, no "error:" noise). */
export class UserInputError extends Error {}

/**
 * Turns a failed read of `path` into a sentence that names what the file was for (`what`, e.g.
 * "saved plan") and what was expected there (`expected`, e.g. "a plan saved with plan --out").
 */
export function describeFileError(error: unknown, path: string, what: string, expected: string): UserInputError {
  const code = (error as { code?: string } | undefined)?.code;
  const reason =
    code === 'ENOENT' ? 'does not exist'
    : code === 'EISDIR' ? 'is a folder'
    : code === 'EACCES' || code === 'EPERM' ? 'cannot be read (permission denied)'
    : code === 'ENOTDIR' ? 'does not exist (a part of its path is not a folder)'
    : `cannot be read (${code ?? 'unknown error'})`;
  return new UserInputError(`the ${what} ${path} ${reason}; expected ${expected}`);
}
