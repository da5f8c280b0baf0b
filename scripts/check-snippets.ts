// npm run check:snippets — proves every Python block in notes/ has a TypeScript translation that
// type-checks, runs sandboxed under Node and prints what the note says; the Python original runs
// against the same fixture web for parity. Every run of contributed code (translation or Python
// original) happens inside the OS sandbox (snippets/jail.ts); without it the check refuses to run
// unless told `--weak-sandbox`, and never on CI. Options: see `--help`. Last line: the summary.
import { existsSync, mkdirSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { availableParallelism, tmpdir } from 'node:os';
import { dirname, join, relative, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';
import { parseArgs } from 'node:util';
import { problem, type Problem } from '../src/lib/problems.ts';
import type { TranslationFile } from './snippets/collect.ts';
import type { Outcome } from './snippets/evaluate.ts';
import { FIXTURE_HOSTS, FIXTURE_PAGES, startFixtureWeb, type FixtureServer } from './snippets/fixture-web.ts';
import { NETNS_ENV, probeNetns, runInNetns } from './snippets/netns.ts';
import type { PythonRunResult } from './snippets/python-runner.ts';
import type { SandboxResult } from './snippets/sandbox.ts';
import type { TypeDiagnostic } from './snippets/typecheck.ts';

const { values: opt } = parseArgs({
  options: {
    notes: { type: 'string' },
    results: { type: 'string' },
    'no-results': { type: 'boolean' },
    scale: { type: 'string', default: '0.1' },
    'latency-ms': { type: 'string', default: '100' },
    'timeout-ms': { type: 'string', default: '15000' },
    'python-timeout-ms': { type: 'string', default: '60000' },
    'heap-mib': { type: 'string', default: '256' },
    'rss-mib': { type: 'string', default: '512' },
    jobs: { type: 'string' },
    python: { type: 'string', default: '/usr/bin/python3' },
    'no-python': { type: 'boolean' },
    'fresh-python': { type: 'boolean' },
    'weak-sandbox': { type: 'boolean' },
    permissions: { type: 'string' },
    bench: { type: 'boolean' },
    help: { type: 'boolean' },
  },
});
if (opt.help) {
  console.log(`usage: node scripts/check-snippets.ts [--notes DIR] [--results FILE | --no-results] [--scale 0.1]
  [--latency-ms 100] [--timeout-ms 15000] [--python-timeout-ms 60000] [--heap-mib 256] [--rss-mib 512]
  [--jobs N] [--python /usr/bin/python3] [--no-python] [--fresh-python] [--permissions FILE] [--bench]
  [--weak-sandbox]  run untrusted code WITHOUT the OS sandbox (no bubblewrap here); refused on CI`);
  process.exit(0);
}

const started = performance.now();
const onCi = Boolean(process.env.CI) && process.env.CI !== 'false' && process.env.CI !== '0';
const weak = Boolean(opt['weak-sandbox']);
if (weak && onCi) refuse('--weak-sandbox is refused on CI (CI is set): CI runs strangers\' code only inside the sandbox');
const probe = process.env[NETNS_ENV] || weak ? undefined : probeNetns();
if (probe && 'reason' in probe) refuse(`no network namespace: ${probe.reason}`);

/** Stops before running anything: the sandbox cannot be set up and nobody asked for less. */
function refuse(reason: string): never {
  console.error([
    `sandbox: UNAVAILABLE: ${reason}`,
    '  The snippet check runs contributors\' code (translations and Python originals) and does not run it unsandboxed.',
    '  It needs Linux, bubblewrap (apt-get install bubblewrap), and root or unprivileged user namespaces.',
    `  ${onCi ? 'On CI there is no fallback: install what .ci/run installs.' : 'To run it anyway under Node\'s permission model only (weak, your machine at risk): npm run check:snippets -- --weak-sandbox'}`,
  ].join('\n'));
  process.exit(2);
}

if (probe && 'flags' in probe) {
  // Re-run this check inside an isolated network namespace; its exit code is ours.
  const hosts = join(mkdtempSync(join(tmpdir(), 'snippets-hosts-')), 'hosts');
  const script = fileURLToPath(import.meta.url);
  process.exitCode = await runInNetns([process.execPath, ...process.execArgv, script, ...process.argv.slice(2)], hosts, FIXTURE_HOSTS, probe.flags);
  rmSync(dirname(hosts), { recursive: true, force: true });
} else {
  process.exitCode = await check();
}

async function check(): Promise<number> {
  // Loaded here, not at the top: the outer process only re-executes itself in the namespace.
  const { formatProblem, sortProblems } = await import('../src/lib/problems.ts');
  const { notesDir: defaultNotesDir, notesDisplayDir } = (await import('../src/lib/site-config.ts')).siteConfig();
  const { collectPlan } = await import('./snippets/collect.ts');
  const { evaluate } = await import('./snippets/evaluate.ts');
  const { runPython } = await import('./snippets/python-runner.ts');
  const { PythonCache } = await import('./snippets/python-cache.ts');
  const { resultsJson, summaryLine, totals } = await import('./snippets/report.ts');
  const { PROJECT_ROOT: root, runSandboxed } = await import('./snippets/sandbox.ts');
  const { makeFixtureTls } = await import('./snippets/tls-ca.ts');
  const { typecheck } = await import('./snippets/typecheck.ts');
  const { killAll } = await import('./snippets/children.ts');
  const { probeJail, uidPool, writeJailEtc } = await import('./snippets/jail.ts');
  const { fixtureHostsFile } = await import('./snippets/netns.ts');
  const { decide, PERMISSIONS_FILE, readGrants } = await import('./snippets/permissions.ts');
  const notesDir = opt.notes ? resolve(opt.notes) : defaultNotesDir;
  const inNetns = Boolean(process.env[NETNS_ENV]);
  const scale = Number(opt.scale);
  const latencyMs = Number(opt['latency-ms']);
  const timeoutMs = Number(opt['timeout-ms']);
  const heapMiB = Number(opt['heap-mib']);
  const rssMiB = Number(opt['rss-mib']);
  const cores = availableParallelism();
  const jobs = Number(opt.jobs ?? Math.max(4, cores * 3));
  const tmpRoot = mkdtempSync(join(tmpdir(), 'snippets-'));
  const jailProbe = weak ? undefined : probeJail(tmpRoot);
  if (jailProbe && 'reason' in jailProbe) {
    rmSync(tmpRoot, { recursive: true, force: true });
    refuse(jailProbe.reason);
  }
  const jailMode = jailProbe && 'mode' in jailProbe ? jailProbe.mode : undefined;
  // Stopped from outside: take every translation and Python original down with us.
  process.on('exit', killAll);
  for (const signal of ['SIGINT', 'SIGTERM', 'SIGHUP'] as const) {
    process.on(signal, () => {
      killAll();
      rmSync(tmpRoot, { recursive: true, force: true });
      process.exit(128 + ({ SIGINT: 2, SIGTERM: 15, SIGHUP: 1 } as const)[signal]);
    });
  }
  const resultsPath = opt['no-results'] ? undefined
    : opt.results ? resolve(opt.results)
    : resolve(notesDir) === resolve(root, 'notes') ? join(root, 'src', 'data', 'snippet-results.json') : undefined;

  console.log(inNetns
    ? `network: isolated namespace (${process.env[NETNS_ENV]}; loopback only; fixture hosts resolve to the local fixture web via /etc/hosts)`
    : 'network: WEAKER FALLBACK, no network namespace (--weak-sandbox): translations are guarded by the preload only (fixture hosts remapped, other connections blocked in JS); Python originals are NOT isolated');
  console.log(jailMode
    ? `sandbox: bubblewrap (${jailMode === 'setpriv' ? 'a fresh unprivileged uid per run' : 'an unprivileged uid in a user namespace'}, no capabilities; read-only: interpreter, node_modules, the translation's folder; private /tmp; cleared environment; limits on time, CPU, memory, processes, file size, open files)`
    : '!!! sandbox: NONE (--weak-sandbox): contributors\' code runs as you, with your files; only Node\'s permission model guards translations !!!');
  console.log(`time scale ${scale} (1 s of the author's delays = ${1000 * scale} ms), fixture latency ${latencyMs} ms × scale, ${jobs} jobs on ${cores} cores`);

  const plan = collectPlan(notesDir, notesDisplayDir);
  const permissionsFile = opt.permissions ? resolve(opt.permissions) : PERMISSIONS_FILE;
  const grants = readGrants(permissionsFile);
  for (const t of plan.translations) t.granted = decide(t.path, t.allow, grants).granted;
  const typesPromise = timed(() => typecheck({ node: process.execPath, root, notesDir, tmpDir: tmpRoot }));
  const tls = makeFixtureTls(tmpRoot, FIXTURE_HOSTS);
  let fixture = await startFixtureWeb({ latencyMs: latencyMs * scale, httpPort: inNetns ? 80 : 0, httpsPort: inNetns ? 443 : 0, key: tls.key, cert: tls.cert });
  const childEnv = (f: FixtureServer): Record<string, string> => ({
    NODE_EXTRA_CA_CERTS: tls.caFile, SSL_CERT_FILE: tls.caFile, REQUESTS_CA_BUNDLE: tls.caFile,
    SNIPPET_FIXTURE_HOSTS: FIXTURE_HOSTS.join(','),
    // Each site's latency in the author's ms, for the timeline clock of the traces (preload, sitecustomize).
    SNIPPET_LATENCY_MS: FIXTURE_PAGES.flatMap((p) => [p.host, p.host.replace(/^www\./, '')].map((h) => `${h}:${latencyMs * p.latencyFactor}`)).join(','),
    ...(inNetns ? {} : { SNIPPET_PORT_MAP: `80:${f.httpPort},443:${f.httpsPort}` }),
  });
  const env = childEnv(fixture);
  const uids = uidPool(jobs * 2);
  const jail = jailMode
    ? { mode: jailMode, etc: writeJailEtc(join(tmpRoot, 'etc'), fixtureHostsFile(FIXTURE_HOSTS), uids.uids), caFile: tls.caFile, uids }
    : undefined;

  const runnable = plan.translations.filter((t) => t.block && t.mode === 'run' && !t.symlinks);
  const pythonRuns = new Map<string, Promise<PythonRunResult>>();
  const nodeRuns = new Map<TranslationFile, Promise<SandboxResult>>();
  const limit = pool(jobs);
  const cache = new PythonCache(root, { python: opt.python, scale, latencyMs, inNetns, jailMode }, Boolean(opt['fresh-python']));
  if (!opt['no-python']) {
    for (const t of runnable) {
      const b = t.block!;
      if (pythonRuns.has(b.hash)) continue;
      pythonRuns.set(b.hash, cache.get(b.hash, () => limit(() => runPython({ code: b.code, session: b.session, python: opt.python!, timeScale: scale, timeoutMs: Number(opt['python-timeout-ms']), env, tmpRoot, jail }))));
    }
  }
  for (const t of runnable) {
    nodeRuns.set(t, limit(() => runSandboxed({ file: t.abs, folder: t.folder, allow: t.granted ?? [], jail, node: process.execPath, root, timeScale: scale, timeoutMs, heapMiB, rssMiB, env, tmpRoot })));
  }
  const [types, typeMs] = await typesPromise;
  const runs = new Map<TranslationFile, SandboxResult>();
  for (const [t, p] of nodeRuns) runs.set(t, await p);
  const runsDoneMs = performance.now() - started;
  const pythons = new Map<string, PythonRunResult>();
  for (const [h, p] of pythonRuns) pythons.set(h, await p);
  cache.save();
  const fixtureStats = { ...fixture.stats };

  const typesOf = (t: TranslationFile, all: readonly TypeDiagnostic[]) => all.filter((d) => d.file === t.abs);
  const options = { timeoutMs, heapMiB, rssMiB, elapsedTolerance: 0.25, cores, pythonTimeoutMs: Number(opt['python-timeout-ms']), permissionsFile: relative(process.cwd(), permissionsFile) };
  const outcomes: Outcome[] = plan.translations.map((t) => {
    const skip = opt['no-python'] ? '--no-python'
      : t.mode === 'fragment' ? 'fragment: the Python block is incomplete, nothing to run'
      : !t.block ? 'stale' : undefined;
    return evaluate(t, typesOf(t, types), options, runs.get(t), t.block ? pythons.get(t.block.hash) : undefined, skip);
  });

  const problems: Problem[] = outcomes.flatMap((o) => o.problems);
  for (const b of plan.missing) {
    problems.push(problem({ file: b.note, line: b.line, column: b.column, severity: 'error', ruleId: 'snippet-missing', source: 'check-snippets',
      message: `python block ${b.hash}${b.session ? ' (session)' : ''} has no translation: add ${b.note.replace(/\.md$/i, '')}/<name>.ts with "@python ${b.hash}"` }));
  }
  const claimed = new Set(plan.translations.map((t) => t.abs));
  for (const d of types.filter((d) => !claimed.has(d.file))) {
    const helper = plan.helpers.find((h) => h.abs === d.file);
    problems.push(problem({ file: helper?.note ?? 'notes', line: 1, column: 1, severity: 'error', ruleId: 'snippet-type', source: 'check-snippets',
      message: `type error at ${d.file ? relative(root, d.file) : ''}:${d.line}:${d.column} ${d.message}` }));
  }

  let bench = '';
  if (opt.bench && runnable.length > 0) {
    // The same translations one after another at real delays and real latency: what the check saves.
    await fixture.close();
    fixture = await startFixtureWeb({ latencyMs, httpPort: inNetns ? 80 : 0, httpsPort: inNetns ? 443 : 0, key: tls.key, cert: tls.cert });
    const benchEnv = childEnv(fixture);
    const b0 = performance.now();
    for (const t of runnable) {
      await runSandboxed({ file: t.abs, folder: t.folder, allow: t.granted ?? [], jail, node: process.execPath, root, timeScale: 1, timeoutMs: 120_000, heapMiB, rssMiB, env: benchEnv, tmpRoot });
    }
    const sequentialMs = performance.now() - b0;
    bench = `bench: ${runnable.length} translations one after another at real delays took ${(sequentialMs / 1000).toFixed(1)} s; the check ran them in ${(runsDoneMs / 1000).toFixed(1)} s: ${(sequentialMs / runsDoneMs).toFixed(1)}× faster`;
  }
  await fixture.close();

  // Timeline traces of the real notes' runs, beside the results (src/data/traces/, see traces.ts).
  if (resultsPath) {
    const { saveTrace, toTrace } = await import('./snippets/traces.ts');
    const dir = join(dirname(resultsPath), 'traces');
    const saved = { written: 0, kept: 0 };
    // The results file as the previous check left it: a translation whose code changed since gets a new trace.
    let before: Record<string, { source?: string; python?: string }> = {};
    try { if (existsSync(resultsPath)) before = JSON.parse(readFileSync(resultsPath, 'utf8')) as typeof before; } catch { /* unreadable: nothing to compare */ }
    for (const o of outcomes) {
      const block = o.t.block?.hash;
      const changed = before[o.t.path] !== undefined && (before[o.t.path]!.source !== o.t.source || before[o.t.path]!.python !== (o.t.python ?? ''));
      // Only complete, passing runs: a timed-out or failing run would draw a partial picture.
      const nodeOk = o.run && o.status === 'checked';
      const pythonOk = o.python && !o.python.skipped && !o.python.timedOut && !o.python.error && !o.python.limit && !o.python.violations?.length && o.python.exitCode === 0;
      for (const tr of [nodeOk && toTrace(o.run!.spans, o.t.path, 'node', block), pythonOk && toTrace(o.python!.spans ?? [], o.t.path, 'python', block)]) {
        // A trace of thousands of bars (5,000 thread-pool jobs) draws nothing readable: not kept.
        if (tr && tr.spans.length <= 1000) saved[saveTrace(dir, tr, changed)]++;
      }
    }
    console.log(`traces: ${saved.written} written, ${saved.kept} unchanged in ${relative(process.cwd(), dir)}`);
  }

  let resultsNote = resultsPath ? `results: ${relative(process.cwd(), resultsPath)}` : '';
  if (resultsPath) {
    try {
      mkdirSync(dirname(resultsPath), { recursive: true });
      let previous = {};
      try { if (existsSync(resultsPath)) previous = JSON.parse(readFileSync(resultsPath, 'utf8')) as typeof previous; } catch { /* unreadable: start afresh */ }
      writeFileSync(resultsPath, `${JSON.stringify(resultsJson(outcomes, scale, previous), null, 2)}\n`);
    } catch (error) {
      resultsNote = `results NOT written: ${(error as Error).message}`;
      problems.push(problem({ file: relative(process.cwd(), resultsPath), line: 1, column: 1, severity: 'error', ruleId: 'snippet-results', message: resultsNote, source: 'check-snippets' }));
    }
  }

  for (const o of [...outcomes].sort((a, b) => a.t.path.localeCompare(b.t.path))) {
    const mark = { checked: 'ok  ', fragment: 'frag', failed: 'FAIL', stale: 'STALE' }[o.status];
    console.log(`${mark} ${o.t.path}${o.evidence.length ? `: ${o.evidence.join('; ')}` : ''}`);
  }
  for (const o of outcomes) {
    if (o.parity === 'skipped' && o.parityReason && o.t.block) console.log(`parity skipped: ${o.t.path}: ${o.parityReason}`);
  }
  for (const p of sortProblems(problems)) console.log(formatProblem(p));
  const ran = [...runs.values()];
  const py = [...pythons.values()];
  const fresh = py.filter((r) => !r.cached);
  console.log(`timings: type-check ${(typeMs / 1000).toFixed(1)} s; node runs sum ${sum(ran.map((r) => r.wallMs / 1000)).toFixed(1)} s; python runs sum ${sum(fresh.map((r) => r.wallMs / 1000)).toFixed(1)} s (slowest ${Math.max(0, ...fresh.map((r) => r.wallMs / 1000)).toFixed(1)} s; ${cache.hits} of ${py.length} reused from ${relative(root, cache.file)}, --fresh-python reruns them); fixture web served ${fixtureStats.requests} requests, max ${fixtureStats.maxInFlight} in flight; wall ${((performance.now() - started) / 1000).toFixed(1)} s`);
  if (bench) console.log(bench);
  if (resultsNote) console.log(resultsNote);
  rmSync(tmpRoot, { recursive: true, force: true });

  const t = totals(plan, outcomes);
  console.log(summaryLine(t));
  return t.missing > 0 || t.stale > 0 || t.failed > 0 || problems.length > 0 ? 1 : 0;
}

/** Runs at most `n` tasks at once. */
function pool(n: number) {
  let active = 0;
  const queue: (() => void)[] = [];
  return <T>(task: () => Promise<T>): Promise<T> => new Promise<T>((resolveTask, reject) => {
    const start = () => {
      active++;
      task().then(resolveTask, reject).finally(() => {
        active--;
        queue.shift()?.();
      });
    };
    if (active < n) start();
    else queue.push(start);
  });
}

async function timed<T>(f: () => Promise<T>): Promise<[T, number]> {
  const t0 = performance.now();
  const v = await f();
  return [v, performance.now() - t0];
}

function sum(xs: number[]): number {
  return xs.reduce((a, b) => a + b, 0);
}
