/**
 * The link graph of the whole vault, computed once: link resolution (file name, title, aliases,
 * headings), concepts (targets not written yet), backlinks with context, unlinked mentions, tags
 * and link problems. One parse per note, Maps keyed by `linkKey`, mentions found with a trie of
 * titles in one pass per note: O(total text). Render plugins, pages and lint all read this graph
 * (the site's instance is `siteLinkGraph()` in site-link-graph.ts).
 */
import { posix } from 'node:path';
import { closest, closestFinder } from './closest.ts';
import { attachmentKind, type AttachmentKind } from '../syntax/attachments.ts';
import type { WikiLink } from '../syntax/wikilink.ts';
import { headingKey, parseAll, sentenceAround, type Block, type Context, type ParsedLink } from './link-parse.ts';
import { bodyProblem, problem, type Problem } from './problems.ts';
import { linkKey, prettifyTarget, slugify } from './slug.ts';
import type { Vault, VaultNote } from './vault.ts';

export type { Context } from './link-parse.ts';

export type UnresolvedPolicy = 'concept' | 'text' | 'error';

export interface LinkGraphOptions {
  /** What links to missing notes become; default `concept` (the site passes `UNRESOLVED_LINKS` from site-config). */
  unresolved?: UnresolvedPolicy;
  /** JSON file caching each note's parse between runs and processes; default none. */
  cacheFile?: string;
}

/** Where a link points, as Obsidian would resolve it. */
export type Resolution =
  | { kind: 'note'; note: VaultNote; anchor?: string; missingHeading?: boolean }
  | { kind: 'same-page'; anchor: string; missingHeading?: boolean }
  | { kind: 'ambiguous'; notes: VaultNote[] }
  /** `![[x.png]]`, `[[talk.pdf]]`: `path` is vault-relative when found, else the target as written. */
  | { kind: 'attachment'; media: AttachmentKind; path: string; missing?: boolean }
  | { kind: 'unresolved'; key: string; title: string };

/** A page written nowhere yet but linked from notes: `[[computer_science]]` -> "Computer science". */
export interface Concept {
  key: string;
  slug: string;
  title: string;
  /** The target as first written, used as the file name offered for the new note. */
  target: string;
}

/** One note linking to (or mentioning) a page, with up to three contexts. */
export interface Backlink {
  source: VaultNote;
  contexts: Context[];
}

/** Facts about one note, from its one parse. */
export interface NoteFacts {
  note: VaultNote;
  /** github-slugger slug of a heading's text (no counter) -> the anchor the page really has. */
  anchors: Map<string, string>;
  /** Block ids (`^id`) of the note, without the caret. */
  blockIds: Set<string>;
  /** Heading texts as shown, in document order (for "did you mean" hints). */
  headings: string[];
  /** Frontmatter and inline tags, case-folded, unique. */
  tags: string[];
}

export interface LinkGraph {
  notes: Map<string, NoteFacts>;
  /** Concepts by slug (only with the `concept` policy). */
  concepts: Map<string, Concept>;
  conceptsByKey: Map<string, Concept>;
  /** `note:<id>` or `concept:<slug>` -> linking notes, in note order. */
  linkedFrom: Map<string, Backlink[]>;
  /** `note:<id>` or `concept:<slug>` -> notes naming the title or an alias without linking it. */
  mentionedIn: Map<string, Backlink[]>;
  /** `note:<id>` -> the notes it names without linking them (the reverse of `mentionedIn`; `source` is the named note). */
  mentions: Map<string, Backlink[]>;
  /** Tag -> notes carrying it (or one of its nested tags), in note order. */
  tags: Map<string, VaultNote[]>;
  /** Unresolved targets by key, with the number of notes linking to each. */
  unresolved: Map<string, { title: string; notes: number }>;
  problems: Problem[];
  unresolvedPolicy: UnresolvedPolicy;
  /** Attachments (images, audio, video, PDF) of the vault, relative to the notes folder. */
  assets: string[];
  /** Ids of notes transcluded by `![[embeds]]` somewhere: their text shows up in other pages. */
  embedded: Set<string>;
  /** Each note's `[[links]]` and `![[embeds]]` as written, in document order (what its page resolves). */
  links: Map<string, ParsedLink[]>;
  /** How the graph was built: notes, parses done now and reused from the cache, milliseconds. */
  stats: { notes: number; parsed: number; cached: number; ms: number };
  /** Resolves a link written in `from` (undefined for text outside the vault). */
  resolve(link: Pick<WikiLink, 'target' | 'heading' | 'embed'>, from?: VaultNote): Resolution;
}

