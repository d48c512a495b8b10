"""Wedge decoding, HID keyboard scanner over pyusb, serial scanner over pyserial."""

from __future__ import annotations

import pytest
import serial

from drivers.fakeusb import FakeBackend, FakeHidScanner
from drivers.scanners.hidkeys import BootReportDecoder, LineAssembler
from drivers.scanners.serialscanner import SerialScanner
from drivers.scanners.usbhid import HidKeyboardScanner
from drivers.scanners.wedge import Rejected, Scan, Typed, WedgeConfig, WedgeDecoder


def burst(d: WedgeDecoder, text: str, t0: float = 0.0, gap: float = 0.004) -> tuple[list, float]:
    events, t = [], t0
    for ch in text:
        events += d.feed(ch, t)
        t += gap
    return events, t


def test_scanner_burst_is_one_scan_with_aim_stripped_and_gs_kept():
    d = WedgeDecoder()
    events, _ = burst(d, "]C1\x1d0112345678901231\x1d10AB\r")
    assert events == [Scan("\x1d0112345678901231\x1d10AB", "]C1", 26)]
    assert not d.busy


def test_human_typing_is_released():
    d = WedgeDecoder()
    events, t = burst(d, "hello", gap=0.15)
    events += d.poll(t + 1)
    assert "".join(e.text for e in events if isinstance(e, Typed)) == "hello"
    assert all(isinstance(e, Typed) for e in events)


def test_short_fast_enter_is_typing():
    d = WedgeDecoder()
    events, _ = burst(d, "ok\r")
    assert events == [Typed("ok\r", 3)]


def test_prefix_suffix_and_tab_terminator():
    d = WedgeDecoder(WedgeConfig(prefix="#", suffix="!"))
    events, _ = burst(d, "#X00ABCD123!\t")
    assert events == [Scan("X00ABCD123", "", 13)]


def test_endless_burst_is_rejected_and_recovers():
    d = WedgeDecoder(WedgeConfig(max_length=64))
    events, t = burst(d, "A" * 10_000)
    assert events == []
    events = d.poll(t + 1)
    assert events == [Rejected("too_long", 10_000)]
    events, _ = burst(d, "X00ABCD123\r", t + 2)
    assert events == [Scan("X00ABCD123", "", 11)]


def test_burst_without_terminator_and_garbage_rejected():
    d = WedgeDecoder()
    events, t = burst(d, "X00ABCD123")
    assert d.poll(t + 1) == [Rejected("no_terminator", 10)]
    events, _ = burst(d, "\x07\x1b[2J\x00\r", t + 2)
    assert events == [Rejected("garbage", 7)]


def test_every_key_accounted_for():
    d = WedgeDecoder()
    text = "ab\rX00ABCD123\rzz" + "Q" * 300 + "\r"
    events, t = burst(d, text)
    events += d.poll(t + 1)
    assert sum(e.keys for e in events) == len(text)


def test_wedge_throughput_is_fast():
    d = WedgeDecoder()
    events, _ = burst(d, "X00ABCD123\r" * 2000)
    assert len(events) == 2000


def test_boot_report_decoding():
    dec = BootReportDecoder()
    assert dec.decode(bytes([0x02, 0, 0x04, 0, 0, 0, 0, 0])) == "A"
    assert dec.decode(bytes([0x02, 0, 0x04, 0, 0, 0, 0, 0])) == ""  # still held
    assert dec.decode(bytes(8)) == ""
    assert dec.decode(bytes([0x01, 0, 0x30, 0, 0, 0, 0, 0])) == "\x1d"
    assert dec.decode(bytes([0, 0, 1, 1, 1, 1, 1, 1])) == ""  # roll-over error
    assert dec.decode(b"\x00") == ""


