/**
 * @python sha256:7647a8880c41dca3
 * @mode run
 *
 * Hostile: reads a file outside its own folder.
 */
import { readFileSync } from 'node:fs';

readFileSync('/etc/hostname', 'utf8');
console.log('read');

// Output:
// read
