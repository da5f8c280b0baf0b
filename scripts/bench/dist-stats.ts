// What a build put in dist/: sizes of note pages, the JS and CSS a note page loads, and where
// the bytes of one page go (head, inline scripts and styles, icons, sidebar, content...).
import { existsSync, readdirSync, readFileSync, statSync } from 'node:fs';
import { dirname, join, posix } from 'node:path';
import { gzipSync } from 'node:zlib';

/** Size of every file under `dir`, summed (0 when it does not exist). */
export function dirBytes(dir: string): number {
  if (!existsSync(dir)) return 0;
  let total = 0;
  for (const name of readdirSync(dir)) {
    const full = join(dir, name);
    const st = statSync(full);
    total += st.isDirectory() ? dirBytes(full) : st.size;
  }
  return total;
}

/** The value at quantile `q` (0..1) of `values`, nearest-rank; null for an empty list. */
export function quantile(values: number[], q: number): number | null {
  if (values.length === 0) return null;
  const sorted = [...values].sort((a, b) => a - b);
  return sorted[Math.min(sorted.length - 1, Math.max(0, Math.ceil(q * sorted.length) - 1))]!;
}

const gz = (s: string | Buffer) => gzipSync(s).length;

/** The assets one page loads: scripts (with their static imports), stylesheets, inline code. */
export interface PageAssets {
  /** Gzipped bytes of external scripts and every module they import statically. */
  external_js_gz: number;
  /** Gzipped bytes of inline `<script>` bodies (each compressed on its own). */
  inline_js_gz: number;
  js_gz: number;
  css_gz: number;
  scripts: string[];
  stylesheets: string[];
}

/** Resolves a page's `src`/`href` to a file in dist (root-relative or relative to the page). */
function distPath(dist: string, pageFile: string, url: string): string | null {
  if (/^(https?:)?\/\//.test(url) || url.startsWith('data:')) return null;
  const clean = url.split(/[?#]/)[0]!;
  return clean.startsWith('/') ? join(dist, clean) : join(dirname(pageFile), clean);
}

/** Scripts and styles a page loads, following `import` statements of the bundled modules. */
export function pageAssets(dist: string, pageFile: string): PageAssets {
  const html = readFileSync(pageFile, 'utf8');
  const seen = new Set<string>();
  const queue: string[] = [];
  let inline = 0;
  for (const m of html.matchAll(/<script\b([^>]*)>([\s\S]*?)<\/script>/g)) {
    const src = /\bsrc="([^"]+)"/.exec(m[1]!)?.[1];
    if (src) {
      const p = distPath(dist, pageFile, src);
      if (p) queue.push(p);
    } else if (m[2]!.trim() && !/type="application\/(ld\+)?json"/.test(m[1]!)) inline += gz(m[2]!);
  }
  for (const m of html.matchAll(/<link\b[^>]*rel="modulepreload"[^>]*href="([^"]+)"/g)) {
    const p = distPath(dist, pageFile, m[1]!);
    if (p) queue.push(p);
  }
  let external = 0;
  while (queue.length) {
    const file = queue.shift()!;
    if (seen.has(file) || !existsSync(file)) continue;
    seen.add(file);
    const code = readFileSync(file, 'utf8');
    external += gz(code);
    // Static imports only (`import"./x.js"`, `from"./x.js"`); `import("./x.js")` loads on demand.
    for (const m of code.matchAll(/(?:\bfrom|\bimport)\s*["']([^"']+\.m?js)["']/g)) {
      const p = m[1]!.startsWith('.') ? posix.join(dirname(file), m[1]!) : distPath(dist, file, m[1]!);
      if (p) queue.push(p);
    }
  }
  let css = 0;
  const stylesheets: string[] = [];
  for (const m of html.matchAll(/<link\b[^>]*rel="stylesheet"[^>]*>/g)) {
    const href = /href="([^"]+)"/.exec(m[0])?.[1];
    const p = href ? distPath(dist, pageFile, href) : null;
    if (p && existsSync(p)) {
      css += gz(readFileSync(p));
      stylesheets.push(p.slice(dist.length));
    }
  }
  return { external_js_gz: external, inline_js_gz: inline, js_gz: external + inline, css_gz: css, scripts: [...seen].map((s) => s.slice(dist.length)), stylesheets };
}

