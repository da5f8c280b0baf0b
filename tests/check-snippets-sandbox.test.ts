// The OS sandbox from a hostile contributor's side (tests/snippets/jail, tests/snippets/forkbomb):
// each attempt is contained and reported with its exact message, nothing it printed reaches the
// results file or a rendered page, and nothing is left behind — no file outside, no process.
import { spawn, spawnSync } from 'node:child_process';
import { existsSync, mkdtempSync, readdirSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';
import rehypeStringify from 'rehype-stringify';
import remarkParse from 'remark-parse';
import remarkRehype from 'remark-rehype';
import { unified } from 'unified';
import { VFile } from 'vfile';
import { afterAll, beforeAll, describe, expect, test } from 'vitest';
import { remarkCodeTabs, translationView } from '../src/plugins/remark-code-tabs.ts';
import { translationsByHash, type SnippetResult } from '../src/lib/translations.ts';
import { uidBase } from '../scripts/snippets/jail.ts';

const SECRET = 'hunter2-caller-secret-5d1e';
const cli = (args: string[], env: Record<string, string>) => {
  const r = spawnSync(process.execPath, ['scripts/check-snippets.ts', ...args], {
    encoding: 'utf8', env: { ...process.env, CI: '', ...env }, timeout: 300_000,
  });
  ownUids.push(uidBase(r.pid));
  return { code: r.status, lines: `${r.stdout}${r.stderr}`.trimEnd().split('\n') };
};
/** The uid ranges of this file's own checks: another check on the machine (a parallel test file) has its own. */
const ownUids: number[] = [];
/** Processes of this file's checks' unprivileged uids (each check gives its runs uids from uidBase(its pid)), read from /proc. */
const sandboxProcesses = () => readdirSync('/proc').filter((p) => /^\d+$/.test(p)).flatMap((pid) => {
  try {
    const uid = Number(/^Uid:\s+(\d+)/m.exec(readFileSync(`/proc/${pid}/status`, 'utf8'))?.[1]);
    return ownUids.some((base) => uid >= base && uid < base + 200) ? [`${pid} uid ${uid}`] : [];
  } catch { return []; /* exited meanwhile */ }
});
const EFFECTS = ['/tmp/snippet-check-pwned', '/etc/snippet-check-worker.txt', '/usr/snippet-check-hostile.txt'];

describe('the OS sandbox against hostile translations and Python originals', () => {
  const dir = 'tests/snippets/jail';
  const out = mkdtempSync(join(tmpdir(), 'snippets-jail-'));
  const results = join(out, 'results.json');
  let run: ReturnType<typeof cli>;
  let bombs: ReturnType<typeof cli>;
  beforeAll(() => {
    const common = ['--permissions', 'tests/snippets/jail-permissions.json', '--timeout-ms', '20000', '--python-timeout-ms', '20000', '--fresh-python'];
    run = cli(['--notes', dir, '--results', results, ...common], { NOTES_DISPLAY_DIR: dir, SNIPPET_TEST_SECRET: SECRET, GITHUB_TOKEN: SECRET });
    // Fork bombs on their own, so they cannot starve the other runs into timeouts. Same time limits
    // as the others: a bomb meets its process limit in ~1.5 s on a quiet machine, but at load 38 (a CI
    // run beside other builds) 8 s were not enough to tell the limit from a timeout.
    bombs = cli(['--notes', 'tests/snippets/forkbomb', '--no-results', ...common], { NOTES_DISPLAY_DIR: 'tests/snippets/forkbomb' });
  }, 600_000);
  afterAll(() => rmSync(out, { recursive: true, force: true }));

  test('ends with the summary line and fails', () => {
    expect(run.lines.at(-1)).toBe('snippets: 13 python blocks, 13 translated, 12 ran, 0 fragments, 9 parity-checked, 0 stale, 11 failed');
    expect(run.code).toBe(1);
    expect(bombs.lines.at(-1)).toBe('snippets: 2 python blocks, 2 translated, 2 ran, 0 fragments, 1 parity-checked, 0 stale, 2 failed');
  });

  test.each([
    ['self-granted @allow child-process running a command',
      'tests/snippets/jail/self-granted-child.md:3:1 error: tests/snippets/jail/self-granted-child/run-id.ts: asks for @allow child-process, which tests/snippets/jail-permissions.json does not grant it: it ran without (a maintainer grants it there after review) [snippet-permission]',
      'tests/snippets/jail/self-granted-child.md:3:1 error: tests/snippets/jail/self-granted-child/run-id.ts: sandbox violation: ChildProcess id [snippet-sandbox]'],
    ['self-granted @allow worker whose worker writes outside',
      'tests/snippets/jail/self-granted-worker.md:3:1 error: tests/snippets/jail/self-granted-worker/write-from-worker.ts: asks for @allow worker, which tests/snippets/jail-permissions.json does not grant it: it ran without (a maintainer grants it there after review) [snippet-permission]',
      'tests/snippets/jail/self-granted-worker.md:3:1 error: tests/snippets/jail/self-granted-worker/write-from-worker.ts: sandbox violation: WorkerThreads [snippet-sandbox]'],
    ['reading /etc/passwd', 'tests/snippets/jail/read-passwd.md:3:1 error: tests/snippets/jail/read-passwd/cat-passwd.ts: sandbox violation: FileSystemRead /etc/passwd [snippet-sandbox]'],
    ["reading the repository's files", 'tests/snippets/jail/read-repo.md:3:1 error: tests/snippets/jail/read-repo/cat-package.ts: sandbox violation: FileSystemRead /package.json [snippet-sandbox]'],
    ['reading /proc/1/environ', 'tests/snippets/jail/read-proc-environ.md:3:1 error: tests/snippets/jail/read-proc-environ/environ.ts: sandbox violation: FileSystemRead /proc/1/environ [snippet-sandbox]'],
    ['filling the disk', "tests/snippets/jail/fill-disk.md:3:1 error: tests/snippets/jail/fill-disk/fill.ts: hit the sandbox's limit on file size / disk space: stopped [snippet-limit]"],
    ['a symlink in the translation folder pointing outside', 'tests/snippets/jail/symlink-out.md:3:1 error: tests/snippets/jail/symlink-out/through-link.ts: its folder holds a symbolic link (passwd -> /etc/passwd): translation folders may hold only regular files; not run [snippet-symlink]'],
    ['a translation that prints a secret then fails', 'tests/snippets/jail/secret-then-fail.md:3:1 error: tests/snippets/jail/secret-then-fail/leak.ts: exited with code 1: Error: failing on purpose [snippet-crash]'],
    ['a Python block writing outside its sandbox', 'tests/snippets/jail/py-write-outside.md:3:1 error: tests/snippets/jail/py-write-outside/harmless.ts: the Python original: sandbox violation: FileSystemWrite /usr/snippet-check-hostile.txt [snippet-sandbox]'],
    ['a Python block spawning a shell', 'tests/snippets/jail/py-shell.md:3:1 error: tests/snippets/jail/py-shell/harmless.ts: the Python original: sandbox violation: ChildProcess sh [snippet-sandbox]'],
    ['a Python block reading the repository', 'tests/snippets/jail/py-read-repo.md:3:1 error: tests/snippets/jail/py-read-repo/harmless.ts: the Python original: sandbox violation: FileSystemRead /package.json [snippet-sandbox]'],
  ])('reports %s', (_case, ...messages) => {
    const note = messages[0]!.split(':')[0]!;
    expect(run.lines.filter((l) => l.startsWith(`${note}:`) && /\[snippet-[a-z]+\]$/.test(l))).toEqual(messages);
  });

  test('stops a fork bomb in a translation (granted child processes) and in a Python block, at the block', () => {
    expect(bombs.lines, bombs.lines.join('\n')).toContain("tests/snippets/forkbomb/fork-bomb.md:3:1 error: tests/snippets/forkbomb/fork-bomb/bomb.ts: hit the sandbox's limit on number of processes: stopped [snippet-limit]");
    expect(bombs.lines, bombs.lines.join('\n')).toContain("tests/snippets/forkbomb/py-fork-bomb.md:3:1 error: tests/snippets/forkbomb/py-fork-bomb/harmless.ts: the Python original hit the sandbox's limit on number of processes: stopped [snippet-limit]");
  });

  test('a granted shell sees only the sandbox: unprivileged, no repository, no /root, read-only everywhere but /tmp', () => {
    expect(run.lines.find((l) => l.includes('granted-escape/look-around.ts:'))).toMatch(/^ok {3}/);
    const json = JSON.parse(readFileSync(results, 'utf8')) as Record<string, { output: string }>;
    expect(json['tests/snippets/jail/granted-escape/look-around.ts']!.output).toBe([
      'user sandbox not root', 'root folder: bin dev etc lib lib64 proc sandbox sbin tmp usr', '/proc/1/environ: denied',
      '/root: absent', 'write to /usr: denied', 'write to the translation folder: denied', 'contained', '',
    ].join('\n'));
  });

  test("a translation printing process.env shows nothing of the caller's environment", () => {
    const json = JSON.parse(readFileSync(results, 'utf8')) as Record<string, { status: string; output: string }>;
    const printed = json['tests/snippets/jail/print-env/dump-env.ts']!;
    expect(printed.status).toBe('checked');
    const env = JSON.parse(printed.output.split('\n')[0]!) as Record<string, string>;
    expect(Object.keys(env).sort()).toEqual(['HOME', 'LANG', 'NODE_EXTRA_CA_CERTS', 'PATH', 'PWD', 'REQUESTS_CA_BUNDLE', 'SNIPPET_FIXTURE_HOSTS', 'SNIPPET_LATENCY_MS', 'SNIPPET_TIME_SCALE', 'SNIPPET_TRACE_FD', 'SSL_CERT_FILE', 'TMPDIR', 'TZ']);
    expect(env.HOME).toBe('/tmp');
  });

  test('the results file holds no output of a failed or contained run, and no secret', () => {
    const text = readFileSync(results, 'utf8');
    for (const leaked of [SECRET, 'SNIPPET-SECRET-7f3a9c', 'root:x:0', 'uid 0', '"name": "pyconcurrency-notes"']) expect(text).not.toContain(leaked);
    const json = JSON.parse(text) as Record<string, { status: string; output: string; pythonOutput?: string }>;
    const failed = Object.entries(json).filter(([, r]) => r.status === 'failed');
    expect(failed.length).toBe(11);
    for (const [, r] of failed) {
      expect(r.output).toBe('');
      expect(r.pythonOutput).toBeUndefined();
    }
  });

  test('a rendered page shows the failing badge and nothing the failed run printed', async () => {
    const notesDir = resolve(dir);
    // The site keys results as notes/<note>/<file>.ts: the same results, as the site would read them.
    const siteResults = join(out, 'site-results.json');
    writeFileSync(siteResults, readFileSync(results, 'utf8').replaceAll(`"${dir}/`, '"notes/'));
    const file = new VFile({ path: join(notesDir, 'secret-then-fail.md'), value: readFileSync(join(notesDir, 'secret-then-fail.md'), 'utf8') });
    const html = String(await unified().use(remarkParse).use(remarkCodeTabs, { notesDir, resultsFile: siteResults })
      .use(remarkRehype).use(rehypeStringify).process(file));
    expect(html).toContain('code-tabs__badge--failed');
    expect(html).not.toContain('code-tabs__badge--parity'); // a failed run proves no parity
    expect(html).toContain('href="/translations/secret-then-fail/#ts-leak"');
    expect(html).not.toContain('Output of this Python in the last check');
    // The TypeScript tab's page (/translations/<note>/) shows the translation's code, not its output.
    const siteJson = JSON.parse(readFileSync(siteResults, 'utf8')) as Record<string, SnippetResult>;
    const ts = [...translationsByHash(notesDir).values()].flat().find((t) => t.name === 'leak.ts')!;
    const view = translationView(ts, siteJson[ts.path]);
    expect(view.code).toContain('failing on purpose');
    expect(view.badges.map((b) => b.kind)).toEqual(['failed']);
    expect(view.output).toBeUndefined();
    expect(translationView(ts, { ...siteJson[ts.path], status: 'checked', output: 'printed\n' }).output).toBe('printed'); // control
  });

  test('leaves no file outside the sandboxes and no process running', async () => {
    for (const effect of EFFECTS) expect(existsSync(effect)).toBe(false);
    expect(sandboxProcesses()).toEqual([]);
    // Positive control: a process of such a uid is seen.
    const uid = ownUids[0]! + 199;
    const control = spawn('setpriv', [`--reuid=${uid}`, `--regid=${uid}`, '--clear-groups', 'sleep', '30'], { stdio: 'ignore' });
    try {
      await new Promise((r) => setTimeout(r, 500));
      expect(sandboxProcesses()).toEqual([`${control.pid} uid ${uid}`]);
    } finally {
      control.kill('SIGKILL');
    }
  });
});
