/**
 * The checks of a name's characters that a site's URL and a list's URL share, reported at the
 * name's place: a character no name may have (BP315, an error), letters of another script that
 * look Latin (BP316, a warning).
 */
import { mixedScript, nameCharProblem, shown } from './names.ts';
import type { Reporter, RowContext } from './report.ts';
import type { Path } from './source.ts';

/** Reports a name with a character no name may have (BP315); false when the name is refused. */
export function checkNameChars(rep: Reporter, what: string, name: string, path: Path, address: string, row?: RowContext): boolean {
  const problem = nameCharProblem(what, name);
  if (problem) {
    rep.at('BP315', path, problem, { address, onePerPlace: true, ...(row ? { row } : {}) });
    return false;
  }
  return true;
}

/**
 * Warns of a name that mixes Latin with a lookalike script (BP316). `part`: the part of `name`
 * that is a name (a site URL's last segment: `/sites/` is Latin).
 */
export function warnMixedScript(rep: Reporter, what: string, name: string, path: Path, address: string, row?: RowContext, part = name): void {
  const script = mixedScript(part);
  if (script) {
    rep.at('BP316', path, `${what} '${shown(name)}' mixes Latin and ${script} letters: a lookalike letter makes a name that reads the same but is another`, {
      address,
      severity: 'warning',
      ...(row ? { row } : {}),
    });
  }
}
