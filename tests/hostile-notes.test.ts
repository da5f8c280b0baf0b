// Notes from strangers: inputs built to break the build must become positioned messages, never
// stack traces, and must never take the good notes down with them.
import { spawnSync } from 'node:child_process';
import { mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { beforeAll, describe, expect, test } from 'vitest';
import { buildSite, type BuiltSite } from './support/build-site.ts';
import { readPage } from './support/html-text.ts';

const BOMB = ['a: &a ["x","x","x","x","x","x","x","x","x"]', ...'bcdefg'.split('').map((k, i) => `${k}: &${k} [${Array(9).fill(`*${'abcdefg'[i]}`).join(',')}]`), 'tags: *g'].join('\n');

describe('hostile notes are reported, not crashed on', () => {
  let dir: string;
  let lint: { status: number | null; stderr: string };
  beforeAll(() => {
    dir = mkdtempSync(join(tmpdir(), 'hostile-notes-'));
    writeFileSync(join(dir, 'good.md'), '# Good\n\nA normal note that must stay published.\n');
    writeFileSync(join(dir, 'yaml-bomb.md'), `---\n${BOMB}\n---\nBody\n`);
    writeFileSync(join(dir, 'binary.md'), Buffer.from('# Bin\n\n\u0000\u0001 text\n', 'latin1'));
    writeFileSync(join(dir, 'latin1.md'), Buffer.from('# Caf\xe9\n\nNa\xefve.\n', 'latin1'));
    writeFileSync(join(dir, 'deep-quote.md'), `# Deep\n\n${'>'.repeat(3000)} deep\n`);
    writeFileSync(join(dir, 'crlf.md'), '---\r\ntitle: CRLF note\r\ntags: [a]\r\n---\r\n\r\nText with a [[missing-target]] link.\r\n');
    const run = spawnSync(process.execPath, ['scripts/lint-notes.ts'], { env: { ...process.env, NOTES_DIR: dir }, encoding: 'utf8' });
    lint = { status: run.status, stderr: run.stderr };
  });

  test('each one gets its own message at its place in the file', () => {
    const lines = lint.stderr.split('\n').filter((l) => /^notes\//.test(l));
    expect(lines).toEqual([
      'notes/binary.md:1:1 error: not a text file (it contains NUL bytes): skipped [binary-note]',
      'notes/deep-quote.md:3:101 error: blocks nested 3002 levels deep (the limit is 100): flatten the quotes or lists [too-deep]',
      'notes/latin1.md:1:6 warning: the note is not valid UTF-8: some characters are shown as �; save it as UTF-8 [not-utf8]',
      'notes/yaml-bomb.md:2:1 error: invalid YAML frontmatter: Excessive alias count indicates a resource exhaustion attack [frontmatter-yaml]',
    ]);
  });

  test('the lint fails without a stack trace, and keeps the good notes', () => {
    expect(lint.status).toBe(1);
    expect(lint.stderr).not.toMatch(/^\s+at /m);
    expect(lint.stderr.trim().split('\n').at(-1)).toBe('notes: 4 published, 2 left out, 3 errors, 1 warnings');
  });

  test('Windows line endings parse like Unix ones', () => {
    expect(lint.stderr).not.toContain('notes/crlf.md');
  });
});

describe('note text never escapes into the page head', () => {
  let site: BuiltSite;
  beforeAll(() => {
    const dir = mkdtempSync(join(tmpdir(), 'hostile-head-'));
    writeFileSync(join(dir, 'breakout.md'), '---\ntitle: "</title><script>window.__pwn=1</script>"\ntags: ["</title><script>window.__pwn=2</script>"]\n---\n\nBody.\n');
    writeFileSync(
      join(dir, 'head-injection.md'),
      '---\ntitle: Head injection\nhead:\n  - tag: script\n    content: "window.__pwn=3"\nbanner:\n  content: "<img src=x onerror=window.__pwn=4>"\neditUrl: "javascript:window.__pwn=5"\n---\n\nBody.\n',
    );
    site = buildSite(dir);
  });

  test('titles from frontmatter and tags are escaped inside <title>', () => {
    for (const page of ['breakout', 'tags']) {
      const title = readPage(site.outDir, page).match(/<title>([\s\S]*?)<\/title>/)![1]!;
      expect(title).not.toContain('<');
    }
    expect(readPage(site.outDir, 'breakout')).toContain('<title>&lt;/title&gt;&lt;script&gt;window.__pwn=1&lt;/script&gt; |');
  });

  test('frontmatter cannot set Starlight’s raw-HTML keys (head, banner, editUrl)', () => {
    const html = readPage(site.outDir, 'head-injection');
    expect(html).not.toMatch(/window\.__pwn=[345]/);
  });
});
