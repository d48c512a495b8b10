"""USB HID point-of-sale scale (DYMO, Mettler, Stamps.com…): report ``[3, status, unit, exp, lo, hi]``."""

from __future__ import annotations

import logging
from dataclasses import dataclass
from typing import Any

import usb.core

from drivers import usbio
from station.clock import SystemClock
from station.errors import DeviceError, DeviceTimeout, DeviceUnplugged
from station.i18n import N_

log = logging.getLogger(__name__)

HID_CLASS = 3
DATA_REPORT = 3  # HID POS scale "weight data" report id; others (status, control) are skipped
SET_IDLE, GET_REPORT = 0x0A, 0x01
IDLE_4MS = 50  # ask for a report every 200 ms even without change (scales may ignore it)
_SKIP_LIMIT = 16
LB_PER = {1: 1 / 453592.37, 2: 1 / 453.59237, 3: 1 / 0.45359237, 11: 1 / 16, 12: 1.0}  # mg, g, kg, oz, lb
STATUS = {
    1: "fault",
    2: "zero",
    3: "in_motion",
    4: "stable",
    5: "under_zero",
    6: "over_limit",
    7: "needs_calibration",
    8: "needs_zeroing",
}
MESSAGES = {
    "zero": N_("Scale reads zero — put the parcel on the scale"),
    "in_motion": N_("Scale is still moving — let the parcel rest, then weigh again"),
    "over_limit": N_("Parcel is over the scale's limit — use the floor scale"),
    "under_zero": N_("Scale reads below zero — empty it and press its zero button"),
    "needs_zeroing": N_("Scale needs zeroing — empty it and press its zero button"),
    "needs_calibration": N_("Scale needs calibration — tell a lead"),
    "fault": N_("Scale reports a fault — unplug it and plug it back in"),
    "unsupported_unit": N_("Scale uses a unit the station cannot read — set it to lb, oz, g or kg"),
}


@dataclass(frozen=True)
class ScaleReading:
    state: str  # one of STATUS values
    pounds: float


def parse_report(report: bytes) -> ScaleReading:
    """Decode one 6-byte data report (report id 3) into a state and pounds."""
    if len(report) < 6 or report[0] != 3:
        raise DeviceError("Scale sent an unreadable report", state="error")
    status, unit, exp = report[1], report[2], report[3]
    exponent = exp - 256 if exp > 127 else exp
    raw = report[4] | report[5] << 8
    state = STATUS.get(status, "fault")
    if unit not in LB_PER:
        if state in ("zero", "stable", "in_motion"):
            raise DeviceError(MESSAGES["unsupported_unit"], state="unsupported_unit")
        return ScaleReading(state, 0.0)
    return ScaleReading(state, round(raw * 10.0**exponent * LB_PER[unit], 4))


