// Runs a Python original (a script, or an interactive `>>>` session) with the same time scale and
// fixture web as its translation, for parity.
import { spawn } from 'node:child_process';
import { setPriority } from 'node:os';
import { track, untrack } from './children.ts';
import { mkdtempSync, readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
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
  if (!o.session) writeFileSync(script, o.code);
  const started = performance.now();
  const child = spawn(o.python, o.session ? ['-i', '-q', '-u'] : ['-u', script], {
    cwd: tmp,
    detached: true,
    stdio: [o.session ? 'pipe' : 'ignore', 'pipe', 'pipe'],
    env: {
      PATH: process.env.PATH ?? '/usr/bin:/bin', HOME: tmp, TMPDIR: tmp, LANG: 'C.UTF-8', TZ: process.env.TZ ?? 'UTC',
      PYTHONPATH: SITECUSTOMIZE_DIR, PYTHONDONTWRITEBYTECODE: '1', SNIPPET_TIME_SCALE: String(o.timeScale),
      SNIPPET_TRACE: join(tmp, 'trace.jsonl'), ...o.env,
    },
  });
  // Below the check itself: a CPU hog cannot starve the fixture web or the watchdogs.
  track(child.pid);
  try { if (child.pid) setPriority(child.pid, 10); } catch { /* already gone */ }
  if (o.session) child.stdin!.on('error', () => { /* python missing or exited early */ }).end(sessionInput(o.code));
  let stdout = '';
  let stderr = '';
  child.stdout!.setEncoding('utf8').on('data', (d: string) => { if (stdout.length < 1 << 20) stdout += d; });
  child.stderr!.setEncoding('utf8').on('data', (d: string) => { if (stderr.length < 1 << 20) stderr += d; });
  let timedOut = false;
  const timer = setTimeout(() => {
    timedOut = true;
    try { process.kill(-child.pid!, 'SIGKILL'); } catch { /* gone */ }
  }, o.timeoutMs);
  let spawnError: string | undefined;
  const exitCode = await new Promise<number | null>((res) => {
    child.on('close', (code) => res(code));
    child.on('error', (e) => { spawnError = e.message; res(null); });
  });
  clearTimeout(timer);
  try { process.kill(-child.pid!, 'SIGKILL'); } catch { /* gone */ }
  untrack(child.pid);
  const wallMs = performance.now() - started;
  // Interactive prompts (`>>> `, `... `) go to stderr; keep only real errors.
  const errors = stderr.replace(/^(?:(?:>>>|\.\.\.) ?)+/gm, '');
  const missing = /ModuleNotFoundError: No module named '([^']+)'/.exec(errors);
  const traceback = /Traceback \(most recent call last\):[\s\S]*?\n(\w+(?:Error|Exception)[^\n]*)/.exec(errors);
  let maxInFlight = 0;
  const spans: RawSpan[] = [];
  try {
    for (const line of readFileSync(join(tmp, 'trace.jsonl'), 'utf8').split('\n').filter(Boolean)) {
      let r: Record<string, unknown>;
      try { r = JSON.parse(line) as Record<string, unknown>; } catch { continue; }
      if (typeof r.maxInFlight === 'number') maxInFlight = Math.max(maxInFlight, r.maxInFlight);
      const span = spanOf(r);
      if (span && spans.length < 5000) spans.push(span);
    }
  } catch { /* no trace: killed, or never started */ }
  return {
    stdout, stderr: errors, exitCode, timedOut, wallMs, maxInFlight, spans,
    ...(missing ? { skipped: `python module ${missing[1]} is not installed for ${o.python}` } : {}),
    ...(spawnError ? { skipped: `cannot start ${o.python}: ${spawnError}` } : {}),
    ...(traceback ? { error: traceback[1] } : {}),
  };
}
