import { mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';
import { describe, expect, test } from 'vitest';
import { ConfigError, loadSiteConfig, parseGitHubRepo, withBase } from '../src/lib/site-config.ts';

/** A project folder with only a package.json (or none), and no git remote unless given. */
function project(pkg?: object): string {
  const dir = mkdtempSync(join(tmpdir(), 'config-'));
  if (pkg) writeFileSync(join(dir, 'package.json'), JSON.stringify(pkg));
  return dir;
}

const load = (env: Record<string, string>, cwd = project(), gitRemote: string | null = null) => loadSiteConfig({ env, cwd, gitRemote });

describe('site configuration', () => {
  test('defaults: site root, no host, notes/, concept pages, no repository without package.json or git remote', () => {
    const cwd = project();
    const config = load({}, cwd);
    expect(config).toMatchObject({ base: '', site: undefined, notesDir: resolve(cwd, 'notes'), unresolvedLinks: 'concept', includeDrafts: false, repository: undefined });
    expect(config.title).toBe('Python Concurrency Notes');
  });

  test.each([
    ['/kb/', '/kb'],
    ['kb', '/kb'],
    ['/', ''],
    ['', ''],
    ['/docs/kb//', '/docs/kb'],
  ])('SITE_BASE %j becomes base %j', (input, base) => {
    expect(load({ SITE_BASE: input }).base).toBe(base);
  });

  test('another vault sets its own title, description and host', () => {
    const config = load({ SITE_TITLE: 'Garden', SITE_DESCRIPTION: 'My notes.', SITE_URL: 'https://me.github.io/' });
    expect(config).toMatchObject({ title: 'Garden', description: 'My notes.', site: 'https://me.github.io' });
  });

  test('the repository comes from package.json, else the git remote, else the environment wins', () => {
    const cwd = project({ repository: { type: 'git', url: 'git+https://github.com/acme/garden.git' } });
    expect(load({}, cwd).repository).toEqual({ owner: 'acme', name: 'garden', branch: 'main', notesPath: 'notes' });
    expect(load({}, project(), 'git@github.com:someone/vault.git').repository).toMatchObject({ owner: 'someone', name: 'vault' });
    expect(load({ GITHUB_REPOSITORY: 'ci/built', REPO_BRANCH: 'trunk' }, cwd).repository).toMatchObject({ owner: 'ci', name: 'built', branch: 'trunk' });
    expect(load({ REPO_OWNER: 'me', REPO_NAME: 'mine' }, cwd).repository).toMatchObject({ owner: 'me', name: 'mine' });
  });

  test.each([
    ['https://github.com/a/b', 'a/b'],
    ['git+https://github.com/a/b.git', 'a/b'],
    ['git@github.com:a/b.git', 'a/b'],
    ['github:a/b', 'a/b'],
    ['a/b', 'a/b'],
    ['https://gitlab.com/a/b', undefined],
  ])('reads the GitHub repository of %j', (url, expected) => {
    const repo = parseGitHubRepo(url);
    expect(repo && `${repo.owner}/${repo.name}`).toBe(expected);
  });

  test('tool paths: Mermaid cache and browser, and the timeline diagrams only for this repository\'s notes', () => {
    const cwd = project();
    expect(load({}, cwd)).toMatchObject({
      mermaid: { cacheDir: resolve(cwd, 'node_modules/.cache/mermaid'), chromium: '/usr/bin/chromium', report: true },
      diagrams: { file: resolve(cwd, 'src/data/diagrams.json'), tracesDir: resolve(cwd, 'src/data/traces') },
    });
    expect(load({ CHROMIUM_PATH: '/opt/chrome', MERMAID_REPORT: '0' }, cwd).mermaid).toMatchObject({ chromium: '/opt/chrome', report: false });
    expect(load({ CHROMIUM_PATH: '/opt/chrome', MERMAID_CHROMIUM: '/opt/m' }, cwd).mermaid.chromium).toBe('/opt/m');
    // Another notes folder has no diagrams unless it names its own configuration.
    expect(load({ NOTES_DIR: '/tmp/vault' }, cwd).diagrams.file).toBeUndefined();
    expect(load({ NOTES_DIR: '/tmp/vault', DIAGRAMS_FILE: 'd.json' }, cwd).diagrams.file).toBe(resolve(cwd, 'd.json'));
  });

  test('drafts: shown by `astro dev`, or forced with DRAFTS', () => {
    expect(loadSiteConfig({ env: {}, argv: ['node', 'astro', 'dev'], cwd: project(), gitRemote: null }).includeDrafts).toBe(true);
    expect(load({ DRAFTS: '1' }).includeDrafts).toBe(true);
    expect(load({ DRAFTS: '0' }).includeDrafts).toBe(false);
  });

  test('SOURCE_DATE_EPOCH: whole seconds, else unset; anything else is a configuration error', () => {
    expect(load({ SOURCE_DATE_EPOCH: '1764806400' }).sourceDateEpoch).toBe(1764806400);
    expect(load({}).sourceDateEpoch).toBeUndefined();
    expect(() => load({ SOURCE_DATE_EPOCH: 'yesterday' })).toThrow(/SOURCE_DATE_EPOCH must be whole seconds/);
  });

  test('every invalid setting is reported at once, with a hint, as a ConfigError', () => {
    let error: unknown;
    try {
      load({ SITE_URL: 'example.org', SITE_BASE: '/a b/', UNRESOLVED_LINKS: 'maybe', REPO_URL: 'https://gitlab.com/x/y', DRAFTS: 'yes' });
    } catch (e) {
      error = e;
    }
    expect(error).toBeInstanceOf(ConfigError);
    const message = (error as ConfigError).message;
    expect(message.split('\n')).toEqual([
      'invalid site configuration:',
      '  - REPO_URL: "https://gitlab.com/x/y" is not a GitHub repository URL (https://github.com/OWNER/NAME)',
      '  - DRAFTS must be 1 or 0',
      '  - SITE_URL must be an http(s) URL such as https://example.github.io',
      '  - SITE_BASE must be a URL path such as /kb/ (letters, digits, ".", "_", "~", "-")',
      '  - UNRESOLVED_LINKS must be concept, text or error',
      '  hint: Set these in the environment (see README.md, "Settings") or fix package.json "repository".',
    ]);
  });

  test('withBase puts the base in front of a site path', () => {
    expect(withBase('', '/tags/')).toBe('/tags/');
    expect(withBase('/kb', '/tags/')).toBe('/kb/tags/');
    expect(withBase('/kb', 'notes/')).toBe('/kb/notes/');
  });
});
