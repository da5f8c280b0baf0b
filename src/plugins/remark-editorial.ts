import { existsSync, readFileSync } from 'node:fs';
import { relative, resolve, sep } from 'node:path';
import type { Code, Parent, PhrasingContent, Root, RootContent } from 'mdast';
import { visit } from 'unist-util-visit';
import type { VFile } from 'vfile';
import { findQuote, readEditorial, type EditorialEntry, type Evidence } from '../lib/editorial.ts';
import type { LinkGraph } from '../lib/link-graph.ts';
import { conceptHref, noteHref } from '../lib/link-paths.ts';
import { siteConfig } from '../lib/site-config.ts';
import { siteLinkGraph } from '../lib/site-link-graph.ts';
import { noteIdFromPath } from '../lib/slug.ts';
import type { SnippetResult } from '../lib/translations.ts';
import type { VaultNote } from '../lib/vault.ts';
import { parseNoteBody } from '../syntax/parse.ts';
import type { WikiLink } from '../syntax/wikilink.ts';

/** An editor's note in the tree: rendered as its `data.hName` (a `div` or a `details`). */
export interface EditorialNote extends Parent {
  type: 'editorialNote';
  children: RootContent[];
}

declare module 'mdast' {
  interface RootContentMap {
    editorialNote: EditorialNote;
  }
  interface BlockContentMap {
    editorialNote: EditorialNote;
  }
}

/** Options of {@link remarkEditorial}. */
export interface EditorialOptions {
  /** Folder of the notes and their editorial files. Default: `notesDir` from site-config. */
  notesDir?: string;
  /** Results of the last snippet check, for `run` evidence. Default: `src/data/snippet-results.json`. */
  resultsFile?: string;
  /** Resolves `[[links]]` in editor's notes; default: the site's graph. */
  graph?: () => LinkGraph;
  /** URL prefix without trailing slash; default `siteBase`. */
  base?: string;
}

/** Blocks whose children are blocks: an editor's note may go inside them, after the child holding the quote. */
const CONTAINERS = new Set(['root', 'blockquote', 'listItem', 'calloutBody', 'footnoteDefinition']);

/**
 * The editorial layer on the page (src/lib/editorial.ts): each entry of `notes/<note>/editorial.yaml`
 * is shown right after the block holding its quoted passage, as a marked editor's note with its
 * evidence, or collapsed ("In the plain-text export: …"). The note's Markdown is never changed.
 * Runs after the study plugins, so a note after a question/answer card follows the whole card.
 * Stale quotes are reported by the vault check (src/lib/editorial-checks.ts), not here.
 */
export function remarkEditorial(options: EditorialOptions = {}) {
  const notesDir = resolve(options.notesDir ?? siteConfig().notesDir);
  const resultsFile = resolve(options.resultsFile ?? 'src/data/snippet-results.json');
  const getGraph = options.graph ?? siteLinkGraph;
  const base = options.base ?? siteConfig().base;
  let results: Record<string, SnippetResult & { pythonVersion?: string }> | undefined;

  return (tree: Root, file: VFile) => {
    const rel = file.path ? relative(notesDir, file.path).split(sep).join('/') : '';
    if (!rel || rel.startsWith('..')) return;
    const editorial = readEditorial(notesDir, rel);
    if (!editorial || editorial.entries.length === 0) return;
    results ??= existsSync(resultsFile) ? JSON.parse(readFileSync(resultsFile, 'utf8')) : {};
    const source = String(file.value);
    const graph = getGraph();
    const from = graph.notes.get(noteIdFromPath(rel))?.note;
    for (const entry of editorial.entries) {
      const [match] = findQuote(source, entry.quote);
      const spot = match && findSpot(tree, match.end);
      if (!spot) continue;
      let at = spot.index + 1;
      // Several notes after one block keep the order of the editorial file.
      while (spot.parent.children[at]?.type === 'editorialNote') at++;
      spot.parent.children.splice(at, 0, editorialNote(entry, body(entry.text, graph, from, base), results!) as never);
    }
  };
}

type Extent = { start: number; end: number };

/** Source extent of a node: its position, or the union of its children's (wrappers have none). */
function extent(node: RootContent | Root): Extent | undefined {
  const { start, end } = (node as { position?: Root['position'] }).position ?? {};
  if (start?.offset !== undefined && end?.offset !== undefined) return { start: start.offset, end: end.offset };
  if (!('children' in node)) return undefined;
  let out: Extent | undefined;
  for (const child of node.children as RootContent[]) {
    const e = extent(child);
    if (e) out = out ? { start: Math.min(out.start, e.start), end: Math.max(out.end, e.end) } : e;
  }
  return out;
}

