import { mkdtempSync, readdirSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import sharp from 'sharp';
import { describe, expect, test } from 'vitest';
import { cachedSocialImage, socialImageKey, socialImageStats } from '../src/lib/social-image.ts';

const card = { title: 'Python Concurrency', site: 'Python Concurrency Notes', description: 'Various notes on concurrency in Python.' };

/** Share of pixels that differ between two same-sized PNGs. */
async function differingPixels(a: Buffer, b: Buffer): Promise<number> {
  const [pa, pb] = await Promise.all([a, b].map((png) => sharp(png).raw().toBuffer()));
  let differ = 0;
  for (let i = 0; i < pa!.length; i += 4) if (pa![i] !== pb![i] || pa![i + 1] !== pb![i + 1] || pa![i + 2] !== pb![i + 2]) differ++;
  return differ / (pa!.length / 4);
}

describe('social images', () => {
  test('are 1200×630 PNGs whose pixels depend on the title and the description', async () => {
    const dir = mkdtempSync(join(tmpdir(), 'og-'));
    const png = await cachedSocialImage(card, dir);
    expect(await sharp(png).metadata()).toMatchObject({ format: 'png', width: 1200, height: 630 });
    const otherTitle = await cachedSocialImage({ ...card, title: 'Event Loop' }, dir);
    const noDescription = await cachedSocialImage({ ...card, description: undefined }, dir);
    expect(await differingPixels(png, otherTitle)).toBeGreaterThan(0.005);
    expect(await differingPixels(png, noDescription)).toBeGreaterThan(0.002);
  });

  test('draw a card once: the same text is read back from the cache, changed text is drawn again', async () => {
    const dir = mkdtempSync(join(tmpdir(), 'og-'));
    const before = { ...socialImageStats };
    const first = await cachedSocialImage(card, dir);
    const again = await cachedSocialImage({ ...card }, dir);
    expect(again.equals(first)).toBe(true);
    expect(socialImageStats.drawn - before.drawn).toBe(1);
    expect(socialImageStats.cached - before.cached).toBe(1);
    await cachedSocialImage({ ...card, description: 'Edited.' }, dir);
    expect(socialImageStats.drawn - before.drawn).toBe(2);
    expect(readdirSync(dir).sort()).toEqual([socialImageKey(card), socialImageKey({ ...card, description: 'Edited.' })].map((k) => `${k}.png`).sort());
  });

  test('key a card by every text it shows', () => {
    const keys = new Set([card, { ...card, title: 'x' }, { ...card, site: 'x' }, { ...card, description: 'x' }, { ...card, description: undefined }].map(socialImageKey));
    expect(keys.size).toBe(5);
    expect(socialImageKey({ ...card })).toBe(socialImageKey(card));
  });
});
