/**
 * @python sha256:ea4b8b3db331fd18
 * @mode run
 *
 * Hostile: writes outside its temporary folder.
 */
import { writeFileSync } from 'node:fs';

writeFileSync('/etc/snippet-check-hostile.txt', 'pwned');
console.log('written');

// Output:
// written
