// Synthetic Obsidian-style vaults for `npm run bench`: deterministic from a seed, never committed.
import { createHash } from 'node:crypto';
import { mkdirSync, readdirSync, readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { mulberry32 } from '../../src/lib/prng.ts';

/** What one generated vault contains, for the measuring side (ids of note pages, counts). */
export interface VaultSummary {
  dir: string;
  notes: number;
  /** URL ids of every note page (`dist/<id>/index.html`). */
  ids: string[];
  wikilinks: number;
  unresolvedLinks: number;
  pythonBlocks: number;
  translations: number;
  bytes: number;
}

/** A small, fast, seedable PRNG (mulberry32), so a seed always yields the same vault. */
export const rng = mulberry32;

const SUBJECTS = ['thread', 'event loop', 'coroutine', 'task', 'future', 'lock', 'semaphore', 'queue', 'process pool',
  'thread pool', 'executor', 'worker', 'GIL', 'scheduler', 'callback', 'generator', 'context switch', 'barrier',
  'condition variable', 'channel', 'selector', 'socket', 'subprocess', 'interpreter', 'task group', 'timeout'];
const VERBS = ['blocks', 'yields to', 'waits for', 'schedules', 'cancels', 'wraps', 'shares', 'releases', 'acquires',
  'starves', 'serialises', 'overlaps with', 'hands off to', 'runs beside', 'polls', 'wakes'];
const OBJECTS = ['the caller', 'the main thread', 'every pending task', 'the operating system', 'a slow network call',
  'CPU-bound work', 'I/O-bound work', 'the shared counter', 'a blocking read', 'the result', 'its children',
  'the interpreter lock', 'a second core', 'the request handler', 'a bounded buffer', 'the whole program'];
const GLUE = ['In practice', 'Surprisingly', 'Most of the time', 'On CPython', 'With asyncio', 'Under load',
  'For short jobs', 'As a rule of thumb', 'In the benchmark', 'Unlike threads', 'When in doubt', 'Notably'];
const TAIL = ['which is why timeouts matter', 'so measure before tuning', 'until the deadline passes',
  'without any extra locking', 'as long as nothing blocks', 'and the latency adds up', 'even on a single core',
  'which surprises most newcomers', 'because of the GIL', 'unless the pool is saturated'];
const HEADINGS = ['Overview', 'Why it matters', 'How it works', 'Pitfalls', 'Example', 'Trade-offs', 'In practice',
  'Performance', 'Related ideas', 'Further reading', 'Cancellation', 'Error handling'];
const NAME_A = ['async', 'blocking', 'cooperative', 'preemptive', 'shared', 'bounded', 'lazy', 'parallel', 'nested',
  'green', 'native', 'daemon', 'detached', 'structured', 'reentrant', 'fair'];
const NAME_B = ['threads', 'locks', 'queues', 'tasks', 'pools', 'futures', 'timers', 'sockets', 'generators',
  'semaphores', 'workers', 'loops', 'barriers', 'events', 'pipes', 'signals'];
const TAGS = ['python', 'asyncio', 'threading', 'multiprocessing', 'gil', 'performance', 'io', 'cpu', 'patterns',
  'testing', 'networking', 'internals'];

interface Plan { stem: string; title: string; headings: string[]; dialect: number }

const pick = <T>(r: () => number, list: readonly T[]): T => list[Math.floor(r() * list.length)]!;
const int = (r: () => number, lo: number, hi: number) => lo + Math.floor(r() * (hi - lo + 1));

/** Python block hash exactly as `src/lib/python-blocks.ts` computes it (kept local: no import of src/). */
function hashPython(code: string): string {
  const norm = code.split('\n').map((l) => l.trimEnd()).join('\n').replace(/^\n+|\n+$/g, '');
  return `sha256:${createHash('sha256').update(norm).digest('hex').slice(0, 16)}`;
}

function sentence(r: () => number): string {
  const parts = [`${pick(r, GLUE)}, a ${pick(r, SUBJECTS)} ${pick(r, VERBS)} ${pick(r, OBJECTS)}`];
  const extra = int(r, 0, 3);
  for (let i = 0; i < extra; i++) parts.push(r() < 0.5 ? pick(r, TAIL) : `the ${pick(r, SUBJECTS)} ${pick(r, VERBS)} ${pick(r, OBJECTS)}`);
  return `${parts.join(', ')}.`;
}

/** Writes `count` notes (plus translation files) into `dir` and returns what it wrote. */
export function generateVault(dir: string, count: number, seed = 42): VaultSummary {
  const r = rng(seed ^ count);
  mkdirSync(dir, { recursive: true });
  const plans: Plan[] = [];
  for (let i = 0; i < count; i++) {
    const a = pick(r, NAME_A), b = pick(r, NAME_B);
    const headings = [...HEADINGS].sort(() => r() - 0.5).slice(0, int(r, 2, 5));
    plans.push({ stem: `${a}-${b}-${i}`, title: `${a[0]!.toUpperCase()}${a.slice(1)} ${b} ${i}`, headings, dialect: int(r, 0, 4) });
  }
  // Unwritten concepts: Obsidian-style names with underscores and spaces, never created as files.
  const concepts = Array.from({ length: Math.max(5, Math.round(count / 4)) }, (_, i) =>
    `${pick(r, NAME_A)}_${pick(r, SUBJECTS).replace(/ /g, '_')}_${i}`);
  const summary: VaultSummary = { dir, notes: count, ids: [], wikilinks: 0, unresolvedLinks: 0, pythonBlocks: 0, translations: 0, bytes: 0 };

  const link = (): string => {
    summary.wikilinks++;
    if (r() < 0.2) {
      summary.unresolvedLinks++;
      const c = pick(r, concepts);
      return r() < 0.3 ? `[[${c}|${c.replace(/_\d+$/, '').replace(/_/g, ' ')}]]` : `[[${c}]]`;
    }
    const t = pick(r, plans);
    const roll = r();
    if (roll < 0.2) return `[[${t.stem}#${pick(r, t.headings)}]]`;
    if (roll < 0.45) return `[[${t.stem}|${t.title.toLowerCase()}]]`;
    return `[[${t.stem}]]`;
  };
  const paragraph = (withLinks: number, notes: string[]): string => {
    const out: string[] = [];
    const n = int(r, 2, 7);
    for (let i = 0; i < n; i++) {
      let s = sentence(r);
      if (i < withLinks) s = s.replace(/ (the|a) /, ` $1 ${link()} `);
      if (r() < 0.12) s = s.replace(/, /, `, ==${pick(r, SUBJECTS)} ${pick(r, VERBS)}== `);
      if (r() < 0.1) s = s.replace(/ a /, ' a `asyncio.gather()` ');
      if (r() < 0.06) {
        notes.push(`${pick(r, GLUE)}, see the CPython docs on the ${pick(r, SUBJECTS)}.`);
        s = s.replace(/\.$/, `[^${notes.length}].`);
      }
      out.push(s);
    }
    return out.join(' ');
  };

  for (const [index, plan] of plans.entries()) {
    const footnotes: string[] = [];
    const lines: string[] = [];
    const tags = [...TAGS].sort(() => r() - 0.5).slice(0, int(r, 1, 4));
    const date = `20${int(r, 18, 25)}-${String(int(r, 1, 12)).padStart(2, '0')}-${String(int(r, 1, 28)).padStart(2, '0')}`;
    // Dialects: Obsidian list tags + aliases, Hugo, Jekyll, none with an H1, none at all (title = file name).
    if (plan.dialect === 0) lines.push('---', `date: ${date}`, 'tags:', ...tags.map((t) => `  - ${r() < 0.3 ? `"#${t}"` : t}`), 'aliases:', `  - ${plan.title.toLowerCase()}`, '---', '', `# ${plan.title}`, '');
    else if (plan.dialect === 1) lines.push('---', `title: "${plan.title}"`, `date: ${date}`, `weight: ${index}`, 'draft: false', `tags: [${tags.join(', ')}]`, '---', '');
    else if (plan.dialect === 2) lines.push('---', `title: "${plan.title}"`, `excerpt: "Notes on ${plan.title.toLowerCase()}"`, `tags: ${tags.join(', ')}`, '---', '');
    else if (plan.dialect === 3) lines.push(`# ${plan.title}`, '');
    let linksLeft = int(r, 6, 10);
    const python = r() < 0.1 ? int(r, 1, 2) : 0;
    const translations: [string, string][] = [];
    lines.push(paragraph(Math.min(linksLeft, 2), footnotes), '');
    linksLeft -= 2;
    for (const [hi, heading] of plan.headings.entries()) {
      lines.push(`## ${heading}`, '');
      const share = Math.ceil(linksLeft / (plan.headings.length - hi));
      lines.push(paragraph(Math.max(0, share), footnotes), '');
      linksLeft -= share;
      const roll = r();
      if (roll < 0.3) lines.push(...Array.from({ length: int(r, 2, 6) }, () => `- ${sentence(r)}`), '');
      else if (roll < 0.38) {
        lines.push('| Model | Switching | Best for |', '| --- | --- | --- |');
        for (let k = 0; k < int(r, 2, 5); k++) lines.push(`| ${pick(r, SUBJECTS)} | ${pick(r, VERBS)} | ${pick(r, OBJECTS)} |`);
        lines.push('');
      } else if (roll < 0.43) lines.push(`> [!note] ${pick(r, GLUE)}`, `> ${sentence(r)}`, '');
      if (translations.length < python && r() < 0.6) {
        const n = translations.length;
        const code = ['import asyncio', '', 'async def main():', `    print('${plan.stem} ${n} start')`, '    await asyncio.sleep(0.01)',
          `    print('${plan.stem} ${n} done')`, '', 'asyncio.run(main())'].join('\n');
        lines.push('```python', code, '```', '');
        translations.push([`example-${n}.ts`, translation(hashPython(code), plan.stem, n)]);
      }
      if (r() < 0.25) lines.push(paragraph(0, footnotes), '');
    }
    if (footnotes.length) lines.push(...footnotes.map((f, i) => `[^${i + 1}]: ${f}`), '');
    const text = lines.join('\n');
    writeFileSync(join(dir, `${plan.stem}.md`), text);
    summary.bytes += Buffer.byteLength(text);
    summary.ids.push(plan.stem);
    if (translations.length) {
      mkdirSync(join(dir, plan.stem), { recursive: true });
      for (const [name, ts] of translations) writeFileSync(join(dir, plan.stem, name), ts);
      summary.pythonBlocks += translations.length;
      summary.translations += translations.length;
    }
  }
  return summary;
}

/**
 * Summarises an existing vault (e.g. the real `notes/`) the way `generateVault` summarises its own:
 * ids are github-slugger'd path segments, as both the project's loader and Astro's `glob()` do.
 */
export function summarizeVault(dir: string, slug: (segment: string) => string): VaultSummary {
  const summary: VaultSummary = { dir, notes: 0, ids: [], wikilinks: 0, unresolvedLinks: 0, pythonBlocks: 0, translations: 0, bytes: 0 };
  const walk = (sub: string) => {
    for (const entry of readdirSync(join(dir, sub), { withFileTypes: true })) {
      if (entry.name.startsWith('.')) continue;
      const rel = sub ? `${sub}/${entry.name}` : entry.name;
      if (entry.isDirectory()) walk(rel);
      else if (entry.name.endsWith('.ts')) summary.translations++;
      else if (entry.name.endsWith('.md')) {
        const text = readFileSync(join(dir, rel), 'utf8');
        summary.notes++;
        summary.bytes += Buffer.byteLength(text);
        summary.wikilinks += text.match(/\[\[[^\]]+\]\]/g)?.length ?? 0;
        summary.pythonBlocks += text.match(/^\s*```(?:python3?|py3?|pycon)\b/gm)?.length ?? 0;
        summary.ids.push(rel.replace(/\.md$/, '').split('/').map(slug).join('/'));
      }
    }
  };
  walk('');
  return summary;
}

/** A runnable translation of the generated asyncio block, with the header of scripts/snippets/FORMAT.md. */
function translation(hash: string, stem: string, n: number): string {
  return `/**
 * @python ${hash}
 * @mode run
 *
 * Node's model: the event loop is always running; top-level await plays the role of asyncio.run().
 */
import { setTimeout as sleep } from 'node:timers/promises';

console.log('${stem} ${n} start');
await sleep(10);
console.log('${stem} ${n} done');

// Output:
// ${stem} ${n} start
// ${stem} ${n} done
`;
}
