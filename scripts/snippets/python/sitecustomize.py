"""Loaded by the snippet check into every Python original (PYTHONPATH), inside the OS sandbox and
before the program: scales sleeps by SNIPPET_TIME_SCALE like the Node preload does; without a
network namespace, maps the fixture hosts to the local fixture server's ports
(SNIPPET_PORT_MAP="80:PORT,443:PORT"); reports, through an audit hook the program cannot remove,
what it tries outside its sandbox; writes its trace as JSON lines to the pipe SNIPPET_TRACE_FD."""
import json
import os
import socket
import sys
import threading

_trace_fd = int(os.environ.get("SNIPPET_TRACE_FD", "-1") or -1)


def _record(fields):
    """One JSON line on the trace pipe: one write, no lock (writes up to PIPE_BUF are atomic, and a
    lock held by another thread at fork time would hang a process-pool worker)."""
    if _trace_fd < 0:
        return
    try:
        os.write(_trace_fd, (json.dumps(fields) + "\n").encode())
    except OSError:
        pass


# ---- sandbox audit: every attempt is reported, even one the program catches ----------------------
_allow_read = tuple(p for p in os.environ.get("SNIPPET_ALLOW_READ", "").split(":") if p)
_allow_write = tuple(p for p in os.environ.get("SNIPPET_ALLOW_WRITE", "").split(":") if p)
_loopback = ("127.", "::1", "localhost")
_audit_busy = threading.local()


def _audit(event, args):
    if getattr(_audit_busy, "on", False):
        return
    _audit_busy.on = True
    try:
        if event == "open" and args and isinstance(args[0], (str, bytes)):
            path = args[0].decode(errors="replace") if isinstance(args[0], bytes) else args[0]
            path = os.path.abspath(path)
            mode = args[1] if len(args) > 1 and isinstance(args[1], str) else "r"
            flags = args[2] if len(args) > 2 and isinstance(args[2], int) else 0
            writing = any(c in mode for c in "wax+") or flags & (os.O_WRONLY | os.O_RDWR | os.O_CREAT)
            allowed = _allow_write if writing else _allow_read + _allow_write
            if not (path.startswith(allowed) or path in (p.rstrip("/") for p in allowed)):
                _record({"violation": "FileSystemWrite" if writing else "FileSystemRead", "target": path})
        elif event in ("subprocess.Popen", "os.system", "os.exec", "os.posix_spawn", "os.spawn"):
            what = args[0] if args and args[0] else (args[1] if len(args) > 1 else "")
            if isinstance(what, (list, tuple)):
                what = what[0] if what else ""
            if isinstance(what, bytes):
                what = what.decode(errors="replace")
            _record({"violation": "ChildProcess", "target": str(what).split()[0] if str(what).split() else ""})
        elif event == "socket.connect" and len(args) > 1 and isinstance(args[1], tuple):
            host = str(args[1][0])
            if args[0].family in (socket.AF_INET, socket.AF_INET6) and not host.startswith(_loopback):
                _record({"violation": "network", "target": "%s:%s" % (host, args[1][1])})
    finally:
        _audit_busy.on = False


if _allow_read:
    sys.addaudithook(_audit)

_scale = float(os.environ.get("SNIPPET_TIME_SCALE", "1") or 1)
if _scale != 1:
    import asyncio
    import time

    _real_sleep = time.sleep

    def _sleep(seconds):
        _real_sleep(max(0.0, seconds) * _scale)

    time.sleep = _sleep
    _real_asleep = asyncio.sleep

    async def _asleep(delay, result=None):
        return await _real_asleep(max(0.0, delay) * _scale, result)

    asyncio.sleep = _asleep
    asyncio.tasks.sleep = _asleep

_ports = dict(
    tuple(int(x) for x in kv.split(":"))
    for kv in os.environ.get("SNIPPET_PORT_MAP", "").split(",")
    if kv
)
_hosts = set(h for h in os.environ.get("SNIPPET_FIXTURE_HOSTS", "").split(",") if h)
if _ports and _hosts:
    _real_getaddrinfo = socket.getaddrinfo

    def _getaddrinfo(host, port, *args, **kwargs):
        if isinstance(host, bytes):
            host = host.decode()
        if host in _hosts:
            host, port = "127.0.0.1", _ports.get(int(port or 80), port)
        return _real_getaddrinfo(host, port, *args, **kwargs)

    socket.getaddrinfo = _getaddrinfo

