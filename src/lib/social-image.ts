/**
 * Social images (Open Graph / Twitter cards): a 1200×630 PNG per note with its title, the site's
 * name and its description, drawn at build time. Satori lays the card out (text wrapping, line
 * clamps) as an SVG with the text as paths; sharp, already the site's image library, rasterises it.
 * Fonts are Inter from `@fontsource/inter` (WOFF, which Satori reads), so the output does not
 * depend on the machine's fonts.
 *
 * Each PNG is cached on disk under a hash of everything drawn (card text, fonts, layout version):
 * a rebuild draws only the cards whose text changed.
 */
import { createHash } from 'node:crypto';
import { mkdirSync, readFileSync, renameSync, writeFileSync } from 'node:fs';
import { createRequire } from 'node:module';
import { join } from 'node:path';
import satori from 'satori';
import sharp from 'sharp';

import { SOCIAL_IMAGE_HEIGHT, SOCIAL_IMAGE_WIDTH } from './social-image-paths.ts';

/** Bump when the layout changes: cached cards of the old layout are then drawn again. */
const LAYOUT_VERSION = 1;

/** What a card shows. */
export interface SocialCard {
  title: string;
  site: string;
  description?: string;
}

/** A Satori element: the React element shape, without React. */
interface El {
  type: string;
  props: { style?: Record<string, string | number>; children?: (El | string)[] | El | string };
}
const el = (type: string, style: Record<string, string | number>, children?: El['props']['children']): El => ({ type, props: { style, children } });

type Weight = 400 | 700;
interface FontFile {
  name: string;
  data: Buffer;
  weight: Weight;
  style: 'normal';
}

let fonts: FontFile[] | undefined;
/** Inter, Latin and Latin Extended subsets, regular and bold (read once per process). */
function loadFonts(): FontFile[] {
  if (fonts) return fonts;
  const require = createRequire(import.meta.url);
  const file = (subset: string, weight: Weight) => readFileSync(require.resolve(`@fontsource/inter/files/inter-${subset}-${weight}-normal.woff`));
  // Satori falls back between font names, not between files of one name: one name per subset.
  fonts = (['latin', 'latin-ext'] as const).flatMap((subset) => ([400, 700] as const).map((weight) => ({ name: `Inter ${subset}`, data: file(subset, weight), weight, style: 'normal' as const })));
  return fonts;
}

/** Title size by length: short titles big, long ones still within three lines. */
function titleSize(title: string): number {
  if (title.length <= 28) return 76;
  if (title.length <= 60) return 64;
  return 52;
}

/** The card as Satori elements: site name on top, the title, the description at the bottom. */
function layout(card: SocialCard): El {
  const mark = el('div', { display: 'flex', width: 56, height: 56, borderRadius: 12, background: '#1f3a5f', border: '3px solid #4b8bbe', marginRight: 24 }, [
    el('div', { display: 'flex', flexDirection: 'column', justifyContent: 'center', gap: 7, paddingLeft: 12 }, [
      el('div', { width: 16, height: 5, borderRadius: 3, background: '#ffd43b' }),
      el('div', { width: 24, height: 5, borderRadius: 3, background: '#ffd43b' }),
      el('div', { width: 30, height: 5, borderRadius: 3, background: '#ffd43b' }),
    ]),
  ]);
  const inner = SOCIAL_IMAGE_WIDTH - 2 * 80;
  return el('div', { display: 'flex', width: SOCIAL_IMAGE_WIDTH, height: SOCIAL_IMAGE_HEIGHT, background: '#10161f', color: '#f2f4f7', fontFamily: '"Inter latin", "Inter latin-ext"' }, [
    el('div', { display: 'flex', position: 'absolute', top: 0, left: 0, width: SOCIAL_IMAGE_WIDTH, height: 14, background: '#ffd43b' }),
    el('div', { display: 'flex', flexDirection: 'column', position: 'absolute', top: 14 + 56, left: 80, width: inner, height: SOCIAL_IMAGE_HEIGHT - 14 - 56 - 56 }, [
      el('div', { display: 'flex', alignItems: 'center', fontSize: 32, fontWeight: 700, color: '#9fc3e6' }, [mark, card.site]),
      el('div', { display: 'flex', flexGrow: 1, alignItems: 'center', width: inner }, [
        el('div', { display: 'block', width: inner, fontSize: titleSize(card.title), fontWeight: 700, lineHeight: 1.15, lineClamp: 3 }, card.title),
      ]),
      ...(card.description ? [el('div', { display: 'block', width: inner, fontSize: 30, lineHeight: 1.4, color: '#c5ccd6', lineClamp: 3 }, card.description)] : []),
    ]),
  ]);
}

/** The card as an SVG (text drawn as paths: no fonts needed to rasterise it). */
export function socialImageSvg(card: SocialCard): Promise<string> {
  return satori(layout(card) as never, { width: SOCIAL_IMAGE_WIDTH, height: SOCIAL_IMAGE_HEIGHT, fonts: loadFonts() });
}

/** The card as a PNG. */
export async function renderSocialImage(card: SocialCard): Promise<Buffer> {
  return sharp(Buffer.from(await socialImageSvg(card))).png().toBuffer();
}

/** The cache key of a card: its text and the layout version (fonts come from the locked package). */
export function socialImageKey(card: SocialCard): string {
  return createHash('sha256').update(JSON.stringify([LAYOUT_VERSION, card.title, card.site, card.description ?? ''])).digest('hex').slice(0, 32);
}

/** Counts of this process's cards: drawn, or read from the cache (for tests and the build's figures). */
export const socialImageStats = { drawn: 0, cached: 0 };

/** The card's PNG from `cacheDir` when its text was drawn before, else drawn and stored there. */
export async function cachedSocialImage(card: SocialCard, cacheDir: string): Promise<Buffer> {
  const file = join(cacheDir, `${socialImageKey(card)}.png`);
  try {
    const png = readFileSync(file);
    socialImageStats.cached++;
    return png;
  } catch {
    // Not drawn yet.
  }
  const png = await renderSocialImage(card);
  mkdirSync(cacheDir, { recursive: true });
  // Write then rename: two builds sharing the cache never read half a file.
  const tmp = `${file}.${process.pid}.tmp`;
  writeFileSync(tmp, png);
  renameSync(tmp, file);
  socialImageStats.drawn++;
  return png;
}
