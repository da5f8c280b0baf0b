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
_trace_lock = threading.Lock()


def _record(fields):
    if _trace_fd < 0:
        return
    data = (json.dumps(fields) + "\n").encode()
    with _trace_lock:
        try:
            os.write(_trace_fd, data)
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
if _trace_fd >= 0:
    import atexit
    import ssl

    _waiting = set()
    _state = {"max": 0}
    _io_lock = threading.Lock()

    _NET = (socket.AF_INET, socket.AF_INET6)  # not asyncio's AF_UNIX self-pipe

    def _sent(sock):
        if sock.family not in _NET:
            return
        with _io_lock:
            _waiting.add(id(sock))
            _state["max"] = max(_state["max"], len(_waiting))

    def _received(sock):
        with _io_lock:
            _waiting.discard(id(sock))

    def _wrap(cls, name, after):
        real = getattr(cls, name)

        def method(self, *args, **kwargs):
            result = real(self, *args, **kwargs)
            after(self)
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
