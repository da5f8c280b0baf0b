/**
 * @python sha256:7647a8880c41dca3
 * @mode run
 *
 * Hostile: reads the repository around its folder (package.json four levels up).
 */
import { readFileSync } from 'node:fs';

console.log(readFileSync(new URL('../../../../package.json', import.meta.url), 'utf8'));

// Output:
// read
