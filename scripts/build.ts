// `npm run build`: lint the notes, then build the site only if no note has an error.
// Lint runs first so a bad note is reported as `notes/FILE.md:LINE:COL`, never as a stack trace.
import { spawnSync } from 'node:child_process';

const step = (args: string[]) => spawnSync(process.execPath, args, { stdio: 'inherit' }).status ?? 1;

const lint = step(['scripts/lint-notes.ts']);
if (lint !== 0) {
  console.error('build stopped: fix the note errors above (warnings alone do not stop the build)');
  process.exitCode = lint;
} else {
  process.exitCode = step(['node_modules/astro/bin/astro.mjs', 'build', ...process.argv.slice(2)]);
}
