"""Boxes for FBA: scan prepped units in, close with weight and size, Amazon's box limits checked."""

from __future__ import annotations

from dataclasses import dataclass

from station.clock import utcnow_iso
from station.errors import Conflict, NotFound, UsageError
from station.i18n import T_
from station.ports import Clock
from station.services.audit import AuditTrail
from station.services.auth import AuthService, Session
from station.store import Store
from station.store.inbound import BoxRow

MAX_BOX_WEIGHT_LB = 50.0  # Amazon: a box may not weigh more, unless it holds one unit that does
MAX_BOX_SIDE_IN = 25.0  # Amazon: no side longer, unless the one unit inside is
MAX_CODE_LENGTH = 128


@dataclass(frozen=True)
class BoxScan:
    box: BoxRow
    sku: str
    units: int
    message: str


def box_problems(box: BoxRow, weight_lb: float, dims_in: tuple[float, float, float]) -> list[str]:
    """Why Amazon would refuse this box (empty when it is fine)."""
    problems = []
    single_unit = box.units == 1
    if box.units == 0:
        problems.append("The box is empty — scan units into it first")
    if weight_lb <= 0 or min(dims_in) <= 0:
        problems.append("Weigh the box and enter all three sides")
    if weight_lb > MAX_BOX_WEIGHT_LB and not single_unit:
        problems.append(f"{weight_lb:.1f} lb is over Amazon's {MAX_BOX_WEIGHT_LB:.0f} lb box limit — split the box")
    if max(dims_in) > MAX_BOX_SIDE_IN and not single_unit:
        problems.append(
            f"A side of {max(dims_in):.1f} in is over Amazon's {MAX_BOX_SIDE_IN:.0f} in limit — use a smaller box"
        )
    if box.case_packed and len(box.items) > 1:
        problems.append("A case-packed box holds one SKU only — pack it as individual units instead")
    return problems


class BoxService:
    def __init__(self, store: Store, auth: AuthService, audit: AuditTrail, clock: Clock):
        self.store = store
        self.auth = auth
        self.audit = audit
        self.clock = clock

    def open_box(self, session: Session, seller_id: str, *, case_packed: bool = False) -> BoxRow:
        self.auth.authorize(session, "prep.box", target=seller_id)
        if self.store.sellers.get(seller_id) is None:
            raise NotFound(T_("No seller {0} on this station", seller_id))
        box_id = self.store.fba_boxes.create(seller_id, case_packed=case_packed, now=self._now(), by=session.name)
        self.audit.record(session.name, "box.opened", target=str(box_id), seller=seller_id, case_packed=case_packed)
        return self._box(box_id)

    def scan(self, session: Session, box_id: int, code: str, quantity: int = 1) -> BoxScan:
        """Put units into an open box; refuses units the warehouse does not hold."""
        self.auth.authorize(session, "prep.box", target=str(box_id))
        box = self._open(box_id)
        code = code.strip()[:MAX_CODE_LENGTH]
        matches = [m for m in self.store.products.resolve(code, box.seller_id)]
        skus = {m.sku for m in matches}
        if len(skus) != 1:
            raise NotFound(T_("{0} is not one of this seller's products — check the unit's label", code))
        sku = skus.pop()
        units = max(m.multiplier for m in matches) * max(1, quantity)
        if box.case_packed and box.items and box.items[0][0] != sku:
            raise Conflict(T_("This case-packed box holds {0} only — open another box for {1}", box.items[0][0], sku))
        free = self.available(box.seller_id).get(sku, 0)
        if units > free:
            raise Conflict(T_("Only {0} units of {1} are on hand and not yet boxed — check the count", free, sku))
        self.store.fba_boxes.add_item(box_id, sku, units)
        updated = self._box(box_id)
        return BoxScan(updated, sku, units, f"{sku} +{units} (box {box_id}: {updated.units} units)")

    def remove(self, session: Session, box_id: int, sku: str, quantity: int = 1) -> BoxRow:
        self.auth.authorize(session, "prep.box", target=str(box_id))
        self._open(box_id)
        self.store.fba_boxes.remove_item(box_id, sku, quantity)
        self.audit.record(session.name, "box.unit_removed", target=str(box_id), sku=sku, units=quantity)
        return self._box(box_id)

    def close(self, session: Session, box_id: int, weight_lb: float, dims_in: tuple[float, float, float]) -> BoxRow:
        """Close a box after the limits check; the box is a billable service."""
        self.auth.authorize(session, "prep.box", target=str(box_id))
        box = self._open(box_id)
        problems = box_problems(box, weight_lb, dims_in)
        if problems:
            raise UsageError("; ".join(problems))
        now = self._now()
        with self.store.transaction():
            self.store.fba_boxes.close(box_id, weight_lb=weight_lb, dims_in=dims_in)
            self.store.prep_events.add(box.seller_id, "", [("box", 1)], ref=f"box:{box_id}", at=now, by=session.name)
        self.audit.record(session.name, "box.closed", target=str(box_id), seller=box.seller_id, units=box.units,
                          weight_lb=weight_lb)  # fmt: skip
        return self._box(box_id)

    def boxes(self, session: Session, seller_id: str, status: str | None = None) -> list[BoxRow]:
        self.auth.authorize(session, "prep.box", target=seller_id)
        return self.store.fba_boxes.for_seller(seller_id, status)

    def available(self, seller_id: str) -> dict[str, int]:
        """Units on hand and not in any unshipped box, per SKU."""
        moves = self.store.stock_moves.totals(seller_id)
        boxed = self.store.fba_boxes.units_by_sku(seller_id, ("open", "closed"))
        return {
            sku: kinds.get("received", 0) + kinds.get("adjust", 0) - kinds.get("shipped_in", 0) - boxed.get(sku, 0)
            for sku, kinds in moves.items()
        }

    def _box(self, box_id: int) -> BoxRow:
        found = self.store.fba_boxes.get(box_id)
        if found is None:
            raise NotFound(T_("No box {0}", box_id))
        return found

    def _open(self, box_id: int) -> BoxRow:
        box = self._box(box_id)
        if box.status != "open":
            raise Conflict(T_("Box {0} is {1} — open a new box", box_id, box.status))
        return box

    def _now(self) -> str:
        return utcnow_iso(self.clock)
