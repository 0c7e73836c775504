/**
 * Characters in names and text: which code points a blueprint may not carry (control, bidi,
 * zero-width, unpaired surrogates), how names are compared (NFC, case-insensitive, as SharePoint
 * compares them), and which names look alike (confusable letters of other scripts).
 */

/** A character found where it is not allowed: its code point and index (in UTF-16 units). */
export interface BadChar {
  /** `U+202E RIGHT-TO-LEFT OVERRIDE` */
  label: string;
  index: number;
}

const NAMES: Record<number, string> = {
  0x00: 'NUL', 0x09: 'TAB', 0x0a: 'LINE FEED', 0x0d: 'CARRIAGE RETURN', 0x7f: 'DELETE', 0xad: 'SOFT HYPHEN',
  0x200b: 'ZERO WIDTH SPACE', 0x200c: 'ZERO WIDTH NON-JOINER', 0x200d: 'ZERO WIDTH JOINER',
  0x200e: 'LEFT-TO-RIGHT MARK', 0x200f: 'RIGHT-TO-LEFT MARK', 0x202a: 'LEFT-TO-RIGHT EMBEDDING',
  0x202b: 'RIGHT-TO-LEFT EMBEDDING', 0x202c: 'POP DIRECTIONAL FORMATTING', 0x202d: 'LEFT-TO-RIGHT OVERRIDE',
  0x202e: 'RIGHT-TO-LEFT OVERRIDE', 0x2060: 'WORD JOINER', 0x2066: 'LEFT-TO-RIGHT ISOLATE',
  0x2067: 'RIGHT-TO-LEFT ISOLATE', 0x2068: 'FIRST STRONG ISOLATE', 0x2069: 'POP DIRECTIONAL ISOLATE',
  0xfeff: 'ZERO WIDTH NO-BREAK SPACE (BOM)', 0xfffd: 'REPLACEMENT CHARACTER', 0xfffe: 'NONCHARACTER', 0xffff: 'NONCHARACTER',
};

function label(cp: number): string {
  const hex = cp.toString(16).toUpperCase().padStart(4, '0');
  const name = NAMES[cp] ?? (cp < 0x20 || (cp >= 0x80 && cp < 0xa0) ? 'CONTROL CHARACTER' : cp >= 0xd800 && cp <= 0xdfff ? 'UNPAIRED SURROGATE' : undefined);
  return name ? `U+${hex} ${name}` : `U+${hex}`;
}

/**
 * Not allowed in any string of a blueprint or a CSV: C0 controls other than tab and line ends,
 * DEL, C1 controls, bidi embeddings, overrides and isolates, unpaired surrogates, U+FFFE/U+FFFF.
 * (Descriptions may hold tabs and line breaks; a bidi override in any text can make a reviewer
 * read something other than what is applied.)
 */
function badInText(cp: number): boolean {
  return (
    (cp < 0x20 && cp !== 0x09 && cp !== 0x0a && cp !== 0x0d) ||
    (cp >= 0x7f && cp < 0xa0) ||
    (cp >= 0x202a && cp <= 0x202e) ||
    (cp >= 0x2066 && cp <= 0x2069) ||
    (cp >= 0xd800 && cp <= 0xdfff) ||
    cp === 0xfffe ||
    cp === 0xffff
  );
}

/**
 * Not allowed in a name (URL, title, display name): everything `badInText` refuses, plus tab and
 * line ends, zero-width characters, directional marks, the word joiner, a BOM, a soft hyphen and
 * the replacement character (the trace of a file decoded with the wrong encoding).
 */
function badInName(cp: number): boolean {
  return (
    badInText(cp) ||
    cp < 0x20 ||
    (cp >= 0x200b && cp <= 0x200f) ||
    cp === 0x2060 ||
    cp === 0xfeff ||
    cp === 0xad ||
    cp === 0xfffd
  );
}

function firstBad(s: string, bad: (cp: number) => boolean): BadChar | undefined {
  for (let i = 0; i < s.length; i++) {
    let cp = s.charCodeAt(i);
    if (cp >= 0xd800 && cp <= 0xdbff && i + 1 < s.length) {
      const lo = s.charCodeAt(i + 1);
      if (lo >= 0xdc00 && lo <= 0xdfff) {
        cp = 0x10000 + ((cp - 0xd800) << 10) + (lo - 0xdc00);
        if (bad(cp)) return { label: label(cp), index: i };
        i++;
        continue;
      }
    }
    if (bad(cp)) return { label: label(cp), index: i };
  }
  return undefined;
}

/** The first character not allowed in any text, if there is one. */
export function badTextChar(s: string): BadChar | undefined {
  return firstBad(s, badInText);
}

/** The first character not allowed in a name, if there is one. */
export function badNameChar(s: string): BadChar | undefined {
  return firstBad(s, badInName);
}

/**
 * A plain-language reason when `name` holds a character no name may have, else undefined:
 * `<what> '<name as shown>' contains …` (`what`: e.g. `site URL`). The message is built only for
 * a name that has such a character (every name of a blueprint is checked: 200,000 for 10,000
 * workspaces).
 */
