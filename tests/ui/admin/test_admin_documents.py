"""Issue 15 item 5: the manifest and pick lists go to the chosen document printer (OS queue), and the
message says WHICH printer it went to, or where the file is."""

from __future__ import annotations

from typing import Any

import pytest
from PySide6.QtCore import Qt

from station.domain import Role
from ui.admin.summary import EndOfDayWidget

from .conftest import add_order
from .test_admin_summary import ship


@pytest.fixture
def queue_jobs(monkeypatch: pytest.MonkeyPatch) -> list[tuple[str, bytes, str]]:
    """The OS queue driver, recorded (``lp`` is not run)."""
    import drivers.printers.osqueue as osqueue

    jobs: list[tuple[str, bytes, str]] = []

    def submit(queue: str, pdf: bytes, *, title: str, server: str = "") -> str:
        jobs.append((queue, pdf, title))
        return f"{queue}-{len(jobs)}"

    monkeypatch.setattr(osqueue, "print_document", submit)
    return jobs


def _shipped_day(env: Any) -> None:
    add_order(env, "113-0000000-0000001")
    ship(env, "113-0000000-0000001", "UPS", "1Z999AA10123456784", 9.10)


def test_manifest_prints_on_the_chosen_queue_and_says_which(qtbot, env, queue_jobs) -> None:  # type: ignore[no-untyped-def]
    _shipped_day(env)
    env.station.store.settings.set("document_printer", {"queue": "Office_Laser"}, now="2026-03-10T17:00:00Z",
                                   by="boss")  # fmt: skip
    widget = EndOfDayWidget(env.station, env.add("lee", Role.LEAD))
    qtbot.addWidget(widget)
    qtbot.mouseClick(widget.print_button, Qt.MouseButton.LeftButton)
    assert widget.message.kind == "ok", widget.message.text()
    assert [(q, t) for q, _pdf, t in queue_jobs] == [("Office_Laser", "manifest-2026-03-10")]
    assert queue_jobs[0][1].startswith(b"%PDF")
    assert "printed on Office_Laser" in widget.message.text()
    assert env.actions("document.printed", "lee")


def test_manifest_without_a_printer_says_where_the_file_is(qtbot, env, queue_jobs) -> None:  # type: ignore[no-untyped-def]
    _shipped_day(env)
    widget = EndOfDayWidget(env.station, env.add("lee", Role.LEAD))
    qtbot.addWidget(widget)
    widget.print_manifest()
    path = env.station.home / "reports" / "manifest-2026-03-10.pdf"
    assert path.read_bytes().startswith(b"%PDF") and not queue_jobs
    assert str(path) in widget.message.text() and "no document printer" in widget.message.text()
