"""Wakes a hub process's event streams when something they may send was committed. On PostgreSQL a
listener thread LISTENs on "hub_events" (triggers on order_changes and audit NOTIFY at commit, whichever
process wrote), so any hub process serves any station; on SQLite (one hub process) streams also poll."""

from __future__ import annotations

import asyncio
import logging
import threading
import time

log = logging.getLogger(__name__)
CHANNEL = "hub_events"


class Waiter:
    """One stream's wake-up flag, set from any thread."""

    def __init__(self) -> None:
        self.loop = asyncio.get_running_loop()
        self.event = asyncio.Event()

    def set(self) -> None:
        self.loop.call_soon_threadsafe(self.event.set)

    async def wait(self, timeout: float) -> bool:
        """True when woken before the timeout; the flag is cleared either way."""
        try:
            await asyncio.wait_for(self.event.wait(), timeout)
            return True
        except TimeoutError:
            return False
        finally:
            self.event.clear()


class EventBus:
    def __init__(self, pg_conninfo: str | None = None) -> None:
        self.pg_conninfo = pg_conninfo
        self._lock = threading.Lock()
        self._waiters: set[Waiter] = set()
        self._stop = threading.Event()
        self._thread: threading.Thread | None = None
        self.listening = threading.Event()

    @property
    def polls(self) -> bool:
        """Streams poll the database when no LISTEN wakes them (SQLite)."""
        return self.pg_conninfo is None

    def subscribe(self) -> Waiter:
        waiter = Waiter()
        with self._lock:
            self._waiters.add(waiter)
            if self.pg_conninfo and self._thread is None:
                self._thread = threading.Thread(target=self._listen, name="hub-events-listen", daemon=True)
                self._thread.start()
        return waiter

    def unsubscribe(self, waiter: Waiter) -> None:
        with self._lock:
            self._waiters.discard(waiter)

    def wake(self) -> None:
        """Wake every stream of this process (they re-read the logs)."""
        with self._lock:
            waiters = list(self._waiters)
        for waiter in waiters:
            try:
                waiter.set()
            except RuntimeError:  # its event loop is gone: the stream ended
                self.unsubscribe(waiter)

    def _listen(self) -> None:
        import psycopg

        while not self._stop.is_set():
            try:
                with psycopg.connect(self.pg_conninfo or "", autocommit=True) as conn:
                    conn.execute(f"LISTEN {CHANNEL}")
                    self.listening.set()
                    self.wake()  # anything committed while we were not listening
                    while not self._stop.is_set():
                        for _note in conn.notifies(timeout=1.0):
                            self.wake()
            except Exception as exc:  # the database went away: streams keep their cursor; listen again
                self.listening.clear()
                log.warning("event listener lost its connection (%s); retrying", type(exc).__name__)
                time.sleep(1.0)

    def close(self) -> None:
        self._stop.set()
        if self._thread is not None:
            self._thread.join(timeout=3)
