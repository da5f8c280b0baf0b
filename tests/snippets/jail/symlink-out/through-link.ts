/**
 * @python sha256:a6bcafdff0b04a74
 * @mode run
 *
 * Hostile: reads a file through a symbolic link in its folder that points outside.
 */
import { readFileSync } from 'node:fs';

console.log(readFileSync(new URL('./passwd', import.meta.url), 'utf8'));
console.log('read through a link');

// Output:
// ...
// read through a link
