/**
 * The link graph of the whole vault, computed once: link resolution (file name, title, aliases,
 * headings), concepts (targets not written yet), backlinks with context, unlinked mentions, tags
 * and link problems. One parse per note, Maps keyed by `linkKey`, mentions found with a trie of
 * titles in one pass per note: O(total text). Render plugins, pages and lint all read this graph
 * (the site's instance is `siteLinkGraph()` in site-link-graph.ts).
 */
import type { WikiLink } from '../syntax/wikilink.ts';
import { IMAGE_EMBED } from './link-paths.ts';
import { headingKey, parseAll, sentenceAround, type Block, type Context, type ParsedLink } from './link-parse.ts';
import type { Problem } from './problems.ts';
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
  | { kind: 'image'; src: string }
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
  /** Tag -> notes carrying it (or one of its nested tags), in note order. */
  tags: Map<string, VaultNote[]>;
  /** Unresolved targets by key, with the number of notes linking to each. */
  unresolved: Map<string, { title: string; notes: number }>;
  problems: Problem[];
  unresolvedPolicy: UnresolvedPolicy;
  /** Ids of notes transcluded by `![[embeds]]` somewhere: their text shows up in other pages. */
  embedded: Set<string>;
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
  const titles = new Map<string, VaultNote[]>();
  const add = (map: Map<string, VaultNote[]>, key: string, note: VaultNote) => {
    if (!key) return;
    const list = map.get(key);
    if (!list) map.set(key, [note]);
    else if (!list.includes(note)) list.push(note);
  };
  for (const note of vault.notes) {
    add(names, linkKey(note.stem), note);
    if (note.path.includes('/')) add(names, linkKey(note.path), note);
    add(titles, linkKey(note.data.title), note);
    for (const alias of note.data.aliases) add(titles, linkKey(alias), note);
  }

  const findNotes = (target: string): VaultNote[] => {
    const key = linkKey(target);
    // Obsidian resolves file names first; titles and aliases only when no file has that name.
    return names.get(key) ?? titles.get(key) ?? [];
  };

  const anchorOf = (facts: NoteFacts | undefined, heading: string | undefined) => {
    if (!heading || heading.startsWith('^')) return {};
    const key = headingKey(heading);
    const anchor = facts?.anchors.get(key);
    return anchor ? { anchor } : { anchor: key, missingHeading: true };
  };

  const resolve: LinkGraph['resolve'] = (link, from) => {
    if (!link.target) {
      const { anchor = '', missingHeading } = anchorOf(from && notes.get(from.id), link.heading);
      return { kind: 'same-page', anchor, missingHeading };
    }
    if (link.embed && IMAGE_EMBED.test(link.target)) return { kind: 'image', src: link.target };
    const found = findNotes(link.target);
    if (found.length > 1) return { kind: 'ambiguous', notes: found };
    const note = found[0];
    if (note) return { kind: 'note', note, ...anchorOf(notes.get(note.id), link.heading) };
    return { kind: 'unresolved', key: linkKey(link.target), title: prettifyTarget(link.target) };
  };

  // Pass 1: parse each note once; headings and tags now, links and blocks kept for pass 2.
  const parsed: Array<{ facts: NoteFacts; blocks: Block[]; links: ParsedLink[] }> = [];
  const { parses, parsed: parsedNow } = parseAll(vault.notes, options.cacheFile);
  vault.notes.forEach((note, i) => {
    const { anchors, tags, blocks, links } = parses[i]!;
    const facts: NoteFacts = { note, anchors: new Map(anchors), tags: [...new Set([...note.data.tags, ...tags])] };
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
      const line = node.line + note.bodyLine - 1;
      const column = node.column;
      const report = (severity: Problem['severity'], ruleId: string, message: string) =>
        problems.push({ file: note.file, line, column, severity, ruleId, message });
      const written = `${node.embed ? '!' : ''}[[${node.raw}]]`;
      const r = resolve(node, note);
      const context = (): Context => {
        const c = sentenceAround(blocks[node.block]!.text, node.start, node.end);
        // An embed on its own line has no sentence around it: say what it is.
        return node.embed && !c.before && !c.after ? { ...c, before: 'Embeds ' } : c;
      };
      switch (r.kind) {
        case 'same-page':
          if (r.missingHeading) report('warning', 'missing-heading', `${written}: this note has no heading "${node.heading}"`);
          if (node.embed) report('warning', 'embed-self', `${written} embeds this note into itself; it is shown as a link`);
          break;
        case 'note':
          if (r.missingHeading) report('warning', 'missing-heading', `${written}: ${r.note.file} has no heading "${node.heading}"`);
          if (node.embed && r.note === note) report('warning', 'embed-self', `${written} embeds this note into itself; it is shown as a link`);
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
          report('error', 'ambiguous-link', `${written} matches ${r.notes.length} notes: ${r.notes.map((n) => n.file).join(' and ')}; link by file name or path to choose one`);
          break;
        case 'image':
          break;
        case 'unresolved': {
          let entry = unresolved.get(r.key);
          if (!entry) unresolved.set(r.key, (entry = { title: r.title, notes: 0, seen: new Set() }));
          if (!entry.seen.has(note.id)) {
            entry.seen.add(note.id);
            entry.notes++;
          }
          if (policy === 'error') report('error', 'unresolved-link', `${written} does not match any note (file name, title or alias)`);
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
            pushContext(mentionedIn, target, note, sentenceAround(block.text, from + list[i]!.start, from + list[best.end]!.end));
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
    tags: tagIndex,
    unresolved: new Map([...unresolved].map(([k, { title, notes: n }]) => [k, { title, notes: n }])),
    problems,
    unresolvedPolicy: policy,
    embedded: new Set([...embeds.values()].flatMap((list) => list.map((e) => e.to))),
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
        problems.push({
          file: note.file,
          line: link.line + note.bodyLine - 1,
          column: link.column,
          severity: 'warning',
          ruleId: 'embed-cycle',
          message: `![[${link.raw}]] closes an embed cycle (${notes.get(to)!.note.file} already embeds this note); the inner embed is shown as a link`,
        });
      } else if (s === undefined) visit(to);
    }
    state.set(id, 'done');
  };
  for (const id of embeds.keys()) if (!state.has(id)) visit(id);
  return problems;
}
