// Parses a translation file: the header tags of its first comment block and its Go-style
// expected-output sections (see scripts/snippets/FORMAT.md).
import type { Expectation } from './output-match.ts';

/** Permissions a translation may ask for beyond the default sandbox. */
export type Allow = 'worker' | 'child-process';

/** Everything the check needs to know about one translation file. */
export interface Translation {
  /** `sha256:…` of the Python block it translates; undefined for helper modules. */
  python?: string;
  mode?: 'run' | 'fragment';
  allow: Allow[];
  /** Timing claim of the note, in the note's seconds. */
  elapsed?: number;
  output?: Expectation;
  pythonOutput?: Expectation;
  /** Header problems: 1-based line in the .ts file and message. */
  issues: { line: number; message: string }[];
  /** True when the file has no header tags at all: a helper module (e.g. a worker file), not a translation. */
  helper: boolean;
}

const SECTION = /^\/\/ (Output|Unordered output|Python output|Unordered python output):\s*$/;

/** Reads the header and output sections of a translation's source text. */
export function parseTranslation(source: string): Translation {
  const lines = source.replace(/\r\n?/g, '\n').split('\n');
  const issues: Translation['issues'] = [];
  const t: Translation = { allow: [], issues, helper: true };

  // Header: the first comment block (`/** … */` or consecutive `//` lines) before any code.
  let k = 0;
  while (k < lines.length && lines[k]!.trim() === '') k++;
  const header: { line: number; text: string }[] = [];
  if (lines[k]?.trim().startsWith('/*')) {
    for (; k < lines.length; k++) {
      header.push({ line: k + 1, text: lines[k]!.replace(/^\s*\/?\*+\/?/, '').replace(/\*\/\s*$/, '') });
      if (lines[k]!.includes('*/')) break;
    }
  } else {
    for (; k < lines.length && lines[k]!.trim().startsWith('//'); k++) {
      header.push({ line: k + 1, text: lines[k]!.replace(/^\s*\/\/+/, '') });
    }
  }
  for (const { line, text } of header) {
    const m = /^\s*@(\w[\w-]*)\s*(.*?)\s*$/.exec(text);
    if (!m) continue;
    t.helper = false;
    const [, tag, value] = m as unknown as [string, string, string];
    if (tag === 'python') {
      if (/^sha256:[0-9a-f]{16}$/.test(value)) t.python = value;
      else issues.push({ line, message: `@python must be sha256: and 16 hex digits, got "${value}"` });
    } else if (tag === 'mode') {
      if (value === 'run' || value === 'fragment') t.mode = value;
      else issues.push({ line, message: `@mode must be run or fragment, got "${value}"` });
    } else if (tag === 'allow') {
      for (const a of value.split(/[\s,]+/).filter(Boolean)) {
        if (a === 'worker' || a === 'child-process') t.allow.push(a);
        else issues.push({ line, message: `@allow accepts worker or child-process, got "${a}"` });
      }
    } else if (tag === 'elapsed') {
      const n = Number(value);
      if (value !== '' && Number.isFinite(n) && n >= 0) t.elapsed = n;
      else issues.push({ line, message: `@elapsed must be a number of seconds, got "${value}"` });
    } else {
      issues.push({ line, message: `unknown header tag @${tag}` });
    }
  }
  if (!t.helper) {
    if (!t.python && !issues.some((i) => i.message.startsWith('@python'))) {
      issues.push({ line: header[0]?.line ?? 1, message: 'header has no @python hash' });
    }
    if (!t.mode && !issues.some((i) => i.message.startsWith('@mode'))) {
      issues.push({ line: header[0]?.line ?? 1, message: 'header has no @mode (run or fragment)' });
    }
  }

  // Output sections: a `// Output:` line followed by `//` lines, up to the first non-comment line.
  for (let i = 0; i < lines.length; i++) {
    const m = SECTION.exec(lines[i]!.trim());
    if (!m) continue;
    const body: string[] = [];
    let j = i + 1;
    for (; j < lines.length && /^\s*\/\/( |$)/.test(lines[j]!) && !SECTION.test(lines[j]!.trim()); j++) {
      body.push(lines[j]!.replace(/^\s*\/\/ ?/, '').trimEnd());
    }
    while (body.length > 0 && body[body.length - 1] === '') body.pop();
    const kind = m[1]!.toLowerCase();
    const expectation: Expectation = { lines: body, unordered: kind.startsWith('unordered') };
    const key = kind.includes('python') ? 'pythonOutput' : 'output';
    if (t[key]) issues.push({ line: i + 1, message: `second ${m[1]} section` });
    else t[key] = expectation;
    i = j - 1;
  }
  if (t.mode === 'run' && !t.output) issues.push({ line: lines.length, message: 'run-mode translation has no // Output: section' });
  return t;
}