# Threads print concurrently; CPython writes the text and the newline separately, so lines of two
# threads can interleave ("AB\n\n"). Parity compares lines, so make each print() one write.
import builtins
import io

_real_print = builtins.print
_print_lock = threading.Lock()


def _atomic_print(*args, sep=" ", end="\n", file=None, flush=False):
    target = sys.stdout if file is None else file
    if target is None:
        return
    buffer = io.StringIO()
    _real_print(*args, sep=sep, end=end, file=buffer)
    with _print_lock:
        target.write(buffer.getvalue())
        if flush:
            target.flush()


builtins.print = _atomic_print

# Structural concurrency evidence: the most sockets that were waiting for an answer at the same
# time (a request sent, no reply byte yet). Sequential code never exceeds 1. Written at exit.
# The trace goes to the pipe on fd SNIPPET_TRACE_FD (see FORMAT.md), never to a file in the sandbox.
_trace = _trace_fd >= 0
if _trace:
    import atexit
    import ssl

    _waiting = set()
    _state = {"max": 0}
    _io_lock = threading.Lock()

    _NET = (socket.AF_INET, socket.AF_INET6)  # not asyncio's AF_UNIX self-pipe

    _on_request = []  # set below: advances the timeline clock by the site's latency

    def _sent(sock, data=b"", *_):
        if sock.family not in _NET:
            return
        with _io_lock:
            new = id(sock) not in _waiting
            _waiting.add(id(sock))
            _state["max"] = max(_state["max"], len(_waiting))
        if new and _on_request:
            _on_request[0](sock, data)

    def _received(sock, *_):
        with _io_lock:
            _waiting.discard(id(sock))

    def _wrap(cls, name, after):
        real = getattr(cls, name)

        def method(self, *args, **kwargs):
            result = real(self, *args, **kwargs)
            after(self, *args)
            return result

        setattr(cls, name, method)

    for _cls in (socket.socket, ssl.SSLSocket):
        for _name in ("send", "sendall"):
            _wrap(_cls, _name, _sent)
        for _name in ("recv", "recv_into"):
            _wrap(_cls, _name, _received)

    @atexit.register
    def _write_trace():
        _record({"maxInFlight": _state["max"]})

