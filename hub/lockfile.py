"""On SQLite only one hub server may run: a second is refused (PostgreSQL is the way to scale out)."""

from __future__ import annotations

import fcntl
import os
from pathlib import Path
from typing import IO

from station.errors import StoreError


class ProcessLock:
    """An exclusive, non-blocking lock on a file beside the database; released when the process ends."""

    def __init__(self, path: Path) -> None:
        self.path = path
        self._file: IO[str] | None = None

    def acquire(self) -> None:
        self.path.parent.mkdir(parents=True, exist_ok=True)
        handle = open(self.path, "a+", encoding="utf-8")  # noqa: SIM115 - held for the process's life
        try:
            fcntl.flock(handle, fcntl.LOCK_EX | fcntl.LOCK_NB)
        except BlockingIOError:
            handle.close()
            raise StoreError(
                "Another hub process serves this SQLite database; run one hub on SQLite, or use PostgreSQL "
                "(PACIFIC_HUB_DATABASE_URL) to run several"
            ) from None
        handle.truncate(0)
        handle.write(str(os.getpid()))
        handle.flush()
        self._file = handle

    def release(self) -> None:
        if self._file is not None:
            fcntl.flock(self._file, fcntl.LOCK_UN)
            self._file.close()
            self._file = None


def sqlite_lock_path(database_url: str) -> Path:
    """The lock file of a sqlite:///path URL."""
    return Path(database_url.split("///", 1)[1] + ".hub.lock")
