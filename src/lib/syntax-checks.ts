import { join } from 'node:path';
import type { Element, Root as HastRoot } from 'hast';
import type { Nodes, Root } from 'mdast';
import type { Position } from 'unist';
import rehypeRaw from 'rehype-raw';
import rehypeSanitize from 'rehype-sanitize';
import remarkRehype from 'remark-rehype';
import { unified } from 'unified';
import { visit } from 'unist-util-visit';
import { VFile } from 'vfile';
import { parseNote } from '../syntax/grammar.ts';
import { registerNoteCheck } from './lint.ts';
import { bodyProblem, type Problem } from './problems.ts';
import { resolveImage, type VaultAttachments } from './image-paths.ts';
import { attachmentFinder, didYouMean, nearAttachmentNames } from './link-graph.ts';
import { diagramImages } from './diagrams.ts';
import { sanitizeSchema } from './sanitize-schema.ts';
import { siteConfig } from './site-config.ts';
import type { Vault, VaultNote } from './vault.ts';

/**
 * Whole-vault checks for the Obsidian syntax features: images that do not resolve, raw HTML the
 * sanitizer will remove or that would swallow the rest of the note, links whose URL is removed,
 * and `%%` comments left open. Each note is parsed once here with the note grammar
 * (`src/syntax/grammar.ts`), as the render pipeline parses it; render plugins never report.
 * `![[embeds]]` of attachments are checked by the link graph, which knows every file of the vault.
 */
const toHast = unified().use(remarkRehype, { allowDangerousHtml: true });
const parseRaw = rehypeRaw();
const sanitize = rehypeSanitize(sanitizeSchema);
const allowedTags = new Set(sanitizeSchema.tagNames ?? []);

/**
 * Problems of one note body; `dir` is the absolute notes folder, `assets` the vault's attachments
 * (Markdown images not at their written path are looked up there, as Obsidian does).
 */
export async function checkNoteSyntax(note: VaultNote, dir = siteConfig().notesDir, assets: readonly string[] = [], find = attachmentFinder(assets)): Promise<Problem[]> {
  const vault: VaultAttachments = { dir, find };
  const problems: Problem[] = [];
  const at = (line: number, column: number, ruleId: string, message: string) => problems.push(bodyProblem(note, line, column, 'warning', ruleId, message));
  const file = new VFile({ value: note.body, path: join(dir, note.path) });
  const tree: Root = parseNote(note.body, file);

  // The HTML stage recurses once per nesting level; thousands of `>` or list levels overflow
  // the stack mid-build. No real note nests this deep, so it is an error here, before the build.
  const nesting = nestingOf(tree);
  if (nesting.tooDeep) {
    const p = nesting.tooDeep.position?.start;
    problems.push(bodyProblem(note, p?.line, p?.column, 'error', 'too-deep', `blocks nested ${nesting.depth} levels deep (the limit is ${MAX_DEPTH}): flatten the quotes or lists`));
    return problems;
  }

  for (const c of file.data.comments ?? []) {
    if (!c.closed) at(c.line, c.column, 'comment-unclosed', '%% comment is never closed: it hides the rest of the note (as in Obsidian)');
  }

  // Markdown images `![alt](src)` in document order (`![[embeds]]` are the link graph's).
  visit(tree, (node) => {
    const p = (node as { position?: Position }).position?.start;
    if (node.type === 'link' && isBlockedUrl(node.url)) {
      at(p?.line ?? 1, p?.column ?? 1, 'link-blocked', `link URL removed (only http(s), mailto and relative links are kept): ${clip(node.url)}`);
      return;
    }
    if (node.type !== 'image') return;
    const target = resolveImage(node.url, file.path, undefined, vault);
    // A missing image that src/data/diagrams.json draws from a recorded run is not a problem.
    // The same message as a missing `![[embed]]` (src/lib/link-graph.ts).
    if (target.kind === 'missing' && !diagramImages().has(node.url)) at(p?.line ?? 1, p?.column ?? 1, 'image-missing', `image not found: ${node.url}${didYouMean(nearAttachmentNames(safeDecode(node.url), assets))}`);
    if (target.kind === 'blocked') at(p?.line ?? 1, p?.column ?? 1, 'image-blocked', `image URL not allowed (use a file or an http(s) URL): ${clip(node.url)}`);
  });

  // Only elements written as raw HTML are reported; Markdown syntax has its own checks above.
  const raw: Array<[number, number]> = [];
  visit(tree, 'html', (node) => {
    if (node.position?.start.offset !== undefined && node.position.end.offset !== undefined) raw.push([node.position.start.offset, node.position.end.offset]);
  });
  // Most notes have no raw HTML: skip the HTML conversion (the costliest step here) for them.
  if (raw.length === 0) return problems;
  for (const problem of unclosedRawText(tree)) at(problem.line, problem.column, 'html-unclosed', problem.message);
  const hast = parseRaw((await toHast.run(tree as never, file)) as HastRoot, file) as HastRoot;
  visit(hast, 'element', (node: Element) => {
    const p = node.position?.start;
    const offset = p?.offset;
    if (offset === undefined || !raw.some(([s, e]) => offset >= s && offset < e)) return undefined;
    const report = (what: string) => at(p?.line ?? 1, p?.column ?? 1, 'html-removed', `removed ${what}: raw HTML is limited to a safe allow-list`);
    if (node.tagName === 'img' && typeof node.properties.src === 'string') {
      const target = resolveImage(node.properties.src, file.path);
      if (target.kind === 'missing') at(p?.line ?? 1, p?.column ?? 1, 'image-missing', `image not found: ${node.properties.src}`);
    }
    if (!allowedTags.has(node.tagName)) {
      report(`<${node.tagName}>`);
      return (sanitizeSchema.strip ?? []).includes(node.tagName) ? 'skip' : undefined;
    }
    const shallow: HastRoot = { type: 'root', children: [{ ...node, children: [] }] };
    const kept = ((sanitize(shallow) ?? shallow) as HastRoot).children[0] as Element | undefined;
    for (const [key, value] of Object.entries(node.properties)) {
      if (kept?.properties[key] !== undefined || value === undefined || value === null || value === false) continue;
      report(`${attributeName(key)}=${JSON.stringify(clip(String(value)))} on <${node.tagName}>`);
    }
    return undefined;
  });
  return problems;
}