/** End index (exclusive) of the element whose start tag begins at `start`, counting nested tags of the same name. */
function elementEnd(html: string, start: number): number {
  const name = /^<([a-zA-Z][\w-]*)/.exec(html.slice(start))?.[1];
  if (!name) return start;
  const re = new RegExp(`<(/?)${name}\\b[^>]*?(/?)>`, 'g');
  re.lastIndex = start;
  let depth = 0;
  for (let m = re.exec(html); m; m = re.exec(html)) {
    if (m[1]) depth--;
    else if (!m[2]) depth++;
    if (depth === 0) return m.index + m[0].length;
  }
  return html.length;
}

/** Bytes of the first element matched by `startTag` (a regex over start tags), or 0. */
function elementBytes(html: string, startTag: RegExp): number {
  const m = startTag.exec(html);
  return m ? elementEnd(html, m.index) - m.index : 0;
}

/** Where the bytes of one HTML page go. Parts overlap where noted (icons sit inside header/sidebar). */
export interface Anatomy {
  total: number;
  head: number;
  /** Inline `<style>` anywhere in the page. */
  inline_styles: number;
  /** Inline `<script>` bodies anywhere in the page (including the head). */
  inline_scripts: number;
  /** Inline `<svg>` icons, anywhere (overlaps header, sidebar, content). */
  svg_icons: number;
  svg_count: number;
  /** Site header: title, search button and dialog, social links, theme picker. */
  header: number;
  /** The left sidebar (navigation). */
  sidebar: number;
  /** Right sidebar: the table of contents (desktop copy). */
  toc: number;
  /** The mobile copy of the table of contents. */
  mobile_toc: number;
  /** The rendered note body. */
  content: number;
  /** Expressive Code blocks inside the content (overlaps content). */
  code_blocks: number;
  code_block_count: number;
  footer: number;
  /** `data-*` and `class` attribute bytes anywhere (a measure of markup weight). */
  attributes: number;
}

/** Splits one page's HTML into the parts Starlight renders. */
export function anatomy(html: string): Anatomy {
  const sum = (re: RegExp) => [...html.matchAll(re)].reduce((n, m) => n + m[0].length, 0);
  const svgs = [...html.matchAll(/<svg\b/g)].map((m) => elementEnd(html, m.index) - m.index);
  const blocks = [...html.matchAll(/<div\b[^>]*class="expressive-code\b/g)].map((m) => elementEnd(html, m.index) - m.index);
  const headEnd = html.indexOf('</head>');
  return {
    total: Buffer.byteLength(html),
    head: headEnd < 0 ? 0 : headEnd + 7,
    inline_styles: sum(/<style\b[^>]*>[\s\S]*?<\/style>/g),
    inline_scripts: sum(/<script\b(?![^>]*\bsrc=)[^>]*>[\s\S]*?<\/script>/g),
    svg_icons: svgs.reduce((a, b) => a + b, 0),
    svg_count: svgs.length,
    header: elementBytes(html, /<header\b[^>]*class="header\b/),
    sidebar: elementBytes(html, /<nav\b[^>]*class="sidebar\b/),
    toc: elementBytes(html, /<starlight-toc\b/),
    mobile_toc: elementBytes(html, /<mobile-starlight-toc\b/),
    content: elementBytes(html, /<div\b[^>]*class="sl-markdown-content[^"]*"/),
    code_blocks: blocks.reduce((a, b) => a + b, 0),
    code_block_count: blocks.length,
    footer: elementBytes(html, /<footer\b/),
    attributes: sum(/\s(?:data-[\w-]+|class|style)="[^"]*"/g),
  };
}
