// Process groups the check started, so that stopping the check (Ctrl-C, a CI timeout) also stops
// every translation and Python original still running: none may outlive it.

const groups = new Set<number>();

/** Remembers a detached child's process group. */
export function track(pid: number | undefined): void {
  if (pid) groups.add(pid);
}

/** Forgets a process group once its leader has exited (its strays are killed by the runner). */
export function untrack(pid: number | undefined): void {
  if (pid) groups.delete(pid);
}

/** Kills every tracked process group; safe to call from an `exit` handler. */
export function killAll(): void {
  for (const pid of groups) {
    try { process.kill(-pid, 'SIGKILL'); } catch { /* already gone */ }
  }
  groups.clear();
}
