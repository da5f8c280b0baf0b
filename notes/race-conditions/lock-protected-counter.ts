/**
 * @python sha256:8d43626c2c54103b
 * @mode run
 * @allow worker
 *
 * Node's model: no GIL and no shared globals; threads are workers that share only a
 * SharedArrayBuffer. `threading.Lock` becomes a small mutex on that memory: `Atomics.compareExchange`
 * takes it (0 -> 1), `Atomics.wait` sleeps while another worker holds it, `Atomics.store` plus
 * `Atomics.notify` release it. The counter update inside is an ordinary read, add and write.
 */
import { isMainThread } from 'node:worker_threads';
import Tinypool from 'tinypool';

interface Job {
  shared: Int32Array; // [0] the lock (0 free, 1 held), [1] the counter
  times: number;
}

function acquire(shared: Int32Array): void {
  while (Atomics.compareExchange(shared, 0, 0, 1) !== 0) Atomics.wait(shared, 0, 1);
}

function release(shared: Int32Array): void {
  Atomics.store(shared, 0, 0);
  Atomics.notify(shared, 0, 1);
}

/** Worker side: `add(times)`. */
export default function add({ shared, times }: Job): void {
  for (let i = 0; i < times; i++) {
    acquire(shared); // with lock:
    shared[1] = shared[1]! + 1; //   counter += 1
    release(shared);
  }
}

if (isMainThread) {
  const shared = new Int32Array(new SharedArrayBuffer(2 * Int32Array.BYTES_PER_ELEMENT));
  const pool = new Tinypool({ filename: import.meta.url, minThreads: 4, maxThreads: 4 });
  try {
    await Promise.all(Array.from({ length: 4 }, () => pool.run({ shared, times: 100_000 } satisfies Job)));
    console.log(Atomics.load(shared, 1));
  } finally {
    await pool.destroy();
  }
}

// Output:
// 400000
