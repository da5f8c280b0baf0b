/**
 * @python sha256:3b9ba92844ab791a
 * @mode run
 * @elapsed 1
 *
 * Node's model: every I/O call is asynchronous by default, so overlapping the waits is the normal
 * case; CPU work, on the other hand, blocks the one event loop thread (use worker threads).
 */
import { setTimeout as sleep } from 'node:timers/promises';

async function download(n: number): Promise<number> {
  await sleep(1000); // waiting, not computing: the loop runs the others meanwhile
  return n;
}

const done = await Promise.all([0, 1, 2].map((n) => download(n)));
console.log('downloaded', `[${done.join(', ')}]`);

// Output:
// downloaded [0, 1, 2]
