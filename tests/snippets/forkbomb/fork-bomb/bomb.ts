/**
 * @python sha256:43f502fb3450d6e5
 * @mode run
 * @allow child-process
 *
 * Hostile: a shell fork bomb (granted child processes by the test allow-list: the OS sandbox must stop it).
 */
import { spawnSync } from 'node:child_process';

spawnSync('/bin/sh', ['-c', 'bomb() { bomb | bomb & }; bomb'], { stdio: 'ignore' });
console.log('forked');

// Output:
// forked
