"""Documents (packing slips, pick lists, manifests: PDF) to the office printer's OS queue, when one is set.

The setting ``document_printer`` is ``{"queue": "Office_Laser"}`` (plus ``server`` for a CUPS server
other than the system's). The screens that print manifests come later; slips and pick lists use it now.
"""

from __future__ import annotations

import logging
from typing import Any

log = logging.getLogger(__name__)


def document_queue(station: Any) -> dict[str, Any]:
    """The configured document printer setting ({} when none)."""
    return dict(station.store.settings.get("document_printer") or {})


def print_document(station: Any, session: Any, pdf: bytes, *, title: str, target: str = "") -> str | None:
    """Send ``pdf`` to the document printer if one is configured; returns the queue's job id, else None.

    Audited as ``document.printed`` (title and queue; never the document's contents).
    """
    config = document_queue(station)
    if not config.get("queue"):
        return None
    from drivers.printers.osqueue import print_document as submit

    station.auth.authorize(session, "label.print", target=target or title)
    job = submit(str(config["queue"]), pdf, title=title, server=str(config.get("server", "")))
    station.audit.record(session.name, "document.printed", target=target or title, queue=str(config["queue"]),
                         title=title, job=job)  # fmt: skip
    log.info("document %s sent to queue %s as %s", title, config["queue"], job)
    return job
