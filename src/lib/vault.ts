import { readdirSync, readFileSync, statSync } from 'node:fs';
import { join, relative, sep } from 'node:path';
import { mapFrontmatter, parseFrontmatterYaml, splitFrontmatter, type NoteData } from './frontmatter.ts';
import { problem, type Problem } from './problems.ts';
import { isReservedNotePath, noteIdFromPath } from './slug.ts';

/** One publishable note, as every stage of the pipeline sees it. */
export interface VaultNote {
  /** URL id, e.g. `python-concurrency` or `folder/sub-note`. */
  id: string;
  /** Path relative to the notes folder, with `/` separators: `python-concurrency.md`. */
  path: string;
  /** Path as shown in messages: `notes/python-concurrency.md`. */
  file: string;
  /** File name without `.md`, as Obsidian resolves `[[links]]`. */
  stem: string;
  data: NoteData;
  body: string;
  /** 1-based line of the body's first line in the file (after frontmatter). */
  bodyLine: number;
}

/** Everything known about the notes folder after one pass over it. */
export interface Vault {
  notes: VaultNote[];
  /** Files left out of the site (errors, empty notes, drafts), relative to the notes folder. */
  excluded: string[];
  /** Attachments (images, audio, video, PDF) anywhere in the folder, relative, `/`-separated. */
  assets: string[];
  problems: Problem[];
}

export interface ScanOptions {
  /** Absolute path of the notes folder. */
  dir: string;
  /** Prefix used in messages; `notes` gives `notes/FILE.md:LINE:COL`. */
  displayDir?: string;
  /** Drafts are published by `astro dev` only. */
  includeDrafts?: boolean;
}

import { ATTACHMENT } from '../syntax/attachments.ts';

/** Reads every file under the notes folder once and classifies it: note, asset, translation or stray. */
export function scanVault({ dir, displayDir = 'notes', includeDrafts = false }: ScanOptions): Vault {
  const problems: Problem[] = [];
  const notes: VaultNote[] = [];
  const excluded: string[] = [];
  const assets: string[] = [];
  const files = listFiles(dir);
  const noteStems = new Set(files.filter((f) => /\.md$/i.test(f)).map((f) => f.replace(/\.md$/i, '')));
  const byId = new Map<string, VaultNote>();

  for (const path of files) {
    const file = `${displayDir}/${path}`;
    const report = (line: number, column: number, severity: Problem['severity'], ruleId: string, message: string) =>
      problems.push(problem({ file, line, column, severity, ruleId, message, source: 'vault' }));

    if (!/\.md$/i.test(path)) {
      // Assets and a note's own folder (translations, traces) belong to the vault; anything else is a stray.
      const folders = path.split('/').slice(0, -1);
      const belongsToNote = folders.some((_, i) => noteStems.has(folders.slice(0, i + 1).join('/')));
      if (ATTACHMENT.test(path)) assets.push(path);
      else if (!belongsToNote) {
        const hint = /\.mdx$/i.test(path) ? 'MDX is not supported, rename it to .md' : 'only .md files become notes';
        report(1, 1, 'warning', 'not-markdown', `ignored: not a Markdown note (${hint})`);
      }
      continue;
    }

    let source: string;
    try {
      source = readFileSync(join(dir, path), 'utf8');
    } catch (error) {
      report(1, 1, 'error', 'unreadable-note', `cannot read the note: ${error instanceof Error ? error.message : String(error)}`);
      excluded.push(path);
      continue;
    }
    if (source.includes('\u0000')) {
      report(1, 1, 'error', 'binary-note', 'not a text file (it contains NUL bytes): skipped');
      excluded.push(path);
      continue;
    }
    const control = controlCharacters(source);
    if (control.binary) {
      report(1, 1, 'error', 'binary-note', `not a text file (${control.count} control characters such as U+${control.first!.code}): skipped`);
      excluded.push(path);
      continue;
    }
    if (control.first) {
      const { line, column, code } = control.first;
      report(line, column, 'warning', 'control-character', `control character U+${code} in the text: remove it (it is invisible or garbled on the page)`);
    }
    if (source.includes('\uFFFD')) {
      const before = source.slice(0, source.indexOf('\uFFFD')).split('\n');
      report(before.length, before.at(-1)!.length + 1, 'warning', 'not-utf8', 'the note is not valid UTF-8: some characters are shown as �; save it as UTF-8');
    }
    const stem = path.split('/').pop()!.replace(/\.md$/i, '');
    if (source.trim() === '') {
      report(1, 1, 'warning', 'empty-note', 'empty note: nothing to publish, skipped');
      excluded.push(path);
      continue;
    }
    const split = splitFrontmatter(source);
    if (split.unreadable) {
      const u = split.unreadable;
      report(u.line, u.column, u.severity, u.ruleId, u.message);
      excluded.push(path);
      continue;
    }
    const parsed = split.yaml === null ? null : parseFrontmatterYaml(split.yaml, split.yamlLine);
    for (const i of parsed?.issues ?? []) report(i.line, i.column, i.severity, i.ruleId, i.message);
    const mapped = mapFrontmatter(parsed?.raw ?? {}, {
      body: split.body, bodyLine: split.bodyLine, fileStem: stem, positions: parsed?.positions,
    });
    for (const i of mapped.issues) report(i.line, i.column, i.severity, i.ruleId, i.message);
    const hasErrors = [...(parsed?.issues ?? []), ...mapped.issues].some((i) => i.severity === 'error');
    if (hasErrors) {
      excluded.push(path);
      continue;
    }
    if (split.body.trim() === '') {
      report(split.bodyLine, 1, 'warning', 'empty-note', 'note has frontmatter but no content: skipped');
      excluded.push(path);
      continue;
    }
    if (mapped.data.draft && !includeDrafts) {
      excluded.push(path);
      continue;
    }
    const note: VaultNote = { id: noteIdFromPath(path), path, file, stem, data: mapped.data, body: split.body, bodyLine: split.bodyLine };
    if (isReservedNotePath(path)) {
      const natural = `/${note.id.replace(/(^|\/)index-note$/, '').replace(/-note(?=\/|$)/, '')}/`.replace(/\/+/g, '/');
      report(1, 1, 'warning', 'reserved-url', `${natural} is a page of the site itself: this note is published at /${note.id}/`);
    }
    const clash = byId.get(note.id);
    if (clash) {
      report(1, 1, 'error', 'duplicate-id', `${path} and ${clash.path} both publish to /${note.id}/: rename one of them`);
      excluded.push(path);
      continue;
    }
    byId.set(note.id, note);
    notes.push(note);
  }
  return { notes, excluded, assets, problems };
}

