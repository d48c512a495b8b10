"""Documents (packing slips, pick lists, manifests: PDF) to the office printer's OS queue, when one is set.

The setting ``document_printer`` is ``{"queue": "Office_Laser"}`` (plus ``server`` for a CUPS server
other than the system's; ``pacific-station devices use documents --queue NAME``). Slips, pick lists and
the end-of-day manifest all go through here; ``deliver_document`` also keeps the file and says where.
"""

from __future__ import annotations

import logging
from pathlib import Path
from typing import Any

from PySide6.QtCore import QCoreApplication

log = logging.getLogger(__name__)


def document_queue(station: Any) -> dict[str, Any]:
    """The configured document printer setting ({} when none)."""
    return dict(station.store.settings.get("document_printer") or {})


def tr(text: str) -> str:
    """Translate an operator-facing string about printed documents."""
    return QCoreApplication.translate("documents", text)


def print_document(station: Any, session: Any, pdf: bytes, *, title: str, target: str = "",
                   permission: str = "label.print") -> str | None:  # fmt: skip
    """Send ``pdf`` to the document printer if one is configured; returns the queue's job id, else None.

    Audited as ``document.printed`` (title and queue; never the document's contents).
    """
    config = document_queue(station)
    if not config.get("queue"):
        return None
    from drivers.printers.osqueue import print_document as submit

    station.auth.authorize(session, permission, target=target or title)
    job = submit(str(config["queue"]), pdf, title=title, server=str(config.get("server", "")))
    station.audit.record(session.name, "document.printed", target=target or title, queue=str(config["queue"]),
                         title=title, job=job)  # fmt: skip
    log.info("document %s sent to queue %s as %s", title, config["queue"], job)
    return job


def deliver_document(station: Any, session: Any, pdf: bytes, *, title: str, folder: str, filename: str,
                     target: str = "", permission: str = "label.print") -> str:  # fmt: skip
    """Keep ``pdf`` in the home's ``folder`` and print it on the document printer when one is set.

    Returns the words for the person at the station: WHICH printer it went to, or where the file is.
    """
    path = Path(station.home) / folder / filename
    path.parent.mkdir(parents=True, exist_ok=True, mode=0o700)
    path.write_bytes(pdf)
    queue = str(document_queue(station).get("queue") or "")
    if not queue:
        return tr("saved as %1 — no document printer is set (an admin chooses one under Devices)").replace(
            "%1", str(path))
    try:
        job = print_document(station, session, pdf, title=title, target=target, permission=permission)
    except Exception as exc:  # the file is kept: say so, and what went wrong, in plain words
        log.warning("document %s not printed on %s: %s", title, queue, type(exc).__name__)
        return tr("NOT printed on %1 (%2) — the file is in %3").replace("%1", queue).replace(
            "%2", type(exc).__name__).replace("%3", str(path))
    return tr("printed on %1 (job %2); copy in %3").replace("%1", queue).replace("%2", str(job)).replace(
        "%3", str(path))
