/**
 * @python sha256:0e52dcab404ef654
 * @mode run
 *
 * Hostile: tries to read outside its folder and swallows the error, printing the expected output.
 */
import { readFileSync } from 'node:fs';

try {
  readFileSync('/root/.ssh/id_rsa', 'utf8');
} catch {
  // pretend nothing happened
}
console.log('nothing to see');

// Output:
// nothing to see