/**
 * Control characters a text file does not contain (C0 except tab, line feed, form feed and
 * carriage return; DEL; C1), and the first one's position. A file made of them (more than 1% of
 * its first 8,000 characters, at least 4, or more than 16 of them) is binary even without NUL
 * bytes, as is one where they and U+FFFD (bytes that are not UTF-8) make up a tenth.
 */
function controlCharacters(source: string): { count: number; binary: boolean; first?: { line: number; column: number; code: string } } {
  const CONTROL = /[\u0001-\u0008\u000B\u000E-\u001F\u007F-\u009F]/g;
  const head = source.slice(0, 8000);
  const count = head.match(CONTROL)?.length ?? 0;
  const replacement = head.split('\uFFFD').length - 1;
  const m = CONTROL.exec(source);
  CONTROL.lastIndex = 0;
  const first = m ? (() => {
    const before = source.slice(0, m.index).split('\n');
    return { line: before.length, column: before.at(-1)!.length + 1, code: m[0].charCodeAt(0).toString(16).toUpperCase().padStart(4, '0') };
  })() : undefined;
  const binary = count > 16 || (count >= 4 && count > head.length / 100) || (replacement + count >= 4 && replacement + count > head.length / 10);
  return { count: count + replacement, binary, first: first ?? (binary ? { line: 1, column: 1, code: 'FFFD' } : undefined) };
}

/** Files under `dir`, relative, `/`-separated, sorted; dot-folders such as `.obsidian/` are skipped. */
function listFiles(dir: string): string[] {
  const out: string[] = [];
  const walk = (d: string) => {
    for (const name of readdirSync(d).sort()) {
      if (name.startsWith('.')) continue;
      const full = join(d, name);
      if (statSync(full).isDirectory()) walk(full);
      else out.push(relative(dir, full).split(sep).join('/'));
    }
  };
  walk(dir);
  return out;
}
