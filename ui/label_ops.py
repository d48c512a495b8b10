"""Operations behind the packaging screen, run on worker lanes: buy, print, park, preview.

Each returns plain data so the screen only draws. No PII is logged; the label document is only
sent to the printer and rendered for the active order's preview.
"""

from __future__ import annotations

import logging
from dataclasses import dataclass, field
from pathlib import Path

from station.app import Station
from station.domain import PurchasedLabel
from station.errors import BuyerDataLocked, DeviceError, StationError, UpstreamError
from station.i18n import N_, T_
from station.ports import LabelPrinter
from station.services.auth import Session
from station.services.shipping import BoxInput, RateChoice, is_offline_error

log = logging.getLogger(__name__)


@dataclass
class Bought:
    order_id: str
    labels: list[tuple[int, PurchasedLabel]] = field(default_factory=list)  # (package_id, label)
    printed: list[int] = field(default_factory=list)
    print_error: str = ""
    preview_png: bytes = b""
    lookup: bool = False  # found by order lookup (shipped earlier), not just bought


def box_and_rate(
    station: Station, session: Session, order_id: str, boxes: list[BoxInput]
) -> tuple[list[int], list[RateChoice]]:
    """Record the boxes and rate the first one (net lane: HTTP)."""
    ids = station.shipping.create_boxes(session, order_id, boxes)
    return ids, station.shipping.rates(session, order_id, ids[0])


def buy_all(station: Station, session: Session, order_id: str, package_ids: list[int],
            first_choice: RateChoice) -> Bought:  # fmt: skip
    """Buy every box's label (the first with the chosen rate, others with their default)."""
    result = Bought(order_id)
    for n, package_id in enumerate(package_ids):
        already = station.shipping.purchased(session, package_id)
        if already is not None:  # bought before a restart: keep it, never buy twice
            result.labels.append((package_id, already))
            continue
        if n == 0:
            rate = first_choice.rate
        else:
            choices = station.shipping.rates(session, order_id, package_id)
            if not choices:
                raise UpstreamError(N_("No carrier offers a rate for this box"), code="no_rates")
            rate = choices[0].rate
        result.labels.append((package_id, station.shipping.buy_label(session, order_id, package_id, rate)))
    return result


def _said(exc: BaseException) -> object:
    """An error's message as the core marked it (kept for translation at display), else its text."""
    return exc.args[0] if exc.args and isinstance(exc.args[0], str) else str(exc)


def print_all(station: Station, session: Session, printer: LabelPrinter | None, bought: Bought) -> Bought:
    """Print every label (device lane); a printer problem leaves a message, never an exception."""
    if printer is None:
        bought.print_error = N_("No label printer is set up — ask an admin (Devices), then press F5 to reprint")
        bought.preview_png = preview_png(station, bought.labels[0][0]) if bought.labels else b""
        return bought
    for package_id, _label in bought.labels:
        try:
            station.shipping.print_label(session, package_id, printer)
            bought.printed.append(package_id)
        except DeviceError as exc:
            bought.print_error = T_("{0} — then press F5 to reprint", _said(exc))
            break
    if bought.labels:
        bought.preview_png = preview_png(station, bought.labels[0][0], printer)
    try:
        write_packing_slip(station, session, bought.order_id)
    except (OSError, StationError) as exc:
        log.warning("packing slip not written: %s", type(exc).__name__)
    return bought


def write_packing_slip(station: Station, session: Session, order_id: str) -> Path | None:
    """The packing slip PDF (items, and the buyer's gift messages: no address) into the home's slips/ folder;
    audited."""
    from ui.reports.slip import packing_slip_pdf

    station.auth.authorize(session, "label.print", target=order_id)
    order = station.store.orders.get(order_id)
    if order is None:
        return None
    seller = station.store.sellers.get(order.seller_id)
    folder = station.home / "slips"
    folder.mkdir(exist_ok=True)
    path = folder / f"slip-{order_id}.pdf"
    gifts = station.store.orders.gift_messages(order_id)
    pdf = packing_slip_pdf(order, seller_name=seller.name if seller else "", gifts=gifts)
    path.write_bytes(pdf)
    station.audit.record(session.name, "packing_slip.printed", target=order_id, gift_messages=len(gifts))
    from ui.documents import print_document

    try:  # on paper too when an office printer is set; the PDF in slips/ stays either way
        print_document(station, session, pdf, title=f"Packing slip {order_id}", target=order_id)
    except DeviceError as exc:
        log.warning("packing slip not sent to the document printer: %s", exc)
    return path


def preview_png(station: Station, package_id: int, printer: LabelPrinter | None = None) -> bytes:
    """PNG of a box's label: the virtual printer's preview, else a ZPL render; empty when impossible."""
    folder = getattr(printer, "folder", None)
    if isinstance(folder, Path):
        pngs = sorted(folder.glob("job-*.png"))
        if pngs:
            return pngs[-1].read_bytes()
    package = station.store.packages.get(package_id)
    try:
        document = station.store.packages.label_document(package_id)
    except BuyerDataLocked:  # a hub seller's label, its key not held (lease ran out offline): no preview
        return b""
    if package is None or not document:
        return b""
    fmt = (package.label_format or "").upper()
    try:
        if fmt == "ZPL":
            from drivers.labels.render import render_zpl_png

            return render_zpl_png(document)
        if fmt == "PNG":
            return document
    except RuntimeError as exc:
        log.info("no label preview: %s", exc)
    return b""


def reprint(station: Station, session: Session, printer: LabelPrinter | None, package_id: int, via: str = "") -> str:
    """Print a box's label again (audited as a reprint, with where it was asked from)."""
    if printer is None:
        return N_("No label printer is set up")
    try:
        station.shipping.print_label(session, package_id, printer, reprint=True, via=via)
    except DeviceError as exc:
        return T_("{0} — then press F5 to reprint", _said(exc))
    return N_("Label reprinted")


def looked_up(station: Station, session: Session, order_id: str) -> Bought:
    """A shipped order found in the queue: its labels, to reprint (no preview image: no buyer data)."""
    result = Bought(order_id, lookup=True)
    for package in station.shipping.labels_for_order(session, order_id):
        result.labels.append((package.package_id, PurchasedLabel(
            package.shipment_id, package.tracking, package.carrier, package.service, package.label_format, b"",
            package.cost, package.currency)))  # fmt: skip
    return result


def offline(exc: BaseException) -> bool:
    return isinstance(exc, UpstreamError) and is_offline_error(exc)
