import { toString } from 'mdast-util-to-string';
import { isMap, isScalar, LineCounter, parseDocument, type Node as YamlNode } from 'yaml';
import { parseNote } from '../syntax/grammar.ts';
import { normalizeTag } from '../syntax/tags.ts';

export { normalizeTag };

/** What the site uses of a note's frontmatter, whatever dialect it was written in. */
export interface NoteData {
  title: string;
  /** Where the title came from: frontmatter `title`, the note's leading `# H1`, or its file name. */
  titleSource: 'frontmatter' | 'h1' | 'filename';
  description?: string;
  /** Sort order (Hugo `weight`, `order`, Jekyll `nav_order`); lower first. */
  order?: number;
  date?: Date;
  /** The calendar day of `date` as the author wrote it (`2024-09-26T00:00+03:00` is the 26th, not the UTC 25th). */
  dateLabel?: string;
  lastUpdated?: Date;
  /** Case-folded, without a leading `#`. */
  tags: string[];
  aliases: string[];
  draft: boolean;
  /** Keys Starlight understands natively, passed through untouched. */
  starlight: Record<string, unknown>;
}

/** A frontmatter problem, positioned relative to the whole file (1-based). */
export interface FrontmatterIssue {
  line: number;
  column: number;
  severity: 'error' | 'warning';
  ruleId: string;
  message: string;
}

/** A note's source split into frontmatter and body, with the line where the body starts. */
export interface SplitSource {
  /** Raw YAML between the fences, or `null` when the note has none. */
  yaml: string | null;
  /** 1-based file line of the first YAML line. */
  yamlLine: number;
  body: string;
  /** 1-based file line of the first body line. */
  bodyLine: number;
  /** Set when the file opens with a fence we cannot read (`+++` TOML, or `---` never closed). */
  unreadable?: FrontmatterIssue;
}

/**
 * Starlight keys a note may set. Not `head`, `hero`, `banner`, `editUrl`, `prev`/`next`: Starlight
 * renders those as raw HTML or URLs, and notes come from strangers.
 */
const STARLIGHT_KEYS = ['template', 'tableOfContents', 'pagefind'];

/** Splits `---` YAML frontmatter from the body, the way Obsidian, Hugo and Jekyll do. */
export function splitFrontmatter(source: string): SplitSource {
  const text = source.replace(/^\uFEFF/, '');
  const lines = text.split(/\r?\n/);
  const opener = lines[0]?.trimEnd();
  if (opener === '+++') {
    return {
      yaml: null, yamlLine: 2, body: text, bodyLine: 1,
      unreadable: issue(1, 1, 'error', 'frontmatter-toml', 'TOML frontmatter (+++) is not supported: write it as YAML between --- lines'),
    };
  }
  if (opener !== '---') return { yaml: null, yamlLine: 1, body: text, bodyLine: 1 };
  for (let i = 1; i < lines.length; i++) {
    const l = lines[i]!.trimEnd();
    if (l === '---' || l === '...') {
      return { yaml: lines.slice(1, i).join('\n'), yamlLine: 2, body: lines.slice(i + 1).join('\n'), bodyLine: i + 2 };
    }
  }
  return {
    yaml: null, yamlLine: 2, body: text, bodyLine: 1,
    unreadable: issue(1, 1, 'error', 'frontmatter-unclosed', 'frontmatter opened with --- is never closed by a --- line'),
  };
}