/** The block holding `offset` (the quote's end), as deep as containers go: where the editor's note goes after. */
function findSpot(parent: Parent, offset: number): { parent: Parent; index: number } | undefined {
  for (let i = 0; i < parent.children.length; i++) {
    const child = parent.children[i] as RootContent;
    const e = extent(child);
    if (!e || offset <= e.start || offset > e.end) continue;
    if (child.type === 'list') {
      // Inside an item when possible; never as a child of the list itself.
      for (const item of child.children) {
        const ie = extent(item);
        const itemParent = item as unknown as Parent;
        if (ie && offset > ie.start && offset <= ie.end) return findSpot(itemParent, offset) ?? { parent: itemParent, index: item.children.length - 1 };
      }
      return { parent, index: i };
    }
    if (CONTAINERS.has(child.type) && 'children' in child) return findSpot(child as Parent, offset) ?? { parent, index: i };
    return { parent, index: i };
  }
  return undefined;
}

/** The editor's text as mdast, with `[[links]]` resolved against the vault's graph. */
function body(text: string, graph: LinkGraph, from: VaultNote | undefined, base: string): RootContent[] {
  const tree = parseNoteBody(text);
  visit(tree, (node) => {
    delete (node as { position?: unknown }).position;
  });
  visit(tree, 'wikiLink', (node: WikiLink, index, parent) => {
    if (!parent || index === undefined) return;
    const r = graph.resolve(node, from);
    const concept = r.kind === 'unresolved' ? graph.conceptsByKey.get(r.key) : undefined;
    const href = r.kind === 'note' ? noteHref(base, r.note.id, r.anchor) : r.kind === 'same-page' ? `#${r.anchor}` : concept ? conceptHref(base, concept.slug) : undefined;
    const label: PhrasingContent = { type: 'text', value: node.value };
    parent.children[index] = href ? { type: 'link', url: href, children: [label], data: { hProperties: { className: ['wikilink', 'editorial-link'] } } } : label;
  });
  return tree.children;
}

function element(hName: string, hProperties: Record<string, unknown>, children: unknown[]) {
  return { type: 'editorialPart', data: { hName, hProperties }, children } as unknown as RootContent;
}

const text = (value: string) => ({ type: 'text', value }) as const;

function editorialNote(entry: EditorialEntry, children: RootContent[], results: Record<string, SnippetResult & { pythonVersion?: string }>): EditorialNote {
  if (entry.kind === 'export') {
    const summary = element('summary', { className: ['editorial__summary'] }, [
      element('span', { className: ['editorial__label'] }, [text('Editor’s note')]),
      text(` In the plain-text export: ${entry.summary ?? 'this passage reads'}`),
    ]);
    return {
      type: 'editorialNote',
      children: [summary, element('div', { className: ['editorial__body'] }, children)],
      data: { hName: 'details', hProperties: { className: ['editorial', 'editorial--export'], dataEditorial: 'export' } },
    } as EditorialNote;
  }
  return {
    type: 'editorialNote',
    children: [
      element('p', { className: ['editorial__label'] }, [text('Editor’s note')]),
      element('div', { className: ['editorial__body'] }, children),
      evidenceBlock(entry.evidence, results),
    ],
    data: { hName: 'div', hProperties: { className: ['editorial'], role: 'note', ariaLabel: 'Editor’s note', dataEditorial: 'correction' } },
  } as EditorialNote;
}

function evidenceBlock(evidence: Evidence[], results: Record<string, SnippetResult & { pythonVersion?: string }>) {
  const sources = evidence.filter((e) => e.kind === 'source');
  const parts: unknown[] = [];
  if (sources.length > 0) {
    const links: unknown[] = [element('span', { className: ['editorial__evidence-label'] }, [text('Evidence: ')])];
    sources.forEach((s, i) => {
      if (i > 0) links.push(text('; '));
      links.push({ type: 'link', url: s.url, children: [text(s.title)] });
    });
    parts.push(element('p', {}, links));
  }
  for (const run of evidence.filter((e) => e.kind === 'run')) {
    const result = results[run.translation];
    const name = run.translation.split('/').pop()!;
    if (!result) {
      parts.push(element('p', {}, [text(`Evidence: the snippet check has no recorded run of ${name} yet (run npm run check:snippets).`)]));
      continue;
    }
    parts.push(element('p', {}, [element('span', { className: ['editorial__evidence-label'] }, [text('Recorded run: ')]), text(`the snippet check ran this block and its translation ${name} (status: ${result.status ?? 'unknown'}).`)]));
    if (result.pythonOutput !== undefined) {
      const who = result.pythonVersion ? `The Python original on ${result.pythonVersion} printed:` : 'The Python original, run by the check’s python3, printed:';
      parts.push(element('p', { className: ['editorial__run-caption'] }, [text(who)]), output(result.pythonOutput));
    }
    if (result.output !== undefined) {
      parts.push(element('p', { className: ['editorial__run-caption'] }, [text('Its TypeScript translation printed:')]), output(result.output));
    }
  }
  return element('div', { className: ['editorial__evidence'] }, parts);
}

function output(value: string): Code {
  return { type: 'code', lang: 'txt', meta: 'frame="none"', value: value.trimEnd() || '(nothing)' };
}
