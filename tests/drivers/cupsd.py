"""A private CUPS scheduler for tests: its own config, port, socket and temp dirs; queues write to files.

Never touches the system's cupsd. Needs Debian's cups-daemon and cups-client (scripts/bootstrap.sh).
"""

from __future__ import annotations

import os
import shutil
import socket
import subprocess
import threading
import time
from dataclasses import dataclass, field
from pathlib import Path

CUPSD = shutil.which("cupsd") or ("/usr/sbin/cupsd" if os.path.exists("/usr/sbin/cupsd") else None)
SKIP_REASON = "cupsd not installed (Debian: apt-get install cups-daemon cups-client; scripts/bootstrap.sh does)"

# The document queue has a driver (PPD) for a printer that prints PDF natively: its one filter,
# CUPS's own gziptoany, copies the PDF, and the file: device (FileDevice Yes) writes it to a file.
# Label queues are raw queues whose device is a socket:// "printer" (JetDirect, port 9100 style) the
# test listens on: CUPS 2.4.2 runs no process at all for a raw job to a file: device (seen here:
# the job "completes" and nothing is written), so a file cannot show what a raw queue sends.
PDF_FILTER = '*cupsFilter2: "application/pdf application/vnd.cups-pdf 0 gziptoany"'
PPD = """*PPD-Adobe: "4.3"
*FormatVersion: "4.3"
*FileVersion: "1.0"
*LanguageVersion: English
*LanguageEncoding: ISOLatin1
*PCFileName: "PDFPASS.PPD"
*Manufacturer: "Test"
*Product: "({model})"
*ModelName: "{model}"
*ShortNickName: "{model}"
*NickName: "{model}"
*PSVersion: "(3010.000) 0"
*LanguageLevel: "3"
*ColorDevice: False
*DefaultColorSpace: Gray
*FileSystem: False
*Throughput: "1"
*LandscapeOrientation: Plus90
*TTRasterizer: Type42
{filter}
*OpenUI *PageSize/Page Size: PickOne
*DefaultPageSize: Letter
*PageSize Letter/Letter: "<</PageSize[612 792]>>setpagedevice"
*CloseUI: *PageSize
*DefaultImageableArea: Letter
*ImageableArea Letter/Letter: "0 0 612 792"
*DefaultPaperDimension: Letter
*PaperDimension Letter/Letter: "612 792"
"""


def _free_port() -> int:
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        return int(s.getsockname()[1])


class RawPrinter(threading.Thread):
    """A network label printer stand-in: keeps the bytes of each connection (one per CUPS job)."""

    def __init__(self) -> None:
        super().__init__(daemon=True)
        self.sock = socket.socket()
        self.sock.bind(("127.0.0.1", 0))
        self.sock.listen(4)
        self.port = int(self.sock.getsockname()[1])
        self.jobs: list[bytes] = []
        self.start()

    def run(self) -> None:
        while True:
            try:
                conn, _ = self.sock.accept()
            except OSError:
                return
            with conn:
                data = bytearray()
                while chunk := conn.recv(65536):
                    data += chunk
                self.jobs.append(bytes(data))

    def close(self) -> None:
        self.sock.close()


