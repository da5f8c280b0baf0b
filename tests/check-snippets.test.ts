// Runs the snippet check as a CLI on the hostile fixture notes (tests/snippets/hostile) and, once,
// on the real notes; asserts the exact messages, the results file and the exit codes.
import { spawnSync } from 'node:child_process';
import { existsSync, mkdtempSync, readFileSync, rmSync, symlinkSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, test } from 'vitest';

const cli = (args: string[], env: Record<string, string> = {}) => {
  const r = spawnSync(process.execPath, ['scripts/check-snippets.ts', ...args], {
    encoding: 'utf8', env: { ...process.env, ...env }, timeout: 240_000,
  });
  return { code: r.status, lines: `${r.stdout}${r.stderr}`.trimEnd().split('\n'), stdout: r.stdout };
};

describe('check:snippets on hostile translations', () => {
  const dir = 'tests/snippets/hostile';
  const results = join(mkdtempSync(join(tmpdir(), 'snippets-test-')), 'results.json');
  let run: ReturnType<typeof cli>;
  beforeAll(() => {
    run = cli(['--notes', dir, '--results', results, '--timeout-ms', '20000', '--heap-mib', '64', '--rss-mib', '256', '--latency-ms', '3000', '--fresh-python'], { NOTES_DISPLAY_DIR: dir });
  }, 240_000);
  afterAll(() => rmSync(join(results, '..'), { recursive: true, force: true }));
  const problem = (note: string, rule: string) => run.lines.filter((l) => l.startsWith(`${dir}/${note}.md:`) && l.endsWith(`[${rule}]`));

  test('ends with the summary line and exits non-zero', () => {
    expect(run.lines.at(-1)).toBe('snippets: 19 python blocks, 17 translated, 17 ran, 0 fragments, 16 parity-checked, 2 stale, 13 failed');
    expect(run.code).toBe(1);
  });

  test('says which network isolation and which sandbox it used', () => {
    expect(run.lines[0]).toMatch(/^network: isolated namespace \(unshare /);
    expect(run.lines[1]).toMatch(/^sandbox: bubblewrap \(/);
  });

  test.each([
    ['hang', 'snippet-timeout', 'tests/snippets/hostile/hang.md:3:1 error: tests/snippets/hostile/hang/busy-loop.ts: timed out after 20 s: killed [snippet-timeout]'],
    ['alloc', 'snippet-memory', 'tests/snippets/hostile/alloc.md:3:1 error: tests/snippets/hostile/alloc/unbounded.ts: exceeded the memory cap (64 MiB heap, 256 MiB resident): killed [snippet-memory]'],
    ['alloc-offheap', 'snippet-memory', 'tests/snippets/hostile/alloc-offheap.md:3:1 error: tests/snippets/hostile/alloc-offheap/buffers.ts: exceeded the memory cap (64 MiB heap, 256 MiB resident): killed [snippet-memory]'],
    ['write-outside', 'snippet-sandbox', 'tests/snippets/hostile/write-outside.md:3:1 error: tests/snippets/hostile/write-outside/escape.ts: sandbox violation: FileSystemWrite /etc/snippet-check-hostile.txt [snippet-sandbox]'],
    ['read-outside', 'snippet-sandbox', 'tests/snippets/hostile/read-outside.md:3:1 error: tests/snippets/hostile/read-outside/peek.ts: sandbox violation: FileSystemRead /etc/hostname [snippet-sandbox]'],
    ['read-caught', 'snippet-sandbox', 'tests/snippets/hostile/read-caught.md:3:1 error: tests/snippets/hostile/read-caught/quiet-peek.ts: sandbox violation: FileSystemRead /root/.ssh/id_rsa [snippet-sandbox]'],
    ['spawn', 'snippet-sandbox', 'tests/snippets/hostile/spawn.md:3:1 error: tests/snippets/hostile/spawn/shell-out.ts: sandbox violation: ChildProcess id [snippet-sandbox]'],
    ['network', 'snippet-sandbox', 'tests/snippets/hostile/network.md:3:1 error: tests/snippets/hostile/network/phone-home.ts: sandbox violation: network 203.0.113.7:80 [snippet-sandbox]'],
    ['type-error', 'snippet-type', "tests/snippets/hostile/type-error.md:3:1 error: tests/snippets/hostile/type-error/add.ts: type error at tests/snippets/hostile/type-error/add.ts:7:7 TS2322: Type 'string' is not assignable to type 'number'. [snippet-type]"],
    ['elapsed-wrong', 'snippet-elapsed', 'tests/snippets/hostile/elapsed-wrong.md:5:1 error: tests/snippets/hostile/elapsed-wrong/sequential.ts: @elapsed 2 but the critical path of its delays is 3 s (concurrent ≈ max, sequential ≈ sum) [snippet-elapsed]'],
    ['good', 'snippet-missing', 'tests/snippets/hostile/good.md:5:1 error: python block sha256:e789a2e5f0d5de2b has no translation: add tests/snippets/hostile/good/<name>.ts with "@python sha256:e789a2e5f0d5de2b" [snippet-missing]'],
    ['stale', 'snippet-stale', 'tests/snippets/hostile/stale.md:3:1 error: tests/snippets/hostile/stale/countdown.ts: stale translation: its @python sha256:0000000000000000 matches no block; this block (sha256:121dc4858170c0f3) looks like the one it translated before it changed (similarity 0.22): update the translation and its @python hash [snippet-stale]'],
  ])('reports %s as %s', (note, rule, message) => {
    expect(problem(note, rule)).toEqual([message]);
  });

  test('reports a translation that serialises I/O the Python original runs concurrently (structural, not timed)', () => {
    // How many of the three threads overlap depends on scheduling: 2 or 3, never 1 (they meet at a barrier).
    expect(problem('serialized', 'snippet-concurrency')).toEqual([expect.stringMatching(
      /^tests\/snippets\/hostile\/serialized\.md:5:1 error: tests\/snippets\/hostile\/serialized\/one-by-one\.ts: the Python original had [23] requests in flight at once, the translation only 1: it runs the I\/O sequentially \[snippet-concurrency\]$/,
    )]);
  });

  test('reports a translation whose note is gone as stale, at the translation', () => {
    expect(run.lines).toContain('tests/snippets/hostile/renamed-note/orphan.ts:1:1 error: tests/snippets/hostile/renamed-note/orphan.ts: stale translation: it is not beside any published note (expected tests/snippets/hostile/renamed-note.md): was the note renamed, removed or left out of the site? [snippet-stale]');
  });

  test('shows a diff for wrong output', () => {
    const at = run.lines.indexOf('tests/snippets/hostile/wrong-output.md:3:1 error: tests/snippets/hostile/wrong-output/hello.ts: output differs from its // Output: (- expected, + actual)');
    expect(at).toBeGreaterThan(0);
    expect(run.lines.slice(at + 1, at + 4)).toEqual(['      hello', '    + World!', '    - world [snippet-output]']);
  });

  test('fails parity when the Python original prints something else, with a diff', () => {
    const at = run.lines.indexOf("tests/snippets/hostile/parity-mismatch.md:3:1 error: tests/snippets/hostile/parity-mismatch/sum.ts: parity: the Python original's output differs from // Python output: (- expected, + python)");
    expect(run.lines.slice(at + 1, at + 3)).toEqual(['    + 285', '    - 286 [snippet-parity]']);
  });

  test('skips parity with the reason when the original needs a missing module', () => {
    expect(run.lines).toContain('parity skipped: tests/snippets/hostile/missing-module/imported.ts: python module snippet_check_no_such_module is not installed for /usr/bin/python3');
  });

  test('passes translations that behave: timing by the critical path, session parity through the fixture web', () => {
    expect(run.lines.find((l) => l.includes('good/gather.ts:'))).toMatch(/^ok {3}.*critical path 2 s; @elapsed 2: matches the critical path/);
    expect(run.lines.find((l) => l.includes('session/squares.ts:'))).toMatch(/^ok {3}.*1 HTTP requests, max 1 in flight; python .* \(passed\)$/);
  });

  test('writes the results the site renders', () => {
    const json = JSON.parse(readFileSync(results, 'utf8')) as Record<string, Record<string, unknown>>;
    expect(json['tests/snippets/hostile/good/gather.ts']).toMatchObject({
      python: 'sha256:b3d128a0c2f6da5f', note: 'tests/snippets/hostile/good.md', line: 11, mode: 'run',
      status: 'checked', parity: 'passed', output: 'hello\nworld\n', pythonOutput: 'hello\nworld\n',
    });
    expect(json['tests/snippets/hostile/stale/countdown.ts']).toMatchObject({ status: 'failed', stale: true, line: 3 });
    expect(json['tests/snippets/hostile/missing-module/imported.ts']).toMatchObject({ status: 'checked', parity: 'skipped' });
  });

  test('leaves nothing behind outside its temporary folders', () => {
    expect(() => readFileSync('/etc/snippet-check-hostile.txt')).toThrow();
  });
});

describe('check:snippets without the OS sandbox', () => {
  test('with --weak-sandbox it says loudly it is weaker, still serves the fixture web and still blocks other hosts', () => {
    const dir = 'tests/snippets/fallback';
    const r = cli(['--notes', dir, '--no-results', '--weak-sandbox', '--fresh-python'], { NOTES_DISPLAY_DIR: dir, CI: '' });
    expect(r.lines[0]).toBe('network: WEAKER FALLBACK, no network namespace (--weak-sandbox): translations are guarded by the preload only (fixture hosts remapped, other connections blocked in JS); Python originals are NOT isolated');
    expect(r.lines[1]).toBe("!!! sandbox: NONE (--weak-sandbox): contributors' code runs as you, with your files; only Node's permission model guards translations !!!");
    expect(r.lines.find((l) => l.includes('read-two-sites.ts:'))).toMatch(/^ok {3}.*2 HTTP requests, max 1 in flight; python .* \(passed\)$/);
    expect(r.lines).toContain('tests/snippets/fallback/fetch.md:11:1 error: tests/snippets/fallback/fetch/phone-home.ts: sandbox violation: network 203.0.113.7:80 [snippet-sandbox]');
    expect(r.lines.at(-1)).toBe('snippets: 2 python blocks, 2 translated, 2 ran, 0 fragments, 2 parity-checked, 0 stale, 1 failed');
    expect(r.code).toBe(1);
  }, 120_000);

  test('refuses --weak-sandbox on CI, before running anything', () => {
    const r = cli(['--notes', 'tests/snippets/fallback', '--no-results', '--weak-sandbox'], { CI: 'true' });
    expect(r.lines).toEqual([
      "sandbox: UNAVAILABLE: --weak-sandbox is refused on CI (CI is set): CI runs strangers' code only inside the sandbox",
      "  The snippet check runs contributors' code (translations and Python originals) and does not run it unsandboxed.",
      '  It needs Linux, bubblewrap (apt-get install bubblewrap), and root or unprivileged user namespaces.',
      '  On CI there is no fallback: install what .ci/run installs.',
    ]);
    expect(r.code).toBe(2);
  }, 120_000);

  test('without bubblewrap it stops with a loud message and the way out, unless on CI', () => {
    // A PATH with what the network namespace needs but no bwrap.
    const bin = mkdtempSync(join(tmpdir(), 'no-bwrap-'));
    for (const tool of ['unshare', 'ip', 'mount', 'bash', 'openssl']) {
      const found = ['/usr/bin', '/usr/sbin', '/bin', '/sbin'].map((d) => join(d, tool)).find((p) => existsSync(p));
      if (found) symlinkSync(found, join(bin, tool));
    }
    try {
      for (const [ci, wayOut] of [['', "  To run it anyway under Node's permission model only (weak, your machine at risk): npm run check:snippets -- --weak-sandbox"], ['true', '  On CI there is no fallback: install what .ci/run installs.']] as const) {
        const r = cli(['--notes', 'tests/snippets/fallback', '--no-results'], { PATH: bin, CI: ci });
        expect(r.lines.filter((l) => !l.startsWith('network:'))).toEqual([
          'sandbox: UNAVAILABLE: bubblewrap (bwrap) is not installed: apt-get install bubblewrap',
          "  The snippet check runs contributors' code (translations and Python originals) and does not run it unsandboxed.",
          '  It needs Linux, bubblewrap (apt-get install bubblewrap), and root or unprivileged user namespaces.',
          wayOut,
        ]);
        expect(r.code).toBe(2);
      }
    } finally {
      rmSync(bin, { recursive: true, force: true });
    }
  }, 240_000);
});

describe('check:snippets on the notes', () => {
  test('runs every translation, ends with the summary line, and a second check writes a byte-identical results file', () => {
    const results = join(mkdtempSync(join(tmpdir(), 'snippets-seeds-')), 'results.json');
    try {
      // A generous timeout: this is about determinism, and a loaded machine must not turn a run into a timeout.
      const r = cli(['--results', results, '--timeout-ms', '60000', '--python-timeout-ms', '180000']);
      const last = r.lines.at(-1)!;
      expect(last).toMatch(/^snippets: \d+ python blocks, \d+ translated, \d+ ran, \d+ fragments, \d+ parity-checked, \d+ stale, \d+ failed$/);
      const [, python, translated, , , , stale, failed] = /(\d+) python blocks, (\d+) translated, (\d+) ran, (\d+) fragments, (\d+) parity-checked, (\d+) stale, (\d+) failed/.exec(last)!;
      expect(r.code).toBe(python === translated && stale === '0' && failed === '0' ? 0 : 1);
      const first = readFileSync(results, 'utf8');
      const again = cli(['--results', results, '--timeout-ms', '60000', '--python-timeout-ms', '180000']);
      const second = readFileSync(results, 'utf8');
      // Every translation that passed both times is recorded byte for byte the same (a run that
      // timed out on an overloaded machine is a failure, and a failure publishes nothing) …
      const [a, b] = [JSON.parse(first), JSON.parse(second)] as Record<string, { status: string }>[];
      const passedTwice = Object.keys(a!).filter((k) => a![k]!.status === 'checked' && b![k]?.status === 'checked');
      expect(passedTwice.length).toBeGreaterThanOrEqual(20);
      for (const k of passedTwice) expect(JSON.stringify(b![k]), k).toBe(JSON.stringify(a![k]));
      // … and when both checks pass, the whole file is.
      if (last.endsWith(' 0 failed') && again.lines.at(-1) === last) expect(second).toBe(first);
      // Positive control: the file holds real captured outputs, not blanks.
      expect(a!['notes/python-concurrency/hello-world.ts']).toMatchObject({ status: 'checked', output: expect.stringContaining('hello') });
    } finally {
      rmSync(join(results, '..'), { recursive: true, force: true });
    }
  }, 480_000);
});
