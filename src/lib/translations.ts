import { readFileSync } from 'node:fs';
import { dirname, join, relative, sep } from 'node:path';
import { listTranslationFiles } from './snippets/files.ts';
import { parseTranslation, type Translation } from './snippets/header.ts';

/** A translation file as the site shows it. */
export interface SiteTranslation {
  /** Path as the check keys its results: `notes/<stem>/<name>.ts`. */
  path: string;
  /** File name shown as the code block's title. */
  name: string;
  /** Folder of the note it sits beside, relative to the notes folder (`python-concurrency`). */
  folder: string;
  header: Translation;
  /** Source for readers: header tags and the expected-output sections removed. */
  display: string;
}

/** Result of the last `npm run check:snippets` for one translation (src/data/snippet-results.json). */
export interface SnippetResult {
  python?: string;
  mode?: 'run' | 'fragment';
  status?: 'checked' | 'fragment' | 'failed';
  parity?: 'passed' | 'failed' | 'skipped';
  parityReason?: string;
  output?: string;
  pythonOutput?: string;
  /** Delays ran at this fraction of the note's (0.1: a 2 s sleep took 0.2 s); printed times scale with it. */
  timeScale?: number;
}

const cache = new Map<string, Map<string, SiteTranslation[]>>();

/**
 * Every translation under the notes folder, keyed by the hash of the Python block it
 * translates. Read once per process: a page looks its blocks up in O(1).
 */
export function translationsByHash(notesDir: string, displayDir = 'notes'): Map<string, SiteTranslation[]> {
  const cached = cache.get(notesDir);
  if (cached) return cached;
  const index = new Map<string, SiteTranslation[]>();
  for (const relativePath of listTranslationFiles(notesDir)) {
    if (relativePath.startsWith('.')) continue;
    const file = join(notesDir, relativePath);
    const source = readFileSync(file, 'utf8');
    const header = parseTranslation(source);
    if (header.helper || !header.python) continue;
    const path = `${displayDir}/${relativePath.split(sep).join('/')}`;
    const noteFolder = relative(notesDir, dirname(file)).split(sep).join('/');
    const entry: SiteTranslation = { path, name: path.split('/').pop()!, folder: noteFolder, header, display: displayCode(source) };
    index.set(header.python, [...(index.get(header.python) ?? []), entry]);
  }
  cache.set(notesDir, index);
  return index;
}

/** The translation of a block, preferring the one beside the note when a hash occurs twice. */
export function translationFor(index: Map<string, SiteTranslation[]>, hash: string, noteFolder: string): SiteTranslation | undefined {
  const all = index.get(hash);
  return all?.find((t) => t.folder === noteFolder) ?? all?.[0];
}

/** Drops the `@tag` lines of the header and the trailing `// Output:` sections: readers see them elsewhere. */
export function displayCode(source: string): string {
  const lines = source.replace(/\r\n?/g, '\n').split('\n');
  const outputAt = lines.findIndex((l) => /^\/\/ (Output|Unordered output|Python output|Unordered python output):\s*$/.test(l.trim()));
  const body = outputAt >= 0 ? lines.slice(0, outputAt) : lines;
  const kept = body.filter((l, i) => !(i < 40 && /^\s*(\*|\/\/)\s*@\w+/.test(l)));
  // A header that held only tags leaves an empty `/** */`; collapse the blank line after `/**`.
  return kept.join('\n').replace(/^\/\*\*\n(\s*\*\s*\n)+/, '/**\n').trimEnd();
}
