// Runs one translation as its own Node process under Node's permission model, with the
// time-scaling/network-guard preload, a wall-clock timeout and a memory cap.
import { spawn } from 'node:child_process';
import { setPriority } from 'node:os';
import { existsSync, mkdirSync, mkdtempSync, readFileSync } from 'node:fs';
import { dirname, join, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';
import { track, untrack } from './children.ts';
import type { Allow } from '../../src/lib/snippets/header.ts';
import { spanOf, type RawSpan } from './traces.ts';

/** The preload every translation runs with (`--import`). */
export const PRELOAD = fileURLToPath(new URL('./preload/sandbox-preload.ts', import.meta.url));

/** One sandboxed run: the file, its permissions, time scale and limits. */
export interface SandboxOptions {
  /** Absolute path of the translation. */
  file: string;
  allow: readonly Allow[];
  /** Node binary (Node 24). */
  node: string;
  /** Project root: `node_modules/tinypool` is readable from there. */
  root: string;
  timeScale: number;
  timeoutMs: number;
  /** V8 heap cap (MiB) and resident-set cap (MiB) checked by a watchdog. */
  heapMiB: number;
  rssMiB: number;
  /** Extra environment: CA bundle, fixture hosts, port map. */
  env: Record<string, string>;
  /** Parent of the per-run temporary folders. */
  tmpRoot: string;
}

/** What happened when a translation ran. */
export interface SandboxResult {
  stdout: string;
  stderr: string;
  exitCode: number | null;
  signal: string | null;
  timedOut: boolean;
  memoryExceeded: boolean;
  /** Permission-model and network violations, e.g. `FileSystemWrite /etc/x`, `network 1.2.3.4:80`. */
  violations: string[];
  wallMs: number;
  /** Critical path of the author's delays, in seconds (max virtual clock over all threads). */
  virtualSeconds: number;
  /** Max HTTP requests in flight in one thread, and requests seen (trace). */
  maxInFlight: number;
  requests: number;
  /** Process CPU time / wall time: above 1 means more than one core worked at once. */
  parallelism?: number;
  /** Worker threads the program started (each runs the preload once). */
  workers: number;
  peakRssMiB: number;
  /** Timers, requests and worker jobs as the preload saw them, for the timeline diagrams. */
  spans: RawSpan[];
}

const readRssMiB = (pid: number): number => {
  try {
    const m = /VmRSS:\s+(\d+) kB/.exec(readFileSync(`/proc/${pid}/status`, 'utf8'));
    return m ? Number(m[1]) / 1024 : 0;
  } catch {
    return 0;
  }
};

const PRLIMIT = ['/usr/bin/prlimit', '/bin/prlimit'].find((p) => existsSync(p));

/** Node permission flags for a translation: its folder, tinypool and the preload; writes to `tmp` only. */
export function permissionFlags(file: string, allow: readonly Allow[], root: string, tmp: string): string[] {
  const reads = [dirname(file), PRELOAD, join(root, 'node_modules', 'tinypool')].filter((p) => existsSync(p));
  return [
    '--permission',
    ...reads.map((p) => `--allow-fs-read=${p}`),
    `--allow-fs-write=${tmp}`,
    ...(allow.includes('worker') ? ['--allow-worker'] : []),
    ...(allow.includes('child-process') ? ['--allow-child-process'] : []),
  ];
}

/** Runs a translation; never throws for anything the translation does. */
export async function runSandboxed(o: SandboxOptions): Promise<SandboxResult> {
  const tmp = join(mkdtempSync(join(o.tmpRoot, 'run-')), 'tmp');
  mkdirSync(tmp);
  const args = [
    ...permissionFlags(o.file, o.allow, o.root, tmp),
    `--max-old-space-size=${o.heapMiB}`,
    '--disable-warning=SecurityWarning',
    '--disable-warning=ExperimentalWarning',
    '--import', PRELOAD,
    o.file,
  ];
  const started = performance.now();
  // A CPU-time limit enforced by the kernel: even if the check itself is killed with SIGKILL, a
  // busy loop dies on its own (generous: workers may keep two cores busy until the timeout).
  const cpuSeconds = Math.ceil((o.timeoutMs / 1000) * 2) + 5;
  const [command, argv] = PRLIMIT ? [PRLIMIT, [`--cpu=${cpuSeconds}`, o.node, ...args]] : [o.node, args];
  const child = spawn(command, argv, {
    cwd: dirname(o.file),
    detached: true, // own process group: a timeout kills everything it started
    // fd 3: the preload's trace, a pipe rather than a file the program could edit.
    stdio: ['ignore', 'pipe', 'pipe', 'pipe'],
    env: {
      PATH: process.env.PATH ?? '/usr/bin:/bin', HOME: tmp, TMPDIR: tmp, LANG: 'C.UTF-8', TZ: process.env.TZ ?? 'UTC',
      SNIPPET_TIME_SCALE: String(o.timeScale), SNIPPET_TRACE_FD: '3', ...o.env,
    },
  });
  // Below the check itself: a CPU hog cannot starve the fixture web or the watchdogs.
  track(child.pid);
  try { if (child.pid) setPriority(child.pid, 10); } catch { /* already gone */ }
  let stdout = '';
  let stderr = '';
  let lines = '';
  (child.stdio[3] as NodeJS.ReadableStream).setEncoding('utf8').on('data', (d: string) => { if (lines.length < 1 << 22) lines += d; });
  const cap = 1 << 20; // keep at most 1 MiB of each stream
  child.stdout!.setEncoding('utf8').on('data', (d: string) => { if (stdout.length < cap) stdout += d; });
  child.stderr!.setEncoding('utf8').on('data', (d: string) => { if (stderr.length < cap) stderr += d; });
  let timedOut = false;
  let memoryExceeded = false;
  let peakRssMiB = 0;
  const kill = () => { try { process.kill(-child.pid!, 'SIGKILL'); } catch { /* already gone */ } };
  const timer = setTimeout(() => { timedOut = true; kill(); }, o.timeoutMs);
  const watchdog = setInterval(() => {
    const rss = readRssMiB(child.pid!);
    peakRssMiB = Math.max(peakRssMiB, rss);
    if (rss > o.rssMiB) { memoryExceeded = true; kill(); }
  }, 50);
  const [exitCode, signal] = await new Promise<[number | null, string | null]>((res) => {
    child.on('close', (code, sig) => res([code, sig]));
    child.on('error', () => res([null, null]));
  });
  clearTimeout(timer);
  clearInterval(watchdog);
  kill(); // stray grandchildren (only possible with @allow child-process)
  untrack(child.pid);
  const wallMs = performance.now() - started;
  if (/Reached heap limit|JavaScript heap out of memory|ERR_WORKER_OUT_OF_MEMORY/.test(stderr)) memoryExceeded = true;

  const violations: string[] = [];
  for (const m of stderr.matchAll(/code: 'ERR_ACCESS_DENIED',\s*permission: '(\w+)'(?:,\s*resource: '([^']*)')?/g)) {
    violations.push(`${m[1]}${m[2] ? ` ${m[2]}` : ''}`);
  }
  let virtualMs = 0;
  let maxInFlight = 0;
  let requests = 0;
  let parallelism: number | undefined;
  let workers = 0;
  const spans: RawSpan[] = [];
  for (const line of lines.split('\n')) {
    if (!line.startsWith('{')) continue;
    let r: Record<string, unknown>;
    try { r = JSON.parse(line) as Record<string, unknown>; } catch { continue; }
    const t = r as { v?: number; maxInFlight?: number; requests?: number; violation?: string; target?: string; exit?: boolean; main?: boolean; cpuMs?: number; wallMs?: number; worker?: boolean };
    if (t.worker) workers++;
    const s = spanOf(r);
    if (s) spans.push(s);
    if (t.v !== undefined) virtualMs = Math.max(virtualMs, t.v);
    if (t.maxInFlight !== undefined) maxInFlight = Math.max(maxInFlight, t.maxInFlight);
    if (t.requests !== undefined) requests = Math.max(requests, t.requests);
    if (t.violation) violations.push(`${t.violation} ${t.target}`);
    if (t.exit && t.main && t.cpuMs !== undefined && t.wallMs) parallelism = t.cpuMs / t.wallMs;
  }
  if (violations.length === 0 && /ERR_ACCESS_DENIED/.test(stderr)) violations.push('permission denied');
  return {
    stdout, stderr, exitCode, signal, timedOut, memoryExceeded, violations: [...new Set(violations)], wallMs,
    virtualSeconds: virtualMs / 1000, maxInFlight, requests, ...(parallelism === undefined ? {} : { parallelism }), workers, peakRssMiB, spans,
  };
}

/** Absolute project root (two levels above this file). */
export const PROJECT_ROOT = resolve(fileURLToPath(new URL('../..', import.meta.url)));
