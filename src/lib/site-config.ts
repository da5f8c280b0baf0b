/**
 * The site's one configuration: read from the environment (and `package.json` / the git remote for
 * the repository) once, validated with zod, and passed down as options. Nothing here reads
 * `process.env` or `process.argv` on import: `loadSiteConfig()` is pure over its inputs, and
 * `siteConfig()` calls it once per process on first use.
 *
 * | variable            | default                                        |
 * |---------------------|------------------------------------------------|
 * | `SITE_URL`          | none: no canonical URLs, sitemap or feed host   |
 * | `SITE_BASE`         | `/` (a project site on GitHub Pages: `/repo/`)  |
 * | `SITE_TITLE`        | `Python Concurrency Notes`                      |
 * | `SITE_DESCRIPTION`  | the knowledge base's one-line description       |
 * | `NOTES_DIR`         | `notes`                                         |
 * | `UNRESOLVED_LINKS`  | `concept` (or `text`, `error`)                  |
 * | `REPO_URL`, `REPO_OWNER`, `REPO_NAME`, `REPO_BRANCH` | `package.json` `repository`, else the git remote; branch `main` |
 * | `DRAFTS`            | `1` under `astro dev`, else `0`                 |
 * | `OUT_DIR`, `ASTRO_CACHE_DIR`, `PUBLIC_DIR` | `dist`, `node_modules/.astro`, `public` |
 * | `SNIPPET_RESULTS`   | `src/data/snippet-results.json`                 |
 * | `SOCIAL_IMAGE_CACHE_DIR` | `node_modules/.cache/social-images`        |
 * | `MERMAID_CACHE_DIR`, `MERMAID_CHROMIUM` (else `CHROMIUM_PATH`), `MERMAID_REPORT` | `node_modules/.cache/mermaid`, `/usr/bin/chromium`, `1` |
 * | `DEFER_RENDER`, `SOURCE_DATE_EPOCH` | `0` (bench option), none (Anki packages stamped with the build time) |
 * | `DIAGRAMS_FILE`, `TRACES_DIR` | `src/data/diagrams.json` (only for this repository's notes), `src/data/traces` |
 */
import { execFileSync } from 'node:child_process';
import { readFileSync } from 'node:fs';
import { join, resolve } from 'node:path';
import { z } from 'astro/zod';

export const DEFAULT_TITLE = 'Python Concurrency Notes';
export const DEFAULT_DESCRIPTION = 'A linked knowledge base on concurrency in Python, every snippet also in TypeScript and proved by running it.';

const nonEmpty = (name: string) => z.string().trim().min(1, { error: `${name} must not be empty` });

/** `SITE_BASE` as Astro's `base` wants it: `''` at the domain root, else `/kb` (no trailing slash). */
const baseSchema = z
  .string()
  .trim()
  .transform((s) => s.replace(/^\/*/, '/').replace(/\/+$/, ''))
  .refine((s) => s === '' || /^(\/[A-Za-z0-9._~-]+)+$/.test(s), {
    error: 'SITE_BASE must be a URL path such as /kb/ (letters, digits, ".", "_", "~", "-")',
  });

const schema = z.object({
  site: z
    .url({ protocol: /^https?$/, error: 'SITE_URL must be an http(s) URL such as https://example.github.io' })
    .transform((s) => s.replace(/\/+$/, ''))
    .optional(),
  base: baseSchema,
  title: nonEmpty('SITE_TITLE'),
  description: nonEmpty('SITE_DESCRIPTION'),
  notesDir: nonEmpty('NOTES_DIR'),
  notesDisplayDir: nonEmpty('NOTES_DISPLAY_DIR'),
  /** Build folders (tests and benchmarks build several vaults side by side): `OUT_DIR`, `ASTRO_CACHE_DIR`, `PUBLIC_DIR`. */
  outDir: z.string(),
  cacheDir: z.string(),
  publicDir: z.string(),
  /** The snippet check's results the site shows: `SNIPPET_RESULTS` (tests), else `src/data/snippet-results.json`. */
  snippetResults: z.string(),
  /** Drawn social images, keyed by their text: `SOCIAL_IMAGE_CACHE_DIR`, shared by every build of the project. */
  socialImageCacheDir: z.string(),
  /** Mermaid diagrams drawn at build time: their cache, the browser that draws them, and whether lint says what it drew. */
  mermaid: z.object({ cacheDir: z.string(), chromium: z.string(), report: z.boolean() }),
  /**
   * The timeline diagrams' configuration and recorded traces. They are runs of this repository's
   * notes, so another notes folder (NOTES_DIR) gets none unless DIAGRAMS_FILE names its own
   * (`diagramsFile` is then undefined).
   */
  diagrams: z.object({ file: z.string().optional(), tracesDir: z.string() }),
  /** `DEFER_RENDER=1`: Astro renders notes when a page asks, not during content sync (a bench option). */
  deferRender: z.boolean(),
  includeDrafts: z.boolean(),
  /** `SOURCE_DATE_EPOCH` (reproducible builds): the build's time in seconds, for what stamps it (Anki packages); else now. */
  sourceDateEpoch: z.number().int().nonnegative().optional(),
  unresolvedLinks: z.enum(['concept', 'text', 'error'], { error: 'UNRESOLVED_LINKS must be concept, text or error' }),
  repository: z
    .object({
      owner: z.string().regex(/^[A-Za-z0-9_.-]+$/, { error: 'REPO_OWNER must be a GitHub user or organisation name' }),
      name: z.string().regex(/^[A-Za-z0-9_.-]+$/, { error: 'REPO_NAME must be a GitHub repository name' }),
      branch: nonEmpty('REPO_BRANCH'),
      notesPath: z.string(),
    })
    .optional(),
});

