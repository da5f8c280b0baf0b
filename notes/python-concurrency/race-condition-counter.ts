/**
 * @python sha256:4465660d6454187f
 * @mode run
 * @allow worker
 *
 * Node's model: no GIL, and no shared globals between threads: each worker has its own heap, so
 * `counter` must live in a SharedArrayBuffer that every worker maps. The ThreadPoolExecutor is a
 * tinypool worker_threads pool (a few workers, not 5000 threads; each worker runs its slice of the
 * 5000 `increment_counter` calls, like `map(..., chunksize=...)`). Without the GIL, `counter[0] += 1`
 * across workers really loses updates (a plain read, add, write on shared memory), while
 * `Atomics.add` makes the read-modify-write indivisible; the demo prints both. How many updates are
 * lost depends on timing (usually thousands, occasionally none). CPython 3.11 happens to switch
 * threads only between whole `counter += 1` statements here, so the Python original prints 500000
 * although the code is not thread-safe.
 */
import { availableParallelism } from 'node:os';
import { isMainThread } from 'node:worker_threads';
import Tinypool from 'tinypool';

interface Slice {
  counter: Int32Array; // view of the SharedArrayBuffer: counter[0] is the shared `counter`
  startLine: Int32Array; // [workers ready, number of workers]: lines the workers up to start together
  fakeData: number[];
  atomic: boolean;
}

function incrementCounter(counter: Int32Array, _fakeValue: number): void {
  for (let i = 0; i < 100; i++) {
    counter[0] = counter[0]! + 1; // `counter += 1`: read the value, add one, write it back; three steps
  }
}

function incrementCounterAtomically(counter: Int32Array, _fakeValue: number): void {
  for (let i = 0; i < 100; i++) {
    Atomics.add(counter, 0, 1);
  }
}

/** Best-effort start line (spins at most 200 ms) so the workers increment at the same time. */
function waitForAllWorkers(startLine: Int32Array): void {
  const parties = startLine[1] ?? 1;
  Atomics.add(startLine, 0, 1);
  const deadline = Date.now() + 200;
  while (Atomics.load(startLine, 0) < parties && Date.now() < deadline) {
    // spin: Atomics.wait would add wake-up latency and let the first worker finish alone
  }
}

/** Worker side: tinypool imports this module in each worker thread and calls the default export. */
export default function runSlice({ counter, startLine, fakeData, atomic }: Slice): void {
  waitForAllWorkers(startLine);
  const increment = atomic ? incrementCounterAtomically : incrementCounter;
  for (const fakeValue of fakeData) increment(counter, fakeValue);
}

async function countWith(pool: Tinypool, workers: number, fakeData: number[], atomic: boolean): Promise<number> {
  const counter = new Int32Array(new SharedArrayBuffer(Int32Array.BYTES_PER_ELEMENT));
  const startLine = new Int32Array(new SharedArrayBuffer(2 * Int32Array.BYTES_PER_ELEMENT));
  startLine[1] = workers;
  const chunkSize = Math.ceil(fakeData.length / workers);
  const slices = Array.from({ length: workers }, (_, i) => fakeData.slice(i * chunkSize, (i + 1) * chunkSize));
  await Promise.all(slices.map((slice) => pool.run({ counter, startLine, fakeData: slice, atomic } satisfies Slice)));
  return Atomics.load(counter, 0);
}

if (isMainThread) {
  const fakeData = Array.from({ length: 5000 }, (_, x) => x);
  const workers = Math.max(4, availableParallelism());
  const pool = new Tinypool({ filename: import.meta.url, minThreads: workers, maxThreads: workers });
  try {
    const expected = fakeData.length * 100;
    const racy = await countWith(pool, workers, fakeData, false);
    console.log(`counter[0] += 1: ${racy} (${expected - racy} updates lost)`);
    const atomic = await countWith(pool, workers, fakeData, true);
    console.log(`Atomics.add: ${atomic} (${expected - atomic} updates lost)`);
  } finally {
    await pool.destroy();
  }
}

// Output:
// counter[0] += 1: ... (... updates lost)
// Atomics.add: 500000 (0 updates lost)

// Python output:
// 500000