/** Parses the YAML of a frontmatter block; positions in issues are file lines. */
export function parseFrontmatterYaml(yaml: string, yamlLine: number): {
  raw: Record<string, unknown>;
  positions: Map<string, { line: number; column: number }>;
  issues: FrontmatterIssue[];
} {
  const lineCounter = new LineCounter();
  const doc = parseDocument(yaml, { lineCounter, prettyErrors: true, uniqueKeys: true });
  const positions = new Map<string, { line: number; column: number }>();
  const at = (offset: number) => {
    const { line, col } = lineCounter.linePos(offset);
    return { line: line + yamlLine - 1, column: col };
  };
  if (doc.errors.length > 0) {
    const issues = doc.errors.map((e) => {
      const p = at(e.pos[0]);
      const reason = e.message.split('\n')[0]!.replace(/ at line \d+, column \d+:?$/, '');
      return issue(p.line, p.column, 'error', 'frontmatter-yaml', `invalid YAML frontmatter: ${reason}`);
    });
    return { raw: {}, positions, issues };
  }
  const contents = doc.contents as YamlNode | null;
  if (contents === null || (isScalar(contents) && contents.value === null)) return { raw: {}, positions, issues: [] };
  if (!isMap(contents)) {
    const p = at(contents.range?.[0] ?? 0);
    return { raw: {}, positions, issues: [issue(p.line, p.column, 'error', 'frontmatter-shape', 'frontmatter must be a mapping of keys to values')] };
  }
  for (const item of contents.items) {
    const key = isScalar(item.key) ? String(item.key.value) : null;
    if (key !== null && item.key && (item.key as YamlNode).range) positions.set(key, at((item.key as YamlNode).range![0]));
  }
  // `toJS` keeps YAML timestamps as strings unless asked; we parse dates ourselves below.
  // It throws on alias bombs ("billion laughs"): a note's frontmatter error, not a crash.
  try {
    const raw = (doc.toJS({ maxAliasCount: 100 }) ?? {}) as Record<string, unknown>;
    return { raw, positions, issues: [] };
  } catch (error) {
    const p = at(contents.range?.[0] ?? 0);
    const reason = error instanceof Error ? error.message : String(error);
    return { raw: {}, positions, issues: [issue(p.line, p.column, 'error', 'frontmatter-yaml', `invalid YAML frontmatter: ${reason}`)] };
  }
}

/**
 * Maps Obsidian, Hugo and Jekyll frontmatter to what the site uses.
 *
 * | dialect  | keys                                              | becomes                     |
 * |----------|---------------------------------------------------|-----------------------------|
 * | any      | `title` (or the leading `# H1`, else the file name) | title                     |
 * | Jekyll   | `excerpt`; Hugo `summary`; `description`          | description                 |
 * | Hugo     | `weight`; `order`; Jekyll `nav_order`             | order                       |
 * | all      | `date`/`created`; Hugo `lastmod`, `updated`       | date, lastUpdated           |
 * | all      | `tags`/`tag` list, inline `[a, b]` or `a, b`      | tags (case-folded, no `#`)  |
 * | Obsidian | `aliases`/`alias`                                 | aliases                     |
 * | Hugo     | `draft`; Jekyll `published: false`                | draft                       |
 */
export function mapFrontmatter(
  raw: Record<string, unknown>,
  context: { body: string; bodyLine: number; fileStem: string; positions?: Map<string, { line: number; column: number }> },
): { data: NoteData; issues: FrontmatterIssue[] } {
  const issues: FrontmatterIssue[] = [];
  const pos = (key: string) => context.positions?.get(key) ?? { line: 1, column: 1 };
  const problem = (key: string, severity: 'error' | 'warning', message: string) => {
    const p = pos(key);
    issues.push(issue(p.line, p.column, severity, `frontmatter-${key}`, message));
  };

  const data: NoteData = { title: '', titleSource: 'filename', tags: [], aliases: [], draft: false, starlight: {} };

  const title = raw.title;
  if (typeof title === 'string' && title.trim()) {
    data.title = title.trim();
    data.titleSource = 'frontmatter';
  } else if (typeof title === 'number') {
    data.title = String(title);
    data.titleSource = 'frontmatter';
  } else if (title !== undefined && title !== null && title !== '') {
    problem('title', 'error', `title must be text, got ${describe(title)}`);
  }
  if (!data.title) {
    const h1 = leadingH1(context.body);
    if (h1) {
      data.title = h1;
      data.titleSource = 'h1';
    } else {
      data.title = context.fileStem;
    }
  }

  for (const key of ['description', 'excerpt', 'summary']) {
    const v = raw[key];
    if (v === undefined || v === null) continue;
    if (typeof v === 'string') {
      data.description ??= v.trim() || undefined;
    } else problem(key, 'error', `${key} must be text, got ${describe(v)}`);
  }

  for (const key of ['weight', 'order', 'nav_order']) {
    const v = raw[key];
    if (v === undefined || v === null) continue;
    const n = typeof v === 'string' && v.trim() !== '' ? Number(v) : v;
    if (typeof n === 'number' && Number.isFinite(n)) data.order ??= n;
    else problem(key, 'error', `${key} must be a number, got ${describe(v)}`);
  }

  for (const [key, field] of [['date', 'date'], ['created', 'date'], ['lastmod', 'lastUpdated'], ['updated', 'lastUpdated']] as const) {
    const v = raw[key];
    if (v === undefined || v === null || v === '') continue;
    const d = toDate(v);
    if (d && field === 'date' && !data.date) data.dateLabel = calendarDay(v, d);
    if (d) data[field] ??= d;
    else problem(key, 'warning', `${key} is not a date (${describe(v)}); ignored`);
  }
  data.lastUpdated ??= data.date;

  for (const key of ['tags', 'tag']) {
    const v = raw[key];
    if (v === undefined || v === null) continue;
    const list = toStringList(v);
    if (list) data.tags.push(...list.map(normalizeTag).filter(Boolean));
    else problem(key, 'error', `${key} must be a list of words or a comma-separated string, got ${describe(v)}`);
  }
  data.tags = [...new Set(data.tags)];

  for (const key of ['aliases', 'alias']) {
    const v = raw[key];
    if (v === undefined || v === null) continue;
    const list = toStringList(v, /,/);
    if (list) data.aliases.push(...list.map((a) => a.trim()).filter(Boolean));
    else problem(key, 'error', `${key} must be a list of names, got ${describe(v)}`);
  }

  for (const key of ['draft', 'published'] as const) {
    const v = raw[key];
    if (v === undefined || v === null) continue;
    const b = toBoolean(v);
    if (b === undefined) problem(key, 'error', `${key} must be true or false, got ${describe(v)}`);
    else if (key === 'draft') data.draft ||= b;
    else data.draft ||= !b;
  }

  for (const key of STARLIGHT_KEYS) if (raw[key] !== undefined) data.starlight[key] = raw[key];
  return { data, issues };
}

