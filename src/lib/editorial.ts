/**
 * The editorial layer: editor's notes kept apart from the authors' words. Each note may have
 * `notes/<note>/editorial.yaml` beside it (a `.yaml` file is never a note), a list of entries,
 * each anchored to a passage it quotes from the note's Markdown. The note file is never edited;
 * the render plugin (src/plugins/remark-editorial.ts) shows each entry right after its passage,
 * and the vault check (src/lib/editorial-checks.ts) reports entries whose quote no longer matches.
 */
import { existsSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { isMap, isScalar, isSeq, LineCounter, parseDocument, type Node as YamlNode } from 'yaml';
import { problem, type Problem } from './problems.ts';

/** Evidence for an editor's note: a primary source, or the snippet check's recorded run of a translation. */
export type Evidence = { kind: 'source'; url: string; title: string } | { kind: 'run'; translation: string };

/** One editor's note. */
export interface EditorialEntry {
  /** The passage of the note it is about, as written in the note's Markdown (whitespace may differ). */
  quote: string;
  /** `correction`: a marked editor's note with evidence; `export`: a collapsed "In the plain-text export: …". */
  kind: 'correction' | 'export';
  /** Short label shown in the collapsed summary of an `export` entry. */
  summary?: string;
  /** The editor's text, Markdown. */
  text: string;
  evidence: Evidence[];
  /** Position of the entry's `quote` in the editorial file (1-based). */
  line: number;
  column: number;
}

/** An editorial file, read and checked. */
export interface EditorialFile {
  /** As shown in messages: `notes/python-concurrency/editorial.yaml`. */
  file: string;
  entries: EditorialEntry[];
  problems: Problem[];
}

/** Where the editorial file of a note lives, relative to the notes folder: `python-concurrency/editorial.yaml`. */
export function editorialPath(notePath: string): string {
  return `${notePath.replace(/\.md$/i, '')}/editorial.yaml`;
}

/** Reads the editorial file of a note (path relative to the notes folder), or undefined when it has none. */
export function readEditorial(notesDir: string, notePath: string, displayDir = 'notes'): EditorialFile | undefined {
  const path = editorialPath(notePath);
  const full = join(notesDir, path);
  if (!existsSync(full)) return undefined;
  return parseEditorial(readFileSync(full, 'utf8'), `${displayDir}/${path}`);
}

const HTTP_URL = /^https?:\/\/[^\s]+$/i;
const RUN_PATH = /^notes\/[\w./-]+\.ts$/;

/** Parses and validates an editorial file; every problem carries the file's line and column. */
export function parseEditorial(source: string, file: string): EditorialFile {
  const problems: Problem[] = [];
  const lineCounter = new LineCounter();
  const doc = parseDocument(source, { lineCounter, uniqueKeys: true });
  const at = (node: { range?: [number, number, number?] | null } | null | undefined) => {
    const pos = lineCounter.linePos(node?.range?.[0] ?? 0);
    return { line: pos.line, column: pos.col };
  };
  const report = (node: YamlNode | null | undefined, message: string) =>
    problems.push(problem({ file, ...at(node), severity: 'warning', ruleId: 'editorial-invalid', message, source: 'editorial' }));
  for (const error of doc.errors) {
    const pos = lineCounter.linePos(error.pos[0]);
    problems.push(problem({ file, line: pos.line, column: pos.col, severity: 'warning', ruleId: 'editorial-invalid', message: `invalid YAML: ${error.message.split('\n')[0]}`, source: 'editorial' }));
  }
  if (doc.errors.length > 0) return { file, entries: [], problems };
  if (doc.contents === null) return { file, entries: [], problems };
  if (!isSeq(doc.contents)) {
    report(doc.contents, 'an editorial file is a YAML list of entries (`- quote: …`)');
    return { file, entries: [], problems };
  }
  const entries: EditorialEntry[] = [];
  for (const item of doc.contents.items) {
    if (!isMap(item)) {
      report(item as YamlNode, 'each entry is a map with `quote`, `text` and `evidence`');
      continue;
    }
    const str = (key: string): { value?: string; node?: YamlNode } => {
      const node = item.get(key, true) as YamlNode | undefined;
      if (node === undefined) return {};
      if (!isScalar(node) || typeof node.value !== 'string' || !node.value.trim()) {
        report(node, `\`${key}\` must be a non-empty string`);
        return { node };
      }
      return { value: node.value.trim(), node };
    };
    const quote = str('quote');
    const text = str('text');
    const kindNode = str('kind');
    const summary = str('summary');
    if (!quote.value) {
      if (!quote.node) report(item, 'entry without `quote`: it cannot be placed in the note');
      continue;
    }
    if (!text.value) {
      if (!text.node) report(item, 'entry without `text`');
      continue;
    }
    const kind = kindNode.value ?? 'correction';
    if (kind !== 'correction' && kind !== 'export') {
      report(kindNode.node, '`kind` is `correction` (default) or `export`');
      continue;
    }
    const evidence: Evidence[] = [];
    const evidenceNode = item.get('evidence', true) as YamlNode | undefined;
    if (evidenceNode !== undefined) {
      if (!isSeq(evidenceNode)) report(evidenceNode, '`evidence` is a list of `{url, title}` or `{run: notes/<note>/<file>.ts}`');
      else {
        for (const e of evidenceNode.items) {
          const value = isMap(e) ? (e.toJS(doc, { maxAliasCount: 10 }) as Record<string, unknown>) : undefined;
          if (value && typeof value.url === 'string' && HTTP_URL.test(value.url) && typeof value.title === 'string' && value.title.trim()) {
            evidence.push({ kind: 'source', url: value.url, title: value.title.trim() });
          } else if (value && typeof value.run === 'string' && RUN_PATH.test(value.run)) {
            evidence.push({ kind: 'run', translation: value.run });
          } else report(e as YamlNode, 'evidence is `{url: https://…, title: …}` or `{run: notes/<note>/<file>.ts}`');
        }
      }
    }
    if (kind === 'correction' && evidence.length === 0) {
      report(quote.node, 'an editor\'s correction needs `evidence` (a primary source or a recorded run): it is not shown without it');
      continue;
    }
    entries.push({ quote: quote.value, kind, summary: summary.value, text: text.value, evidence, ...at(quote.node) });
  }
  return { file, entries, problems };
}

/** Where a quote occurs in a note's source: every match, whitespace runs matching any whitespace. */
export function findQuote(source: string, quote: string): Array<{ start: number; end: number }> {
  const words = quote.trim().split(/\s+/).map((w) => w.replace(/[.*+?^${}()|[\]\\]/g, '\\$&'));
  const pattern = new RegExp(words.join('\\s+'), 'g');
  return Array.from(source.matchAll(pattern), (m) => ({ start: m.index, end: m.index + m[0].length }));
}