/** Backlink map key of a page. */
export const noteKey = (id: string): string => `note:${id}`;
export const conceptKey = (slug: string): string => `concept:${slug}`;

interface TrieNode {
  next: Map<string, TrieNode>;
  targets?: string[];
}

const WORD = /[\p{L}\p{N}]+/gu;
/** Bare URLs stay text in the graph's parse (no autolink literals): their words are not mentions. */
const BARE_URL = /\b(?:https?:\/\/|www\.)\S+/giu;
const words = (text: string) => Array.from(text.matchAll(WORD), (m) => ({ word: m[0].toLowerCase(), start: m.index, end: m.index + m[0].length }));

function addPhrase(trie: TrieNode, phrase: string, target: string): void {
  let node = trie;
  const list = words(phrase);
  if (list.length === 0) return;
  for (const { word } of list) {
    let next = node.next.get(word);
    if (!next) node.next.set(word, (next = { next: new Map() }));
    node = next;
  }
  if (!(node.targets ??= []).includes(target)) node.targets.push(target);
}

/** Builds the graph of a scanned vault: one parse per note, then one mention pass per note. */
export function buildLinkGraph(vault: Vault, options: LinkGraphOptions = {}): LinkGraph {
  const started = performance.now();
  const policy = options.unresolved ?? 'concept';
  const problems: Problem[] = [];
  const notes = new Map<string, NoteFacts>();
  const names = new Map<string, VaultNote[]>();
  const paths = new Map<string, VaultNote>();
  const titles = new Map<string, VaultNote[]>();
  const add = (map: Map<string, VaultNote[]>, key: string, note: VaultNote) => {
    if (!key) return;
    const list = map.get(key);
    if (!list) map.set(key, [note]);
    else if (!list.includes(note)) list.push(note);
  };
  for (const note of vault.notes) {
    // Obsidian matches a link against the end of a note's path: `Target`, `er/Target`, `deep/er/Target`.
    const segments = note.path.replace(/\.md$/i, '').split('/');
    for (let i = segments.length - 1; i >= 0; i--) add(names, linkKey(segments.slice(i).join('/')), note);
    paths.set(linkKey(note.path), note);
  }
  for (const note of vault.notes) {
    add(titles, linkKey(note.data.title), note);
    for (const alias of note.data.aliases) add(titles, linkKey(alias), note);
  }
  const findAsset = attachmentFinder(vault.assets ?? []);
  const vaultPath = (target: string, from: VaultNote | undefined) => vaultPathOf(target, from?.path);

  const findNotes = (target: string, from: VaultNote | undefined): VaultNote[] => {
    const path = vaultPath(target, from);
    if (path === undefined) return [];
    const key = linkKey(path);
    const exact = paths.get(key) ?? paths.get(`${key}.md`);
    if (exact && path.includes('/')) return [exact];
    // Obsidian resolves file names (and path endings) first; titles and aliases only when no file has that name.
    return nearest(names.get(key) ?? titles.get(key) ?? [], from);
  };

  const findAttachment = (target: string, from: VaultNote | undefined): string | undefined => findAsset(target, from?.path);

  const anchorOf = (facts: NoteFacts | undefined, heading: string | undefined): { anchor?: string; missingHeading?: boolean } => {
    if (!heading) return {};
    if (heading.startsWith('^')) {
      // A block reference `#^id`: the anchor is the block's id (rehype-block-ids renders `id="^id"`).
      const id = heading.slice(1).trim();
      return facts?.blockIds.has(id) ? { anchor: `^${id}` } : { anchor: `^${id}`, missingHeading: true };
    }
    const key = headingKey(heading);
    const anchor = facts?.anchors.get(key);
    return anchor ? { anchor } : { anchor: key, missingHeading: true };
  };

  const resolve: LinkGraph['resolve'] = (link, from) => {
    if (!link.target) {
      const { anchor = '', missingHeading } = anchorOf(from && notes.get(from.id), link.heading);
      return { kind: 'same-page', anchor, missingHeading };
    }
    const kind = attachmentKind(link.target);
    if (kind) {
      const path = findAttachment(link.target, from);
      return path ? { kind: 'attachment', media: kind, path } : { kind: 'attachment', media: kind, missing: true, path: link.target };
    }
    const found = findNotes(link.target, from);
    if (found.length > 1) return { kind: 'ambiguous', notes: found };
    const note = found[0];
    if (note) return { kind: 'note', note, ...anchorOf(notes.get(note.id), link.heading) };
    return { kind: 'unresolved', key: linkKey(link.target), title: prettifyTarget(link.target) };
  };

  // Two notes answering to one title or alias: links by that name cannot choose (Obsidian picks by file name).
  for (const list of titles.values()) {
    if (list.length < 2) continue;
    const [first, ...rest] = list;
    for (const other of rest) {
      const shared = [other.data.title, ...other.data.aliases].find((t) => linkKey(t) === linkKey(first!.data.title) || first!.data.aliases.some((a) => linkKey(a) === linkKey(t)));
      problems.push(problem({ file: other.file, line: 1, column: 1, severity: 'warning', ruleId: 'duplicate-title', message: `title or alias "${shared ?? other.data.title}" is also used by ${first!.file}: [[${shared ?? other.data.title}]] links by file name first, else it is ambiguous`, source: 'link-graph' }));
    }
  }

  /** Up to three names near `target` (edit distance), for "did you mean" hints. */
  const nearTitleKeys = closestFinder([...new Set(vault.notes.flatMap((n) => [n.data.title, n.stem, ...n.data.aliases]))]);
  const nearTitles = (target: string): string[] => nearTitleKeys(target.split('/').pop()!);
  let nearAssetNames: ((target: string) => string[]) | undefined;
  const nearAssets = (target: string): string[] => (nearAssetNames ??= attachmentNameFinder(vault.assets ?? []))(target);
  const nearHeadings = (facts: NoteFacts | undefined, heading: string | undefined): string[] => {
    if (!facts || !heading) return [];
    if (heading.startsWith('^')) return closest(heading, [...facts.blockIds].map((id) => `^${id}`));
    return closest(heading, facts.headings);
  };

  // Pass 1: parse each note once; headings and tags now, links and blocks kept for pass 2.
  const parsed: Array<{ facts: NoteFacts; blocks: Block[]; links: ParsedLink[] }> = [];
  const { parses, parsed: parsedNow } = parseAll(vault.notes, options.cacheFile);
  vault.notes.forEach((note, i) => {
    const { anchors, headings, blockIds, tags, blocks, links } = parses[i]!;
    const facts: NoteFacts = { note, anchors: new Map(anchors), headings, blockIds: new Set(blockIds), tags: [...new Set([...note.data.tags, ...tags])] };
    notes.set(note.id, facts);
    parsed.push({ facts, blocks, links });
  });

  const tagIndex = new Map<string, VaultNote[]>();
  // Nested tags count for their parents too (`#python/asyncio` is under `#python`), as in Obsidian.
  // Each note is pushed at most once per tag (a Set per note), so there is no `includes` scan.
  for (const { facts } of parsed) {
    const all = new Set<string>();
    for (const tag of facts.tags) {
      const parts = tag.split('/');
      for (let i = 1; i <= parts.length; i++) all.add(parts.slice(0, i).join('/'));
    }
    for (const tag of all) {
      const list = tagIndex.get(tag);
      if (list) list.push(facts.note);
      else tagIndex.set(tag, [facts.note]);
    }
  }

  const concepts = new Map<string, Concept>();
  const conceptsByKey = new Map<string, Concept>();
  const unresolved = new Map<string, { title: string; notes: number; seen: Set<string> }>();
  const linkedFrom = new Map<string, Backlink[]>();
  const linkedPairs = new Set<string>();
  const embeds = new Map<string, Array<{ to: string; link: ParsedLink }>>();
  const pushContext = (map: Map<string, Backlink[]>, target: string, source: VaultNote, context: Context) => {
    let list = map.get(target);
    if (!list) map.set(target, (list = []));
    const last = list[list.length - 1];
    if (last?.source === source) {
      // Several links in one sentence: quote the sentence once.
      const same = (c: Context) => c.before + c.match + c.after === context.before + context.match + context.after;
      if (last.contexts.length < 3 && !last.contexts.some(same)) last.contexts.push(context);
    } else list.push({ source, contexts: [context] });
  };

  // Pass 2a: resolve every link once; report problems at file positions.
  for (const { facts, links, blocks } of parsed) {
    const { note } = facts;
    for (const node of links) {
      const report = (severity: Problem['severity'], ruleId: string, message: string) => problems.push(bodyProblem(note, node.line, node.column, severity, ruleId, message));
      const written = `${node.embed ? '!' : ''}[[${node.raw}]]`;
      const r = resolve(node, note);
      const context = (): Context => {
        const c = sentenceAround(blocks[node.block]!.text, node.start, node.end);
        // An embed on its own line has no sentence around it: say what it is.
        return node.embed && !c.before && !c.after ? { ...c, before: 'Embeds ' } : c;
      };
      switch (r.kind) {
        case 'same-page':
          if (r.missingHeading) report('warning', missingRule(node.heading), `${written}: this note has no ${missingWhat(node.heading)}${suggest(nearHeadings(facts, node.heading))}`);
          // A section or block of this note may be embedded; only the whole note would contain itself.
          if (node.embed && !node.heading) report('warning', 'embed-self', `${written} embeds this note into itself; it is shown as a link`);
          break;
        case 'note':
          if (r.missingHeading) report('warning', missingRule(node.heading), `${written}: ${r.note.file} has no ${missingWhat(node.heading)}${suggest(nearHeadings(notes.get(r.note.id), node.heading))}`);
          if (node.embed && r.note === note && !node.heading) report('warning', 'embed-self', `${written} embeds this note into itself; it is shown as a link`);
          if (r.note !== note) {
            pushContext(linkedFrom, noteKey(r.note.id), note, context());
            linkedPairs.add(`${note.id}\n${noteKey(r.note.id)}`);
            if (node.embed) {
              let list = embeds.get(note.id);
              if (!list) embeds.set(note.id, (list = []));
              list.push({ to: r.note.id, link: node });
            }
          }
          break;
        case 'ambiguous':
          // Proximity decided nothing (same distance from this note): a warning, linked to the first.
          report('warning', 'ambiguous-link', `${written} matches ${r.notes.length} notes at the same distance: ${r.notes.map((n) => n.file).join(' and ')}; link by path to choose one`);
          break;
        case 'attachment':
          if (r.missing) {
            const rule = r.media === 'image' ? 'image-missing' : 'attachment-missing';
            report('warning', rule, `${r.media === 'image' ? 'image' : r.media === 'pdf' ? 'PDF' : r.media} not found: ${node.target}${suggest(nearAssets(node.target))}`);
          }
          break;
        case 'unresolved': {
          let entry = unresolved.get(r.key);
          if (!entry) unresolved.set(r.key, (entry = { title: r.title, notes: 0, seen: new Set() }));
          if (!entry.seen.has(note.id)) {
            entry.seen.add(note.id);
            entry.notes++;
          }
          const near = suggest(nearTitles(node.target));
          if (policy === 'error') report('error', 'unresolved-link', `${written} does not match any note (file name, title or alias)${near}`);
          else if (near) report('warning', 'link-typo', `${written} does not match any note${near}`);
          if (policy !== 'concept') break;
          let concept = conceptsByKey.get(r.key);
          if (!concept) {
            let slug = slugify(r.title) || 'concept';
            for (let n = 1; concepts.has(slug); n++) slug = `${slugify(r.title) || 'concept'}-${n}`;
            concept = { key: r.key, slug, title: r.title, target: node.target };
            concepts.set(slug, concept);
            conceptsByKey.set(r.key, concept);
          }
          pushContext(linkedFrom, conceptKey(concept.slug), note, context());
          linkedPairs.add(`${note.id}\n${conceptKey(concept.slug)}`);
          break;
        }
      }
    }
  }
  problems.push(...embedCycles(embeds, notes));

  // Pass 2b: unlinked mentions of titles, aliases and concepts, one trie walk per block.
  const trie: TrieNode = { next: new Map() };
  for (const { note } of notes.values()) {
    addPhrase(trie, note.data.title, noteKey(note.id));
    for (const alias of note.data.aliases) addPhrase(trie, alias, noteKey(note.id));
  }
  for (const concept of concepts.values()) addPhrase(trie, concept.title, conceptKey(concept.slug));
  const mentionedIn = new Map<string, Backlink[]>();
  const mentions = new Map<string, Backlink[]>();
  const noteByKey = new Map([...notes.values()].map(({ note }) => [noteKey(note.id), note]));
  for (const { facts, blocks } of parsed) {
    const { note } = facts;
    const self = noteKey(note.id);
    const seen = new Set<string>();
    for (const block of blocks) {
      for (const [from, to] of block.prose) {
        const list = words(block.text.slice(from, to).replace(BARE_URL, (url) => ' '.repeat(url.length)));
        for (let i = 0; i < list.length; i++) {
          let node: TrieNode | undefined = trie;
          let best: { targets: string[]; end: number } | undefined;
          for (let j = i; j < list.length && (node = node.next.get(list[j]!.word)); j++) {
            if (node.targets) best = { targets: node.targets, end: j };
          }
          if (!best) continue;
          for (const target of best.targets) {
            if (target === self || seen.has(target) || linkedPairs.has(`${note.id}\n${target}`)) continue;
            seen.add(target);
            const context = sentenceAround(block.text, from + list[i]!.start, from + list[best.end]!.end);
            pushContext(mentionedIn, target, note, context);
            const named = noteByKey.get(target);
            if (named) pushContext(mentions, self, named, context);
          }
          i = best.end;
        }
      }
    }
  }

  return {
    notes,
    concepts,
    conceptsByKey,
    linkedFrom,
    mentionedIn,
    mentions,
    tags: tagIndex,
    unresolved: new Map([...unresolved].map(([k, { title, notes: n }]) => [k, { title, notes: n }])),
    problems,
    unresolvedPolicy: policy,
    assets: vault.assets ?? [],
    embedded: new Set([...embeds.values()].flatMap((list) => list.map((e) => e.to))),
    links: new Map(parsed.map(({ facts, links }) => [facts.note.id, links])),
    stats: { notes: vault.notes.length, parsed: parsedNow, cached: vault.notes.length - parsedNow, ms: Math.round(performance.now() - started) },
    resolve,
  };
}

