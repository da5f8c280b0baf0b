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
 * lost depends on timing (usually thousands, occasionally none). Each worker answers with what it
 * did: its increments, and the updates lost at its writes (the racy write is `Atomics.exchange`,
 * which is still a separate step after the read but tells what it overwrote: writing v + 1 over
 * w > v erases w − v increments of other workers; over the whole round these add up exactly to the
 * updates lost). The timeline diagram shows them per worker. CPython 3.11 happens to switch
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

/** Returns how many other workers' increments this call's writes erased. */
function incrementCounter(counter: Int32Array, _fakeValue: number): number {
  let lost = 0;
  for (let i = 0; i < 100; i++) {
    // `counter += 1`: read the value, add one, write it back; three steps. The write reports what it
    // replaced: anything but the value read means other workers' increments in between are erased.
    const value = counter[0]!;
    lost += Atomics.exchange(counter, 0, value + 1) - value;
  }
  return lost;
}

function incrementCounterAtomically(counter: Int32Array, _fakeValue: number): number {
  for (let i = 0; i < 100; i++) {
    Atomics.add(counter, 0, 1); // one indivisible step: nothing is erased
  }
  return 0;
}

/**
 * Best-effort start line so the workers increment at the same time: spins until all are there, at
 * most 5 s (a worker thread can take a second to start on a loaded machine; with a shorter wait the
 * first one often counted alone and lost nothing).
 */
function waitForAllWorkers(startLine: Int32Array): void {
  const parties = startLine[1] ?? 1;
  Atomics.add(startLine, 0, 1);
  const deadline = Date.now() + 5000;
  while (Atomics.load(startLine, 0) < parties && Date.now() < deadline) {
    // spin: Atomics.wait would add wake-up latency and let the first worker finish alone
  }
}

/** What one worker did in one round: its increments, and the updates lost at its writes. */
interface SliceDone {
  increments: number;
  lost: number;
}

/** Worker side: tinypool imports this module in each worker thread and calls the default export. */
export default function runSlice({ counter, startLine, fakeData, atomic }: Slice): SliceDone {
  waitForAllWorkers(startLine);
  const increment = atomic ? incrementCounterAtomically : incrementCounter;
  let lost = 0;
  for (const fakeValue of fakeData) lost += increment(counter, fakeValue);
  return { increments: fakeData.length * 100, lost };
}

async function countWith(pool: Tinypool, workers: number, fakeData: number[], atomic: boolean): Promise<number> {
  const counter = new Int32Array(new SharedArrayBuffer(Int32Array.BYTES_PER_ELEMENT));
  const startLine = new Int32Array(new SharedArrayBuffer(2 * Int32Array.BYTES_PER_ELEMENT));
  startLine[1] = workers;
  const chunkSize = Math.ceil(fakeData.length / workers);
  const slices = Array.from({ length: workers }, (_, i) => fakeData.slice(i * chunkSize, (i + 1) * chunkSize));
  const done: SliceDone[] = await Promise.all(slices.map((slice) => pool.run({ counter, startLine, fakeData: slice, atomic } satisfies Slice)));
  const [increments, lost] = [done.reduce((n, d) => n + d.increments, 0), done.reduce((n, d) => n + d.lost, 0)];
  // The workers' own accounts agree with the counter: what was not lost is what it shows.
  if (increments - lost !== Atomics.load(counter, 0)) throw new Error(`workers report ${increments} - ${lost}, counter shows ${Atomics.load(counter, 0)}`);
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