/** The validated configuration every module receives. */
export type SiteConfig = z.infer<typeof schema>;

/** Where the inputs come from; every field optional so tests pass only what they test. */
export interface ConfigSources {
  env?: Record<string, string | undefined>;
  argv?: readonly string[];
  /** Project root: where `package.json` and `.git` are; default the working directory. */
  cwd?: string;
  /** The git remote URL; default `git remote get-url origin` in `cwd` (pass `null` for none). */
  gitRemote?: string | null;
}

/** A configuration error with one line per problem and a hint where to fix it. */
export class ConfigError extends Error {
  readonly hint: string;
  constructor(lines: string[]) {
    const hint = 'Set these in the environment (see README.md, "Settings") or fix package.json "repository".';
    super(`invalid site configuration:\n${lines.map((l) => `  - ${l}`).join('\n')}\n  hint: ${hint}`);
    this.name = 'ConfigError';
    this.hint = hint;
  }
}

/** `owner/name` from a GitHub URL in any form npm and git write (`git+https://`, `git@`, `github:`). */
export function parseGitHubRepo(url: string | undefined): { owner: string; name: string } | undefined {
  if (!url) return undefined;
  const m = /^(?:github:|(?:git\+)?(?:https?|ssh|git):\/\/(?:[^@/]+@)?github\.com[/:]|git@github\.com:)?([A-Za-z0-9_.-]+)\/([A-Za-z0-9_.-]+?)(?:\.git)?\/?$/.exec(url.trim());
  return m ? { owner: m[1]!, name: m[2]! } : undefined;
}

function packageRepository(cwd: string): string | undefined {
  try {
    const pkg = JSON.parse(readFileSync(join(cwd, 'package.json'), 'utf8')) as { repository?: string | { url?: string } };
    return typeof pkg.repository === 'string' ? pkg.repository : pkg.repository?.url;
  } catch {
    return undefined;
  }
}

function gitRemote(cwd: string): string | undefined {
  try {
    return execFileSync('git', ['remote', 'get-url', 'origin'], { cwd, encoding: 'utf8', stdio: ['ignore', 'pipe', 'ignore'] }).trim() || undefined;
  } catch {
    return undefined;
  }
}