/** Embed cycles (`a` embeds `b` embeds `a`): a warning at the embed that closes each cycle. */
function embedCycles(embeds: Map<string, Array<{ to: string; link: ParsedLink }>>, notes: Map<string, NoteFacts>): Problem[] {
  const problems: Problem[] = [];
  const state = new Map<string, 'open' | 'done'>();
  const visit = (id: string) => {
    state.set(id, 'open');
    for (const { to, link } of embeds.get(id) ?? []) {
      const s = state.get(to);
      if (s === 'open') {
        const note = notes.get(id)!.note;
        problems.push(bodyProblem(note, link.line, link.column, 'warning', 'embed-cycle', `![[${link.raw}]] closes an embed cycle (${notes.get(to)!.note.file} already embeds this note); the inner embed is shown as a link`));
      } else if (s === undefined) visit(to);
    }
    state.set(id, 'done');
  };
  for (const id of embeds.keys()) if (!state.has(id)) visit(id);
  return problems;
}

/** Folder of a vault path (`a/b/c.md` → `a/b`, `c.md` → ``). */
function folderOf(path: string): string {
  const i = path.lastIndexOf('/');
  return i === -1 ? '' : path.slice(0, i);
}

/** Steps from folder `a` to folder `b` in the vault tree (up to their common folder, then down). */
function folderDistance(a: string, b: string): number {
  const x = a ? a.split('/') : [];
  const y = b ? b.split('/') : [];
  let common = 0;
  while (common < x.length && common < y.length && x[common] === y[common]) common++;
  return x.length - common + (y.length - common);
}

