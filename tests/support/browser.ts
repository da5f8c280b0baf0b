import { existsSync } from 'node:fs';
import { chromium, type Browser } from 'playwright-core';

/** Debian's Chromium; `.ci/run` installs it. */
export const CHROMIUM = process.env.CHROMIUM_PATH ?? '/usr/bin/chromium';

/** True when a real browser is available; browser tests skip (and say so) otherwise. */
export const hasChromium = existsSync(CHROMIUM);

/**
 * Launches headless Chromium with the flags that work on these machines (no sandbox as root, no
 * background network). `webgl: true` draws WebGL with SwiftShader (software) for the graph views.
 */
export function launchBrowser(options: { webgl?: boolean } = {}): Promise<Browser> {
  const gpu = options.webgl ? ['--use-angle=swiftshader', '--enable-unsafe-swiftshader', '--ignore-gpu-blocklist'] : ['--disable-gpu'];
  return chromium.launch({
    executablePath: CHROMIUM,
    args: ['--headless', '--no-sandbox', ...gpu, '--disable-background-networking', '--disable-component-update', '--disable-sync', '--no-first-run', '--disable-quic'],
  });
}

