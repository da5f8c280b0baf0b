import { spawnSync } from 'node:child_process';
import { resolve } from 'node:path';
import { expect, test } from 'vitest';

test('the site, scripts and tests type-check under strict TypeScript (tsconfig.json)', () => {
  const tsc = resolve('node_modules/typescript/bin/tsc');
  const { status, stdout, stderr } = spawnSync(process.execPath, [tsc, '--noEmit', '-p', 'tsconfig.json'], { encoding: 'utf8' });
  expect(`${stdout}${stderr}`.trim()).toBe('');
  expect(status).toBe(0);
}, 180_000);