/** Reads and validates the configuration from `sources`; throws a `ConfigError` listing every problem. */
export function loadSiteConfig(sources: ConfigSources = {}): SiteConfig {
  const env = sources.env ?? {};
  const argv = sources.argv ?? [];
  const cwd = sources.cwd ?? '.';
  const set = (name: string) => (env[name]?.trim() ? env[name] : undefined);

  const lines: string[] = [];
  // Repository: explicit owner/name, else REPO_URL / GITHUB_REPOSITORY (Actions), else package.json, else git.
  let repo: { owner: string; name: string } | undefined;
  if (set('REPO_OWNER') || set('REPO_NAME')) {
    if (!set('REPO_OWNER') || !set('REPO_NAME')) lines.push('REPO_OWNER and REPO_NAME must be set together');
    else repo = { owner: env.REPO_OWNER!.trim(), name: env.REPO_NAME!.trim() };
  } else if (set('REPO_URL')) {
    repo = parseGitHubRepo(env.REPO_URL);
    if (!repo) lines.push(`REPO_URL: "${env.REPO_URL}" is not a GitHub repository URL (https://github.com/OWNER/NAME)`);
  } else if (set('GITHUB_REPOSITORY')) {
    repo = parseGitHubRepo(env.GITHUB_REPOSITORY);
  } else {
    repo = parseGitHubRepo(packageRepository(cwd)) ?? parseGitHubRepo((sources.gitRemote === undefined ? gitRemote(cwd) : sources.gitRemote) ?? undefined);
  }

  const drafts = set('DRAFTS');
  if (drafts !== undefined && !/^(0|1|true|false)$/.test(drafts)) lines.push('DRAFTS must be 1 or 0');

  const epoch = set('SOURCE_DATE_EPOCH')?.trim();
  if (epoch !== undefined && !/^\d+$/.test(epoch)) lines.push('SOURCE_DATE_EPOCH must be whole seconds since 1970 (e.g. 1764806400)');

  const result = schema.safeParse({
    site: set('SITE_URL'),
    base: env.SITE_BASE ?? '',
    title: env.SITE_TITLE ?? DEFAULT_TITLE,
    description: env.SITE_DESCRIPTION ?? DEFAULT_DESCRIPTION,
    notesDir: resolve(cwd, set('NOTES_DIR') ?? 'notes'),
    notesDisplayDir: set('NOTES_DISPLAY_DIR') ?? 'notes',
    outDir: resolve(cwd, set('OUT_DIR') ?? 'dist'),
    cacheDir: resolve(cwd, set('ASTRO_CACHE_DIR') ?? 'node_modules/.astro'),
    publicDir: resolve(cwd, set('PUBLIC_DIR') ?? 'public'),
    snippetResults: resolve(cwd, set('SNIPPET_RESULTS') ?? 'src/data/snippet-results.json'),
    socialImageCacheDir: resolve(cwd, set('SOCIAL_IMAGE_CACHE_DIR') ?? 'node_modules/.cache/social-images'),
    mermaid: {
      cacheDir: resolve(cwd, set('MERMAID_CACHE_DIR') ?? 'node_modules/.cache/mermaid'),
      chromium: set('MERMAID_CHROMIUM') ?? set('CHROMIUM_PATH') ?? '/usr/bin/chromium',
      report: set('MERMAID_REPORT') !== '0',
    },
    diagrams: {
      file: set('DIAGRAMS_FILE') ? resolve(cwd, env.DIAGRAMS_FILE!) : resolve(cwd, set('NOTES_DIR') ?? 'notes') === resolve(cwd, 'notes') ? resolve(cwd, 'src/data/diagrams.json') : undefined,
      tracesDir: resolve(cwd, set('TRACES_DIR') ?? 'src/data/traces'),
    },
    deferRender: set('DEFER_RENDER') === '1',
    includeDrafts: drafts !== undefined ? drafts === '1' || drafts === 'true' : argv.includes('dev'),
    sourceDateEpoch: epoch !== undefined && /^\d+$/.test(epoch) ? Number(epoch) : undefined,
    unresolvedLinks: set('UNRESOLVED_LINKS') ?? 'concept',
    repository: repo && { ...repo, branch: set('REPO_BRANCH') ?? 'main', notesPath: 'notes' },
  });
  if (!result.success) {
    for (const issue of result.error.issues) lines.push(issue.message);
  }
  if (lines.length > 0 || !result.success) throw new ConfigError(lines);
  return result.data;
}

const CACHE = Symbol.for('pyconcurrency-notes.siteConfig');

/**
 * The process's configuration, loaded from `process.env`/`process.argv` on first call and shared
 * through `globalThis` (astro.config, the content loader and the page bundle are separate module
 * graphs in one process).
 */
export function siteConfig(): SiteConfig {
  const g = globalThis as typeof globalThis & { [CACHE]?: SiteConfig };
  g[CACHE] ??= loadSiteConfig({ env: process.env, argv: process.argv, cwd: process.cwd() });
  return g[CACHE];
}

/**
 * A site-relative URL with the base in front: `withBase('', '/tags/')` → `/tags/`,
 * `withBase('/kb', '/tags/')` → `/kb/tags/`. Every URL the project generates goes through this
 * (or through a helper in link-paths.ts that takes `base`).
 */
export function withBase(base: string, path: string): string {
  return `${base}${path.startsWith('/') ? path : `/${path}`}`;
}

/** An absolute URL on the configured site, or undefined when `SITE_URL` is not set. */
export function absoluteUrl(config: Pick<SiteConfig, 'site' | 'base'>, path: string): string | undefined {
  return config.site ? `${config.site}${withBase(config.base, path)}` : undefined;
}

/** "Edit this page" base: GitHub's editor for files of the notes folder, or undefined without a repository. */
export function editBaseUrl(config: Pick<SiteConfig, 'repository'>): string | undefined {
  const r = config.repository;
  return r ? `https://github.com/${r.owner}/${r.name}/edit/${r.branch}/` : undefined;
}
