"""Issue 14: HID scanners and scales as they really behave (composite, SET_PROTOCOL refused, on-change scales)."""

from __future__ import annotations

import pytest

from drivers.fakeusb import FakeBackend, FakeHidScanner, FakeScale
from drivers.scales import open_scale
from drivers.scanners.usbhid import HidKeyboardScanner, uses_report_ids
from station.clock import VirtualClock
from station.errors import DeviceError, DeviceTimeout


def drain(sc: HidKeyboardScanner, n: int = 80) -> list[str]:
    out: list[str] = []
    for _ in range(n):
        out += sc.poll_once()
    return out


def test_composite_scanner_claims_the_boot_keyboard_interface():
    dev = FakeHidScanner(composite=True)
    sc = HidKeyboardScanner(dev.vid, dev.pid, backend=FakeBackend(dev), timeout_ms=5)
    dev.type_text("X00ABCD123")
    assert drain(sc) == ["X00ABCD123"]
    assert dev.claimed == {1} and dev.kernel_driver == {0: True, 1: False}  # it no longer types


def test_set_protocol_refused_report_ids_are_stripped():
    dev = FakeHidScanner(refuse_set_protocol=True)
    sc = HidKeyboardScanner(dev.vid, dev.pid, backend=FakeBackend(dev), timeout_ms=5)
    dev.type_text("abc123")
    assert drain(sc) == ["abc123"]
    assert dev.protocol_set is None


def test_report_descriptor_parser():
    from drivers.fakeusb import _keyboard_descriptor

    assert uses_report_ids(_keyboard_descriptor(True))
    assert not uses_report_ids(_keyboard_descriptor(False))


def test_stop_gives_the_keyboard_back_to_the_kernel():
    dev = FakeHidScanner()
    sc = HidKeyboardScanner(dev.vid, dev.pid, backend=FakeBackend(dev), timeout_ms=5)
    sc.poll_once()
    assert dev.kernel_driver[0] is False
    sc.stop()
    assert dev.kernel_driver[0] is True and not dev.claimed


def _scale(dev: FakeScale):  # type: ignore[no-untyped-def]
    return open_scale({"backend": FakeBackend(dev), "clock": VirtualClock(), "timeout_ms": 40})


@pytest.mark.parametrize("ignore_set_idle", [False, True])
def test_scale_that_reports_only_on_change(ignore_set_idle):
    dev = FakeScale(on_change_only=True, ignore_set_idle=ignore_set_idle)
    dev.set(FakeScale.STABLE, 227)
    s = _scale(dev)
    assert s.read_stable() == pytest.approx(1.419, abs=0.001)
    assert dev.idle_duration == 50  # SET_IDLE asked for a report every 200 ms


def test_on_change_scale_opened_after_its_last_report_is_asked_by_get_report():
    dev = FakeScale(on_change_only=True, ignore_set_idle=True)
    dev.set(FakeScale.STABLE, 160)
    dev._changed = False  # its one report went to the kernel driver before we took the interface
    assert _scale(dev).read_stable() == pytest.approx(1.0)


def test_silent_scale_times_out_with_a_typed_error():
    dev = FakeScale(on_change_only=True, ignore_set_idle=True)
    dev._changed = False
    dev.on_control = lambda *a: b""  # type: ignore[method-assign]  # refuses GET_REPORT too
    with pytest.raises(DeviceTimeout):
        _scale(dev).read_stable(timeout_s=1.0)


def test_other_report_ids_are_skipped():
    dev = FakeScale()
    dev.push_raw(bytes([4, 0, 0, 0, 0, 0]))  # a status report
    dev.push_raw(bytes([5, 1]))
    dev.set(FakeScale.STABLE, 227)
    assert _scale(dev).read_stable() == pytest.approx(1.419, abs=0.001)


def test_fault_still_raises():
    dev = FakeScale()
    dev.set(FakeScale.FAULT, 0)
    with pytest.raises(DeviceError) as err:
        _scale(dev).read_stable()
    assert err.value.state == "fault"