class HidScale:
    """Reads a HID POS scale through pyusb; ``read_stable`` waits for agreeing stable readings."""

    def __init__(
        self,
        vid: int,
        pid: int,
        *,
        backend: Any = None,
        clock: Any = None,
        readings: int = 3,
        tolerance_lb: float = 0.01,
        timeout_ms: int = 500,
        poll_s: float = 0.05,
    ) -> None:
        self.vid, self.pid, self.backend = vid, pid, backend
        self.clock = clock or SystemClock()
        self.readings = readings
        self.tolerance_lb = tolerance_lb
        self.timeout_ms = timeout_ms
        self.poll_s = poll_s
        self._claimed: usbio.Claimed | None = None
        self._state = "closed"
        self._last: ScaleReading | None = None

    def _open(self) -> usbio.Claimed:
        if self._claimed is None:
            device = usbio.find_device(self.vid, self.pid, self.backend)
            if device is None:
                raise DeviceUnplugged("Scale not found — check its USB cable and turn it on")
            self._claimed = usbio.claim(device, HID_CLASS, "Scale")
            self._last = None
            self._control(0x21, SET_IDLE, IDLE_4MS << 8, 0)  # many scales otherwise report only on change
        return self._claimed

    def _control(self, request_type: int, request: int, value: int, length: Any) -> bytes | None:
        """A HID class request on our interface; None if the scale refuses it (many do)."""
        assert self._claimed is not None
        try:
            out = self._claimed.device.ctrl_transfer(request_type, request, value, self._claimed.interface,
                                                     length, timeout=self.timeout_ms)  # fmt: skip
        except usb.core.USBError as exc:
            log.debug("scale refused request %#x: %s", request, exc.strerror)
            return None
        return bytes(out) if length else b""

    def _read_report(self, claimed: usbio.Claimed) -> bytes:
        try:
            return bytes(claimed.ep_in.read(claimed.ep_in.wMaxPacketSize, timeout=self.timeout_ms))
        except usb.core.USBError as exc:
            err = usbio.typed_error(exc, "Scale")
            if not isinstance(err, DeviceTimeout):
                usbio.release(self._claimed)
                self._claimed = None
                self._state = err.state
            raise err from exc

    def _current(self, claimed: usbio.Claimed) -> bytes:
        """No report in time: nothing changed. The last weight stands; with none yet, GET_REPORT asks."""
        if self._last is None:
            report = self._control(0xA1, GET_REPORT, (1 << 8) | DATA_REPORT, 64)
            if report and report[0] == DATA_REPORT:
                return report
            raise DeviceTimeout("Scale did not answer in time")
        return b""

    def read_once(self) -> ScaleReading:
        """The scale's current reading; raises DeviceUnplugged, or DeviceTimeout if it never said one."""
        claimed = self._open()
        for _ in range(_SKIP_LIMIT):
            try:
                report = self._read_report(claimed)
            except DeviceTimeout:
                report = self._current(claimed)
                if not report:
                    assert self._last is not None
                    return self._last
            if report and report[0] == DATA_REPORT:
                break
            log.debug("scale report id %s skipped", report[0] if report else None)
        else:
            raise DeviceTimeout("Scale sent no weight report")
        reading = parse_report(report)
        self._state, self._last = reading.state, reading
        return reading

    def read_stable(self, timeout_s: float = 3.0) -> float:
        """Pounds once ``readings`` stable reports in a row agree; else DeviceError with a state."""
        deadline = self.clock.monotonic() + timeout_s
        run: list[float] = []
        zeros = 0
        last = "in_motion"
        while True:
            try:
                reading = self.read_once()
            except DeviceTimeout:
                if self.clock.monotonic() >= deadline:
                    raise
                self.clock.sleep(self.poll_s)
                continue
            last = reading.state
            if reading.state in ("over_limit", "under_zero", "needs_zeroing", "needs_calibration", "fault"):
                raise DeviceError(MESSAGES[reading.state], state=reading.state)
            if reading.state == "stable" and reading.pounds > 0:
                run = [p for p in run if abs(p - reading.pounds) <= self.tolerance_lb] + [reading.pounds]
                zeros = 0
                if len(run) >= self.readings:
                    return round(sum(run) / len(run), 3)
            elif reading.state in ("zero", "stable"):
                run, zeros = [], zeros + 1
                if zeros >= self.readings:
                    raise DeviceError(MESSAGES["zero"], state="zero")
            else:
                run, zeros = [], 0
            if self.clock.monotonic() >= deadline:
                state = "in_motion" if last in ("in_motion", "stable") else last
                raise DeviceError(MESSAGES.get(state, MESSAGES["in_motion"]), state=state)
            self.clock.sleep(self.poll_s)

    def status(self) -> str:
        """Last known state: stable, zero, in_motion, over_limit, unplugged… (reads once)."""
        try:
            return self.read_once().state
        except DeviceError as exc:
            return exc.state

    def close(self) -> None:
        usbio.release(self._claimed)
        self._claimed = None
        self._last = None
