"""The prep station: a scanned unit's FNSKU and prep steps, and every prep action as a billable event."""

from __future__ import annotations

from dataclasses import dataclass

from station.clock import utcnow_iso
from station.domain import Product
from station.errors import Conflict, NotFound, UsageError
from station.i18n import N_, T_
from station.ports import Clock
from station.services.audit import AuditTrail
from station.services.auth import AuthService, Session
from station.store import Store

MAX_LABELS = 1000  # one print job
MAX_CODE_LENGTH = 128

# Per-unit prep type -> billable service, and the words a prepper reads.
UNIT_SERVICES = {
    "polybagging": "polybag",
    "bubble_wrap": "bubble_wrap",
    "taping": "taping",
    "boxing": "item_box",
    "black_shrink_wrap": "black_shrink_wrap",
    "suffocation_warning": "suffocation_label",
    "sold_as_set": "set_label",
    "set_creation": "set_creation",
    "blank_sticker": "blank_sticker",
    "cap_sealing": "cap_sealing",
    "hang_garment": "hang_garment",
    "remove_hanger": "remove_hanger",
    "debundle": "debundle",
    "expiry_dating": "expiry_label",
}
STEPS = {
    "labeling": N_("Put an FNSKU label on the unit, covering every other barcode"),
    "polybagging": N_("Bag it: clear poly bag, 1.5 mil or thicker, sealed"),
    "bubble_wrap": N_("Bubble-wrap it: no edge may show"),
    "taping": N_("Tape it shut on all open sides"),
    "boxing": N_("Put it in a box that fits"),
    "black_shrink_wrap": N_("Black or opaque bag / shrink wrap (adult product)"),
    "suffocation_warning": N_("Suffocation warning on the bag (opening 5 in or more)"),
    "sold_as_set": N_("'Sold as set — do not separate' label on the set"),
    "set_creation": N_("Bundle the units into one set"),
    "blank_sticker": N_("Cover the old barcodes with blank stickers"),
    "cap_sealing": N_("Seal the cap"),
    "hang_garment": N_("Put it on a hanger"),
    "remove_hanger": N_("Take it off the hanger"),
    "debundle": N_("Separate the bundled units"),
    "sioc": N_("Ships in its own container: label the box itself"),
    "no_prep": N_("No prep needed: label only"),
    "expiry_dating": N_("Expiry date on the label (36 pt) and on the box"),
}
# Poly bags kept at the bench: (name, width in, length in), smallest first.
BAGS = (("6x9", 6, 9), ("9x12", 9, 12), ("12x15", 12, 15), ("14x20", 14, 20), ("18x24", 18, 24), ("24x30", 24, 30))


def bag_for(product: Product) -> tuple[str, int, int]:
    """The smallest bag a unit fits in with an inch to spare on each side (the largest when dims are unknown)."""
    dims = sorted((product.length_in, product.width_in, product.height_in), reverse=True)
    if dims[0] <= 0:
        return BAGS[-1]
    need_w = dims[1] + dims[2] + 1
    need_l = dims[0] + dims[2] + 1
    return next(((n, w, h) for n, w, h in BAGS if w >= need_w and h >= need_l), BAGS[-1])


def warning_label_size(bag_width_in: int) -> str:
    """Suffocation label size for a bag: bigger bags get bigger text (Amazon: legible for the bag's size)."""
    if bag_width_in < 9:
        return "2x1"
    if bag_width_in < 14:
        return "3x2"
    return "4x3"


@dataclass(frozen=True)
class PrepUnit:
    """What the prep screen shows for a scanned unit."""

    product: Product
    steps: tuple[tuple[str, str], ...]  # (prep type, instruction)
    bag: str = ""  # e.g. "9x12" when the unit is bagged
    warning_size: str = ""  # suffocation label size when it needs one
    code_kind: str = ""

    @property
    def fnsku(self) -> str:
        return self.product.fnsku


@dataclass(frozen=True)
class PrepRecord:
    seller_id: str
    sku: str
    units: int
    services: dict[str, int]


