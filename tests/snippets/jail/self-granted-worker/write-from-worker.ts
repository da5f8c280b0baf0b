/**
 * @python sha256:6bd343e0884221e7
 * @mode run
 * @allow worker
 *
 * Hostile: grants itself worker threads; the worker writes outside the sandbox.
 */
import { Worker } from 'node:worker_threads';

const worker = new Worker("require('node:fs').writeFileSync('/etc/snippet-check-worker.txt', 'pwned')", { eval: true });
await new Promise((resolve) => worker.on('exit', resolve));
console.log('worker done');

// Output:
// worker done