/**
 * Obsidian's choice among notes sharing a name: the one in the linking note's folder, else the one
 * with the shortest path (fewest folders, then fewest characters). Only candidates tied on both
 * remain, so more than one means nothing decides (an ambiguous link).
 */
function nearest(candidates: VaultNote[], from: VaultNote | undefined): VaultNote[] {
  if (candidates.length <= 1) return candidates;
  const here = from ? folderOf(from.path) : undefined;
  const local = candidates.filter((note) => folderOf(note.path) === here);
  if (local.length === 1) return local;
  const pool = local.length > 1 ? local : candidates;
  const depth = (note: VaultNote) => note.path.split('/').length;
  const minDepth = Math.min(...pool.map(depth));
  const shallow = pool.filter((note) => depth(note) === minDepth);
  const minLength = Math.min(...shallow.map((note) => note.path.length));
  return shallow.filter((note) => note.path.length === minLength);
}

/** The attachment nearest the linking note's folder; the shortest path (then the first by name) on a tie. */
function nearestPath(candidates: string[], fromPath: string | undefined): string | undefined {
  if (candidates.length <= 1) return candidates[0];
  const here = folderOf(fromPath ?? '');
  return [...candidates].sort((a, b) => folderDistance(here, folderOf(a)) - folderDistance(here, folderOf(b)) || a.length - b.length || a.localeCompare(b))[0];
}

