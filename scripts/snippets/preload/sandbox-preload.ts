// Loaded with `--import` into every translation (main thread and worker threads):
// 1. scales time: every timer waits `SNIPPET_TIME_SCALE` × its delay, while a virtual clock
//    advances by the author's real delay, so the critical path of delays is computed exactly;
// 2. guards the network: connections only to loopback and the fixture hosts, others are blocked and traced;
// 3. records a trace (JSON lines on the pipe SNIPPET_TRACE_FD, which the program cannot rewind or
//    delete): virtual clock, HTTP requests in flight, permission denials, CPU and wall time.
import { writeSync } from 'node:fs';
import { subscribe } from 'node:diagnostics_channel';
import { syncBuiltinESMExports } from 'node:module';
import net from 'node:net';
import { performance } from 'node:perf_hooks';
import timers from 'node:timers';
import timersPromises from 'node:timers/promises';
import { promisify } from 'node:util';
import { getEnvironmentData, isMainThread, setEnvironmentData, threadId } from 'node:worker_threads';

type Fn = (...args: unknown[]) => unknown;
const env = process.env;
const scale = Number(env.SNIPPET_TIME_SCALE ?? '1') || 1;
const traceFd = env.SNIPPET_TRACE_FD === undefined ? undefined : Number(env.SNIPPET_TRACE_FD);
const fixtureHosts = new Set((env.SNIPPET_FIXTURE_HOSTS ?? '').split(',').filter(Boolean));
/** Fallback without a network namespace: fixture host port 80/443 -> local fixture ports. */
const portMap = new Map((env.SNIPPET_PORT_MAP ?? '').split(',').filter(Boolean).map((kv) => kv.split(':').map(Number) as [number, number]));

const record = (fields: Record<string, unknown>) => {
  if (traceFd === undefined) return;
  try {
    writeSync(traceFd, `${JSON.stringify({ thread: threadId, ...fields })}\n`);
  } catch { /* the check stopped listening */ }
};

// ---- virtual clock ------------------------------------------------------------------------------
// A worker starts at the virtual time its parent had when it was created (environment data is
// cloned into each new Worker).
let vnow = Number(getEnvironmentData('snippets:vnow') ?? 0);
if (!isMainThread) record({ worker: true });
const advance = (vend: number) => {
  if (vend <= vnow) return;
  vnow = vend;
  setEnvironmentData('snippets:vnow', vnow);
  record({ v: vnow });
};
const ms = (delay: unknown) => {
  const n = Number(delay);
  return Number.isFinite(n) && n > 0 ? n : 0;
};

const realSetTimeout = globalThis.setTimeout;
const realSetInterval = globalThis.setInterval;
const realP = { setTimeout: timersPromises.setTimeout, setInterval: timersPromises.setInterval, wait: timersPromises.scheduler.wait };

/** True when the caller of a timer function is Node itself (undici's connect timeout, keep-alive):
 * those are not the author's delays, so they keep real time and do not move the virtual clock. */
