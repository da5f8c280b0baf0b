import { existsSync, readFileSync } from 'node:fs';
import { relative, resolve } from 'node:path';
import type { Code, Paragraph, Root, RootContent } from 'mdast';
import { visit, SKIP } from 'unist-util-visit';
import type { VFile } from 'vfile';
import { hashPython, PYTHON_LANGS } from '../lib/python-blocks.ts';
import { translationFor, translationsByHash, type SnippetResult, type SiteTranslation } from '../lib/translations.ts';
import { siteConfig, withBase } from '../lib/site-config.ts';
import { noteIdFromPath } from '../lib/slug.ts';

/** Options of {@link remarkCodeTabs}. */
export interface CodeTabsOptions {
  /** Folder of the notes and their translations. Default: `notes`. */
  notesDir?: string;
  /** Results of the last snippet check. Default: `src/data/snippet-results.json` (env `SNIPPET_RESULTS`). */
  resultsFile?: string;
  /** URL prefix without trailing slash; default `base` from site-config (`''`). */
  base?: string;
}

/** Results of the last snippet check, keyed by translation path (`notes/<stem>/<name>.ts`). */
export function loadSnippetResults(resultsFile = siteConfig().snippetResults): Record<string, SnippetResult> {
  const file = resolve(resultsFile);
  return existsSync(file) ? JSON.parse(readFileSync(file, 'utf8')) : {};
}

/**
 * Where a translation's code is shown in full: the static page of its note's translations
 * (src/pages/translations/[...note].astro), at the translation's own anchor.
 */
export function translationPage(ts: Pick<SiteTranslation, 'folder' | 'name'>, base = siteConfig().base): { path: string; anchor: string } {
  return { path: withBase(base, `/translations/${noteIdFromPath(`${ts.folder}.md`)}/`), anchor: translationAnchor(ts.name) };
}

/** The anchor of one translation on its translations page: `hello-world.ts` -> `ts-hello-world`. */
export function translationAnchor(name: string): string {
  return `ts-${name.replace(/\.ts$/, '').toLowerCase().replace(/[^a-z0-9]+/g, '-')}`;
}

/**
 * Shows every Python block beside its TypeScript translation, as two tabs of a `<code-tabs>`
 * element (src/client/code-tabs.ts). The blocks stay mdast `code` nodes so Expressive Code still
 * highlights them and gives each a copy button. The TypeScript tab carries the output captured by
 * the last snippet check and badges; the Python tab carries the output the author recorded, when
 * the note follows the block with an unlabelled one (seed 004's style).
 */
export function remarkCodeTabs(options: CodeTabsOptions = {}) {
  const notesDir = resolve(options.notesDir ?? siteConfig().notesDir);
  const results = loadSnippetResults(options.resultsFile);
  const base = options.base ?? siteConfig().base;

  return (tree: Root, file: VFile) => {
    const index = translationsByHash(notesDir);
    const noteFolder = file.path ? relative(notesDir, file.path).replace(/\.md$/i, '') : '';
    visit(tree, 'code', (node: Code, position, parent) => {
      if (!parent || position === undefined || !node.lang || !PYTHON_LANGS.has(node.lang.toLowerCase())) return;
      const next = parent.children[position + 1];
      const recorded = next?.type === 'code' && !next.lang ? next : undefined;
      const translation = translationFor(index, hashPython(node.value), noteFolder);
      const tabs = codeTabs(node, recorded, translation, translation ? results[translation.path] : undefined, base);
      parent.children.splice(position, recorded ? 2 : 1, tabs as unknown as RootContent);
      return [SKIP, position + 1];
    });
  };
}

function codeTabs(python: Code, recorded: Code | undefined, ts: SiteTranslation | undefined, result: SnippetResult | undefined, base: string) {
  const pythonPanel: unknown[] = [label('Python'), python];
  if (recorded) pythonPanel.push(caption('Output the author recorded'), outputBlock(recorded.value));
  if (result?.pythonOutput) pythonPanel.push(caption(`Output of this Python in the last check${scaleNote(result)}`), outputBlock(result.pythonOutput));
  if (!ts) {
    return element('div', { className: ['code-tabs', 'code-tabs--single'] }, [
      element('div', { className: ['code-tabs__panel'], dataLang: 'python' }, pythonPanel),
      element('p', { className: ['code-tabs__missing'] }, [text('No TypeScript translation yet.')]),
    ]);
  }
  const mode = ts.header.mode ?? 'run';
  // The translation's code is not in the note's HTML (it doubled every page's weight): a link to
  // the static page of the note's translations, which <code-tabs> fetches on the first switch to
  // TypeScript and shows in place. Without JavaScript the link is the way to read it.
  const page = translationPage(ts, base);
  const tsPanel: unknown[] = [
    label('TypeScript', badges(mode, result)),
    element('p', { className: ['code-tabs__remote'], dataPagefindIgnore: 'all' }, [
      element('a', { href: `${page.path}#${page.anchor}`, dataTsSrc: page.path, dataTsId: page.anchor }, [text(`Read the TypeScript translation (${ts.name})`)]),
    ]),
  ];
  return element(
    'code-tabs',
    { className: ['code-tabs'], dataTranslation: ts.path },
    [
      element('div', { className: ['code-tabs__panel'], dataLang: 'python' }, pythonPanel),
      // The translation is not what a reader of the Python searches: out of the index and excerpts.
      element('div', { className: ['code-tabs__panel'], dataLang: 'typescript', dataPagefindIgnore: 'all' }, tsPanel),
    ],
  );
}