def test_hid_scanner_reads_through_pyusb_and_survives_replug():
    dev = FakeHidScanner()
    sc = HidKeyboardScanner(0x05E0, 0x1200, backend=FakeBackend(dev), timeout_ms=50)
    got: list[str] = []
    sc._on_scan = got.append
    dev.type_text("]E04006381333931")
    dev.type_text("Hello-World_1")
    for _ in range(100):
        sc.poll_once()
    assert got == ["4006381333931", "Hello-World_1"]
    assert dev.kernel_driver == {0: False} and dev.protocol_set == 0
    assert all(t == 50 for t in dev.timeouts if t not in (1000,))
    dev.unplug()
    assert sc.poll_once() == [] and sc.status() == "unplugged"
    assert sc.poll_once() == [] and sc.status() == "unplugged"
    dev.replug()
    dev.type_text("X00ABCD123")
    out = []
    for _ in range(30):
        out += sc.poll_once()
    assert out == ["X00ABCD123"] and sc.status() == "ready"


def test_hid_scanner_thread_start_stop():
    dev = FakeHidScanner()
    sc = HidKeyboardScanner(0x05E0, 0x1200, backend=FakeBackend(dev), timeout_ms=5, reconnect_s=0.01)
    got: list[str] = []
    dev.type_text("ABC123")
    sc.start(got.append)
    import time

    deadline = time.monotonic() + 2
    while not got and time.monotonic() < deadline:
        time.sleep(0.01)
    sc.stop()
    assert got == ["ABC123"] and sc.status() == "closed"


def test_line_assembler_guards():
    la = LineAssembler(max_length=8)
    assert la.feed("A" * 50 + "\rOK12\r") == ["OK12"]
    assert la.rejected == 1
    assert la.feed("\x00\x01\r") == []


def test_serial_scanner_loopback_and_unplug():
    sc = SerialScanner("loop://", timeout_s=0.01)
    sc.open()
    sc.port.write(b"]C0X00ABCD123\r\n" + b"9400111899223197428490\r")
    out = []
    for _ in range(60):
        out += sc.poll_once()
    assert out == ["X00ABCD123", "9400111899223197428490"]

    def boom(*_a: object) -> bytes:
        raise serial.SerialException("device disconnected")

    sc.port.read = boom
    assert sc.poll_once() == [] and sc.status() == "unplugged"
    sc.poll_once()
    assert sc.status() == "ready"
    sc.stop()


def test_pause_mid_scan_never_turns_the_tail_into_a_scan():
    """Issue 14 item 7: 40 ms after 6 characters used to give Rejected, then Scan of the tail."""
    d = WedgeDecoder()
    events, t = burst(d, "036000")
    events += d.feed("2", t + 0.040)
    rest, _ = burst(d, "91452\r", t + 0.044)
    events += rest
    assert not any(isinstance(e, Scan) for e in events)
    assert [e.reason for e in events if isinstance(e, Rejected)] == ["no_terminator", "tail"]
    assert sum(e.keys for e in events) == 13  # every key accounted for (the adapter drops them)
    later, _ = burst(d, "036000291452\r", t + 2.0)  # the rescan, after the pause, is clean
    assert later == [Scan("036000291452", "", 13)]


def test_typing_after_a_rejected_burst_is_not_swallowed():
    d = WedgeDecoder()
    events, t = burst(d, "ABCDEF")
    events += d.poll(t + 0.1)
    assert [type(e) for e in events] == [Rejected]
    typed, t = burst(d, "hi", t + 1.0, gap=0.2)
    typed += d.poll(t + 1)
    assert "".join(e.text for e in typed if isinstance(e, Typed)) == "hi"


@pytest.mark.parametrize(
    ("code", "ok"),
    [("036000291452", True), ("036000291453", False), ("4006381333931", True), ("4006381333932", False),
     ("10036000291452", False), ("10036000291459", True), ("12345678", True), ("]E401234560", False),
     ("]E401234565", True), ("X00ABCD123", True), ("123456789012", True)],
)  # fmt: skip
def test_check_digits_validated(code, ok):
    d = WedgeDecoder()
    events, _ = burst(d, code + "\r")
    assert isinstance(events[-1], Scan) is ok, events
