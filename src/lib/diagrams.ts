// Which timeline diagrams the site shows and where (src/data/diagrams.json), their traces
// (src/data/traces/, written by `npm run check:snippets`), and what each run says about the note's claim.
import { existsSync, readFileSync } from 'node:fs';
import { join, relative } from 'node:path';
import { z } from 'astro/zod';
import { registerCheck } from './lint.ts';
import { problem } from './problems.ts';
import { siteConfig } from './site-config.ts';
import { maxOverlap, traceSeconds, type SpanKind, type Trace } from './timeline.ts';

const claimSchema = z.object({
  /** The note's claim in words, shown in the caption. */
  text: z.string(),
  /** The run should take about this long (±25 %), in the author's seconds. */
  seconds: z.number().positive().optional(),
  /** Most bars of `kinds` in progress at once, over all lanes: at most / at least. */
  maxOverlap: z.number().int().positive().optional(),
  minOverlap: z.number().int().positive().optional(),
  /** Bars the overlap counts; default every kind. */
  kinds: z.array(z.enum(['timer', 'request', 'job', 'task', 'thread'])).optional(),
}).strict();

const tallySchema = z.object({
  /** What each lane's jobs were, in order (its first job is the first group): `round 1: counter[0] += 1`. */
  groups: z.array(z.string()).min(1).max(4),
  /** The count of work done and the count of it lost, as the jobs reported them. */
  done: z.string(),
  lost: z.string(),
  /** What varies from run to run, measured: said in the caption beside the recorded run's numbers. */
  varies: z.string().optional(),
}).strict();

const runSchema = z.object({
  /** The translation whose run it is: `notes/<note>/<name>.ts`. */
  run: z.string().regex(/^notes\/.+\.ts$/, 'a translation path such as notes/python-concurrency/say-after-sequential.ts'),
  runtime: z.enum(['node', 'python']),
  /** Heading of this run's timeline. */
  name: z.string(),
  claim: claimSchema.optional(),
  /** Draw what the jobs reported (their counts) per lane, beside the timeline. */
  tally: tallySchema.optional(),
  /**
   * For a run with no drawable trace (the Python race demo's 5,000 thread-pool jobs): the last
   * number it printed (src/data/snippet-results.json) against the count it should reach.
   */
  printed: z.object({ expected: z.number().int(), what: z.string(), why: z.string().optional() }).strict().optional(),
}).strict();

const diagramSchema = z.object({
  title: z.string(),
  /** Shown in place of this image path when the image does not exist. */
  image: z.string().startsWith('/').optional(),
  /** Shown after the code tabs of this translation. */
  after: z.string().optional(),
  /** One time axis for every run of the diagram (default), or each run on its own axis. */
  scale: z.enum(['shared', 'each']).default('shared'),
  runs: z.array(runSchema).min(1),
}).strict().refine((d) => Boolean(d.image) !== Boolean(d.after), { message: 'give exactly one of "image" and "after"' });

const configSchema = z.object({ $comment: z.string().optional(), diagrams: z.array(diagramSchema) }).strict();

export type DiagramClaim = z.infer<typeof claimSchema>;
export type DiagramRun = z.infer<typeof runSchema>;
export type DiagramTally = z.infer<typeof tallySchema>;
export type Diagram = z.infer<typeof diagramSchema>;


const configs = new Map<string, Diagram[]>();

/**
 * The configured diagrams: none without a configuration (another notes folder, see `SiteConfig`)
 * or when the file is absent; a malformed file throws with the zod message.
 */
export function loadDiagrams(file = siteConfig().diagrams.file): Diagram[] {
  if (!file) return [];
  const hit = configs.get(file);
  if (hit) return hit;
  let value: unknown = { diagrams: [] };
  if (existsSync(file)) {
    try {
      value = JSON.parse(readFileSync(file, 'utf8'));
    } catch (error) {
      throw new Error(`${file}: not valid JSON: ${(error as Error).message}`);
    }
  }
  const diagrams = parseDiagrams(value, file);
  configs.set(file, diagrams);
  return diagrams;
}

export function parseDiagrams(value: unknown, file = 'diagrams.json'): Diagram[] {
  const parsed = configSchema.safeParse(value);
  if (!parsed.success) {
    const issue = parsed.error.issues[0]!;
    throw new Error(`${file}: ${issue.path.join('.')}: ${issue.message}`);
  }
  return parsed.data.diagrams;
}

/** Image paths that a diagram replaces when the image is missing (the lint does not warn about those). */
export function diagramImages(file = siteConfig().diagrams.file): Set<string> {
  try {
    return new Set(loadDiagrams(file).flatMap((d) => (d.image ? [d.image] : [])));
  } catch {
    return new Set(); // reported once, by the check below
  }
}

/** A malformed configuration is an error of the lint (which stops the build before it renders). */
registerCheck(() => {
  try {
    loadDiagrams();
    return [];
  } catch (error) {
    const file = siteConfig().diagrams.file ?? '';
    return [problem({ file: relative(process.cwd(), file), line: 1, column: 1, severity: 'error', ruleId: 'diagrams-config', message: (error as Error).message.replace(`${file}: `, ''), source: 'diagrams' })];
  }
});

/** The committed trace of a run, if the check recorded one. */
export function loadTrace(run: DiagramRun, dir = siteConfig().diagrams.tracesDir): Trace | undefined {
  const file = join(dir, `${run.run.replace(/^notes\//, '').replace(/\.ts$/, '')}.${run.runtime}.json`);
  if (!existsSync(file)) return undefined;
  return JSON.parse(readFileSync(file, 'utf8')) as Trace;
}

/** Most bars in progress at once over every lane, counting only `kinds` (all when absent). */
export function overlapOf(t: Trace, kinds?: readonly SpanKind[]): number {
  return maxOverlap(t.spans.filter((x) => !kinds || kinds.includes(x.kind)));
}

/** What the run shows against the claim: `agrees`, or `contradicts` with the facts, for the caption. */
export function judgeClaim(t: Trace, c: DiagramClaim): { verdict: 'agrees' | 'contradicts'; facts: string[] } {
  const facts: string[] = [];
  let ok = true;
  const seconds = traceSeconds(t);
  if (c.seconds !== undefined) {
    facts.push(`${Number(seconds.toFixed(2))} s in all`);
    if (Math.abs(seconds - c.seconds) > 0.25 * c.seconds) ok = false;
  }
  if (c.maxOverlap !== undefined || c.minOverlap !== undefined) {
    const n = overlapOf(t, c.kinds);
    facts.push(`at most ${n} ${(c.kinds ?? ['bar']).join('/')}${n === 1 ? '' : 's'} at once`);
    if (c.maxOverlap !== undefined && n > c.maxOverlap) ok = false;
    if (c.minOverlap !== undefined && n < c.minOverlap) ok = false;
  }
  return { verdict: ok ? 'agrees' : 'contradicts', facts };
}

/**
 * The last integer a run printed, from the check's results (`output`, or `pythonOutput` for the
 * Python original); undefined when the run did not pass or printed no number.
 */
export function printedNumber(run: DiagramRun, file = siteConfig().snippetResults): number | undefined {
  if (!existsSync(file)) return undefined;
  const entry = (JSON.parse(readFileSync(file, 'utf8')) as Record<string, { status?: string; output?: string; pythonOutput?: string }>)[run.run];
  const text = entry?.status === 'checked' ? (run.runtime === 'python' ? entry.pythonOutput : entry.output) : undefined;
  const numbers = text?.match(/-?\d+/g);
  return numbers ? Number(numbers[numbers.length - 1]) : undefined;
}
