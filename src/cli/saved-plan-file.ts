/**
 * Reads a saved plan (`provision plan --out`) for `apply <plan.json>` without holding its text
 * whole: line by line, one desired resource or change parsed at a time, in the layout
 * `planJsonChunks` writes (two spaces a level; each element of `resources` and `changes` opens
 * with `    {` and closes with `    }` on lines of their own). A plan of 10,000 workspaces is
 * ~217 MB of JSON, and one of 50,000 (the most a blueprint may stamp) more than the longest
 * string V8 can make. A file in any other JSON layout (reformatted, minified) is parsed whole, up
 * to MAX_WHOLE_BYTES; a larger one is refused with a message that says so.
 */
import { createReadStream } from 'node:fs';
import { open } from 'node:fs/promises';
import { createInterface } from 'node:readline';
import type { Plan } from '../model/plan.ts';
import { parsePlanJson, planOf } from '../plan/render-json.ts';
import { readBounded } from '../blueprint/read-bounded.ts';

/** The largest saved plan read whole: below V8's longest string (2^29 - 24 characters). */
export const MAX_WHOLE_BYTES = 500 * 1024 * 1024;

/** The plan in `file`; throws what the file system says, or what is wrong with the plan. */
export async function readSavedPlan(file: string): Promise<Plan> {
  const byLines = await readByLines(file);
  if (byLines !== undefined) return planOf(byLines, file);
  const fh = await open(file, 'r');
  try {
    const size = (await fh.stat()).size;
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

/** Whether the file opens with the written layout's first line, `{` alone. */
async function startsWithBrace(file: string): Promise<boolean> {
  const fh = await open(file, 'r');
  try {
    const head = Buffer.alloc(3);
    const { bytesRead } = await fh.read(head, 0, 3, 0);
    const text = head.subarray(0, bytesRead).toString('latin1');
    return text.startsWith('{\n') || text.startsWith('{\r\n');
  } finally {
    await fh.close();
  }
}

/** Elements of these top-level arrays are parsed one at a time. */
const STREAMED = new Set(['resources', 'changes']);

/**
 * The plan's JSON value assembled from its lines, or undefined when the file is not in the
 * written layout (then it is parsed whole). A line that is not JSON where JSON is expected
 * also gives undefined: the whole parse then reports it as JSON.parse would.
 */
async function readByLines(file: string): Promise<Record<string, unknown> | undefined> {
  // Not even the written layout's first line: no line is read (a file of another kind may be
  // one long line).
  if (!(await startsWithBrace(file))) return undefined;
  const input = createReadStream(file, { encoding: 'utf8' });
  const lines = createInterface({ input, crlfDelay: Infinity });
  const out: Record<string, unknown> = {};
  let state: 'start' | 'fields' | 'element' | 'array' | 'value' | 'end' = 'start';
  let key = '';
  let parts: string[] = [];
  let items: unknown[] = [];
  try {
    for await (const raw of lines) {
      const line = raw.endsWith('\r') ? raw.slice(0, -1) : raw;
      switch (state) {
        case 'start':
          if (line !== '{') return undefined;
          state = 'fields';
          break;
        case 'fields': {
          if (line === '}') {
            state = 'end';
            break;
          }
          const field = /^ {2}("(?:[^"\\]|\\.)*"): (.*?)(,?)$/.exec(line);
          if (!field) return undefined;
          key = JSON.parse(field[1]!) as string;
          const rest = field[2]!;
          if (STREAMED.has(key) && rest === '[') {
            items = [];
            state = 'array';
          } else if (rest === '{' || rest === '[') {
            parts = [rest];
            state = 'value';
          } else out[key] = JSON.parse(rest);
          break;
        }
        case 'array':
          if (line === '  ]' || line === '  ],') {
            out[key] = items;
            state = 'fields';
          } else if (line === '    {') {
            parts = ['{'];
            state = 'element';
          } else return undefined;
          break;
        case 'element':
          if (line === '    }' || line === '    },') {
            parts.push('}');
            items.push(JSON.parse(parts.join('\n')));
            state = 'array';
          } else parts.push(line);
          break;
        case 'value':
          parts.push(line);
          if (/^ {2}[}\]],?$/.test(line)) {
            out[key] = JSON.parse(parts.join('\n').replace(/,$/, ''));
            state = 'fields';
          }
          break;
        case 'end':
          if (line.trim() !== '') return undefined;
          break;
      }
    }
  } catch (error) {
    if (error instanceof SyntaxError) return undefined;
    throw error;
  } finally {
    lines.close();
    input.destroy(); // closing the lines leaves the file open when they were left early
  }
  return state === 'end' ? out : undefined;
}
