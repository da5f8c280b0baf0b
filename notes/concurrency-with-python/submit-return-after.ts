/**
 * @python sha256:7aba6fa6df4e98b8
 * @mode fragment
 *
 * Fragment: the Python leaves out its imports. Node's model: a thread that sleeps is, in Node, an
 * async function awaiting a timer on the one event loop; no thread pool is needed to wait
 * concurrently. Calling the async function is `executor.submit`: it starts at once and returns a
 * Promise, Node's future; `await future` is `future.result()`.
 */
import { setTimeout as sleep } from 'node:timers/promises';

async function returnAfter(message: string): Promise<string> {
  await sleep(2000); // time.sleep(2), without blocking anything else
  return message;
}

const future: Promise<string> = returnAfter('hello'); // executor.submit(return_after, "hello")
await future; // leaving the `with` block waits for submitted work
