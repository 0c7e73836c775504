/**
 * Reads a saved plan (`provision plan --out`) for `apply <plan.json>` without holding its text
 * whole: line by line, one desired resource or change parsed at a time, in the layout
 * `planJsonChunks` writes (two spaces a level; each element of `resources` and `changes` opens
 * with `    {` and closes with `    }` on lines of their own). A plan of 10,000 workspaces is
 * ~217 MB of JSON, and one of 50,000 (the most a blueprint may stamp) more than the longest
 * string V8 can make. A file in any other JSON layout (reformatted, minified) is parsed whole, up
 * to MAX_WHOLE_BYTES; a larger one is refused with a message that says so. In the written layout
 * a file is bounded too (MAX_SAVED_PLAN_BYTES, MAX_LINE_CHARS): a file that is not a saved plan
 * but starts like one is refused naming the place, never read until memory runs out.
 */
import { open, type FileHandle } from 'node:fs/promises';
import type { Plan } from '../model/plan.ts';
import { parsePlanJson, planOf } from '../plan/render-json.ts';
import { readBounded } from '../blueprint/read-bounded.ts';
import { fileLines, LINE_TOO_LONG } from '../apply/file-lines.ts';

/** The largest saved plan read whole: below V8's longest string (2^29 - 24 characters). */
export const MAX_WHOLE_BYTES = 500 * 1024 * 1024;

/**
 * The largest saved plan read in the written layout: a plan of 50,000 workspaces of the
 * benchmark's blueprint is ~1.1 GB, and the plan read back must fit in the heap beside apply.
 */
export const MAX_SAVED_PLAN_BYTES = 2 * 1024 * 1024 * 1024;

/**
 * The longest line of the written layout: one JSON value a line, and a blueprint's file is at
 * most 5 MB (MAX_FILE_BYTES), so a value of one is at most ~30 MB escaped.
 */
export const MAX_LINE_CHARS = 64 * 1024 * 1024;

/** The plan in `file`; throws what the file system says, or what is wrong with the plan. */
export async function readSavedPlan(file: string): Promise<Plan> {
  const fh = await open(file, 'r');
  try {
    const size = (await fh.stat()).size;
    const byLines = await readByLines(fh, size, file);
    if (byLines !== undefined) return planOf(byLines, file);
    const tooLarge = () => new Error(`${file}: a saved plan of ${bytesText(size)} is larger than the ${bytesText(MAX_WHOLE_BYTES)} (500 MB) that can be read in one piece, and not in the layout \`provision plan --out\` writes (which is read a change at a time): save the plan again with \`provision plan --out\`, or apply the blueprint itself`);
    // Refused before reading when the file system says so; readBounded counts what it reads too.
    if (size > MAX_WHOLE_BYTES) throw tooLarge();
    const read = await readBounded(fh, MAX_WHOLE_BYTES);
    if (!read.ok) throw tooLarge();
    return parsePlanJson(read.bytes.toString('utf8'), file);
  } finally {
    await fh.close();
  }
}

const bytesText = (bytes: number) => `${bytes.toLocaleString('en-US')} bytes`;

/** Elements of these top-level arrays are parsed one at a time. */
const STREAMED = new Set(['resources', 'changes']);

/**
 * The plan's JSON value assembled from its lines, or undefined when the file is not in the
 * written layout (then it is parsed whole). A line that is not JSON where JSON is expected
 * also gives undefined: the whole parse then reports it as JSON.parse would. Throws, naming the
 * file, when it is larger than MAX_SAVED_PLAN_BYTES or a line longer than MAX_LINE_CHARS. Reads
 * `fh` from its start (`size`: its size); the caller closes it.
 */
async function readByLines(fh: FileHandle, size: number, file: string): Promise<Record<string, unknown> | undefined> {
  // Not even the written layout's first line: no line is read (a file of another kind may be
  // one long line).
  const head = Buffer.alloc(3);
  const { bytesRead } = await fh.read(head, 0, 3, 0);
  const opening = head.subarray(0, bytesRead).toString('latin1');
  if (!opening.startsWith('{\n') && !opening.startsWith('{\r\n')) return undefined;
  if (size > MAX_SAVED_PLAN_BYTES) throw new Error(`${file}: a saved plan of ${bytesText(size)} is larger than the ${bytesText(MAX_SAVED_PLAN_BYTES)} (2 GiB) a saved plan may be: apply the blueprint itself, or split its workspaces over several blueprints`);
  const layout = new WrittenLayout();
  let lineNumber = 0;
  try {
    for (const line of fileLines(fh.fd, MAX_LINE_CHARS)) {
      lineNumber++;
      if (line === LINE_TOO_LONG) throw tooLong(file, lineNumber);
      if (!layout.line(line)) return undefined;
    }
  } catch (error) {
    if (error instanceof SyntaxError) return undefined;
    throw error;
  }
  return layout.value();
}

const tooLong = (file: string, line: number) =>
  new Error(`${file}:${line}: a line longer than ${MAX_LINE_CHARS.toLocaleString('en-US')} characters; a plan saved by \`provision plan --out\` has one JSON value a line, so this file is not one: save the plan again with \`provision plan --out\`, or apply the blueprint itself`);

/** The written layout's state machine, fed a line at a time (without its line end). */
class WrittenLayout {
  private readonly out: Record<string, unknown> = {};
  private state: 'start' | 'fields' | 'element' | 'array' | 'value' | 'end' = 'start';
  private key = '';
  private parts: string[] = [];
  private items: unknown[] = [];

  /** The plan's JSON value once the whole layout was read, else undefined. */
  value(): Record<string, unknown> | undefined {
    return this.state === 'end' ? this.out : undefined;
  }

  /** Takes one line (without its line end); false when it is not the written layout. Throws JSON.parse's SyntaxError. */
  line(line: string): boolean {
    switch (this.state) {
      case 'start':
        if (line !== '{') return false;
        this.state = 'fields';
        return true;
      case 'fields': {
        if (line === '}') {
          this.state = 'end';
          return true;
        }
        const field = /^ {2}("(?:[^"\\]|\\.)*"): (.*?)(,?)$/.exec(line);
        if (!field) return false;
        this.key = JSON.parse(field[1]!) as string;
        const rest = field[2]!;
        if (STREAMED.has(this.key) && rest === '[') {
          this.items = [];
          this.state = 'array';
        } else if (rest === '{' || rest === '[') {
          this.parts = [rest];
          this.state = 'value';
        } else this.out[this.key] = JSON.parse(rest);
        return true;
      }
      case 'array':
        if (line === '  ]' || line === '  ],') {
          this.out[this.key] = this.items;
          this.state = 'fields';
        } else if (line === '    {') {
          this.parts = ['{'];
          this.state = 'element';
        } else return false;
        return true;
      case 'element':
        if (line === '    }' || line === '    },') {
          this.parts.push('}');
          this.items.push(JSON.parse(this.parts.join('\n')));
          this.state = 'array';
        } else this.parts.push(line);
        return true;
      case 'value':
        this.parts.push(line);
        if (/^ {2}[}\]],?$/.test(line)) {
          this.out[this.key] = JSON.parse(this.parts.join('\n').replace(/,$/, ''));
          this.state = 'fields';
        }
        return true;
      case 'end':
        return line.trim() === '';
    }
  }
}
