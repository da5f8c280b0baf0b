/**
 * @python sha256:b321ed31fd9b5217
 * @mode fragment
 *
 * Fragment: imports only. Node's model: no GIL; the `threading` toolbox maps onto worker threads
 * (real parallelism, separate heaps, memory shared only through SharedArrayBuffer, `Atomics` for
 * locks and waits), a worker pool (tinypool) for `concurrent.futures`, and AsyncLocalStorage for
 * context that follows one logical flow of async work on the event loop.
 */
import { AsyncLocalStorage } from 'node:async_hooks';
import { isMainThread, threadId, Worker } from 'node:worker_threads';
import Tinypool from 'tinypool';
