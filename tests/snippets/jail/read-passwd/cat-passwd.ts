/**
 * @python sha256:7647a8880c41dca3
 * @mode run
 *
 * Hostile: prints /etc/passwd.
 */
import { readFileSync } from 'node:fs';

console.log(readFileSync('/etc/passwd', 'utf8'));

// Output:
// read