# Timeline spans (src/data/traces/): the snippet's asyncio tasks, sleeps, threads, thread-pool work
# items, process-pool jobs and repeated plain calls, each with its process/thread, its real start
# and end (monotonic ms, shared by all processes) and, where it waits rather than computes, its
# start and end on a timeline clock: the author's delays plus each request's fixture latency
# (SNIPPET_LATENCY_MS), per thread and per task, in the order the run did things. One O_APPEND
# write per span: atomic, no lock, survives os._exit in pool workers.
if _trace:
    import functools
    import time as _time
    import asyncio
    import asyncio.base_events as _base_events
    import concurrent.futures as _cf
    import concurrent.futures.thread as _cft
    import concurrent.futures.process as _cfp
    import multiprocessing.pool as _mpp

    os.environ.setdefault("SNIPPET_MAIN_PID", str(os.getpid()))
    _MAIN_PID = os.environ["SNIPPET_MAIN_PID"]
    _real_monotonic = _time.monotonic
    _latency = {}
    for _kv in os.environ.get("SNIPPET_LATENCY_MS", "").split(","):
        _host, _, _ms = _kv.rpartition(":")
        if _host:
            _latency[_host] = float(_ms)
    _LATENCY_DEFAULT = sum(_latency.values()) / len(_latency) if _latency else 0.0

    def _now():
        return _real_monotonic() * 1000

    # ---- timeline clock: one per asyncio task of the snippet, else one per thread ----
    _tl = threading.local()
    _task_v = {}
    _task_end = {}
    _children = {}

    def _task():
        loop = asyncio.events._get_running_loop()
        if loop is None:
            return None
        task = asyncio.tasks.current_task(loop)
        return task if task in _task_v else None

    def _getv():
        task = _task()
        return _task_v[task] if task is not None else getattr(_tl, "v", 0.0)

    def _setv(v):
        task = _task()
        if task is not None:
            _task_v[task] = v
        else:
            _tl.v = v

    def _merge(v):
        if v is not None and v > _getv():
            _setv(v)

    _METHODS = (b"GET", b"POST", b"PUT", b"HEAD", b"DELETE", b"PATCH", b"OPTIONS")

    def _http_host(data):
        """The Host of a plain-text HTTP request at the start of `data`, "" for another request, None if none."""
        head = bytes(data[:2048]) if isinstance(data, (bytes, bytearray, memoryview)) else b""
        if head.split(b" ", 1)[0] not in _METHODS:
            return None
        text = head.decode("latin-1")
        marker = text.lower().find("\r\nhost:")
        return text[marker + 7:].split("\r\n")[0].strip().split(":")[0] if marker >= 0 else ""

    def _request(sock, data):
        # Blocking sockets (requests, urllib) wait in the thread that sent; asyncio's non-blocking
        # ones are counted where the task writes the request (below).
        if sock.gettimeout() == 0.0:
            return
        host = _http_host(data)
        if host is None:
            if getattr(sock, "server_hostname", None) is None:
                return
            host = sock.server_hostname
        _setv(_getv() + _latency.get(host, _LATENCY_DEFAULT))

    _on_request.append(_request)

    import asyncio.selector_events as _selector_events
    import asyncio.sslproto as _sslproto

    def _wrap_transport(cls):
        real_write = cls.write

        def write(self, data):
            if _task() is not None:
                host = _http_host(data)
                if host is not None:
                    _setv(_getv() + _latency.get(host, _LATENCY_DEFAULT))
            return real_write(self, data)

        cls.write = write

    for _transport in (_selector_events._SelectorSocketTransport, _sslproto._SSLProtocolTransport):
        _wrap_transport(_transport)

    def _span(kind, label, t0, v0=None, v1=None):
        pid = str(os.getpid())
        where = "main" if pid == _MAIN_PID else pid
        record = {"span": kind, "label": label[:120], "t0": t0, "t1": _now(),
                  "thread": f"{where}/{threading.current_thread().name}"}
        if v0 is not None and v1 is not None:
            record["v0"], record["v1"] = v0, v1
        _record(record)

    def _short(value):
        text = repr(value)
        # `<aiohttp.client.ClientSession object at 0x7f…>`: the address differs on every run.
        if " object at 0x" in text:
            text = f"<{type(value).__name__}>"
        return text if len(text) <= 40 else text[:39] + "…"

    def _call_label(fn, args=()):
        if isinstance(fn, functools.partial):
            inner = fn.args[0] if fn.args else None
            if getattr(fn.func, "__name__", "") == "_process_chunk" and callable(inner):
                chunk = list(args[0]) if args else []
                first = _short(chunk[0][0]) if chunk and chunk[0] else ""
                return f"{inner.__name__}({first})" + (f" ×{len(chunk)}" if len(chunk) > 1 else "")
            return _call_label(fn.func, tuple(fn.args) + tuple(args))
        name = getattr(fn, "__name__", type(fn).__name__)
        return f"{name}({', '.join(_short(a) for a in args)})"

    def _frame_label(frame):
        code = frame.f_code
        names = code.co_varnames[: code.co_argcount]
        return f"{code.co_name}({', '.join(_short(frame.f_locals.get(n)) for n in names)})"

    def _is_snippet(code):
        return code.co_filename == "<stdin>" or code.co_filename.endswith("snippet.py")

    # ---- sleeps, labelled with the coroutine or function that slept: say_after(1, 'hello') ----
    _inner_asleep = asyncio.sleep

    async def _traced_asleep(delay, result=None):
        caller = sys._getframe(1)
        label = f"{_frame_label(caller)}: sleep {delay:g} s" if _is_snippet(caller.f_code) else f"sleep {delay:g} s"
        t0, v0 = _now(), _getv()
        value = await _inner_asleep(delay, result)
        if delay > 0:  # sleep(0) is a yield to the loop, not a wait
            _merge(v0 + delay * 1000)
            _span("timer", label, t0, v0, v0 + delay * 1000)
        return value

    asyncio.sleep = _traced_asleep
    asyncio.tasks.sleep = _traced_asleep
    _inner_sleep = _time.sleep

    def _traced_sleep(seconds):
        caller = sys._getframe(1)
        label = f"{_frame_label(caller)}: time.sleep {seconds:g} s" if _is_snippet(caller.f_code) else f"time.sleep {seconds:g} s"
        t0, v0 = _now(), _getv()
        _inner_sleep(seconds)
        _merge(v0 + max(0.0, seconds) * 1000)
        _span("timer", label, t0, v0, v0 + max(0.0, seconds) * 1000)

    _time.sleep = _traced_sleep

    # ---- asyncio tasks whose coroutine the snippet defined (not a library's helper tasks) ----
    _real_create_task = _base_events.BaseEventLoop.create_task

    async def _traced_task(coro, label, box):
        t0 = _now()
        task = box[0]
        v0 = _task_v.get(task, 0.0)
        try:
            return await coro
        finally:
            ends = [_task_end[c] for c in _children.get(task, ()) if c in _task_end]
            v1 = max([_task_v.get(task, v0), *ends])
            _task_end[task] = v1
            if not any(task in kids for kids in _children.values()):
                _tl.v = max(getattr(_tl, "v", 0.0), v1)  # asyncio.run(main()) returns at main's end
            _span("task", label, t0, v0, v1)

    def _create_task(self, coro, **kwargs):
        code = getattr(coro, "cr_code", None)
        if code is None or not _is_snippet(code) or coro.cr_frame is None:
            return _real_create_task(self, coro, **kwargs)
        box = []
        parent = _task()
        start = _getv()
        task = _real_create_task(self, _traced_task(coro, _frame_label(coro.cr_frame), box), **kwargs)
        box.append(task)
        _task_v[task] = start
        if parent is not None:
            _children.setdefault(parent, []).append(task)
        return task

    _base_events.BaseEventLoop.create_task = _create_task

    # ---- threads: start at their starter's time; joins and results bring the time back ----
    _real_thread_start = threading.Thread.start
    _real_thread_run = threading.Thread.run
    _real_thread_join = threading.Thread.join

    def _thread_start(self):
        self._snippet_v0 = _getv()
        return _real_thread_start(self)

    def _thread_run(self):
        _tl.v = getattr(self, "_snippet_v0", 0.0)
        target = getattr(self, "_target", None)
        if target is None or str(getattr(target, "__module__", "")).split(".")[0] in ("concurrent", "multiprocessing", "asyncio"):
            return _real_thread_run(self)
        t0, v0 = _now(), _tl.v
        try:
            return _real_thread_run(self)
        finally:
            self._snippet_end = _tl.v
            _span("thread", _call_label(target, getattr(self, "_args", ())), t0, v0, _tl.v)

    def _thread_join(self, *args, **kwargs):
        result = _real_thread_join(self, *args, **kwargs)
        _merge(getattr(self, "_snippet_end", None))
        return result

    threading.Thread.start = _thread_start
    threading.Thread.run = _thread_run
    threading.Thread.join = _thread_join

    _real_item_init = _cft._WorkItem.__init__
    _real_item_run = _cft._WorkItem.run

    def _item_init(self, *args, **kwargs):
        _real_item_init(self, *args, **kwargs)
        self._snippet_v = _getv()

    def _item_run(self):
        fn = self.fn
        # asyncio's own executor jobs (getaddrinfo) are the library's, not the snippet's work.
        if str(getattr(fn, "__module__", "")).split(".")[0] in ("socket", "asyncio"):
            return _real_item_run(self)
        v0 = max(getattr(_tl, "v", 0.0), getattr(self, "_snippet_v", 0.0))
        _tl.v = v0
        t0 = _now()
        try:
            return _real_item_run(self)
        finally:
            self.future._snippet_end = _tl.v
            _span("job", _call_label(fn, self.args), t0, v0, _tl.v)

    _cft._WorkItem.__init__ = _item_init
    _cft._WorkItem.run = _item_run

    _real_result = _cf.Future.result
    _real_submit = _cft.ThreadPoolExecutor.submit
    _real_shutdown = _cft.ThreadPoolExecutor.shutdown

    def _result(self, *args, **kwargs):
        value = _real_result(self, *args, **kwargs)
        _merge(getattr(self, "_snippet_end", None))
        return value

    def _submit(self, *args, **kwargs):
        future = _real_submit(self, *args, **kwargs)
        self.__dict__.setdefault("_snippet_futures", []).append(future)
        return future

    def _shutdown(self, *args, **kwargs):
        result = _real_shutdown(self, *args, **kwargs)
        for future in self.__dict__.get("_snippet_futures", ()):
            _merge(getattr(future, "_snippet_end", None))
        return result

    _cf.Future.result = _result
    _cft.ThreadPoolExecutor.submit = _submit
    _cft.ThreadPoolExecutor.shutdown = _shutdown

    # ---- process pools: each chunk a worker process runs (CPU time: real clock only) ----
    def _pool_job(real):
        def run(args):
            t0 = _now()
            try:
                return real(args)
            finally:
                fn, chunk = args[0], list(args[1])
                first = _short(chunk[0]) if chunk else ""
                _span("job", f"{getattr(fn, '__name__', 'job')}({first})" + (f" ×{len(chunk)}" if len(chunk) > 1 else ""), t0)
        run.__name__ = run.__qualname__ = real.__name__
        run.__module__ = real.__module__
        return run

    _mpp.mapstar = _pool_job(_mpp.mapstar)
    _mpp.starmapstar = _pool_job(_mpp.starmapstar)
    _real_process_worker = _cfp._process_worker

    class _TracedCalls:
        def __init__(self, queue):
            self._queue = queue

        def get(self, *args, **kwargs):
            item = self._queue.get(*args, **kwargs)
            if item is not None and hasattr(item, "fn"):
                fn = item.fn
                label = _call_label(fn, item.args)

                def traced(*a, **k):
                    t0 = _now()
                    try:
                        return fn(*a, **k)
                    finally:
                        _span("job", label, t0)

                item.fn = traced
            return item

        def __getattr__(self, name):
            return getattr(self._queue, name)

    def _process_worker(call_queue, *args, **kwargs):
        return _real_process_worker(_TracedCalls(call_queue), *args, **kwargs)

    _cfp._process_worker = _process_worker

    # ---- plain calls of the main thread (a sequential loop of perform_calculation(10**7)) ----
    # Kept at exit when the function ran more than once and is not inside another kept call.
    # Profile events fire per call, not per line, so CPU loops stay fast; forked workers drop the
    # hook (their generator expressions would pay for it per item).
    _calls = []
    _open = {}
    _NOT_PLAIN = 0x20 | 0x80 | 0x100 | 0x200  # generator, coroutine, iterable coroutine, async generator

    def _profile(frame, event, arg):
        if event == "call":
            code = frame.f_code
            if code.co_name[:1] != "<" and not code.co_flags & _NOT_PLAIN and _is_snippet(code):
                _open[id(frame)] = (code, _frame_label(frame), _now(), _getv())
        elif event == "return":
            entry = _open.pop(id(frame), None)
            if entry is not None:
                _calls.append((*entry, _now(), _getv()))

    sys.setprofile(_profile)
    os.register_at_fork(after_in_child=lambda: sys.setprofile(None))

    @atexit.register
    def _write_calls():
        sys.setprofile(None)
        if str(os.getpid()) != _MAIN_PID:
            return
        counts = {}
        for call in _calls:
            counts[call[0]] = counts.get(call[0], 0) + 1
        repeated = sorted((c for c in _calls if counts[c[0]] > 1), key=lambda c: (c[2], -c[4]))
        kept_end = -1.0
        for code, label, t0, v0, t1, v1 in repeated:
            if t0 < kept_end:
                continue  # inside an outer repeated call
            kept_end = t1
            record = {"span": "job", "label": label[:120], "t0": t0, "t1": t1, "thread": "main/MainThread"}
            if v1 > v0:
                record["v0"], record["v1"] = v0, v1
            _record(record)
