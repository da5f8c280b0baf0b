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
