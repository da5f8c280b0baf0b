/**
 * @python sha256:43f502fb3450d6e5
 * @mode run
 * @allow child-process
 *
 * Hostile: a shell fork bomb (granted child processes by the test allow-list: the OS sandbox must stop it).
 * The shell starts a `sleep` before the bomb and then `wait`s (a builtin: no fork needed once the
 * process table is full), so the bomb keeps running for 8 s as a real attacker's would. Without it,
 * `sh` returned as soon as the bomb was backgrounded, the translation ended, and the sandbox's
 * teardown killed the bomb, sometimes before the watchdog had sampled it at the limit.
 */
import { spawnSync } from 'node:child_process';

spawnSync('/bin/sh', ['-c', 'sleep 8 & bomb() { bomb | bomb & }; bomb; wait'], { stdio: 'ignore' });
console.log('forked');

// Output:
// forked
