/**
 * @python sha256:43f502fb3450d6e5
 * @mode run
 * @allow child-process
 *
 * Hostile: a shell fork bomb (granted child processes by the test allow-list: the OS sandbox must stop it).
 * The bomb is sustained, as a real attacker's would be: each copy forks its pipeline again whenever it
 * ends or a fork fails, so the process table stays full. The shell waits for a `sleep` started before
 * the bomb (`wait` is a builtin: no fork needed once the table is full), then the translation ends and
 * the sandbox tears the bomb down. Earlier versions burst and died within milliseconds (each copy
 * exited after forking), and the sandbox's 50 ms watchdog sometimes sampled before or after the burst.
 */
import { spawnSync } from 'node:child_process';

spawnSync('/bin/sh', ['-c', 'sleep 3 & s=$!; bomb() { while :; do bomb | bomb & wait; done; }; bomb & wait $s'], { stdio: 'ignore' });
console.log('forked');

// Output:
// forked
