// Pure pieces of the snippet check: stale pairing, session input, crash reasons, parity skips,
// tsc output parsing, the fixture web's bodies.
import { describe, expect, test } from 'vitest';
import { mkdirSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { crashReason, definesOnly } from '../scripts/snippets/evaluate.ts';
import { FIXTURE_HOSTS, FIXTURE_PAGES, fixtureBody } from '../scripts/snippets/fixture-web.ts';
import { fixtureHostsFile } from '../scripts/snippets/netns.ts';
import { pairStale, similarity, tokens } from '../scripts/snippets/pair.ts';
import { sessionInput } from '../scripts/snippets/python-runner.ts';
import { parseTscOutput, typecheck } from '../scripts/snippets/typecheck.ts';
import type { Outcome } from '../scripts/snippets/evaluate.ts';
import { childPidOf, jailArgv } from '../scripts/snippets/jail.ts';
import { decide, PERMISSIONS_FILE, readGrants } from '../scripts/snippets/permissions.ts';
import { resultsJson } from '../scripts/snippets/report.ts';

describe('stale pairing', () => {
  test('folds case and underscores so say_after meets sayAfter', () => {
    expect(similarity(tokens('await say_after(1, "hello")'), tokens("await sayAfter(1, 'hello')"))).toBe(1);
  });

  test('pairs each stale translation with the most similar untranslated block, each block once', () => {
    const blocks = [{ code: 'print("hello")' }, { code: 'async def say_after(delay, what):\n    await asyncio.sleep(delay)' }];
    const stale = [{ code: 'async function sayAfter(delay: number, what: string) { await sleep(delay) }' }];
    const pairs = pairStale(stale, blocks);
    expect(pairs.get(stale[0]!)?.block).toBe(blocks[1]);
  });

  test('leaves a translation unpaired when nothing is similar', () => {
    const stale = [{ code: 'zzz' }];
    expect(pairStale(stale, [{ code: 'print(1)' }]).get(stale[0]!)).toBeUndefined();
  });
});

describe('sessionInput', () => {
  test('strips prompts and closes compound statements with a blank line', () => {
    const session = ['>>> def f(x):', '...     return x', '>>> f(2)', '2', '>>> for i in range(2):', '...     print(i)'].join('\n');
    expect(sessionInput(session)).toBe(['def f(x):', '    return x', '', 'f(2)', '', 'for i in range(2):', '    print(i)', '', ''].join('\n'));
  });
});

describe('crashReason', () => {
  test.each([
    ['the error line and its cause', "file:///x.ts:3\n  throw e\n  ^\n\nTypeError: fetch failed\n    at x (file:///x.ts:3:1) {\n  [cause]: Error: connect ECONNREFUSED 127.0.0.1:80\n}\n\nNode.js v24.21.0", 'TypeError: fetch failed [cause]: Error: connect ECONNREFUSED 127.0.0.1:80'],
    ['the last line when there is no error line', 'something odd\nNode.js v24.21.0', 'something odd'],
  ])('reports %s', (_name, stderr, reason) => {
    expect(crashReason(stderr)).toBe(reason);
  });
});

describe('definesOnly', () => {
  test.each([
    ['async def main():\n    await x()', true],
    ['import asyncio\n\n@decorator\ndef f():\n    pass\nclass A:\n    pass', true],
    ['def f():\n    pass\n\nf()', false],
    ['asyncio.run(main())', false],
    ['x = 1', false],
  ])('%j -> %s', (code, expected) => {
    expect(definesOnly(code)).toBe(expected);
  });
});

describe('parseTscOutput', () => {
  test('maps diagnostics to absolute files and joins continuation lines', () => {
    const text = "notes/a/b.ts(7,7): error TS2322: Type 'string' is not assignable to type 'number'.\n  Details here.\n";
    expect(parseTscOutput(text, '/work')).toEqual([
      { file: '/work/notes/a/b.ts', line: 7, column: 7, message: "TS2322: Type 'string' is not assignable to type 'number'. Details here." },
    ]);
  });
});

describe('typecheck', () => {
  test('a notes folder outside the repository is checked as ES modules with its packages, messages on its own files', async () => {
    const vault = mkdtempSync(join(tmpdir(), 'outside-vault-'));
    const scratch = mkdtempSync(join(tmpdir(), 'outside-scratch-'));
    try {
      mkdirSync(join(vault, 'note'));
      writeFileSync(join(vault, 'note', 'pool.ts'), "import Tinypool from 'tinypool';\nconst n: number = 'two';\nawait Promise.resolve(new Tinypool({}));\nexport {};\n");
      const found = await typecheck({ node: process.execPath, root: process.cwd(), notesDir: vault, tmpDir: scratch });
      // Only the real mistake: no "CommonJS module" or "Cannot find module 'tinypool'".
      expect(found).toEqual([{ file: join(vault, 'note', 'pool.ts'), line: 2, column: 7, message: "TS2322: Type 'string' is not assignable to type 'number'." }]);
    } finally {
      rmSync(vault, { recursive: true, force: true });
      rmSync(scratch, { recursive: true, force: true });
    }
  }, 120_000);
});

describe('fixture web', () => {
  test.each(FIXTURE_PAGES.map((p) => [`${p.host}${p.path}`, p] as const))('%s has the size FORMAT.md promises', (_url, page) => {
    expect(fixtureBody(page).length).toBe(page.bytes);
  });

  test('the hosts file maps every fixture host, with and without www., to loopback', () => {
    const hosts = fixtureHostsFile(FIXTURE_HOSTS);
    for (const h of ['www.jython.org', 'jython.org', 'olympus.realpython.org', 'www.python.org']) expect(hosts).toContain(`127.0.0.1 ${h}\n`);
  });
});

describe('the OS sandbox command line (jail.ts)', () => {
  const spec = {
    mode: 'setpriv' as const, uid: 200_123, etc: '/x/etc', env: { PATH: '/usr/bin', SECRET_FREE: '1' },
    binds: [{ src: '/repo/notes/a', dest: '/sandbox/notes/a' }],
    limits: { cpuSeconds: 35, nproc: 64, fileMiB: 16, tmpMiB: 64, nofile: 512, addressSpaceMiB: 2048 },
    argv: ['/usr/bin/python3', '-u', 'x.py'],
  };
  const argv = jailArgv(spec);
  const after = (flag: string) => argv.slice(argv.indexOf(flag) + 1, argv.indexOf(flag) + 3);

  test('drops to the run uid with no capabilities and no new privileges, after the kernel limits', () => {
    const tail = argv.slice(argv.indexOf('--'));
    expect(tail).toEqual(['--', '/usr/bin/prlimit', '--cpu=35', '--nproc=64', `--fsize=${16 * 1024 * 1024}`, '--nofile=512', '--core=0', `--as=${2048 * 1024 * 1024}`,
      '/usr/bin/setpriv', '--reuid=200123', '--regid=200123', '--clear-groups', '--inh-caps=-all', '--bounding-set=-all', '--no-new-privs', '/usr/bin/python3', '-u', 'x.py']);
  });

  test('binds only what it is given, read-only, clears the environment and works in a private /tmp', () => {
    expect(argv.filter((a) => a === '--bind' || a === '--dev-bind')).toEqual([]);
    expect(after('--ro-bind')).toEqual(['/usr', '/usr']);
    expect(argv.join(' ')).toContain('--ro-bind /repo/notes/a /sandbox/notes/a');
    expect(argv.join(' ')).toContain(`--perms 1777 --size ${64 * 1024 * 1024} --tmpfs /tmp`);
    expect(argv).toEqual(expect.arrayContaining(['--clearenv', '--new-session', '--die-with-parent', '--unshare-pid']));
    expect(after('--chdir')[0]).toBe('/tmp');
    expect(argv.join(' ')).toContain('--setenv PATH /usr/bin --setenv SECRET_FREE 1');
  });

  test('without root it maps the uid in a user namespace instead', () => {
    const userns = jailArgv({ ...spec, mode: 'userns' });
    expect(userns.join(' ')).toContain('--unshare-user --uid 200123 --gid 200123 --cap-drop ALL');
    expect(userns).not.toContain('/usr/bin/setpriv');
  });

  test('reads the init pid from bwrap --info-fd', () => {
    expect(childPidOf('{\n    "child-pid": 4242,\n    "pid-namespace": 1\n}')).toBe(4242);
    expect(childPidOf('')).toBeUndefined();
  });
});

describe('permissions are granted by the allow-list, not by the header', () => {
  const grants = new Map([['notes/a/pool.ts', ['worker'] as const]]);
  test.each([
    ['notes/a/pool.ts', ['worker'], { granted: ['worker'], refused: [] }],
    ['notes/a/pool.ts', ['worker', 'child-process'], { granted: ['worker'], refused: ['child-process'] }],
    ['notes/b/self.ts', ['worker'], { granted: [], refused: ['worker'] }],
  ] as const)('%s asking %j', (path, asked, expected) => {
    expect(decide(path, asked, grants)).toEqual(expected);
  });

  test('the committed allow-list grants only worker threads, to the seven pool translations', () => {
    const committed = readGrants(PERMISSIONS_FILE);
    expect([...committed.keys()].sort()).toEqual([
      'notes/concurrency-in-python-a-guide/count-up-with-worker-pool.ts',
      'notes/concurrency-options/pool-map-sum-of-squares.ts',
      'notes/concurrency-with-python/is-prime-process-pool.ts',
      'notes/global-interpreter-lock/cpu-bound-thread-pool.ts',
      'notes/python-concurrency/race-condition-counter.ts',
      'notes/race-conditions/lock-protected-counter.ts',
      'notes/thread-and-process-pools/process-pool-sum-of-squares.ts',
    ]);
    expect(new Set([...committed.values()].flat())).toEqual(new Set(['worker']));
  });
});

describe('the results file', () => {
  const t = (source: string) => ({ path: 'notes/a/t.ts', python: 'sha256:1111111111111111', source, mode: 'run', allow: [], note: 'notes/a.md',
    output: { lines: ['started at ...', 'done'], unordered: false } }) as unknown as Outcome['t'];
  const run = (stdout: string) => ({ stdout, virtualSeconds: 2, maxInFlight: 0 }) as unknown as Outcome['run'];
  const outcome = (status: Outcome['status'], source: string, stdout: string): Outcome => ({ t: t(source), status, parity: 'skipped', run: run(stdout), problems: status === 'failed' ? [{ file: 'notes/a.md', line: 1, column: 1, severity: 'error', ruleId: 'snippet-crash', message: `notes/a/t.ts: exited with code 1: ${stdout}` }] : [], evidence: [] });

  test('publishes nothing a failed run printed, and no message that could quote it', () => {
    const r = resultsJson([outcome('failed', 'aaaa', 'SECRET\n')], 0.1)['notes/a/t.ts']!;
    expect(r.output).toBe('');
    expect(JSON.stringify(r)).not.toContain('SECRET');
    expect(r.problems).toEqual(['snippet-crash']);
  });

  test('keeps the earlier output of the same code while it still matches, so two checks write the same file', () => {
    const first = resultsJson([outcome('checked', 'aaaa', 'started at 17:01:19\ndone\n')], 0.1);
    const second = resultsJson([outcome('checked', 'aaaa', 'started at 17:05:42\ndone\n')], 0.1, first);
    expect(second['notes/a/t.ts']!.output).toBe('started at 17:01:19\ndone\n');
    expect(JSON.stringify(second)).toBe(JSON.stringify(first));
  });

  test('publishes the new output when the code changed', () => {
    const first = resultsJson([outcome('checked', 'aaaa', 'started at 17:01:19\ndone\n')], 0.1);
    expect(resultsJson([outcome('checked', 'bbbb', 'started at 17:05:42\ndone\n')], 0.1, first)['notes/a/t.ts']!.output).toBe('started at 17:05:42\ndone\n');
  });
});