export function nameCharProblem(what: string, name: string): string | undefined {
  const bad = badNameChar(name);
  if (!bad) return undefined;
  return `${what} '${shown(name)}' contains ${bad.label} at character ${bad.index + 1}: control, bidirectional and zero-width characters are not allowed in names (they are invisible or reorder the text)`;
}

/**
 * A value as a message may quote it: at most `max` characters (then an ellipsis), and every
 * character a name may not hold written as `<U+XXXX>`, so that a message never carries a control
 * or bidi character to a terminal or a log.
 */
export function shown(s: string, max = 60): string {
  const cut = s.length > max ? s.slice(0, max) : s;
  let out = '';
  for (const ch of cut) {
    const cp = ch.codePointAt(0)!;
    out += badInName(cp) && cp !== 0x20 ? `<U+${cp.toString(16).toUpperCase().padStart(4, '0')}>` : ch;
  }
  return s.length > max ? `${out}...` : out;
}

/** Names for a message: at most 20, each shortened. */
export function listed(names: string[]): string {
  const head = names.slice(0, 20).map((n) => shown(n, 40));
  return names.length > 20 ? `${head.join(', ')}, ... (${names.length} in all)` : head.join(', ');
}

/** The form in which SharePoint compares names that are case-insensitive: NFC, lower case. */
export function nameKey(s: string): string {
  // ASCII text is already NFC: normalizing it (ICU) would cost more than the rest of a claim.
  return NOT_ASCII.test(s) ? s.normalize('NFC').toLowerCase() : s.toLowerCase();
}

const NOT_ASCII = /[^\x00-\x7f]/;

/**
 * Letters of other scripts that look like Latin ones (from Unicode's confusables.txt, the
 * Cyrillic and Greek letters that render as a Latin letter in common fonts), mapped to that
 * Latin letter, lower case.
 */
const LOOKALIKE: Record<string, string> = {
  // Cyrillic
  '\u0430': 'a', '\u0432': 'b', '\u0435': 'e', '\u0451': 'ë', '\u043a': 'k', '\u043c': 'm', '\u043d': 'h',
  '\u043e': 'o', '\u0440': 'p', '\u0441': 'c', '\u0442': 't', '\u0443': 'y', '\u0445': 'x', '\u0456': 'i',
  '\u0457': 'ï', '\u0458': 'j', '\u0455': 's', '\u0501': 'd', '\u051b': 'q', '\u051d': 'w', '\u04bb': 'h',
  '\u0491': 'r', '\u044a': 'b', '\u044c': 'b',
  // Greek
  '\u03b1': 'a', '\u03b2': 'b', '\u03b5': 'e', '\u03b7': 'n', '\u03b9': 'i', '\u03ba': 'k', '\u03bd': 'v',
  '\u03bf': 'o', '\u03c1': 'p', '\u03c4': 't', '\u03c5': 'u', '\u03c7': 'x', '\u03b6': 'z', '\u03bc': 'u',
};

/**
 * The skeleton of a name: its comparison key with every lookalike letter replaced by the Latin
 * letter it imitates. Two names with one skeleton and different keys are confusable.
 */
export function skeleton(s: string): string {
  let out = '';
  for (const ch of nameKey(s)) out += LOOKALIKE[ch] ?? ch;
  return out;
}

const LATIN = /\p{Script=Latin}/u;
const OTHER_SCRIPTS: [string, RegExp][] = [
  ['Cyrillic', /\p{Script=Cyrillic}/u],
  ['Greek', /\p{Script=Greek}/u],
];

/** The script mixed with Latin in one name (`Cyrillic`), when a name mixes Latin with a lookalike script. */
export function mixedScript(s: string): string | undefined {
  if (!LATIN.test(s)) return undefined;
  for (const [name, re] of OTHER_SCRIPTS) if (re.test(s)) return name;
  return undefined;
}

/** The longest diagnostic message; a quoted value inside one is cut at MAX_QUOTED characters. */
export const MAX_MESSAGE = 1_000;
export const MAX_QUOTED = 80;
/** A quoted value longer than MAX_QUOTED: quotes that are not apostrophes inside words. */
const QUOTED_LONG = /(?<![\p{L}\p{N}])'([^']{81,})'(?![\p{L}\p{N}])/gu;

/**
 * A message made safe to print: every quoted value ('...') longer than MAX_QUOTED shortened,
 * invisible and control characters written as `<U+XXXX>`, and the whole at most MAX_MESSAGE
 * characters. Applied to every diagnostic, so that no input is echoed at length or raw.
 */
export function safeMessage(message: string): string {
  // A quote opens after no letter or digit and closes before none: the apostrophe of "site's"
  // neither opens nor closes a value (it once paired with a value's closing quote and cut the text between).
  let m = message.replace(QUOTED_LONG, (_all, inner: string) => `'${shown(inner, MAX_QUOTED)}'`);
  m = shown(m, MAX_MESSAGE);
  return m;
}
