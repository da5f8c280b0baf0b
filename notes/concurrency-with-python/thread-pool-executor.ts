/**
 * @python sha256:407606189fb21c1d
 * @mode fragment
 *
 * Fragment: the Python is the skeleton of a `with` block; the translation declares the worker
 * module. Node's model: there is no GIL, so worker threads run JavaScript truly in parallel, each
 * with its own heap and event loop; they share memory only through SharedArrayBuffer and get their
 * arguments and results by structured clone. A worker pool (tinypool) is what you reach for with
 * CPU work. For waiting (sleeps, I/O), what the note's thread-pool examples do, Node needs no
 * threads: plain async functions on the one event loop wait concurrently, and that is how the
 * ThreadPoolExecutor examples below are translated. `with` becomes try/finally around `destroy()`.
 */
import Tinypool from 'tinypool';

declare const workerModule: URL; // the module whose default export runs each task

const executor = new Tinypool({ filename: workerModule });
try {
  // multithreading: `await executor.run(arg)` ~ executor.submit(fn, arg).result()
} finally {
  await executor.destroy(); // the end of the `with` block
}