/** Text of the note's first block when that block is a level-1 heading (`# Title` or Setext). */
export function leadingH1(body: string): string | undefined {
  // Parse only the first block: a whole-note parse here would cost O(note size) per note twice.
  const lines = body.split(/\r?\n/);
  let start = 0;
  while (start < lines.length && lines[start]!.trim() === '') start++;
  let end = start;
  while (end < lines.length && lines[end]!.trim() !== '') end++;
  if (start === end) return undefined;
  // The note grammar, as the page reads it: `# The [[Event loop|loop]] %%draft%%` is titled "The loop".
  const first = parseNote(lines.slice(start, end).join('\n')).children[0];
  if (first?.type !== 'heading' || first.depth !== 1) return undefined;
  return toString(first).replace(/\s+/g, ' ').trim() || undefined;
}


function toStringList(v: unknown, separator: RegExp = /[,\s]+/): string[] | undefined {
  if (typeof v === 'string') return v.split(separator).map((s) => s.trim()).filter(Boolean);
  if (typeof v === 'number') return undefined;
  if (Array.isArray(v) && v.every((x) => typeof x === 'string' || typeof x === 'number')) return v.map(String);
  return undefined;
}

function toBoolean(v: unknown): boolean | undefined {
  if (typeof v === 'boolean') return v;
  if (v === 'true' || v === 'yes') return true;
  if (v === 'false' || v === 'no') return false;
  return undefined;
}

function toDate(v: unknown): Date | undefined {
  const d = v instanceof Date ? v : typeof v === 'string' ? new Date(v) : undefined;
  return d && !Number.isNaN(d.getTime()) ? d : undefined;
}

/** `YYYY-MM-DD` as written when the value starts with a date, else the UTC day of the instant. */
function calendarDay(v: unknown, d: Date): string {
  const written = typeof v === 'string' ? /^\s*(\d{4}-\d{2}-\d{2})/.exec(v)?.[1] : undefined;
  return written ?? d.toISOString().slice(0, 10);
}

function describe(v: unknown): string {
  if (Array.isArray(v)) return 'a list';
  if (v === null) return 'nothing';
  if (typeof v === 'object') return 'a mapping';
  return `${typeof v} ${JSON.stringify(v)}`;
}

function issue(line: number, column: number, severity: 'error' | 'warning', ruleId: string, message: string): FrontmatterIssue {
  return { line, column, severity, ruleId, message };
}
