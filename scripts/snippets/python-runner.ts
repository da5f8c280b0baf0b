// Runs a Python original (a script, or an interactive `>>>` session) with the same time scale and
// fixture web as its translation, for parity, inside the same OS sandbox (jail.ts).
import { spawn } from 'node:child_process';
import { setPriority } from 'node:os';
import { track, untrack } from './children.ts';
import { chmodSync, mkdtempSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { childPidOf, INSIDE, INSIDE_CA, jailArgv, treeStats, type JailContext } from './jail.ts';

/**
 * Python's limits. The kernel counts threads as processes, and a note runs a 5,000-worker thread
 * pool: the rlimit is a backstop, and a watchdog stops the run at {@link MAX_PROCESSES} processes
 * (a fork bomb) or {@link RSS_MIB} of resident memory summed over the tree (shared pages counted per process).
 */
const NPROC = 6000;
const MAX_PROCESSES = 32;
const RSS_MIB = 4096;
import { fileURLToPath } from 'node:url';
import { spanOf, type RawSpan } from './traces.ts';

/** Folder holding the `sitecustomize.py` that scales `time.sleep` / `asyncio.sleep`. */
export const SITECUSTOMIZE_DIR = fileURLToPath(new URL('./python/', import.meta.url));

/** One Python run: the block, the interpreter, time scale, limits and environment. */
export interface PythonRunOptions {
  code: string;
  session: boolean;
  python: string;
  timeScale: number;
  timeoutMs: number;
  env: Record<string, string>;
  tmpRoot: string;
  /** The OS sandbox; absent only in the explicit weak mode. */
  jail?: JailContext;
}

/** Outcome of one Python run; `skipped` explains why parity could not be checked. */
export interface PythonRunResult {
  stdout: string;
  stderr: string;
  exitCode: number | null;
  timedOut: boolean;
  wallMs: number;
  /** Reason the original cannot run here (missing module), if any. */
  skipped?: string;
  /** Last line of a traceback, if the original raised. */
  error?: string;
  /** Most sockets waiting for a reply at once (1 = sequential I/O); 0 without network use. */
  maxInFlight: number;
  /** What the audit hook saw the program try outside its sandbox (`ChildProcess sh`, `FileSystemRead /etc/passwd`). */
  violations?: string[];
  /** A kernel limit stopped it (CPU time, file size), or it ran out of processes. */
  limit?: string;
  signal?: string | null;
  /** Tasks, threads, pool jobs and sleeps as the sitecustomize hooks saw them (timeline diagrams). */
  spans?: RawSpan[];
  /** Reused from the cache of an earlier run of the same block under the same conditions. */
  cached?: boolean;
}

/** Turns a `>>>` session into interpreter input: prompts removed, blank lines end compound statements. */
export function sessionInput(code: string): string {
  const out: string[] = [];
  for (const line of code.split('\n')) {
    if (line.startsWith('>>> ') || line === '>>>') {
      // A new statement: close any open block first.
      if (out.length > 0 && out[out.length - 1] !== '') out.push('');
      out.push(line.slice(4));
    } else if (line.startsWith('... ') || line === '...') out.push(line.slice(4));
    else if (line.trim() === '') out.push('');
    // Other lines are recorded output of the session: not input.
  }
  return `${out.join('\n')}\n\n`;
}

/** Runs the original with `/usr/bin/python3`; sessions go through `python3 -i` on stdin. */
export async function runPython(o: PythonRunOptions): Promise<PythonRunResult> {
  const tmp = mkdtempSync(join(o.tmpRoot, 'py-'));
  const script = join(tmp, 'snippet.py');
  if (!o.session) writeFileSync(script, o.code, { mode: 0o644 });
  chmodSync(tmp, 0o755); // bound read-only into the sandbox, where the program runs as another uid
  const inside = o.jail
    ? { script: join(INSIDE.root, 'snippet', 'snippet.py'), site: join(INSIDE.root, 'python'), tmp: INSIDE.tmp }
    : { script, site: SITECUSTOMIZE_DIR, tmp };
  const cpuSeconds = Math.ceil((o.timeoutMs / 1000) * 2) + 5;
  const env = {
    PATH: '/usr/bin:/bin', HOME: inside.tmp, TMPDIR: inside.tmp, LANG: 'C.UTF-8', TZ: 'UTC',
    PYTHONPATH: inside.site, PYTHONDONTWRITEBYTECODE: '1', SNIPPET_TIME_SCALE: String(o.timeScale),
    SNIPPET_TRACE_FD: '3',
    // What the audit hook lets the program touch without reporting it.
    SNIPPET_ALLOW_READ: ['/usr/', '/etc/ssl/', '/etc/hosts', '/etc/nsswitch.conf', '/dev/', '/proc/self/', `${inside.site}/`, `${inside.tmp}/`, inside.script, o.jail ? `${INSIDE.root}/` : '/etc/'].join(':'),
    SNIPPET_ALLOW_WRITE: [`${inside.tmp}/`, '/dev/null'].join(':'),
    ...o.env,
    ...(o.jail ? { SSL_CERT_FILE: INSIDE_CA, REQUESTS_CA_BUNDLE: INSIDE_CA } : {}),
  };
  const args = o.session ? ['-i', '-q', '-u'] : ['-u', inside.script];
  const uid = o.jail?.uids.take();
  const [command, ...argv] = o.jail
    ? jailArgv({
      mode: o.jail.mode, uid: uid!, etc: o.jail.etc, env, infoFd: 4,
      binds: [
        { src: SITECUSTOMIZE_DIR, dest: inside.site },
        { src: tmp, dest: join(INSIDE.root, 'snippet') },
        { src: o.jail.caFile, dest: INSIDE_CA },
      ],
      limits: { cpuSeconds, nproc: NPROC, fileMiB: 16, tmpMiB: 64, nofile: 512, addressSpaceMiB: 65536 },
      argv: [o.python, ...args],
    })
    : [o.python, ...args];
  const started = performance.now();
  const child = spawn(command!, argv, {
    cwd: o.jail ? '/' : tmp,
    detached: true,
    // fd 3: the sitecustomize trace (JSON lines), fd 4: bwrap's info.
    stdio: [o.session ? 'pipe' : 'ignore', 'pipe', 'pipe', 'pipe', 'pipe'],
    env: o.jail ? { PATH: '/usr/bin:/bin' } : env,
  });
  // Below the check itself: a CPU hog cannot starve the fixture web or the watchdogs.
  track(child.pid);
  try { if (child.pid) setPriority(child.pid, 10); } catch { /* already gone */ }
  if (o.session) child.stdin!.on('error', () => { /* python missing or exited early */ }).end(sessionInput(o.code));
  let stdout = '';
  let stderr = '';
  let trace = '';
  let info = '';
  child.stdout!.setEncoding('utf8').on('data', (d: string) => { if (stdout.length < 1 << 20) stdout += d; });
  child.stderr!.setEncoding('utf8').on('data', (d: string) => { if (stderr.length < 1 << 20) stderr += d; });
  (child.stdio[3] as NodeJS.ReadableStream).setEncoding('utf8').on('data', (d: string) => { if (trace.length < 1 << 22) trace += d; });
  (child.stdio[4] as NodeJS.ReadableStream).setEncoding('utf8').on('data', (d: string) => { info += d; });
  let closed = false;
  const kill = () => {
    // Once bwrap has exited, so has the sandbox's init (and its pid may belong to someone else).
    for (const target of closed ? [-child.pid!] : [childPidOf(info), -child.pid!]) {
      try { if (target) process.kill(target, 'SIGKILL'); } catch { /* gone */ }
    }
  };
  let timedOut = false;
  const timer = setTimeout(() => { timedOut = true; kill(); }, o.timeoutMs);
  let processes = 0;
  let memoryExceeded = false;
  const watchdog = setInterval(() => {
    const init = childPidOf(info);
    if (!init) return;
    const tree = treeStats(init);
    processes = Math.max(processes, tree.processes);
    if (tree.rssMiB > RSS_MIB) memoryExceeded = true;
    if (processes >= MAX_PROCESSES || memoryExceeded) kill();
  }, 100);
  let spawnError: string | undefined;
  const [exitCode, signal] = await new Promise<[number | null, string | null]>((res) => {
    child.on('close', (code, sig) => res([code, sig]));
    child.on('error', (e) => { spawnError = e.message; res([null, null]); });
  });
  closed = true;
  clearTimeout(timer);
  clearInterval(watchdog);
  kill();
  untrack(child.pid);
  if (uid !== undefined) o.jail!.uids.give(uid);
  const wallMs = performance.now() - started;
  // Interactive prompts (`>>> `, `... `) go to stderr; keep only real errors.
  const errors = stderr.replace(/^(?:(?:>>>|\.\.\.) ?)+/gm, '');
  const missing = /ModuleNotFoundError: No module named '([^']+)'/.exec(errors);
  const traceback = /Traceback \(most recent call last\):[\s\S]*?\n(\w+(?:Error|Exception)[^\n]*)/.exec(errors);
  let maxInFlight = 0;
  const violations: string[] = [];
  const spans: RawSpan[] = [];
  for (const line of trace.split('\n')) {
    if (!line.startsWith('{')) continue;
    let r: Record<string, unknown>;
    try { r = JSON.parse(line) as Record<string, unknown>; } catch { continue; /* a line cut by a kill */ }
    if (typeof r.maxInFlight === 'number') maxInFlight = Math.max(maxInFlight, r.maxInFlight);
    if (typeof r.violation === 'string') violations.push(`${r.violation} ${typeof r.target === 'string' ? r.target : ''}`.trim());
    const span = spanOf(r);
    if (span && spans.length < 5000) spans.push(span);
  }
  // The process died of a kernel limit (the sandbox inits exit with the program's status + 128).
  const died = signal ?? (exitCode !== null && exitCode > 128 ? ({ 137: 'SIGKILL', 152: 'SIGXCPU', 153: 'SIGXFSZ' } as Record<number, string>)[exitCode] : undefined);
  // Processes first: a fork bomb's tree also sums past the memory cap (each copy's shared pages
  // count again) when the watchdog samples it late on a loaded machine; its cause is the forking.
  const limit = processes >= MAX_PROCESSES ? 'number of processes' : memoryExceeded ? 'memory' : died === 'SIGXCPU' ? 'CPU time'
    : died === 'SIGXFSZ' || /File too large|No space left on device/.test(errors) ? 'file size / disk space'
    : /BlockingIOError: \[Errno 11\]|can't start new thread|Resource temporarily unavailable/.test(errors) ? 'number of processes'
    : /MemoryError/.test(errors) ? 'address space'
    : undefined;
  return {
    stdout, stderr: errors, exitCode, signal, timedOut, wallMs, maxInFlight, spans,
    ...(violations.length > 0 ? { violations: [...new Set(violations)] } : {}),
    ...(limit ? { limit } : {}),
    ...(missing ? { skipped: `python module ${missing[1]} is not installed for ${o.python}` } : {}),
    ...(spawnError ? { skipped: `cannot start ${o.python}: ${spawnError}` } : {}),
    ...(traceback ? { error: traceback[1] } : {}),
  };
}
