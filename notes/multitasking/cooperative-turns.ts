/**
 * @python sha256:8db72cd8599180fd
 * @mode run
 *
 * Node's model: the same cooperation, built in. An async function runs until its first `await`;
 * `await setImmediate()` hands control back to the event loop like `await asyncio.sleep(0)`.
 */
import { setImmediate as yieldToLoop } from 'node:timers/promises';

async function worker(name: string): Promise<void> {
  for (let step = 0; step < 2; step++) {
    console.log(name, step);
    await yieldToLoop(); // hand control back to the event loop
  }
}

await Promise.all([worker('A'), worker('B')]);

// Output:
// A 0
// B 0
// A 1
// B 1
