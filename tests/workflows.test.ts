// The GitHub workflows cannot run here: they are validated against GitHub's workflow schema
// (@action-validator/core) and checked for what they must do.
import { spawnSync } from 'node:child_process';
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import av from '@action-validator/core';
import { describe, expect, test } from 'vitest';
import { parse } from 'yaml';

const read = (path: string) => readFileSync(path, 'utf8');
const workflow = (name: string) => parse(read(join('.github/workflows', name))) as {
  on: Record<string, unknown>;
  permissions?: Record<string, string>;
  env?: Record<string, string>;
  jobs: Record<string, { steps?: { uses?: string; run?: string; with?: Record<string, unknown>; env?: Record<string, string> }[]; environment?: unknown; needs?: string }>;
};
const steps = (name: string) => Object.values(workflow(name).jobs).flatMap((j) => j.steps ?? []);
const scripts = (JSON.parse(read('package.json')) as { scripts: Record<string, string> }).scripts;

/** The problem matcher's pattern, as GitHub applies it to each log line. */
const matcher = JSON.parse(read('.github/notes-problem-matcher.json')).problemMatcher[0].pattern[0] as Record<string, string | number>;
const annotate = (line: string) => {
  const m = new RegExp(matcher.regexp as string).exec(line);
  if (!m) return undefined;
  return Object.fromEntries(['file', 'line', 'column', 'severity', 'message', 'code'].map((k) => [k, m[matcher[k] as number]]));
};

describe('the workflows', () => {
  test.each(['review.yml', 'deploy.yml'])('%s is a valid GitHub workflow', (name) => {
    expect(av.validateWorkflow(read(join('.github/workflows', name))).errors).toEqual([]);
  });

  test('the validator rejects a broken workflow (positive control)', () => {
    expect(av.validateWorkflow('on: push\njobs:\n  x:\n    runs-on: ubuntu-latest\n    stepz: []\n').errors.length).toBeGreaterThan(0);
  });

  test('every `npm run X` they call is a script of package.json', () => {
    const runs = [...steps('review.yml'), ...steps('deploy.yml')].flatMap((s) => [...(s.run ?? '').matchAll(/npm run ([\w:-]+)/g)].map((m) => m[1]!));
    expect(runs.length).toBeGreaterThan(4);
    for (const script of runs) expect(Object.keys(scripts), script).toContain(script);
  });

  test('review: on pull requests, lints with the problem matcher, runs the tests and the snippet check, builds, uploads the site', () => {
    const review = workflow('review.yml');
    expect(Object.keys(review.on)).toContain('pull_request');
    const all = steps('review.yml').map((s) => s.run ?? s.uses ?? '').join('\n');
    expect(all).toMatch(/::add-matcher::\.github\/notes-problem-matcher\.json"\n\s*npm run lint/);
    for (const script of ['test:unit', 'test:site', 'test:browser', 'test:snippets', 'build']) expect(all).toContain(`npm run ${script}`);
    expect(steps('review.yml').find((s) => s.uses?.startsWith('actions/upload-artifact'))?.with?.path).toBe('dist/');
    // The browser is the runner's Chrome, not Ubuntu's chromium snap stub.
    expect(review.env?.CHROMIUM_PATH).toBe('/usr/bin/google-chrome');
  });

  test('deploy: on push to main, builds with site and base from the Pages settings and deploys', () => {
    const deploy = workflow('deploy.yml');
    expect(deploy.on.push).toEqual({ branches: ['main'] });
    expect(deploy.permissions).toMatchObject({ pages: 'write', 'id-token': 'write' });
    const build = steps('deploy.yml').find((s) => s.run?.includes('npm run build'));
    expect(build?.env).toMatchObject({ SITE_URL: '${{ steps.pages.outputs.origin }}', SITE_BASE: '${{ steps.pages.outputs.base_path }}' });
    const uses = steps('deploy.yml').map((s) => s.uses?.split('@')[0]);
    expect(uses).toEqual(expect.arrayContaining(['actions/configure-pages', 'actions/upload-pages-artifact', 'actions/deploy-pages']));
    expect(deploy.jobs.deploy?.needs).toBe('build');
  });

  test('the problem matcher turns a lint line into an annotation with file, position, severity and rule', () => {
    expect(annotate('notes/my note.md:3:14 error: [[Event loop]] matches 2 notes: notes/a.md, notes/b.md [ambiguous-link]')).toEqual({
      file: 'notes/my note.md', line: '3', column: '14', severity: 'error', message: '[[Event loop]] matches 2 notes: notes/a.md, notes/b.md', code: 'ambiguous-link',
    });
    expect(annotate('notes/a.md:1:1 warning: image not found: x.png [missing-image]')).toMatchObject({ severity: 'warning', code: 'missing-image' });
    expect(annotate('notes: 4 published, 0 left out, 0 errors, 3 warnings')).toBeUndefined();
  });

  test('the problem matcher reads what `npm run lint` really prints', () => {
    const run = spawnSync(process.execPath, ['scripts/lint-notes.ts'], { env: { ...process.env, NOTES_DIR: 'tests/fixtures/bad-notes' }, encoding: 'utf8' });
    const lines = run.stderr.split('\n').filter((l) => /^notes\/.*:\d+:\d+ /.test(l));
    expect(lines.length).toBeGreaterThan(3);
    for (const line of lines) expect(annotate(line), line).toBeDefined();
    expect(lines.map((l) => annotate(l)!.code)).toEqual(expect.arrayContaining(['frontmatter-yaml', 'not-markdown']));
  });

  test('.ci/run is valid bash and picks Chrome on Ubuntu, Debian’s chromium elsewhere', () => {
    expect(spawnSync('bash', ['-n', '.ci/run']).status).toBe(0);
    const script = read('.ci/run');
    expect(script).toMatch(/if \[ "\$distro" = ubuntu \][\s\S]*google-chrome[\s\S]*else\s+apt_packages\+=\(chromium\)/);
  });
});
