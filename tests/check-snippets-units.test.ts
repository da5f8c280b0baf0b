// Pure pieces of the snippet check: stale pairing, session input, crash reasons, parity skips,
// tsc output parsing, the fixture web's bodies.
import { describe, expect, test } from 'vitest';
import { crashReason, definesOnly } from '../scripts/snippets/evaluate.ts';
import { FIXTURE_HOSTS, FIXTURE_PAGES, fixtureBody } from '../scripts/snippets/fixture-web.ts';
import { fixtureHostsFile } from '../scripts/snippets/netns.ts';
import { pairStale, similarity, tokens } from '../scripts/snippets/pair.ts';
import { sessionInput } from '../scripts/snippets/python-runner.ts';
import { parseTscOutput } from '../scripts/snippets/typecheck.ts';

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

describe('fixture web', () => {
  test.each(FIXTURE_PAGES.map((p) => [`${p.host}${p.path}`, p] as const))('%s has the size FORMAT.md promises', (_url, page) => {
    expect(fixtureBody(page).length).toBe(page.bytes);
  });

  test('the hosts file maps every fixture host, with and without www., to loopback', () => {
    const hosts = fixtureHostsFile(FIXTURE_HOSTS);
    for (const h of ['www.jython.org', 'jython.org', 'olympus.realpython.org', 'www.python.org']) expect(hosts).toContain(`127.0.0.1 ${h}\n`);
  });
});
