/**
 * @python sha256:ee62348ac324bdd6
 * @mode run
 *
 * Hostile: fills the disk through its writable /tmp.
 */
import { appendFileSync } from 'node:fs';

const chunk = Buffer.alloc(1 << 20, 120);
for (let i = 0; i < 100_000; i++) appendFileSync('/tmp/fill', chunk);
console.log('filled');

// Output:
// filled
