// The build lock (src/integrations/build-lock.ts): builds of one checkout take turns, because Astro
// writes every build's content asset map into the same `.astro/` folder.
import { spawn } from 'node:child_process';
import { existsSync, mkdirSync, mkdtempSync, readFileSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { expect, test } from 'vitest';
import { takeBuildLock } from '../src/integrations/build-lock.ts';

const scratch = () => mkdtempSync(join(tmpdir(), 'build-lock-'));

test('a second build waits until the first releases the lock, then holds it', async () => {
  const dir = scratch();
  const releaseFirst = await takeBuildLock(dir, () => {});
  const told: string[] = [];
  let second: (() => void) | undefined;
  // The same process stands in for a second one: it would re-enter, so fake another holder's pid.
  writeFileSync(join(dir, 'build.lock', 'pid'), String(process.ppid));
  const waiting = takeBuildLock(dir, (m) => told.push(m)).then((r) => { second = r; });
  await new Promise((r) => setTimeout(r, 600));
  expect(second).toBeUndefined();
  expect(told).toEqual([`waiting for another astro build of this checkout (pid ${process.ppid}) to finish`]);
  releaseFirst();
  await waiting;
  expect(readFileSync(join(dir, 'build.lock', 'pid'), 'utf8')).toBe(String(process.pid));
  second!();
  expect(existsSync(join(dir, 'build.lock'))).toBe(false);
});

test('a lock left by a build that died is taken over at once', async () => {
  const dir = scratch();
  const dead = spawn(process.execPath, ['-e', '']);
  await new Promise((r) => dead.on('exit', r));
  mkdirSync(join(dir, 'build.lock'));
  writeFileSync(join(dir, 'build.lock', 'pid'), String(dead.pid));
  const told: string[] = [];
  const release = await takeBuildLock(dir, (m) => told.push(m));
  expect(told).toEqual([]);
  expect(readFileSync(join(dir, 'build.lock', 'pid'), 'utf8')).toBe(String(process.pid));
  release();
});
