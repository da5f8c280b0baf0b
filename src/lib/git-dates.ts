import { spawnSync } from 'node:child_process';
import { relative, resolve } from 'node:path';

/**
 * When each file under `dir` was last committed, from one `git log` over the folder (as Starlight
 * does for `src/content/docs`, which it never does for `notes/`). Keys are paths relative to `dir`
 * with `/`. Outside a git checkout, or for a shallow history, files are simply missing from the map.
 */
export function lastCommitDates(dir: string): Map<string, Date> {
  const dates = new Map<string, Date>();
  const root = spawnSync('git', ['rev-parse', '--show-toplevel'], { cwd: dir, encoding: 'utf8' });
  if (root.status !== 0) return dates;
  const top = root.stdout.trim();
  const log = spawnSync('git', ['log', '--format=t:%ct', '--name-only', '--', resolve(dir)], { cwd: top, encoding: 'utf8', maxBuffer: 64 * 1024 * 1024 });
  if (log.status !== 0) return dates;
  let when = 0;
  for (const line of log.stdout.split('\n')) {
    if (line.startsWith('t:')) when = Number(line.slice(2)) * 1000;
    else if (line.trim()) {
      const rel = relative(resolve(dir), resolve(top, line)).split('\\').join('/');
      if (!rel.startsWith('..') && !dates.has(rel)) dates.set(rel, new Date(when));
    }
  }
  return dates;
}

/** Midnight UTC of a calendar day label (`2024-09-26`): Starlight shows dates in UTC, so the day it shows is the author's. */
export function calendarDate(label: string): Date {
  return new Date(`${label}T00:00:00Z`);
}