const internalCaller = (): boolean => {
  const limit = Error.stackTraceLimit;
  Error.stackTraceLimit = 4;
  const stack = new Error().stack ?? '';
  Error.stackTraceLimit = limit;
  const caller = stack.split('\n')[3] ?? '';
  return /\(node:|at node:/.test(caller);
};

// Unref'd timers do not advance the clock either: the program is not waiting for them.
function scaledSetTimeout(this: unknown, callback: Fn, delay?: number, ...args: unknown[]) {
  if (typeof callback !== 'function' || internalCaller()) return (realSetTimeout as Fn)(callback, delay, ...args);
  const d = ms(delay);
  const vend = vnow + d;
  const t: NodeJS.Timeout = realSetTimeout(function (this: unknown, ...a: unknown[]) {
    if (t.hasRef()) advance(vend);
    return callback.apply(this, a);
  }, d * scale, ...args);
  return t;
}
function scaledSetInterval(this: unknown, callback: Fn, delay?: number, ...args: unknown[]) {
  if (typeof callback !== 'function' || internalCaller()) return (realSetInterval as Fn)(callback, delay, ...args);
  const d = ms(delay);
  const v0 = vnow;
  let k = 0;
  const t: NodeJS.Timeout = realSetInterval(function (this: unknown, ...a: unknown[]) {
    k++;
    if (t.hasRef()) advance(v0 + k * d);
    return callback.apply(this, a);
  }, d * scale, ...args);
  return t;
}
function promiseSetTimeout<T>(delay?: number, value?: T, options?: { ref?: boolean; signal?: AbortSignal }) {
  if (internalCaller()) return realP.setTimeout(delay, value, options);
  const d = ms(delay);
  const vend = vnow + d;
  return realP.setTimeout(d * scale, value, options).then((v) => {
    if (options?.ref !== false) advance(vend);
    return v;
  });
}
async function* promiseSetInterval<T>(delay?: number, value?: T, options?: { ref?: boolean; signal?: AbortSignal }) {
  const d = ms(delay);
  const v0 = vnow;
  let k = 0;
  for await (const v of realP.setInterval(d * scale, value, options)) {
    advance(v0 + ++k * d);
    yield v;
  }
}
function schedulerWait(delay: number, options?: { signal?: AbortSignal }) {
  const vend = vnow + ms(delay);
  return realP.wait(ms(delay) * scale, options).then(() => advance(vend));
}
Object.defineProperty(scaledSetTimeout, promisify.custom, { value: promiseSetTimeout });

globalThis.setTimeout = scaledSetTimeout as unknown as typeof setTimeout;
globalThis.setInterval = scaledSetInterval as unknown as typeof setInterval;
timers.setTimeout = globalThis.setTimeout;
timers.setInterval = globalThis.setInterval;
timersPromises.setTimeout = promiseSetTimeout as typeof timersPromises.setTimeout;
timersPromises.setInterval = promiseSetInterval as typeof timersPromises.setInterval;
timersPromises.scheduler.wait = schedulerWait as typeof timersPromises.scheduler.wait;

// A blocking sleep in a worker (`Atomics.wait` with a timeout) is `time.sleep`: scale it too.
const realWait = Atomics.wait;
Atomics.wait = function (typedArray: Int32Array | BigInt64Array, index: number, value: never, timeout?: number) {
  if (timeout === undefined || !Number.isFinite(timeout)) return realWait(typedArray as Int32Array, index, value, timeout);
  const vend = vnow + ms(timeout);
  const result = realWait(typedArray as Int32Array, index, value, ms(timeout) * scale);
  if (result === 'timed-out') advance(vend);
  return result;
} as typeof Atomics.wait;

// ES modules importing `{ setTimeout } from 'node:timers/promises'` must see the patched functions.
syncBuiltinESMExports();

// ---- network guard ------------------------------------------------------------------------------
const isLoopback = (host: string) => host === 'localhost' || /^127\./.test(host) || host === '::1' || host === '[::1]';
const realConnect = net.Socket.prototype.connect as Fn;
net.Socket.prototype.connect = function (this: net.Socket, ...args: unknown[]) {
  const first = Array.isArray(args[0]) ? (args[0] as unknown[])[0] : args[0];
  const opts = (typeof first === 'object' && first !== null ? first : { port: first, host: args[1] }) as
    { host?: string; port?: number | string; path?: string };
  const target = opts.path ?? `${opts.host ?? 'localhost'}:${opts.port}`;
  const host = String(opts.host ?? 'localhost').toLowerCase();
  const mapped = portMap.get(Number(opts.port));
  if (opts.path === undefined && fixtureHosts.has(host) && mapped !== undefined) {
    opts.host = '127.0.0.1';
    opts.port = mapped;
  } else if (opts.path !== undefined || !(fixtureHosts.has(host) || isLoopback(host))) {
    record({ violation: 'network', target });
    const error = Object.assign(new Error(`sandbox: connection to ${target} blocked (only loopback and the fixture web)`), { code: 'ERR_SANDBOX_NETWORK' });
    process.nextTick(() => this.destroy(error));
    return this;
  }
  return realConnect.apply(this, args);
} as typeof net.Socket.prototype.connect;

// ---- permission model: every denial, even one the program catches ----------------------------
// Not 'inspector': Node itself probes it in workers, harmlessly.
for (const scope of ['fs', 'child', 'worker', 'addon', 'wasi']) {
  subscribe(`node:permission-model:${scope}`, (message) => {
    const { permission, resource } = message as { permission?: string; resource?: string };
    record({ violation: permission ?? scope, target: resource ?? '' });
  });
}

// ---- HTTP requests in flight (fetch/undici and node:http) ------------------------------------
let requests = 0;
let inFlight = 0;
let maxInFlight = 0;
const started = () => {
  requests++;
  if (++inFlight > maxInFlight) {
    maxInFlight = inFlight;
    record({ maxInFlight, requests });
  }
};
const ended = () => { inFlight = Math.max(0, inFlight - 1); };
subscribe('undici:request:create', started);
subscribe('undici:request:trailers', ended);
subscribe('undici:request:error', ended);
subscribe('http.client.request.start', started);
subscribe('http.client.response.finish', ended);
subscribe('http.client.request.error', ended);

process.on('exit', () => {
  const cpu = process.cpuUsage();
  record({ exit: true, main: isMainThread, v: vnow, requests, maxInFlight, cpuMs: (cpu.user + cpu.system) / 1000, wallMs: performance.now() });
});
