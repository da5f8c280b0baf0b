// Type-checks translations with `tsc --noEmit` (strict, scripts/snippets/tsconfig.json) and maps
// diagnostics to the files they belong to.
import { spawn } from 'node:child_process';
import { mkdirSync, symlinkSync, writeFileSync } from 'node:fs';
import { join, relative, resolve, sep } from 'node:path';
import { fileURLToPath } from 'node:url';

/** The committed tsconfig for translations. */
export const TRANSLATIONS_TSCONFIG = fileURLToPath(new URL('./tsconfig.json', import.meta.url));

/** One tsc diagnostic: absolute file, position and `TS1234: message`. */
export interface TypeDiagnostic { file: string; line: number; column: number; message: string }

/** Parses `tsc --pretty false` output (`path(line,col): error TS2345: …` plus continuation lines). */
export function parseTscOutput(text: string, cwd: string): TypeDiagnostic[] {
  const out: TypeDiagnostic[] = [];
  for (const line of text.split('\n')) {
    const m = /^(.+?)\((\d+),(\d+)\): error (TS\d+: .*)$/.exec(line);
    if (m) out.push({ file: resolve(cwd, m[1]!), line: Number(m[2]), column: Number(m[3]), message: m[4]! });
    else if (/^\s+\S/.test(line) && out.length > 0) out[out.length - 1]!.message += ` ${line.trim()}`;
    else if (/error TS\d+/.test(line)) out.push({ file: '', line: 1, column: 1, message: line.trim() });
  }
  return out;
}

/** Runs tsc on every `.ts` under `notesDir` (the committed config for the project's notes/). */
export async function typecheck(o: { node: string; root: string; notesDir: string; tmpDir: string }): Promise<TypeDiagnostic[]> {
  let project = TRANSLATIONS_TSCONFIG;
  const notesDir = resolve(o.notesDir);
  // A notes folder outside the repository (e.g. a vault under /tmp) has no package.json saying
  // "type": "module" and no node_modules above it, so tsc would read its translations as CommonJS
  // and find no packages. It is checked through the layout the sandbox runs it in: a mirror with
  // the repository's node_modules and an ES-module package.json, the folder linked into it.
  const rel = relative(o.root, notesDir);
  const outside = rel === '..' || rel.startsWith(`..${sep}`) || resolve(rel) === rel;
  const mirror = join(o.tmpDir, 'typecheck');
  const checked = outside ? join(mirror, 'notes') : notesDir;
  if (outside) {
    mkdirSync(mirror, { recursive: true });
    writeFileSync(join(mirror, 'package.json'), '{ "type": "module" }\n');
    symlinkSync(join(o.root, 'node_modules'), join(mirror, 'node_modules'), 'dir');
    symlinkSync(notesDir, checked, 'dir');
  }
  if (notesDir !== resolve(o.root, 'notes')) {
    project = join(o.tmpDir, 'tsconfig.snippets.json');
    writeFileSync(project, JSON.stringify({
      extends: TRANSLATIONS_TSCONFIG,
      compilerOptions: { typeRoots: [join(o.root, 'node_modules', '@types')], ...(outside ? { preserveSymlinks: true } : {}) },
      include: [join(checked, '**', '*.ts')],
    }));
  }
  const tsc = join(o.root, 'node_modules', 'typescript', 'bin', 'tsc');
  const child = spawn(o.node, [tsc, '--pretty', 'false', '-p', project], { cwd: o.root, stdio: ['ignore', 'pipe', 'pipe'] });
  let text = '';
  child.stdout.setEncoding('utf8').on('data', (d: string) => { text += d; });
  child.stderr.setEncoding('utf8').on('data', (d: string) => { text += d; });
  await new Promise((r) => child.on('close', r));
  // "No inputs were found" is not an error for us: there is simply nothing to check yet.
  return parseTscOutput(text, o.root).filter((d) => !d.message.startsWith('TS18003'))
    .map((d) => (outside && d.file.startsWith(`${checked}${sep}`) ? { ...d, file: join(notesDir, relative(checked, d.file)) } : d));
}