/** Badges for the TypeScript tab: what the last check proved about this translation. */
export function badgeList(mode: 'run' | 'fragment', result: SnippetResult | undefined): { text: string; kind: string; title: string }[] {
  const list: { text: string; kind: string; title: string }[] = [];
  if (mode === 'fragment') list.push({ text: 'fragment', kind: 'fragment', title: 'An incomplete snippet: type-checked, not run' });
  else if (result?.status === 'checked') list.push({ text: 'checked', kind: 'checked', title: 'Ran under Node in the sandbox and printed the expected output' });
  else if (result?.status === 'failed') list.push({ text: 'failing', kind: 'failed', title: 'The last check of this translation failed' });
  else list.push({ text: 'not checked yet', kind: 'unchecked', title: 'Run npm run check:snippets' });
  // Parity is a claim about a run that passed; a failed run's comparison proves nothing.
  if (result?.status !== 'checked') return list;
  if (result.parity === 'passed') list.push({ text: 'parity', kind: 'parity', title: 'Prints what the Python original prints' });
  else if (result.parity === 'skipped' && result.parityReason) list.push({ text: 'no parity', kind: 'skipped', title: `Python original not compared: ${result.parityReason}` });
  return list;
}

/** What the translations page shows of one translation: its code, badges, and output only of a run that passed. */
export function translationView(ts: SiteTranslation, result: SnippetResult | undefined) {
  const mode = ts.header.mode ?? 'run';
  const output = mode === 'run' && result?.status === 'checked' && result.output ? result.output.trimEnd() : undefined;
  return {
    ts, anchor: translationAnchor(ts.name), code: ts.display, badges: badgeList(mode, result),
    output, outputLines: output?.split('\n').length ?? 0, scale: result ? scaleNote(result) : '',
  };
}

function badges(mode: 'run' | 'fragment', result: SnippetResult | undefined) {
  return badgeList(mode, result).map((b) => element('span', { className: ['code-tabs__badge', `code-tabs__badge--${b.kind}`], title: b.title }, [text(b.text)]));
}

/** Says when the check ran with shortened delays, so printed times are not the real ones. */
export function scaleNote(result: SnippetResult): string {
  const scale = result.timeScale;
  return scale && scale !== 1 ? ` (delays shortened ×${scale}, so printed times are ${scale < 1 ? 'shorter' : 'longer'})` : '';
}

function label(name: string, extra: unknown[] = []) {
  return element('p', { className: ['code-tabs__label'], dataPagefindIgnore: 'all' }, [element('span', { className: ['code-tabs__lang'] }, [text(name)]), ...extra]);
}

function caption(value: string) {
  return element('p', { className: ['code-tabs__caption'], dataPagefindIgnore: 'all' }, [text(value)]);
}

/** Outputs longer than this fold into a `<details>` (the download demos print 160-240 lines). */
export const FOLD_LINES = 12;

function outputBlock(value: string) {
  const output = value.trimEnd();
  const code = { type: 'code', lang: 'txt', meta: 'frame="none"', value: output } satisfies Code;
  const lines = output.split('\n').length;
  const body = lines > FOLD_LINES ? [element('details', { className: ['code-tabs__fold'] }, [element('summary', {}, [text(`Show all ${lines} lines`)]), code])] : [code];
  return element('div', { className: ['code-tabs__output'], dataPagefindIgnore: 'all' }, body);
}

function element(hName: string, hProperties: Record<string, unknown>, children: unknown[]) {
  return { type: 'codeTabsPart', data: { hName, hProperties }, children } as unknown as Paragraph;
}

function text(value: string) {
  return { type: 'text', value } as const;
}

