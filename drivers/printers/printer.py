"""Label printers: one class per way of being a printer, all implementing station.ports.LabelPrinter."""

from __future__ import annotations

import logging
from pathlib import Path

from PIL import Image

from drivers.labels.render import render_zpl_png
from drivers.printers import raster
from drivers.printers.transports import Transport
from drivers.printers.zebra_status import CANCEL_ALL, HI, HQES, HS, MESSAGES, parse_hi, parse_hqes, read_hs
from station.errors import DeviceError, DeviceUnplugged

log = logging.getLogger(__name__)

LANGUAGES = ("zpl", "tspl", "escpos")
TSPL_STATUS = b"\x1b!?"
# TSPL <ESC>!? reply bits (TSC programming manual); 0x20 "printing" is busy, not an error.
_TSPL_BITS = [
    (0x01, "head_open"),
    (0x40, "head_open"),  # cover opened
    (0x04, "paper_out"),
    (0x08, "ribbon_out"),
    (0x02, "paper_jam"),
    (0x80, "too_hot"),  # environment temperature over range
    (0x10, "paused"),
]
PRINTABLE_STATES = ("ready", "unknown")  # unknown: the printer cannot say (no back channel) — print


def build_job(
    data: bytes, fmt: str, *, language: str, dpi: int, size: str
) -> tuple[bytes, Image.Image | None]:
    """The bytes to send for a document of ``fmt``; PDF/PNG are rasterised for ``language``."""
    fmt = fmt.upper()
    if fmt in ("PDF", "PNG"):
        img = raster.label_image(data, fmt, dpi=dpi, size=size)
        if language == "zpl":
            return raster.zpl_raster_job(img), img
        if language == "tspl":
            return raster.tspl_raster_job(img, size), img
        return raster.escpos_raster_job(img), img
    if fmt.lower() == language:
        return data, None
    raise DeviceError(
        f"This printer speaks {language.upper()}, not {fmt} — pick another label format",
        state="unsupported_format",
    )


class ThermalPrinter:
    """A ZPL/TSPL/ESC-POS printer behind a transport (USB, TCP)."""

    def __init__(
        self,
        transport: Transport,
        *,
        language: str = "zpl",
        dpi: int = 203,
        name: str = "printer",
        status_check: bool = True,
    ) -> None:
        if language not in LANGUAGES:
            raise ValueError(f"unknown printer language {language!r}")
        self.transport = transport
        self.language = language
        self.dpi = dpi
        self.name = name
        self.status_check = status_check
        self._cut_job = False  # a job was cut off mid-way: the printer may hold half a format
        self._partial_format = False

    def print_label(self, data: bytes, *, fmt: str, size: str = "4x6") -> None:
        """Send one label; refuses (typed error) when the printer reports paper out, head open..."""
        job, _ = build_job(data, fmt, language=self.language, dpi=self.dpi, size=size)
        if self.status_check and self.language in ("zpl", "tspl"):
            state = self.status()
            if state == "unplugged":
                raise DeviceUnplugged("Printer unplugged — plug it back in, then reprint")
            if state not in PRINTABLE_STATES:
                raise DeviceError(MESSAGES.get(state, MESSAGES["error"]), state=state)
        if self.language == "zpl" and (self._cut_job or self._partial_format):
            # A half-received format would swallow this job's ^XA: cancel it first (~JA).
            job = CANCEL_ALL + job
            log.info("clearing a partial format on %s before printing", self.name)
        try:
            self.transport.write(job)
        except DeviceError:
            self._cut_job = True
            raise
        self._cut_job = self._partial_format = False
        log.info("printed %d bytes (%s) on %s", len(job), fmt, self.name)

    def status(self) -> str:
        """ready, paper_out, head_open, ribbon_out, paused, …, unplugged, error, or unknown (cannot ask)."""
        try:
            if self.language == "zpl":
                return self._zebra_status()
            reply = self.transport.query(TSPL_STATUS if self.language == "tspl" else b"")
            if reply is None:
                return self._queue_state()
            if self.language == "tspl":
                return _tspl_state(reply)
            return "ready"  # ESC/POS: reachable is all we can say portably
        except DeviceUnplugged:
            return "unplugged"
        except DeviceError as exc:
            return "unplugged" if exc.state == "unplugged" else "error"

    def _zebra_status(self) -> str:
        """``~HS`` first (it carries the partial-format flag); silence means ask ``~HQES``."""
        reply = self.transport.query(HS)
        if reply is None:
            return self._queue_state()
        hs = read_hs(reply)
        if hs is not None:
            self._partial_format = hs.partial_format
            return hs.state
        # Zebra: no ~HS reply while media/ribbon out, head open or too hot, rewinder full.
        return parse_hqes(self.transport.query(HQES) or b"")

    def detect_dpi(self) -> int | None:
        """The printer's resolution if it can tell (ZPL ``~HI``); None otherwise."""
        if self.language != "zpl":
            return None
        try:
            reply = self.transport.query(HI)
        except DeviceError:
            return None
        return parse_hi(reply) if reply else None

    def _queue_state(self) -> str:
        """A transport with no back channel (USB without IN endpoint, OS queue) reports what it can."""
        state = getattr(self.transport, "state", None)
        return str(state()) if callable(state) else "unknown"

    def close(self) -> None:
        self.transport.close()


def _tspl_state(reply: bytes) -> str:
    if not reply:
        return "unknown"
    for mask, state in _TSPL_BITS:
        if reply[0] & mask:
            return state
    return "ready"


class VirtualPrinter:
    """Writes each job to ``folder`` (job-0001.zpl …) with a PNG preview beside it."""

    def __init__(
        self, folder: str | Path, *, language: str = "zpl", dpi: int = 203, name: str = "virtual"
    ) -> None:
        self.folder = Path(folder)
        self.language = language
        self.dpi = dpi
        self.name = name
        self.paper_out = False  # tests and demos can simulate a roll running out

    def _next_stem(self) -> Path:
        numbers = [
            int(p.stem.split("-")[1]) for p in self.folder.glob("job-*.*") if p.stem.split("-")[1].isdigit()
        ]
        return self.folder / f"job-{max(numbers, default=0) + 1:04d}"

    def print_label(self, data: bytes, *, fmt: str, size: str = "4x6") -> Path:
        """Write the job and its preview; returns the job file."""
        if self.paper_out:
            raise DeviceError(MESSAGES["paper_out"], state="paper_out")
        job, img = build_job(data, fmt, language=self.language, dpi=self.dpi, size=size)
        self.folder.mkdir(parents=True, exist_ok=True)
        stem = self._next_stem()
        path = stem.with_suffix("." + self.language)
        path.write_bytes(job)
        try:
            if img is not None:
                img.save(stem.with_suffix(".png"))
            elif self.language == "zpl":
                stem.with_suffix(".png").write_bytes(render_zpl_png(job, self.dpi))
        except RuntimeError as exc:
            log.warning("no preview for %s: %s", path.name, exc)
        return path

    def status(self) -> str:
        if self.paper_out:
            return "paper_out"
        return "ready"

    def close(self) -> None:
        return None