class PrepService:
    def __init__(self, store: Store, auth: AuthService, audit: AuditTrail, clock: Clock):
        self.store = store
        self.auth = auth
        self.audit = audit
        self.clock = clock

    def lookup(self, session: Session, code: str, seller_id: str | None = None) -> PrepUnit:
        """Resolve a scanned UPC/EAN/SKU/FNSKU/ASIN to the product and its prep steps."""
        self.auth.authorize(session, "prep.unit")
        code = code.strip()[:MAX_CODE_LENGTH]
        matches = self.store.products.resolve(code, seller_id)
        keys = sorted({(m.seller_id, m.sku) for m in matches})
        if not keys:
            raise NotFound(T_("{0} is not in any seller's catalogue — set the unit aside and tell the lead", code))
        if len(keys) > 1:
            sellers = sorted({k[0] for k in keys})
            raise Conflict(
                T_("{0} belongs to {1} products ({2}) — choose the seller first", code, len(keys), ", ".join(sellers))
            )
        product = self.store.products.get(*keys[0])
        assert product is not None
        if not product.fnsku:
            raise Conflict(T_("{0} has no FNSKU yet — ask the lead to fill the catalogue from Amazon", product.sku))
        kinds = ["labeling", *[t for t in product.prep_types if t not in ("labeling", "no_prep")]]
        steps = tuple((t, STEPS.get(t, t)) for t in kinds)
        bag, size = "", ""
        if {"polybagging", "suffocation_warning"} & set(product.prep_types):
            name, width, _ = bag_for(product)
            bag = name
            if "suffocation_warning" in product.prep_types or width >= 5:
                size = warning_label_size(width)
        kind = next((m.kind for m in matches), "")
        return PrepUnit(product, steps, bag, size, kind)

    def prep_units(self, session: Session, seller_id: str, sku: str, units: int, *,
                   expiry: str = "", skip: tuple[str, ...] = ()) -> PrepRecord:  # fmt: skip
        """Record ``units`` labelled and prepped per the product's rules (minus ``skip``): billable events."""
        self.auth.authorize(session, "prep.unit", target=sku)
        if not 0 < units <= MAX_LABELS:
            raise UsageError(T_("Print between 1 and {0} labels at a time", MAX_LABELS))
        product = self.store.products.get(seller_id, sku)
        if product is None:
            raise NotFound(T_("No product {0} for seller {1}", sku, seller_id))
        if product.expiry_required and not _valid_date(expiry):
            raise UsageError(T_("{0} needs an expiry date (YYYY-MM-DD) on its label", sku))
        services = {"fnsku_label": units}
        for prep_type in product.prep_types:
            service = UNIT_SERVICES.get(prep_type)
            if service and prep_type not in skip:
                services[service] = services.get(service, 0) + units
        ref = f"expiry:{expiry}" if expiry else "unit"
        self.store.prep_events.add(seller_id, sku, services.items(), ref=ref, at=self._now(), by=session.name)
        self.audit.record(session.name, "prep.units", target=sku, seller=seller_id, units=units,
                          services=",".join(sorted(services)))  # fmt: skip
        return PrepRecord(seller_id, sku, units, services)

    def reprint(self, session: Session, seller_id: str, sku: str, labels: int) -> None:
        """Labels printed again (jam, smudge): audited, not billed."""
        self.auth.authorize(session, "prep.unit", target=sku)
        self.audit.record(session.name, "prep.labels.reprinted", target=sku, seller=seller_id, labels=labels)

    def record_service(self, session: Session, seller_id: str, service: str, quantity: int, *, sku: str = "",
                       ref: str = "") -> None:  # fmt: skip
        """A billable service not tied to the product's rules (extra bubble wrap, a box, ...)."""
        self.auth.authorize(session, "prep.unit", target=sku)
        if quantity <= 0 or not service.replace("_", "").isalnum():
            raise UsageError(N_("A service needs a name and a positive quantity"))
        self.store.prep_events.add(seller_id, sku, [(service, quantity)], ref=ref or "manual", at=self._now(),
                                   by=session.name)  # fmt: skip
        self.audit.record(session.name, "prep.service", target=sku, seller=seller_id, service=service,
                          quantity=quantity)  # fmt: skip

    def billing(self, session: Session, seller_id: str, since: str = "", until: str = "9999") -> dict[str, int]:
        """Billable quantities per service for a seller."""
        self.auth.authorize(session, "prep.bill.view", target=seller_id)
        return self.store.prep_events.totals(seller_id, since, until)

    def _now(self) -> str:
        return utcnow_iso(self.clock)


def _valid_date(text: str) -> bool:
    from datetime import date

    try:
        date.fromisoformat(text)
    except ValueError:
        return False
    return len(text) == 10
