// Runs one build as a child process and measures it: wall time, peak RSS of the whole process
// tree (sampled from /proc), and the stage timings that Astro and the project print.
import { spawn } from 'node:child_process';
import { existsSync, mkdtempSync, readdirSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';

/** One line of the child's output, with the seconds since start when it arrived. */
export interface TimedLine { t: number; text: string }

/** What one measured build produced. */
export interface BuildMeasure {
  wall_s: number;
  /** Peak of the summed RSS of the child and all its descendants; null where /proc is missing. */
  peak_rss_mb: number | null;
  /** Peak RSS of the single largest process of the tree. */
  peak_single_rss_mb: number | null;
  /** Seconds after start when the tree's RSS peaked. */
  peak_rss_at_s: number | null;
  /** The tree's processes at the peak, largest first: `node 1315`, `pagefind 80` (MB). */
  peak_processes: string[];
  rss_samples: number;
  /** User + system CPU seconds of the whole tree (GNU time), steadier than wall time on a busy machine. */
  cpu_s: number | null;
  exit_code: number;
  lines: TimedLine[];
}

const PAGE = 4096;
const GNU_TIME = '/usr/bin/time';

/** Every descendant pid of `root` (inclusive), from one pass over /proc/<pid>/stat. */
export function processTree(root: number): number[] {
  const children = new Map<number, number[]>();
  for (const name of readdirSync('/proc')) {
    if (!/^\d+$/.test(name)) continue;
    const stat = readStat(Number(name));
    if (!stat) continue;
    const list = children.get(stat.ppid) ?? [];
    list.push(Number(name));
    children.set(stat.ppid, list);
  }
  const out: number[] = [];
  const stack = [root];
  while (stack.length) {
    const pid = stack.pop()!;
    out.push(pid);
    stack.push(...(children.get(pid) ?? []));
  }
  return out;
}

function readStat(pid: number): { ppid: number; rssBytes: number } | null {
  try {
    const s = readFileSync(`/proc/${pid}/stat`, 'utf8');
    // Fields after the command name (which may hold spaces and parentheses): state ppid ... rss is field 24.
    const f = s.slice(s.lastIndexOf(')') + 2).split(' ');
    return { ppid: Number(f[1]), rssBytes: Number(f[21]) * PAGE };
  } catch {
    return null; // the process exited between readdir and read
  }
}

/** A short name for a process: `pagefind`, or for Node the script it runs (`node astro.mjs`). */
function commOf(pid: number): string {
  try {
    const [exe = '?', script] = readFileSync(`/proc/${pid}/cmdline`, 'utf8').split('\0').map((a) => a.split('/').pop()!);
    return exe === 'node' && script ? `node ${script}` : exe;
  } catch {
    return '?';
  }
}

/** Runs `command args` in `cwd` with extra `env`, sampling the tree's RSS every `intervalMs`. */
export function measureBuild(command: string, args: string[], opts: { cwd: string; env: Record<string, string>; intervalMs?: number; echo?: boolean }): Promise<BuildMeasure> {
  // GNU time reports CPU of the child and every descendant it waited for; its RSS is per process, so
  // the tree's summed RSS still comes from sampling /proc below.
  const timeDir = existsSync(GNU_TIME) ? mkdtempSync(join(tmpdir(), 'bench-time-')) : null;
  const timeFile = timeDir && join(timeDir, 'time.txt');
  const [cmd, argv] = timeFile ? [GNU_TIME, ['-f', '%U %S', '-o', timeFile, command, ...args]] : [command, args];
  const start = performance.now();
  const child = spawn(cmd, argv, { cwd: opts.cwd, env: { ...process.env, ...opts.env }, stdio: ['ignore', 'pipe', 'pipe'] });
  const lines: TimedLine[] = [];
  const since = () => (performance.now() - start) / 1000;
  for (const stream of [child.stdout, child.stderr]) {
    let buf = '';
    stream.setEncoding('utf8');
    stream.on('data', (chunk: string) => {
      buf += chunk;
      const parts = buf.split('\n');
      buf = parts.pop()!;
      for (const text of parts) {
        lines.push({ t: since(), text });
        if (opts.echo && !text.includes('├─')) process.stderr.write(`  | ${text}\n`);
      }
    });
    stream.on('end', () => buf && lines.push({ t: since(), text: buf }));
  }
  const canSample = existsSync('/proc/self/stat');
  let peak = 0, peakSingle = 0, peakAt = 0, samples = 0;
  let peakProcesses: string[] = [];
  const sample = () => {
    if (!canSample || child.pid === undefined) return;
    let sum = 0;
    const seen: [number, number][] = [];
    for (const pid of processTree(child.pid)) {
      const rss = readStat(pid)?.rssBytes ?? 0;
      sum += rss;
      seen.push([pid, rss]);
      peakSingle = Math.max(peakSingle, rss);
    }
    if (sum > peak) {
      peak = sum;
      peakAt = since();
      peakProcesses = seen.sort((a, b) => b[1] - a[1]).filter(([, rss]) => rss > 20 * 1048576)
        .map(([pid, rss]) => `${commOf(pid)} ${Math.round(rss / 1048576)}`);
    }
    samples++;
  };
  const timer = setInterval(sample, opts.intervalMs ?? 100);
  return new Promise((resolve, reject) => {
    child.on('error', reject);
    child.on('close', (code) => {
      clearInterval(timer);
      const mb = (b: number) => (canSample ? Math.round((b / 1048576) * 10) / 10 : null);
      let cpu: number | null = null;
      if (timeFile && existsSync(timeFile)) {
        const m = /([\d.]+) ([\d.]+)\s*$/.exec(readFileSync(timeFile, 'utf8'));
        if (m) cpu = round(Number(m[1]) + Number(m[2]), 2);
      }
      if (timeDir) rmSync(timeDir, { recursive: true, force: true });
      resolve({ wall_s: round(since(), 2), peak_rss_mb: mb(peak), peak_single_rss_mb: mb(peakSingle), peak_rss_at_s: canSample ? round(peakAt, 1) : null, peak_processes: peakProcesses, rss_samples: samples, cpu_s: cpu, exit_code: code ?? 1, lines });
    });
  });
}

/** Stage timings in seconds, read from the build's output; a stage the output does not show is null. */
export interface Stages {
  /** `scripts/lint-notes.ts` (full build only): start until its summary line. */
  lint_s: number | null;
  content_sync_s: number | null;
  /** Vite bundling of the static entrypoints. */
  entrypoints_s: number | null;
  /** Rendering every route ("generating static routes ... Completed in"). */
  static_routes_s: number | null;
  pagefind_s: number | null;
  /** Astro's own total ("N page(s) built in"). */
  astro_total_s: number | null;
  pages_built: number | null;
  /** Project stages logged as `[stage] <name>: <n> ms` (link graph, backlinks, concept pages...). */
  project: Record<string, number>;
}

const DURATION = String.raw`(?:(\d+)m\s*)?([\d.]+)(ms|s)\b`;

/** Extracts stage timings from timestamped build output. */
export function parseStages(lines: TimedLine[]): Stages {
  const at = (re: RegExp) => lines.find((l) => re.test(l.text));
  // Astro prints `850ms`, `2.74s` and, past a minute, `1m 16s`: DURATION captures (minutes, number, unit).
  const dur = (min: string | undefined, s: string, unit: string) => Number(min ?? 0) * 60 + Number(s) / (unit === 'ms' ? 1000 : 1);
  const between = (a: RegExp, b: RegExp) => {
    const x = at(a), y = at(b);
    return x && y ? round(y.t - x.t, 2) : null;
  };
  const num = (re: RegExp) => {
    const m = lines.map((l) => re.exec(l.text)).find(Boolean);
    return m ? round(dur(m[1], m[2]!, m[3]!), 2) : null;
  };
  const routesIdx = lines.findIndex((l) => /generating static routes/.test(l.text));
  const routesDone = routesIdx < 0 ? undefined : lines.slice(routesIdx).map((l) => new RegExp(`✓ Completed in ${DURATION}`).exec(l.text)).find(Boolean);
  const lint = at(/^notes: \d+ published/);
  const built = lines.map((l) => new RegExp(`(\\d+) page\\(s\\) built in ${DURATION}`).exec(l.text)).find(Boolean);
  const project: Record<string, number> = {};
  for (const l of lines) {
    const m = /\[stage\]\s*([\w .\/-]+?):\s*([\d.]+)\s*(ms|s)\b/.exec(l.text);
    if (m) project[m[1]!.trim()] = round((project[m[1]!.trim()] ?? 0) + dur(undefined, m[2]!, m[3]!), 3);
  }
  return {
    lint_s: lint ? round(lint.t, 2) : null,
    content_sync_s: between(/\[content\] Syncing content/, /\[content\] Synced content/),
    entrypoints_s: between(/Building static entrypoints/, /generating static routes/),
    static_routes_s: routesDone ? round(dur(routesDone[1], routesDone[2]!, routesDone[3]!), 2) : null,
    pagefind_s: num(new RegExp(`Finished building search index in ${DURATION}`)),
    astro_total_s: built ? round(dur(built[2], built[3]!, built[4]!), 2) : null,
    pages_built: built ? Number(built[1]) : null,
    project,
  };
}

const PHASES: [string, RegExp][] = [
  ['content sync', /\[content\] Syncing content/],
  ['bundling', /Building static entrypoints/],
  ['render routes', /generating static routes/],
  ['pagefind', /Building search index with Pagefind/],
  ['finishing', /page\(s\) built in/],
];

/**
 * Which phase of the build was running `t` seconds after start (lint/startup before content sync):
 * the phase whose first line came last before `t`, so the order of phases may change (Pagefind
 * now runs after Astro's "page(s) built in" line).
 */
export function phaseAt(lines: TimedLine[], t: number): string {
  let phase = lines.some((l) => /^notes: \d+ published/.test(l.text)) ? 'lint' : 'startup';
  let since = -Infinity;
  for (const [name, re] of PHASES) {
    const line = lines.find((l) => re.test(l.text));
    if (line && line.t <= t && line.t >= since) [phase, since] = [name, line.t];
  }
  return phase;
}

/** Rounds to `digits` decimals. */
export function round(n: number, digits = 1): number {
  const f = 10 ** digits;
  return Math.round(n * f) / f;
}
