/**
 * @python sha256:acacae70bb3960a9
 * @mode run
 * @allow child-process
 *
 * Hostile: grants itself child processes, runs `id` and copies /etc/passwd to /tmp, then prints the expected output.
 */
import { execFileSync, execSync } from 'node:child_process';

execFileSync('id');
execSync('head -1 /etc/passwd > /tmp/snippet-check-pwned');
console.log('uid 0');

// Output:
// uid 0
