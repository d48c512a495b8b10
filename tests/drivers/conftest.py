from __future__ import annotations

import json
from collections.abc import Iterator
from pathlib import Path

import pytest

from drivers.fakeusb import FakeBackend, FakeHidScanner, FakePrinter, FakeScale
from station.domain import Recipient

HERE = Path(__file__).parent
GOLDEN = HERE / "golden"
SNAPSHOTS = HERE / "snapshots"
BLNS = Path("/work/shared/fixtures/blns.json")


def blns() -> list[str]:
    """Hostile strings; a small built-in set when the shared fixture is absent."""
    if BLNS.exists():
        return [s for s in json.loads(BLNS.read_text(encoding="utf-8")) if isinstance(s, str)]
    return ["^XZ", "~JA", '"', "\r\n", "山田太郎", "Zoë Müller", "_5E", "\x1b!?", "<script>"]


SHIP_FROM = Recipient(
    name="Pacific Prep LLC",
    address_line1="500 Dock Rd",
    city="Kent",
    state_or_region="WA",
    postal_code="98032",
    country_code="US",
)


def ship_to(name: str = "J. Smith") -> Recipient:
    return Recipient(
        name=name,
        address_line1="123 Main St",
        address_line2="Apt 4",
        city="Portland",
        state_or_region="OR",
        postal_code="97205",
        country_code="US",
    )


def golden(name: str, data: bytes) -> None:
    """Compare with tests/drivers/golden/<name>; write it on first run (then review and commit)."""
    path = GOLDEN / name
    if not path.exists():
        path.write_bytes(data)
        pytest.fail(f"golden file {name} created — review it and run again")
    assert data == path.read_bytes(), f"bytes differ from golden/{name}"


@pytest.fixture
def printer_dev() -> FakePrinter:
    return FakePrinter(vendor_interface_first=True)


@pytest.fixture
def backend(printer_dev: FakePrinter) -> FakeBackend:
    return FakeBackend(printer_dev)


@pytest.fixture
def scanner_dev() -> FakeHidScanner:
    return FakeHidScanner()


@pytest.fixture
def scale_dev() -> FakeScale:
    return FakeScale()


@pytest.fixture(autouse=True)
def text_renderer() -> Iterator[None]:
    """The label layouts with the station's text renderer installed, as ui/wiring.py installs it."""
    from drivers.labels import script_text
    from ui import text_image

    text_image.install()
    yield
    script_text.use_renderer(None)
