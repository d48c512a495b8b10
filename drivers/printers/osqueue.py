"""Printing through the operating system's print queue (CUPS), for printers a vendor driver owns.

``CupsQueueTransport`` sends the same raw ZPL/TSPL/ESC-POS bytes the USB transport would, as a raw
job (``lp -o raw``), so the queue's driver does not touch them. ``print_document`` sends a PDF to a
normal queue (the queue's driver renders it) for packing slips, pick lists and manifests.

Both talk to CUPS through its own clients (``lp``, ``lpstat``) — no CUPS library to install, and the
same commands a technician uses to check the queue. A Windows spooler transport would be one more
class with ``write``/``query``/``state``/``close``; the printer languages never change.
"""

from __future__ import annotations

import logging
import os
import re
import shutil
import subprocess
from dataclasses import dataclass

from station.errors import DeviceError, DeviceTimeout

log = logging.getLogger(__name__)

_QUEUE_NAME = re.compile(r"[A-Za-z0-9_.\-@]{1,127}")  # CUPS: printable, no space, / or #


def _check_queue(queue: str) -> str:
    if not _QUEUE_NAME.fullmatch(queue or ""):
        raise DeviceError(f"Not a print queue name: {queue!r}", state="not_configured")
    return queue


@dataclass
class Cups:
    """How to reach CUPS: ``server`` (host:port or socket path) empty = the system's default."""

    server: str = ""
    timeout_s: float = 30.0

    def _run(self, tool: str, args: list[str], data: bytes | None = None) -> subprocess.CompletedProcess[bytes]:
        path = shutil.which(tool)
        if path is None:
            raise DeviceError(f"'{tool}' is not installed — install the CUPS client (cups-client)",
                              state="not_configured")  # fmt: skip
        argv = [path, *(["-h", self.server] if self.server else []), *args]
        env = {**os.environ, "LC_ALL": "C"}  # lpstat's words are parsed below
        try:
            return subprocess.run(argv, input=data, capture_output=True, timeout=self.timeout_s, env=env,
                                  check=False)  # fmt: skip
        except subprocess.TimeoutExpired as exc:
            raise DeviceTimeout("The print queue did not answer in time") from exc

    def submit(self, queue: str, data: bytes, *, raw: bool, title: str) -> str:
        """Queue ``data`` as one job; returns the job id CUPS gave it."""
        args = ["-d", _check_queue(queue), "-t", title[:60] or "job"]
        if raw:
            args += ["-o", "raw"]
        done = self._run("lp", args, data)
        if done.returncode != 0:
            reason = done.stderr.decode("utf-8", "replace").strip()[:200]
            log.warning("lp refused a job for queue %s: %s", queue, reason)
            state = "unplugged" if "not exist" in reason or "Unknown" in reason else "error"
            raise DeviceError(f"The print queue {queue} refused the job — {reason or 'see the CUPS log'}",
                              state=state)  # fmt: skip
        m = re.search(r"request id is (\S+)", done.stdout.decode("utf-8", "replace"))
        return m.group(1) if m else ""

    def state(self, queue: str) -> str:
        """ready, paused (queue stopped or rejecting jobs), unplugged (no such queue) or unknown."""
        done = self._run("lpstat", ["-p", _check_queue(queue), "-a", queue])
        text = done.stdout.decode("utf-8", "replace")
        if done.returncode != 0 and not text:
            return "unplugged"
        if " disabled" in text or "not accepting" in text:
            return "paused"
        if " is idle" in text or "now printing" in text:
            return "ready"
        return "unknown"


class CupsQueueTransport:
    """A printer reached through a CUPS queue, sent raw bytes; the printer cannot be asked (``query`` None)."""

    def __init__(self, queue: str, *, server: str = "", timeout_s: float = 30.0, title: str = "label") -> None:
        self.queue = _check_queue(queue)
        self.cups = Cups(server, timeout_s)
        self.title = title
        self.last_job = ""

    def write(self, data: bytes) -> None:
        self.last_job = self.cups.submit(self.queue, data, raw=True, title=self.title)

    def query(self, request: bytes, timeout_s: float = 1.0) -> bytes | None:
        return None  # the queue owns the device: status comes from the queue (state)

    def state(self) -> str:
        return self.cups.state(self.queue)

    def close(self) -> None:
        return None


def print_document(queue: str, pdf: bytes, *, title: str, server: str = "") -> str:
    """Send a PDF (packing slip, pick list, manifest) to a normal queue; returns the CUPS job id."""
    if not pdf.startswith(b"%PDF"):
        raise ValueError("print_document prints PDF documents")
    return Cups(server).submit(queue, pdf, raw=False, title=title)


def queue_names(server: str = "") -> list[str]:
    """The queues CUPS knows (for the devices screen); [] when CUPS is not there."""
    try:
        done = Cups(server, 10.0)._run("lpstat", ["-e"])
    except DeviceError:
        return []
    return [line.strip() for line in done.stdout.decode("utf-8", "replace").splitlines() if line.strip()]
