// Loaded with `--import` into every translation (main thread and worker threads):
// 1. scales time: every timer waits `SNIPPET_TIME_SCALE` × its delay, while a virtual clock
//    advances by the author's real delay, so the critical path of delays is computed exactly;
// 2. guards the network: connections only to loopback and the fixture hosts, others are blocked and traced;
// 3. records a trace (JSON lines on the pipe SNIPPET_TRACE_FD, which the program cannot rewind or
//    delete): virtual clock, HTTP requests in flight, permission denials, CPU and wall time;
// 4. records spans for the timeline diagrams ({span}: timers, HTTP requests, worker-pool jobs), each
//    with the thread it ran on and its start and end (virtual clock for timers, real clock for all).
import { writeSync } from 'node:fs';
import { subscribe } from 'node:diagnostics_channel';
import { registerHooks, syncBuiltinESMExports } from 'node:module';
import net from 'node:net';
import { performance } from 'node:perf_hooks';
import timers from 'node:timers';
import timersPromises from 'node:timers/promises';
import { fileURLToPath } from 'node:url';
import { promisify } from 'node:util';
import workerThreads, { getEnvironmentData, isMainThread, setEnvironmentData, threadId } from 'node:worker_threads';

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

/** Real time in ms, comparable across threads (each worker has its own `performance.now()` origin). */
const realNow = () => performance.timeOrigin + performance.now();
/** One unit of work for the timeline: kind, label, and its start/end on the real (`t`) and virtual (`v`) clocks. */
const span = (kind: string, label: string, t0: number, v0?: number, v1?: number, counts?: Record<string, number>) =>
  record({ span: kind, label, t0, t1: realNow(), ...(v0 === undefined ? {} : { v0, v1 }), ...(counts ? { counts } : {}) });
/**
 * The timeline's clock (ms of the author's time): the author's delays as on the virtual clock, plus
 * each HTTP request's fixture latency (SNIPPET_LATENCY_MS="host:ms,…", the fixture web's per-site
 * latency before scaling), taken in the order the run made the requests. Kept apart from `vnow`,
 * which is the critical path of delays that `@elapsed` is checked against.
 */
let tnow = Number(getEnvironmentData('snippets:tnow') ?? 0);
const advanceT = (end: number) => {
  if (end <= tnow) return;
  tnow = end;
  setEnvironmentData('snippets:tnow', tnow);
};
const latencyOf = new Map((env.SNIPPET_LATENCY_MS ?? '').split(',').filter(Boolean).map((kv) => {
  const i = kv.lastIndexOf(':');
  return [kv.slice(0, i), Number(kv.slice(i + 1))] as const;
}));

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

