/**
 * @python sha256:6ba3b7b81ef98224
 * @mode fragment
 *
 * Fragment: the Python is the skeleton of a `with` block; the translation declares the worker
 * module. Node's model: processes are how Python escapes the GIL for CPU work; Node has no GIL, so
 * a pool of worker threads (tinypool, sized to the cores by default) already runs in parallel.
 * Like processes, workers have separate heaps: arguments and results are copied by structured
 * clone (Node's pickle), and memory is shared only through SharedArrayBuffer. Pass
 * `runtime: 'child_process'` to tinypool if you really need separate OS processes.
 */
import Tinypool from 'tinypool';

declare const workerModule: URL; // the module whose default export runs each task

const executor = new Tinypool({ filename: workerModule });
try {
  // multiprocessing: `await executor.run(arg)` ~ executor.submit(fn, arg).result()
} finally {
  await executor.destroy(); // the end of the `with` block
}
