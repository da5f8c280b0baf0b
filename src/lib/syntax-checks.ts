import { join } from 'node:path';
import type { Element, Root as HastRoot } from 'hast';
import type { Nodes, Root } from 'mdast';
import type { Position } from 'unist';
import rehypeRaw from 'rehype-raw';
import rehypeSanitize from 'rehype-sanitize';
import remarkGfm from 'remark-gfm';
import remarkParse from 'remark-parse';
import remarkRehype from 'remark-rehype';
import { unified } from 'unified';
import { visit } from 'unist-util-visit';
import { VFile } from 'vfile';
import { remarkWikiLinkSyntax } from '../syntax/wikilink.ts';
import { removeComments } from '../syntax/comments.ts';
import { remarkMathObsidian } from '../plugins/remark-math-obsidian.ts';
import { IMAGE_EMBED } from './link-paths.ts';
import { registerCheck } from './lint.ts';
import type { Problem } from './problems.ts';
import { resolveImage } from './image-paths.ts';
import { sanitizeSchema } from './sanitize-schema.ts';
import { siteConfig } from './site-config.ts';
import type { VaultNote } from './vault.ts';

/**
 * Whole-vault checks for the Obsidian syntax features: images that do not resolve, raw HTML the
 * sanitizer will remove, and `%%` comments left open. Each note is parsed once here (with the
 * same syntax extensions as the render pipeline: GFM, math, wikilinks); render plugins never report.
 */
const parser = unified().use(remarkParse).use(remarkGfm).use(remarkMathObsidian).use(remarkWikiLinkSyntax);
const toHast = unified().use(remarkRehype, { allowDangerousHtml: true });
const parseRaw = rehypeRaw();
const sanitize = rehypeSanitize(sanitizeSchema);
const allowedTags = new Set(sanitizeSchema.tagNames ?? []);

/** Problems of one note body; `dir` is the absolute notes folder. */
export async function checkNoteSyntax(note: VaultNote, dir = siteConfig().notesDir): Promise<Problem[]> {
  const problems: Problem[] = [];
  const at = (line: number, column: number, ruleId: string, message: string) =>
    problems.push({ file: note.file, line: line + note.bodyLine - 1, column, severity: 'warning', ruleId, message });
  const file = new VFile({ value: note.body, path: join(dir, note.path) });
  const tree = (await parser.run(parser.parse(file), file)) as Root;

  // The HTML stage recurses once per nesting level; thousands of `>` or list levels overflow
  // the stack mid-build. No real note nests this deep, so it is an error here, before the build.
  const nesting = nestingOf(tree);
  if (nesting.tooDeep) {
    const p = nesting.tooDeep.position?.start;
    problems.push({ file: note.file, line: (p?.line ?? 1) + note.bodyLine - 1, column: p?.column ?? 1, severity: 'error', ruleId: 'too-deep', message: `blocks nested ${nesting.depth} levels deep (the limit is ${MAX_DEPTH}): flatten the quotes or lists` });
    return problems;
  }

  for (const c of removeComments(tree, note.body)) {
    if (c.closed) continue;
    const before = note.body.slice(0, c.start).split('\n');
    at(before.length, before[before.length - 1]!.length + 1, 'comment-unclosed', '%% comment is never closed: it hides the rest of the note (as in Obsidian)');
  }

  // Images in document order: Markdown `![alt](src)` and `![[diagram.png]]` embeds, which
  // remark-wikilinks renders as images relative to the note.
  visit(tree, (node) => {
    let url: string;
    if (node.type === 'image') url = node.url;
    else if (node.type === 'wikiLink' && node.embed && IMAGE_EMBED.test(node.target)) url = encodeURI(node.target);
    else return;
    const shown = node.type === 'image' ? node.url : node.target;
    const target = resolveImage(url, file.path);
    const p = node.position?.start;
    if (target.kind === 'missing') at(p?.line ?? 1, p?.column ?? 1, 'image-missing', `image not found: ${shown}`);
    if (target.kind === 'blocked') at(p?.line ?? 1, p?.column ?? 1, 'image-blocked', `image URL not allowed (use a file or an http(s) URL): ${clip(shown)}`);
  });

  // Only elements written as raw HTML are reported; Markdown syntax has its own checks above.
  const raw: Array<[number, number]> = [];
  visit(tree, 'html', (node) => {
    if (node.position?.start.offset !== undefined && node.position.end.offset !== undefined) raw.push([node.position.start.offset, node.position.end.offset]);
  });
  // Most notes have no raw HTML: skip the HTML conversion (the costliest step here) for them.
  if (raw.length === 0) return problems;
  const hast = parseRaw((await toHast.run(tree as never, file)) as HastRoot, file) as HastRoot;
  visit(hast, 'element', (node: Element) => {
    const p = node.position?.start;
    const offset = p?.offset;
    if (offset === undefined || !raw.some(([s, e]) => offset >= s && offset < e)) return undefined;
    const report = (what: string) => at(p?.line ?? 1, p?.column ?? 1, 'html-removed', `removed ${what}: raw HTML is limited to a safe allow-list`);
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

// One note at a time: starting every parse at once (Promise.all) kept all trees alive together
// (10,000 notes: peak RSS of the lint 796 MB, now 647 MB; time unchanged, ~50 s).
registerCheck(async (vault) => {
  const problems: Problem[] = [];
  for (const note of vault.notes) problems.push(...(await checkNoteSyntax(note)));
  return problems;
});