/** The function that set a timer (`sayAfter`), from the same stack depth as `internalCaller`, for labels. */
const callerName = (): string => {
  const limit = Error.stackTraceLimit;
  Error.stackTraceLimit = 4;
  const stack = new Error().stack ?? '';
  Error.stackTraceLimit = limit;
  const m = /^\s*at (?:async )?([\w$.]+) \(/.exec(stack.split('\n')[3] ?? '');
  return m && !/^(Object|Module|file)\b/.test(m[1]!) ? `${m[1]!.replace(/^.*\./, '')}: ` : '';
};

// Unref'd timers do not advance the clock either: the program is not waiting for them.
function scaledSetTimeout(this: unknown, callback: Fn, delay?: number, ...args: unknown[]) {
  if (typeof callback !== 'function' || internalCaller()) return (realSetTimeout as Fn)(callback, delay, ...args);
  const d = ms(delay);
  const [vend, t0, who, s0] = [vnow + d, realNow(), callerName(), tnow];
  const t: NodeJS.Timeout = realSetTimeout(function (this: unknown, ...a: unknown[]) {
    if (t.hasRef()) {
      advance(vend);
      advanceT(s0 + d);
      span('timer', `${who}setTimeout ${d / 1000} s`, t0, s0, s0 + d);
    }
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
  const [vend, t0, who, s0] = [vnow + d, realNow(), callerName(), tnow];
  return realP.setTimeout(d * scale, value, options).then((v) => {
    if (options?.ref !== false) {
      advance(vend);
      advanceT(s0 + d);
      span('timer', `${who}sleep ${d / 1000} s`, t0, s0, s0 + d);
    }
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
  const [vend, t0, s0] = [vnow + ms(delay), realNow(), tnow];
  return realP.wait(ms(delay) * scale, options).then(() => {
    advance(vend);
    advanceT(s0 + ms(delay));
    span('timer', `wait ${ms(delay) / 1000} s`, t0, s0, s0 + ms(delay));
  });
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
  const [vend, t0, s0] = [vnow + ms(timeout), realNow(), tnow];
  const result = realWait(typedArray as Int32Array, index, value, ms(timeout) * scale);
  if (result === 'timed-out') {
    advance(vend);
    advanceT(s0 + ms(timeout));
    span('timer', `blocking sleep ${ms(timeout) / 1000} s`, t0, s0, s0 + ms(timeout));
  }
  return result;
} as typeof Atomics.wait;

// ---- worker-pool jobs (tinypool / piscina protocol: a message with a `taskId`, answered by one) --
// A job starts when a worker receives the task and ends when it posts the answer; both are seen
// here, in the worker, whichever way the pool delivers the message (event or receiveMessageOnPort).
if (!isMainThread) {
  const jobs = new Map<unknown, [number, string]>();
  const taskOf = (m: unknown) => (typeof m === 'object' && m !== null && 'taskId' in m ? (m as { taskId: unknown }).taskId : undefined);
  // Label: the task's argument when it is a plain value (`run(5000003)`), else its number.
  const received = (m: unknown) => {
    const id = taskOf(m);
    if (id === undefined) return;
    const task = (m as { task?: unknown }).task;
    jobs.set(id, [realNow(), ['number', 'string', 'bigint'].includes(typeof task) ? `run(${String(task).slice(0, 24)})` : `job ${String(id)}`]);
  };
  const proto = workerThreads.MessagePort.prototype as unknown as Record<string, Fn>;
  const realOn = proto.on!;
  proto.on = proto.addListener = function (this: unknown, event: unknown, listener: unknown) {
    if (event !== 'message' || typeof listener !== 'function') return realOn.call(this, event, listener);
    return realOn.call(this, event, function (this: unknown, m: unknown) { received(m); return (listener as Fn).call(this, m); });
  };
  // A job's answer that is a small record of counts (`{ increments: 125000, lost: 312 }`) is what
  // the job reports it did: kept on its bar (the race-condition demo's lost updates per worker).
  const countsOf = (m: unknown): Record<string, number> | undefined => {
    const result = typeof m === 'object' && m !== null ? (m as { result?: unknown }).result : undefined;
    if (typeof result !== 'object' || result === null || Array.isArray(result)) return undefined;
    const entries = Object.entries(result);
    if (entries.length === 0 || entries.length > 6 || !entries.every(([k, v]) => /^\w{1,24}$/.test(k) && Number.isSafeInteger(v))) return undefined;
    return Object.fromEntries(entries) as Record<string, number>;
  };
  const realPost = proto.postMessage!;
  proto.postMessage = function (this: unknown, m: unknown, ...rest: unknown[]) {
    const id = taskOf(m);
    const job = id === undefined ? undefined : jobs.get(id);
    if (job !== undefined) { jobs.delete(id); span('job', job[1], job[0], undefined, undefined, countsOf(m)); }
    return realPost.call(this, m, ...rest);
  };
  const realReceive = workerThreads.receiveMessageOnPort;
  workerThreads.receiveMessageOnPort = (port) => {
    const entry = realReceive(port);
    if (entry) received(entry.message);
    return entry;
  };
}

// ---- repeated plain calls of the translation's top-level functions (main thread) ----------------
// The Python side records repeated calls with a profile hook; V8 has no per-call hook, so a module
// hook prefixes the translation's own source (line 1, so line numbers stay) with a wrapper around
// each function it declares at the top level (`function performCalculation(`). Only synchronous
// calls, only outermost ones, and at exit only a function called more than once for at least
// 1 ms on average: the sequential CPU loop, not a helper or an async function's promise.
const WRAP = Symbol.for('snippets.wrap');
if (isMainThread && traceFd !== undefined && process.argv[1]) {
  const entry = process.argv[1];
  const calls: { name: string; label: string; t0: number; t1: number }[] = [];
  let depth = 0;
  const short = (v: unknown) => (['number', 'string', 'bigint', 'boolean'].includes(typeof v) ? String(v).slice(0, 24) : typeof v);
  Object.defineProperty(globalThis, WRAP, { value: (fn: unknown) => {
    if (typeof fn !== 'function') return fn;
    const name = fn.name || 'function';
    const wrapped = function (this: unknown, ...args: unknown[]) {
      if (new.target) return Reflect.construct(fn, args, new.target);
      if (depth > 0 || calls.length >= 10_000) return fn.apply(this, args);
      const t0 = realNow();
      depth++;
      let result: unknown;
      try {
        result = fn.apply(this, args);
      } finally {
        depth--;
      }
      const thenable = typeof (result as { then?: unknown } | null)?.then === 'function';
      if (!thenable) calls.push({ name, label: `${name}(${args.map(short).join(', ')})`, t0, t1: realNow() });
      return result;
    };
    Object.defineProperty(wrapped, 'name', { value: name });
    return wrapped;
  } });
  const decoder = new TextDecoder();
  const declared = /^(?:export\s+)?function\s+([A-Za-z_$][\w$]*)\s*[(<]/gm;
  registerHooks({
    load(url, context, nextLoad) {
      const loaded = nextLoad(url, context);
      if (!url.startsWith('file:') || fileURLToPath(url) !== entry || loaded.source === undefined || loaded.source === null) return loaded;
      const text = typeof loaded.source === 'string' ? loaded.source : decoder.decode(loaded.source as Uint8Array);
      const names = [...new Set([...text.matchAll(declared)].map((m) => m[1]!))];
      if (names.length === 0) return loaded;
      // A name that is not a function binding after all (matched inside a string) throws and is skipped.
      const prefix = `{const w=globalThis[Symbol.for('snippets.wrap')];${names.map((n) => `try{${n}=w(${n})}catch{}`).join('')}}`;
      // After a `#!` line (which must stay first); a lone `#!` line has no code to wrap.
      const at = text.startsWith('#!') ? text.indexOf('\n') + 1 : 0;
      if (text.startsWith('#!') && at === 0) return loaded;
      return { ...loaded, source: `${text.slice(0, at)}${prefix}${text.slice(at)}` };
    },
  });
  process.on('exit', () => {
    const stats = new Map<string, [number, number]>();
    for (const c of calls) {
      const [n, ms] = stats.get(c.name) ?? [0, 0];
      stats.set(c.name, [n + 1, ms + c.t1 - c.t0]);
    }
    for (const c of calls) {
      const [n, ms] = stats.get(c.name)!;
      if (n > 1 && ms / n >= 1) record({ span: 'job', label: c.label, t0: c.t0, t1: c.t1 });
    }
  });
}

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
/** Start of each request in flight, for its span: undici request objects and node:http ClientRequests. */
const opened = new WeakMap<object, [number, string, number, number]>();
const requestLabel = (r: { origin?: unknown; path?: unknown; method?: unknown; host?: unknown; protocol?: unknown }) => {
  const origin = typeof r.origin === 'string' ? r.origin : `${String(r.protocol ?? 'http:')}//${String(r.host ?? '')}`;
  return `${String(r.method ?? 'GET')} ${origin.replace(/:(80|443)$/, '')}${String(r.path ?? '/')}`;
};
const opening = (message: unknown) => {
  const r = (message as { request?: object }).request;
  if (r) {
    const label = requestLabel(r as never);
    const host = /\/\/([^/:]+)/.exec(label)?.[1] ?? '';
    opened.set(r, [realNow(), label, tnow, latencyOf.get(host) ?? 0]);
  }
  started();
};
const closing = (message: unknown) => {
  const r = (message as { request?: object }).request;
  const o = r && opened.get(r);
  if (r && o) {
    opened.delete(r);
    advanceT(o[2] + o[3]);
    span('request', o[1], o[0], o[2], o[2] + o[3]);
  }
  ended();
};
const started = () => {
  requests++;
  if (++inFlight > maxInFlight) {
    maxInFlight = inFlight;
    record({ maxInFlight, requests });
  }
};
const ended = () => { inFlight = Math.max(0, inFlight - 1); };
subscribe('undici:request:create', opening);
subscribe('undici:request:trailers', closing);
subscribe('undici:request:error', closing);
subscribe('http.client.request.start', opening);
subscribe('http.client.response.finish', closing);
subscribe('http.client.request.error', closing);

process.on('exit', () => {
  const cpu = process.cpuUsage();
  record({ exit: true, main: isMainThread, v: vnow, requests, maxInFlight, cpuMs: (cpu.user + cpu.system) / 1000, wallMs: performance.now() });
});
