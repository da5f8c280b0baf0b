// One `astro build` (or `astro sync`) at a time per checkout. Astro writes each build's content asset
// map (`.astro/content-assets.mjs`) into the project's own `.astro/` folder, whatever the output and
// cache folders are (no setting moves it). Two builds of different vaults started side by side — the
// test suite's fixture builds, a bench beside a build — then read each other's map, and an image embed
// is published without its image (seen in CI: links-site's gamma page, no `<img>` for diagram.png).
// A lock folder (mkdir is atomic) holding the pid serialises them; a lock whose holder died is taken over.
import { mkdirSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import type { AstroIntegration } from 'astro';

const alive = (pid: number) => {
  try { process.kill(pid, 0); return true; } catch (e) { return (e as NodeJS.ErrnoException).code === 'EPERM'; }
};

/** Takes `<dotAstro>/build.lock` for this process until it exits; waits while another live process holds it. */
export async function takeBuildLock(dotAstro: string, log: (message: string) => void = console.error): Promise<() => void> {
  const lock = join(dotAstro, 'build.lock');
  mkdirSync(dotAstro, { recursive: true });
  let told = false;
  for (;;) {
    try {
      mkdirSync(lock);
      writeFileSync(join(lock, 'pid'), String(process.pid));
      break;
    } catch (e) {
      if ((e as NodeJS.ErrnoException).code !== 'EEXIST') throw e;
      let holder = Number.NaN;
      try { holder = Number(readFileSync(join(lock, 'pid'), 'utf8')); } catch { /* being written or removed */ }
      if (holder === process.pid) break;
      if (Number.isInteger(holder) && holder > 0 && !alive(holder)) { rmSync(lock, { recursive: true, force: true }); continue; }
      if (!told) { log(`waiting for another astro build of this checkout (pid ${Number.isNaN(holder) ? '?' : holder}) to finish`); told = true; }
      await new Promise((r) => setTimeout(r, 250));
    }
  }
  const release = () => rmSync(lock, { recursive: true, force: true });
  process.once('exit', release);
  return release;
}

export function buildLock(): AstroIntegration {
  return {
    name: 'notes:build-lock',
    hooks: {
      'astro:config:setup': async ({ command, config, logger }) => {
        if (command !== 'build' && command !== 'sync') return;
        await takeBuildLock(join(fileURLToPath(config.root), '.astro'), (m) => logger.info(m));
      },
    },
  };
}
