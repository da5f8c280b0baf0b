// Runs one translation as its own Node process inside the OS sandbox (jail.ts: bubblewrap, an
// unprivileged uid, rlimits), with Node's permission model as an inner layer that names what was
// denied, the time-scaling/network-guard preload, a wall-clock timeout and a memory cap.
import { spawn } from 'node:child_process';
import { setPriority } from 'node:os';
import { existsSync, mkdirSync, mkdtempSync, readFileSync } from 'node:fs';
import { dirname, join, relative, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';
import { track, untrack } from './children.ts';
import type { Allow } from '../../src/lib/snippets/header.ts';
import { childPidOf, INSIDE, INSIDE_CA, jailArgv, treeStats, type Bind, type JailContext } from './jail.ts';
import { spanOf, type RawSpan } from './traces.ts';

/** The preload every translation runs with (`--import`). */
export const PRELOAD = fileURLToPath(new URL('./preload/sandbox-preload.ts', import.meta.url));
/** `{"type": "module"}` above the translation folders inside the sandbox, as the project's package.json says. */
const PACKAGE_JSON = fileURLToPath(new URL('./preload/package.json', import.meta.url));

/** One sandboxed run: the file, its permissions, time scale and limits. */
export interface SandboxOptions {
  /** Absolute path of the translation. */
  file: string;
  /** The note's translation folder (holds `file`): the only part of notes/ the run sees. */
  folder: string;
  /** Permissions granted (not merely asked for: see permissions.ts). */
  allow: readonly Allow[];
  /** The OS sandbox; absent only in the explicit weak mode (`--weak-sandbox`). */
  jail?: JailContext;
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
  /** A kernel limit of the sandbox stopped it: `file size / disk space`, `CPU time`. */
  limit?: string;
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

/** Processes and threads a translation run may have (Node itself starts about a dozen threads). */
const NPROC = 96;
const PRLIMIT = ['/usr/bin/prlimit', '/bin/prlimit'].find((p) => existsSync(p));

/** Paths inside the sandbox of what a translation run needs (host paths in the weak mode). */
function layout(o: SandboxOptions, hostTmp: string) {
  if (!o.jail) return { file: o.file, folder: o.folder, preload: PRELOAD, root: o.root, tmp: hostTmp, node: o.node, binds: [] as Bind[], packageJson: undefined };
  const folder = join(INSIDE.root, 'notes', relative(dirname(o.folder), o.folder));
  const binds: Bind[] = [
    { src: o.node, dest: INSIDE.node },
    { src: join(o.root, 'node_modules'), dest: join(INSIDE.root, 'node_modules') },
    { src: PRELOAD, dest: join(INSIDE.root, 'preload', 'sandbox-preload.ts') },
    { src: o.folder, dest: folder },
    { src: o.jail.caFile, dest: INSIDE_CA },
    { src: PACKAGE_JSON, dest: join(INSIDE.root, 'notes', 'package.json') },
  ];
  return { file: join(folder, relative(o.folder, o.file)), folder, preload: binds[2]!.dest, root: INSIDE.root, tmp: INSIDE.tmp, node: INSIDE.node, binds, packageJson: binds[5]!.dest };
}

/** Runs a translation; never throws for anything the translation does. */
export async function runSandboxed(o: SandboxOptions): Promise<SandboxResult> {
  const hostTmp = join(mkdtempSync(join(o.tmpRoot, 'run-')), 'tmp');
  mkdirSync(hostTmp);
  const at = layout(o, hostTmp);
  const args = [
    '--permission',
    ...[at.folder, at.preload, join(at.root, 'node_modules', 'tinypool'), ...(at.packageJson ? [at.packageJson] : [])].map((p) => `--allow-fs-read=${p}`),
    `--allow-fs-write=${at.tmp}`,
    ...(o.allow.includes('worker') ? ['--allow-worker'] : []),
    ...(o.allow.includes('child-process') ? ['--allow-child-process'] : []),
    `--max-old-space-size=${o.heapMiB}`,
    '--disable-warning=SecurityWarning',
    '--disable-warning=ExperimentalWarning',
    '--import', at.preload,
    at.file,
  ];
  const started = performance.now();
  // A CPU-time limit enforced by the kernel: even if the check itself is killed with SIGKILL, a
  // busy loop dies on its own (generous: workers may keep two cores busy until the timeout).
  const cpuSeconds = Math.ceil((o.timeoutMs / 1000) * 2) + 5;
  // Only what the program needs; none of the caller's environment (CI tokens, HOME secrets).
  const env = {
    PATH: '/usr/bin:/bin', HOME: at.tmp, TMPDIR: at.tmp, LANG: 'C.UTF-8', TZ: 'UTC',
    SNIPPET_TIME_SCALE: String(o.timeScale), SNIPPET_TRACE_FD: '3', ...o.env,
    ...(o.jail ? { NODE_EXTRA_CA_CERTS: INSIDE_CA, SSL_CERT_FILE: INSIDE_CA, REQUESTS_CA_BUNDLE: INSIDE_CA } : {}),
  };
  const uid = o.jail?.uids.take();
  const [command, ...argv] = o.jail
    ? jailArgv({
      mode: o.jail.mode, uid: uid!, binds: at.binds, etc: o.jail.etc, env, infoFd: 4,
      // Caches of the build and of earlier checks: nothing a translation needs.
      hide: ['.cache', '.astro', '.vite'].filter((d) => existsSync(join(o.root, 'node_modules', d))).map((d) => join(INSIDE.root, 'node_modules', d)),
      limits: { cpuSeconds, nproc: 256, fileMiB: 16, tmpMiB: 64, nofile: 512 },
      argv: [at.node, ...args],
    })
    : PRLIMIT ? [PRLIMIT, `--cpu=${cpuSeconds}`, o.node, ...args] : [o.node, ...args];
  const child = spawn(command!, argv, {
    cwd: o.jail ? '/' : dirname(o.file),
    detached: true, // own process group: a timeout kills everything it started
    // fd 3: the preload's trace, a pipe rather than a file the program could edit; fd 4: bwrap's info.
    stdio: ['ignore', 'pipe', 'pipe', 'pipe', 'pipe'],
    env: o.jail ? { PATH: '/usr/bin:/bin' } : env,
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
  let info = '';
  (child.stdio[4] as NodeJS.ReadableStream).setEncoding('utf8').on('data', (d: string) => { info += d; });
  let timedOut = false;
  let memoryExceeded = false;
  let peakRssMiB = 0;
  // The sandbox's init: killing it takes down its whole pid namespace.
  const init = () => childPidOf(info);
  let closed = false;
  const kill = () => {
    // Once bwrap has exited, so has the sandbox's init (and its pid may belong to someone else).
    for (const target of closed ? [-child.pid!] : [init(), -child.pid!]) {
      try { if (target) process.kill(target, 'SIGKILL'); } catch { /* already gone */ }
    }
  };
  const timer = setTimeout(() => { timedOut = true; kill(); }, o.timeoutMs);
  let processes = 0;
  const watchdog = setInterval(() => {
    const tree = o.jail && init() ? treeStats(init()!) : undefined;
    processes = Math.max(processes, tree?.processes ?? 0);
    const rss = tree ? tree.rssMiB : o.jail ? 0 : readRssMiB(child.pid!);
    peakRssMiB = Math.max(peakRssMiB, rss);
    if (rss > o.rssMiB) { memoryExceeded = true; kill(); }
  }, 50);
  const [exitCode, signal] = await new Promise<[number | null, string | null]>((res) => {
    child.on('close', (code, sig) => res([code, sig]));
    child.on('error', () => res([null, null]));
  });
  closed = true;
  clearTimeout(timer);
  clearInterval(watchdog);
  kill(); // stray grandchildren (only possible with @allow child-process)
  untrack(child.pid);
  if (uid !== undefined) o.jail!.uids.give(uid);
  const wallMs = performance.now() - started;
  if (/Reached heap limit|JavaScript heap out of memory|ERR_WORKER_OUT_OF_MEMORY/.test(stderr)) memoryExceeded = true;
  // bwrap exits with 128 + the signal that killed the program.
  const died = signal ?? (exitCode !== null && exitCode > 128 ? ({ 152: 'SIGXCPU', 153: 'SIGXFSZ' } as Record<number, string>)[exitCode] : undefined);
  const limit = died === 'SIGXCPU' ? 'CPU time'
    : died === 'SIGXFSZ' || /\b(EFBIG|ENOSPC)\b/.test(stderr) ? 'file size / disk space'
    : processes >= NPROC - 8 || /\bEAGAIN\b.*spawn|Resource temporarily unavailable/.test(stderr) ? 'number of processes'
    : undefined;

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
    if (t.violation) violations.push(`${t.violation} ${t.target ?? ''}`.trim());
    if (t.exit && t.main && t.cpuMs !== undefined && t.wallMs) parallelism = t.cpuMs / t.wallMs;
  }
  if (violations.length === 0 && /ERR_ACCESS_DENIED/.test(stderr)) violations.push('permission denied');
  return {
    stdout, stderr, exitCode, signal, timedOut, memoryExceeded, ...(limit ? { limit } : {}), violations: [...new Set(violations)], wallMs,
    virtualSeconds: virtualMs / 1000, maxInFlight, requests, ...(parallelism === undefined ? {} : { parallelism }), workers, peakRssMiB, spans,
  };
}

/** Absolute project root (two levels above this file). */
export const PROJECT_ROOT = resolve(fileURLToPath(new URL('../..', import.meta.url)));
