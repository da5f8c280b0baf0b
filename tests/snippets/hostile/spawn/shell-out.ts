/**
 * @python sha256:9735978ef7079edd
 * @mode run
 *
 * Hostile: starts a process without `@allow child-process`.
 */
import { execFileSync } from 'node:child_process';

execFileSync('id');
console.log('spawned');

// Output:
// spawned