/** Whether a Markdown link's URL is one the sanitizer removes (`javascript:`, `data:`, `vbscript:`…). */
function isBlockedUrl(url: string): boolean {
  // Browsers ignore control characters and whitespace inside a scheme: `java\tscript:` is `javascript:`.
  const clean = url.replace(/[\u0000-\u0020\u007f]/g, '');
  const scheme = /^([a-z][a-z\d+.-]*):/i.exec(clean)?.[1]?.toLowerCase();
  return scheme !== undefined && !['http', 'https', 'mailto'].includes(scheme);
}

/**
 * Elements whose content the HTML parser reads as raw text up to their end tag (`<textarea>`,
 * `<script>`, `<style>`, `<title>`, `<xmp>`, `<iframe>`, `<noembed>`, `<noframes>`, `<noscript>`)
 * or to the end of the document (`<plaintext>`): opened and never closed, they swallow every
 * following line of the note on the page.
 */
const RAW_TEXT = /<(textarea|script|style|title|xmp|iframe|noembed|noframes|noscript|plaintext)(?=[\s/>])/gi;

function unclosedRawText(tree: Root): Array<{ line: number; column: number; message: string }> {
  const html: Array<{ value: string; line: number; column: number }> = [];
  visit(tree, 'html', (node) => void html.push({ value: node.value, line: node.position?.start.line ?? 1, column: node.position?.start.column ?? 1 }));
  const out: Array<{ line: number; column: number; message: string }> = [];
  html.forEach((node, i) => {
    for (const m of node.value.matchAll(RAW_TEXT)) {
      const tag = m[1]!.toLowerCase();
      const close = new RegExp(`</${tag}\\s*>`, 'i');
      const rest = [node.value.slice(m.index + m[0].length), ...html.slice(i + 1).map((h) => h.value)];
      if (tag !== 'plaintext' && rest.some((v) => close.test(v))) continue;
      const before = node.value.slice(0, m.index).split('\n');
      const line = node.line + before.length - 1;
      const column = before.length > 1 ? before.at(-1)!.length + 1 : node.column + m.index;
      out.push({ line, column, message: `<${tag}> is never closed: the browser would read the rest of the note as its text; close it or remove it` });
    }
  });
  return out;
}

/** Deepest nesting a note may use (quotes in lists in quotes…); real notes stay far below it. */
export const MAX_DEPTH = 100;

/**
 * How deep a tree nests, and the outermost node past `MAX_DEPTH` (where to point the author).
 * Iterative: the tree may be deeper than the stack allows recursion.
 */
function nestingOf(tree: Root): { depth: number; tooDeep?: { position?: Position } } {
  let depth = 0;
  let tooDeep: { position?: Position } | undefined;
  const stack: Array<{ node: Nodes; depth: number }> = [{ node: tree, depth: 0 }];
  while (stack.length > 0) {
    const item = stack.pop()!;
    depth = Math.max(depth, item.depth);
    if (item.depth === MAX_DEPTH + 1) tooDeep ??= item.node as { position?: Position };
    if ('children' in item.node) for (const child of item.node.children) stack.push({ node: child as Nodes, depth: item.depth + 1 });
  }
  return { depth, ...(tooDeep ? { tooDeep } : {}) };
}

const attributeName = (key: string) => key.replace(/[A-Z]/g, (c) => `-${c.toLowerCase()}`).replace(/^on-/, 'on');
const clip = (s: string) => (s.length > 40 ? `${s.slice(0, 39)}…` : s);

// One note at a time (lintVault): starting every parse at once (Promise.all) kept all trees alive
// together (10,000 notes: peak RSS of the lint 796 MB, then 647 MB; time unchanged, ~50 s).
// The attachment finder is made once per vault.
const finders = new WeakMap<Vault, ReturnType<typeof attachmentFinder>>();
registerNoteCheck((note, vault) => {
  const assets = vault.assets ?? [];
  let find = finders.get(vault);
  if (!find) finders.set(vault, (find = attachmentFinder(assets)));
  return checkNoteSyntax(note, undefined, assets, find);
});

function safeDecode(s: string): string {
  try {
    return decodeURI(s);
  } catch {
    return s;
  }
}
