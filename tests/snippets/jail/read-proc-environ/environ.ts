/**
 * @python sha256:7647a8880c41dca3
 * @mode run
 *
 * Hostile: reads init's environment.
 */
import { readFileSync } from 'node:fs';

console.log(readFileSync('/proc/1/environ', 'utf8'));

// Output:
// read
