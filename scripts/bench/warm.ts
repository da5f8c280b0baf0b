// The warm-rebuild scenarios of issue 15 (`npm run bench -- --warm`): edits to a built vault, and
// the byte-for-byte comparison of the warm rebuild's dist/ with a cold build of the edited vault.
import { existsSync, readdirSync, readFileSync, statSync, writeFileSync } from 'node:fs';
import { join, relative } from 'node:path';

/** One edit to the vault: what it did, in words, for the results. */
export interface WarmEdit { scenario: 'edit-text' | 'new-note-resolves-link' | 'rename-linked-heading'; detail: string }

const notesOf = (dir: string) => readdirSync(dir).filter((f) => f.endsWith('.md')).sort();

/** Changes one sentence of one note's text (the note in the middle of the vault, by file name). */
export function editText(dir: string): WarmEdit {
  const files = notesOf(dir);
  const file = files[Math.floor(files.length / 2)]!;
  const text = readFileSync(join(dir, file), 'utf8');
  writeFileSync(join(dir, file), `${text.trimEnd()}\n\nAn edited sentence, added by the warm-rebuild bench.\n`);
  return { scenario: 'edit-text', detail: `appended a sentence to ${file}` };
}

/** Writes the note that the most-linked unresolved `[[target]]` of the vault names. */
export function addLinkedNote(dir: string): WarmEdit {
  const files = notesOf(dir);
  const stems = new Set(files.map((f) => f.slice(0, -3).toLowerCase()));
  const count = new Map<string, number>();
  for (const f of files) {
    for (const m of readFileSync(join(dir, f), 'utf8').matchAll(/\[\[([^\]|#]+)[\]|#]/g)) {
      const target = m[1]!.trim();
      if (!stems.has(target.toLowerCase())) count.set(target, (count.get(target) ?? 0) + 1);
    }
  }
  const [target, links] = [...count].sort((a, b) => b[1] - a[1] || a[0].localeCompare(b[0]))[0] ?? [];
  if (!target) throw new Error('warm bench: the vault has no unresolved link to write a note for');
  writeFileSync(join(dir, `${target}.md`), `# ${target.replace(/_/g, ' ')}\n\nA new note written by the warm-rebuild bench; ${links} link(s) now resolve to it.\n`);
  return { scenario: 'new-note-resolves-link', detail: `wrote ${target}.md (${links} link(s) resolve to it)` };
}

/** Renames the heading that `[[stem#Heading]]` links point to most often. */
export function renameLinkedHeading(dir: string): WarmEdit {
  const files = notesOf(dir);
  const count = new Map<string, number>();
  for (const f of files) {
    for (const m of readFileSync(join(dir, f), 'utf8').matchAll(/\[\[([^\]|#]+)#([^\]|]+)[\]|]/g)) {
      const key = `${m[1]!.trim()}\0${m[2]!.trim()}`;
      count.set(key, (count.get(key) ?? 0) + 1);
    }
  }
  for (const [key, links] of [...count].sort((a, b) => b[1] - a[1] || a[0].localeCompare(b[0]))) {
    const [stem, heading] = key.split('\0') as [string, string];
    const file = join(dir, `${stem}.md`);
    if (!existsSync(file)) continue;
    const text = readFileSync(file, 'utf8');
    const line = `\n## ${heading}\n`;
    if (!text.includes(line)) continue;
    writeFileSync(file, text.replace(line, `\n## ${heading} renamed\n`));
    return { scenario: 'rename-linked-heading', detail: `renamed "## ${heading}" in ${stem}.md (${links} link(s) point to it)` };
  }
  throw new Error('warm bench: no [[note#Heading]] link points to a heading that exists');
}

export const WARM_SCENARIOS = [editText, addLinkedNote, renameLinkedHeading];

/** Every file under `dir`, relative, sorted. */
function files(dir: string): string[] {
  const out: string[] = [];
  const walk = (d: string) => {
    for (const e of readdirSync(d, { withFileTypes: true })) {
      const full = join(d, e.name);
      if (e.isDirectory()) walk(full);
      else out.push(relative(dir, full));
    }
  };
  if (existsSync(dir)) walk(dir);
  return out.sort();
}

/** Files that differ between two folders: missing on either side or with other bytes; for the first few, where. */
export function diffDirs(a: string, b: string): { files: number; differing: string[]; excerpts: string[] } {
  const left = files(a);
  const right = new Set(files(b));
  const differing: string[] = [];
  const excerpts: string[] = [];
  for (const f of left) {
    if (!right.delete(f)) differing.push(`${f} (only in the warm build)`);
    else if (statSync(join(a, f)).size !== statSync(join(b, f)).size || !readFileSync(join(a, f)).equals(readFileSync(join(b, f)))) {
      differing.push(f);
      if (excerpts.length < 3) excerpts.push(firstDifference(f, readFileSync(join(a, f)), readFileSync(join(b, f))));
    }
  }
  for (const f of right) differing.push(`${f} (only in the cold build)`);
  return { files: left.length, differing, excerpts };
}

/** `file @byte: warm «…» cold «…»`: 80 bytes from just before the first differing byte. */
function firstDifference(file: string, warm: Buffer, cold: Buffer): string {
  let i = 0;
  while (i < warm.length && i < cold.length && warm[i] === cold[i]) i++;
  const at = (buf: Buffer) => buf.subarray(Math.max(0, i - 40), i + 120).toString('utf8');
  return `${file} @${i}: warm «${at(warm)}» cold «${at(cold)}»`;
}