/** A link target as a vault path: `./x` and `../x` against the linking note's folder, `/x` from the root. */
function vaultPathOf(target: string, fromPath: string | undefined): string | undefined {
  const t = target.trim().replace(/\\/g, '/');
  if (/^\.\.?\//.test(t)) {
    const joined = posix.normalize(posix.join(folderOf(fromPath ?? ''), t));
    return joined.startsWith('..') ? undefined : joined;
  }
  return t.replace(/^\/+/, '');
}

/**
 * Obsidian's attachment lookup over a vault's attachment paths (relative to the notes folder):
 * `find(target, fromPath)` tries the target relative to the linking note, then as a vault path,
 * then as a path ending (a file name) anywhere in the vault, nearest to the note first. Used by
 * `![[embeds]]` (the link graph) and Markdown images `![alt](x.png)` (lint and render).
 */
export function attachmentFinder(paths: readonly string[]): (target: string, fromPath?: string) => string | undefined {
  const byEnding = new Map<string, string[]>();
  const exact = new Map<string, string>();
  for (const path of paths) {
    const segments = path.split('/');
    for (let i = segments.length - 1; i >= 0; i--) {
      const key = segments.slice(i).join('/').toLowerCase();
      const list = byEnding.get(key);
      if (list) list.push(path);
      else byEnding.set(key, [path]);
    }
    exact.set(path.toLowerCase(), path);
  }
  return (target, fromPath) => {
    const path = vaultPathOf(target, fromPath);
    if (path === undefined) return undefined;
    const lower = path.toLowerCase();
    const here = posix.join(folderOf(fromPath ?? ''), path).toLowerCase();
    return exact.get(here) ?? exact.get(lower) ?? nearestPath(byEnding.get(lower) ?? [], fromPath);
  };
}

/** Attachment file names close to the file name of `target`, for "did you mean" hints. */
export function nearAttachmentNames(target: string, paths: readonly string[]): string[] {
  return attachmentNameFinder(paths)(target);
}

/** `nearAttachmentNames` over one vault's attachments, for many targets (see `closestFinder`). */
export function attachmentNameFinder(paths: readonly string[]): (target: string) => string[] {
  const near = closestFinder([...new Set(paths.map((p) => p.split('/').pop()!))]);
  return (target) => near(target.split('/').pop()!);
}

const missingRule = (heading: string | undefined) => (heading?.startsWith('^') ? 'missing-block' : 'missing-heading');
const missingWhat = (heading: string | undefined) => (heading?.startsWith('^') ? `block "${heading}"` : `heading "${heading}"`);
/** `; did you mean "a" or "b"?` for a problem message, or nothing. */
export const didYouMean = (names: string[]): string => (names.length ? `; did you mean ${names.map((n) => `"${n}"`).join(' or ')}?` : '');
const suggest = didYouMean;