@dataclass
class PrivateCups:
    root: Path
    port: int = 0
    proc: subprocess.Popen[bytes] | None = None
    outputs: dict[str, Path] = field(default_factory=dict)

    @property
    def server(self) -> str:
        return str(self.root / "cups.sock")

    def start(self) -> None:
        assert CUPSD is not None
        self.port = _free_port()
        # cupsd runs its jobs as its unprivileged user (lp): it must reach these test-only dirs.
        os.chmod(self.root, 0o755)  # noqa: S103
        for d in ("spool", "spool/tmp", "cache", "state", "log", "out", "ppd"):
            (self.root / d).mkdir(parents=True, exist_ok=True)
        os.chmod(self.root / "out", 0o777)  # noqa: S103
        os.chmod(self.root / "spool", 0o777)  # noqa: S103
        os.chmod(self.root / "spool/tmp", 0o1777)  # noqa: S103
        (self.root / "cupsd.conf").write_text(
            f"Listen 127.0.0.1:{self.port}\nListen {self.server}\nLogLevel info\nWebInterface No\n"
            "Browsing No\nDefaultAuthType None\n"
            "<Location />\n  Order allow,deny\n  Allow all\n</Location>\n"
            "<Policy default>\n  <Limit All>\n    Order allow,deny\n    Allow all\n  </Limit>\n</Policy>\n"
        )
        (self.root / "cups-files.conf").write_text(
            f"FileDevice Yes\nServerRoot {self.root}\nRequestRoot {self.root / 'spool'}\n"
            f"TempDir {self.root / 'spool/tmp'}\nCacheDir {self.root / 'cache'}\nStateDir {self.root / 'state'}\n"
            f"ErrorLog {self.root / 'log/error_log'}\nAccessLog {self.root / 'log/access_log'}\n"
            f"PageLog {self.root / 'log/page_log'}\nServerBin /usr/lib/cups\nDataDir /usr/share/cups\n"
            "Sandboxing Relaxed\n"
        )
        env = {**os.environ, "CUPS_SERVERROOT": str(self.root)}
        self.proc = subprocess.Popen(
            [CUPSD, "-f", "-c", str(self.root / "cupsd.conf"), "-s", str(self.root / "cups-files.conf")],
            stdout=subprocess.DEVNULL, stderr=subprocess.PIPE, env=env,
        )  # fmt: skip
        deadline = time.monotonic() + 15
        while not os.path.exists(self.server):
            if self.proc.poll() is not None or time.monotonic() > deadline:
                raise RuntimeError(f"private cupsd did not start: {self.log()}")
            time.sleep(0.05)

    def log(self) -> str:
        path = self.root / "log/error_log"
        proc = self.proc
        err = proc.stderr.read().decode() if proc and proc.poll() is not None and proc.stderr else ""
        return (path.read_text() if path.exists() else "") + err

    def _lpadmin(self, *args: str) -> None:
        done = subprocess.run(["lpadmin", "-h", self.server, *args], capture_output=True, timeout=30, check=False)
        if done.returncode != 0:
            raise RuntimeError(f"lpadmin failed: {done.stderr.decode()} {self.log()}")

    def add_document_queue(self, name: str) -> Path:
        """A normal (driver) queue for a PDF printer, writing each job to a file (file: device)."""
        out = self.root / "out" / f"{name}.out"
        ppd = self.root / "ppd" / f"{name}.ppd"
        ppd.write_text(PPD.format(filter=PDF_FILTER, model="PDF printer"))
        out.write_bytes(b"")  # the scheduler opens it as its unprivileged user: it cannot create it
        os.chmod(out, 0o666)  # noqa: S103
        self._lpadmin("-p", name, "-v", f"file://{out}", "-E", "-P", str(ppd))
        self.outputs[name] = out
        return out

    def add_raw_queue(self, name: str, printer: RawPrinter) -> None:
        """A raw queue whose device is ``printer`` listening on 127.0.0.1 (socket:// backend)."""
        self._lpadmin("-p", name, "-v", f"socket://127.0.0.1:{printer.port}", "-E", "-m", "raw")

    def wait_done(self, timeout_s: float = 20.0) -> None:
        """Until no job is pending or printing."""
        deadline = time.monotonic() + timeout_s
        while time.monotonic() < deadline:
            done = subprocess.run(["lpstat", "-h", self.server, "-o"], capture_output=True, timeout=10, check=False)
            if not done.stdout.strip():
                return
            time.sleep(0.1)
        raise TimeoutError(f"jobs still queued: {self.log()}")

    def stop(self) -> None:
        if self.proc is not None and self.proc.poll() is None:
            self.proc.terminate()
            try:
                self.proc.wait(timeout=10)
            except subprocess.TimeoutExpired:
                self.proc.kill()
                self.proc.wait()
