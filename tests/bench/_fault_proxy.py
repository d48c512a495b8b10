"""A loopback TCP fault proxy for the warehouse soak: stations reach the hub only through it.

It listens on one loopback port and forwards each connection to one of the hub processes (round robin; an
upstream that refuses is skipped, as a load balancer would). Faults, on command:

- ``cut()``: every open connection is closed at once (both sides), as a switch reboot would;
- ``refuse(s)``: ``cut()``, then the listening socket is closed for ``s`` seconds (connects are refused),
  then bound again on the same port;
- ``drop(s)``: for ``s`` seconds an answer coming back from the hub is cut after a few bytes (the request
  reached the hub and may have taken effect; its answer is lost mid-stream).

Threads, not asyncio: the soak's orchestrator is plain threads and the proxy carries a handful of stations.
"""

from __future__ import annotations

import contextlib
import random
import socket
import struct
import threading
import time
from collections.abc import Callable, Sequence

Upstreams = Callable[[], Sequence[tuple[str, int]]]
CONNECT_TIMEOUT_S = 1.0


def _reset(sock: socket.socket) -> None:
    """Close with an RST (SO_LINGER 0): the peer sees the connection reset, not a clean end."""
    with contextlib.suppress(OSError):
        sock.setsockopt(socket.SOL_SOCKET, socket.SO_LINGER, struct.pack("ii", 1, 0))
    with contextlib.suppress(OSError):
        sock.close()


class _Pipe:
    """One client connection and its upstream; closing it closes both."""

    def __init__(self, client: socket.socket, upstream: socket.socket) -> None:
        self.client = client
        self.upstream = upstream
        self._closed = threading.Event()

    def close(self) -> None:
        if self._closed.is_set():
            return
        self._closed.set()
        for sock in (self.client, self.upstream):
            with contextlib.suppress(OSError):
                sock.shutdown(socket.SHUT_RDWR)
            _reset(sock)

    @property
    def closed(self) -> bool:
        return self._closed.is_set()


class FaultProxy:
    def __init__(self, upstreams: Upstreams, *, seed: int = 0, name: str = "proxy") -> None:
        self.upstreams = upstreams
        self.name = name
        self.rng = random.Random(seed)
        self.port = 0
        self._lock = threading.Lock()
        self._pipes: set[_Pipe] = set()
        self._listener: socket.socket | None = None
        self._stop = threading.Event()
        self._refuse_until = 0.0
        self._drop_until = 0.0
        self._turn = 0
        self._accepting: threading.Thread | None = None
        self.counts = {"connections": 0, "cut": 0, "refused": 0, "dropped": 0, "no_upstream": 0}

    # -- life -------------------------------------------------------------------------------------
    def start(self) -> FaultProxy:
        self._bind()
        self._accepting = threading.Thread(target=self._accept_loop, name=f"{self.name}-accept", daemon=True)
        self._accepting.start()
        return self

    @property
    def url(self) -> str:
        return f"http://127.0.0.1:{self.port}"

    def stop(self) -> None:
        self._stop.set()
        self.cut(count=False)
        with self._lock:
            listener, self._listener = self._listener, None
        if listener is not None:
            _reset(listener)
        if self._accepting is not None:
            self._accepting.join(timeout=2)

    def _bind(self) -> None:
        sock = socket.socket(socket.AF_INET, socket.SOCK_STREAM)
        sock.setsockopt(socket.SOL_SOCKET, socket.SO_REUSEADDR, 1)
        sock.bind(("127.0.0.1", self.port))
        sock.listen(128)
        sock.settimeout(0.2)
        self.port = sock.getsockname()[1]
        with self._lock:
            self._listener = sock

    # -- faults -----------------------------------------------------------------------------------
    def cut(self, *, count: bool = True) -> int:
        """Close every open connection now; returns how many."""
        with self._lock:
            pipes, self._pipes = list(self._pipes), set()
        for pipe in pipes:
            pipe.close()
        if count:
            self.counts["cut"] += 1
        return len(pipes)

    def refuse(self, seconds: float) -> None:
        """Cut, and refuse connections for ``seconds`` (the port is closed, then bound again)."""
        self.counts["refused"] += 1
        with self._lock:
            self._refuse_until = time.monotonic() + seconds
            listener, self._listener = self._listener, None
        if listener is not None:
            _reset(listener)
        self.cut(count=False)

    def drop(self, seconds: float) -> None:
        """For ``seconds``, answers from the hub are cut a few bytes in."""
        self.counts["dropped"] += 1
        self._drop_until = time.monotonic() + seconds

    def healthy(self) -> bool:
        now = time.monotonic()
        return now >= self._refuse_until and now >= self._drop_until

    # -- forwarding -------------------------------------------------------------------------------
    def _accept_loop(self) -> None:
        while not self._stop.is_set():
            with self._lock:
                listener = self._listener
            if listener is None:
                if time.monotonic() < self._refuse_until:
                    time.sleep(0.05)
                    continue
                try:
                    self._bind()
                except OSError:
                    time.sleep(0.1)
                continue
            try:
                client, _ = listener.accept()
            except TimeoutError:
                continue
            except OSError:  # closed under us by refuse()
                continue
            threading.Thread(target=self._serve, args=(client,), name=f"{self.name}-conn", daemon=True).start()

    def _connect_upstream(self) -> socket.socket | None:
        targets = list(self.upstreams())
        if not targets:
            return None
        with self._lock:
            self._turn += 1
            start = self._turn
        for n in range(len(targets)):
            host, port = targets[(start + n) % len(targets)]
            try:
                return socket.create_connection((host, port), timeout=CONNECT_TIMEOUT_S)
            except OSError:
                continue
        return None

    def _serve(self, client: socket.socket) -> None:
        self.counts["connections"] += 1
        upstream = self._connect_upstream()
        if upstream is None:
            self.counts["no_upstream"] += 1
            _reset(client)
            return
        for sock in (client, upstream):
            sock.settimeout(None)
            sock.setsockopt(socket.IPPROTO_TCP, socket.TCP_NODELAY, 1)
        pipe = _Pipe(client, upstream)
        with self._lock:
            if self._listener is None and time.monotonic() < self._refuse_until:
                pipe.close()
                return
            self._pipes.add(pipe)
        threading.Thread(target=self._pump, args=(pipe, client, upstream, False), daemon=True).start()
        self._pump(pipe, upstream, client, True)
        with self._lock:
            self._pipes.discard(pipe)

    def _pump(self, pipe: _Pipe, src: socket.socket, dst: socket.socket, answers: bool) -> None:
        try:
            while not pipe.closed:
                data = src.recv(65536)
                if not data:
                    break
                if answers and time.monotonic() < self._drop_until:
                    dst.sendall(data[: self.rng.randint(0, min(len(data), 64))])
                    break
                dst.sendall(data)
        except OSError:
            pass
        pipe.close()
