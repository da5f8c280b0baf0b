"""Loaded by the snippet check into every Python original (PYTHONPATH): scales sleeps by
SNIPPET_TIME_SCALE like the Node preload does, and, without a network namespace, maps the
fixture hosts to the local fixture server's ports (SNIPPET_PORT_MAP="80:PORT,443:PORT")."""
import os
import socket

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
import sys
import threading

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
_trace = os.environ.get("SNIPPET_TRACE")
if _trace:
    import atexit
    import json
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
        with open(_trace, "a") as f:
            f.write(json.dumps({"maxInFlight": _state["max"]}) + "\n")
