"""The simulator's FBA side: Fulfillment Inbound 2024-03-20 (asynchronous operations that succeed or fail
after a while of simulator time), v0 getLabels with a PDF download, prep details and FBA inventory.

Knobs for tests: ``state(sim).fail_next(operation, code, message)`` makes that operation's next call
end FAILED; an MSKU starting with INVALID fails createInboundPlan; boxes over 50 lb / 25 in, or box
contents that do not add up to the plan, fail setPackingInformation, as Amazon's checks would.
"""

from __future__ import annotations

import hashlib
import io
import re
import secrets
import threading
import uuid
from dataclasses import dataclass, field
from datetime import timedelta
from typing import Any

from sync.simulator.data import MARKETPLACE_US, iso

_PLAN = r"/inbound/fba/2024-03-20/inboundPlans/(?P<plan>[^/]+)"
ROUTES: list[tuple[str, re.Pattern[str], str]] = [
    ("POST", re.compile(r"^/inbound/fba/2024-03-20/inboundPlans$"), "createInboundPlan"),
    ("GET", re.compile(rf"^{_PLAN}$"), "getInboundPlan"),
    ("GET", re.compile(r"^/inbound/fba/2024-03-20/operations/(?P<id>[^/]+)$"), "getInboundOperationStatus"),
    ("POST", re.compile(rf"^{_PLAN}/packingOptions$"), "generatePackingOptions"),
    ("GET", re.compile(rf"^{_PLAN}/packingOptions$"), "listPackingOptions"),
    ("POST", re.compile(rf"^{_PLAN}/packingOptions/(?P<id>[^/]+)/confirmation$"), "confirmPackingOption"),
    ("POST", re.compile(rf"^{_PLAN}/packingInformation$"), "setPackingInformation"),
    ("POST", re.compile(rf"^{_PLAN}/placementOptions$"), "generatePlacementOptions"),
    ("GET", re.compile(rf"^{_PLAN}/placementOptions$"), "listPlacementOptions"),
    ("POST", re.compile(rf"^{_PLAN}/placementOptions/(?P<id>[^/]+)/confirmation$"), "confirmPlacementOption"),
    ("GET", re.compile(rf"^{_PLAN}/shipments/(?P<id>[^/]+)$"), "getShipment"),
    ("GET", re.compile(rf"^{_PLAN}/shipments/(?P<id>[^/]+)/boxes$"), "listShipmentBoxes"),
    ("POST", re.compile(rf"^{_PLAN}/transportationOptions$"), "generateTransportationOptions"),
    ("GET", re.compile(rf"^{_PLAN}/transportationOptions$"), "listTransportationOptions"),
    ("POST", re.compile(rf"^{_PLAN}/transportationOptions/confirmation$"), "confirmTransportationOptions"),
    ("GET", re.compile(r"^/inbound/fba/2024-03-20/items/prepDetails$"), "listPrepDetails"),
    ("POST", re.compile(r"^/inbound/fba/2024-03-20/items/prepDetails$"), "setPrepDetails"),
    ("GET", re.compile(r"^/fba/inbound/v0/shipments/(?P<id>[^/]+)/labels$"), "getLabels"),
    ("GET", re.compile(r"^/fba/inventory/v1/summaries$"), "getInventorySummaries"),
    ("GET", re.compile(r"^/sim-downloads/(?P<id>[A-Za-z0-9]+)\.pdf$"), "labelDownload"),  # pre-signed, no token
]
# Simulator seconds an operation stays IN_PROGRESS.
OP_SECONDS = {
    "createInboundPlan": 3.0, "generatePackingOptions": 4.0, "confirmPackingOption": 2.0,
    "setPackingInformation": 3.0, "generatePlacementOptions": 6.0, "confirmPlacementOption": 3.0,
    "generateTransportationOptions": 5.0, "confirmTransportationOptions": 4.0, "setPrepDetails": 1.0,
}  # fmt: skip
MAX_BOX_LB, MAX_SIDE_IN = 50.0, 25.0
FCS = ("SEA8", "ONT8", "PHX7", "DFW6", "MDW2", "ABE8")
# FBA stock moves on after transport confirmation: (seconds, stage)
STAGES = ((0.0, "working"), (86_400.0, "shipped"), (3 * 86_400.0, "receiving"), (4 * 86_400.0, "fulfillable"))


def _id(prefix: str) -> str:
    return prefix + str(uuid.uuid4())  # 2 + 36 = 38 characters, as the model's ids


def _digest(text: str, n: int) -> str:
    return hashlib.sha256(text.encode()).hexdigest()[:n].upper()


def fnsku_for(seller_id: str, sku: str) -> str:
    return "X00" + _digest(f"fnsku:{seller_id}:{sku}", 7)


def asin_for(seller_id: str, sku: str) -> str:
    return "B0" + _digest(f"asin:{seller_id}:{sku}", 8)


def error(code: str, message: str) -> dict[str, Any]:
    return {"errors": [{"code": code, "message": message}]}


# Fulfillment Inbound 2024-03-20 answers an unknown id with 400 BadRequest, in these words (the model's
# examples); Fulfillment Inbound v0 with "Invalid Input" / "Data is invalid. Please check.".
MISSING = {
    "Inbound plan": "The requested inbound plan does not exist.",
    "Operation": "The operationId is malformed.",
    "Shipment": "The requested shipment does not exist for the provided inbound plan.",
    "packingOptionId": "The requested packingOptionId does not exist for the given inbound plan.",
    "placementOptionId": "The requested placementOptionId does not exist for the given inbound plan.",
}
INVALID_2024 = "Invalid Request"
INVALID_V0 = "Data is invalid. Please check."


@dataclass
class Operation:
    operation_id: str
    operation: str
    seller_id: str
    ready_t: float
    problems: list[dict[str, str]] = field(default_factory=list)


@dataclass
class Plan:
    plan_id: str
    seller_id: str
    name: str
    created: str
    source: dict[str, Any]
    items: dict[str, dict[str, Any]]
    packing_options: list[dict[str, Any]] = field(default_factory=list)
    packing_group: str = ""
    boxes: list[dict[str, Any]] = field(default_factory=list)
    placement_options: list[dict[str, Any]] = field(default_factory=list)
    placement: str = ""
    shipments: dict[str, dict[str, Any]] = field(default_factory=dict)
    transport: list[dict[str, Any]] = field(default_factory=list)
    status: str = "ACTIVE"


class InboundWorld:
    """Plans, operations, prep details, FBA stock and label documents of one simulator."""

    def __init__(self, sim: Any) -> None:
        self.sim = sim
        self.lock = threading.Lock()
        self.ops: dict[str, Operation] = {}
        self.plans: dict[str, Plan] = {}
        self.prep: dict[tuple[str, str], dict[str, Any]] = {}
        self.stock: dict[tuple[str, str], dict[str, int]] = {}
        self.documents: dict[str, bytes] = {}
        self.inbound: list[tuple[str, str, int, float]] = []  # (seller, sku, units, confirmed at t)
        self._fail: dict[str, list[tuple[str, str]]] = {}
        self.op_seconds = dict(OP_SECONDS)

    def fail_next(self, operation: str, code: str = "FBA_INB_0199", message: str = "Simulated failure") -> None:
        with self.lock:
            self._fail.setdefault(operation, []).append((code, message))

    def set_stock(self, seller_id: str, sku: str, **quantities: int) -> None:
        """Seed Amazon-side stock (fulfillable, reserved, unfulfillable ...) for a SKU."""
        with self.lock:
            self.stock.setdefault((seller_id, sku), {}).update(quantities)

    def start(self, seller_id: str, operation: str, problems: list[dict[str, str]] | None = None) -> Operation:
        with self.lock:
            queued = self._fail.get(operation)
            if queued:
                code, message = queued.pop(0)
                problems = [{"code": code, "message": message, "severity": "ERROR"}]
            op = Operation(
                str(uuid.uuid4()),
                operation,
                seller_id,
                self.sim.clock.monotonic() + self.op_seconds.get(operation, 2.0),
                problems or [],
            )
            self.ops[op.operation_id] = op
        return op


def state(sim: Any) -> InboundWorld:
    """The simulator's inbound world, made on first use."""
    world = getattr(sim, "inbound_world", None)
    if world is None:
        with sim._lock:
            world = getattr(sim, "inbound_world", None)
            if world is None:
                world = sim.inbound_world = InboundWorld(sim)
    return world


def _accepted(op: Operation, **extra: Any) -> tuple[int, Any]:
    return 202, {"operationId": op.operation_id, **extra}


def _plan(req: Any) -> Plan | None:
    plan = state(req.sim).plans.get(req.path_args.get("plan", ""))
    return plan if plan is not None and plan.seller_id == req.seller_id else None


def _missing(what: str) -> tuple[int, Any]:
    return 400, error("BadRequest", MISSING.get(what, INVALID_2024))


def create_inbound_plan(req: Any) -> tuple[int, Any]:
    body = req.json() or {}
    items = body.get("items") or []
    if not items or not body.get("sourceAddress") or not body.get("destinationMarketplaces"):
        return 400, error("BadRequest", INVALID_2024)
    world = state(req.sim)
    problems = [
        {"code": "FBA_INB_0004", "message": f"MSKU {i.get('msku')} is not a valid FBA listing", "severity": "ERROR"}
        for i in items if str(i.get("msku", "")).startswith("INVALID")
    ]  # fmt: skip
    op = world.start(req.seller_id, "createInboundPlan", problems)
    plan = Plan(_id("wf"), req.seller_id, str(body.get("name") or "plan"), iso(req.sim.clock.now()),
                body["sourceAddress"], {str(i["msku"]): dict(i) for i in items})  # fmt: skip
    if not op.problems:
        with world.lock:
            world.plans[plan.plan_id] = plan
    return _accepted(op, inboundPlanId=plan.plan_id)


def get_operation(req: Any) -> tuple[int, Any]:
    world = state(req.sim)
    op = world.ops.get(req.path_args["id"])
    if op is None or op.seller_id != req.seller_id:
        return _missing("Operation")
    done = req.sim.clock.monotonic() >= op.ready_t
    status = "IN_PROGRESS" if not done else ("FAILED" if op.problems else "SUCCESS")
    return 200, {"operation": op.operation, "operationId": op.operation_id, "operationStatus": status,
                 "operationProblems": op.problems if done else []}  # fmt: skip


def get_inbound_plan(req: Any) -> tuple[int, Any]:
    plan = _plan(req)
    if plan is None:
        return _missing("Inbound plan")
    return 200, {
        "inboundPlanId": plan.plan_id, "name": plan.name, "status": plan.status, "createdAt": plan.created,
        "lastUpdatedAt": iso(req.sim.clock.now()), "marketplaceIds": [MARKETPLACE_US],
        "sourceAddress": {k: v for k, v in plan.source.items() if k != "email"},
        "packingOptions": [
            {"packingOptionId": o["packingOptionId"], "status": o["status"]} for o in plan.packing_options
        ],
        "placementOptions": [{"placementOptionId": o["placementOptionId"], "status": o["status"]}
                             for o in plan.placement_options],
        "shipments": [{"shipmentId": s, "status": v["status"]} for s, v in plan.shipments.items()],
    }  # fmt: skip


def _fee(amount: float) -> dict[str, Any]:
    return {"description": "Placement fee", "target": "Placement Services", "type": "FEE",
            "value": {"amount": round(amount, 2), "code": "USD"}}  # fmt: skip


def generate_packing_options(req: Any) -> tuple[int, Any]:
    plan = _plan(req)
    if plan is None:
        return _missing("Inbound plan")
    op = state(req.sim).start(req.seller_id, "generatePackingOptions")
    if not op.problems:
        plan.packing_group = _id("pg")
        plan.packing_options = [{
            "packingOptionId": _id("po"), "packingGroups": [plan.packing_group], "status": "OFFERED",
            "fees": [], "discounts": [], "expiration": iso(req.sim.clock.now() + timedelta(days=1)),
            "supportedConfigurations": [], "supportedShippingConfigurations": [
                {"shippingMode": "GROUND_SMALL_PARCEL", "shippingSolution": "AMAZON_PARTNERED_CARRIER"}],
        }]  # fmt: skip
    return _accepted(op)


def _paged(req: Any, key: str, rows: list[dict[str, Any]], size: int = 10) -> tuple[int, Any]:
    start = int(req.param("paginationToken") or 0) if (req.param("paginationToken") or "0").isdigit() else 0
    body: dict[str, Any] = {key: rows[start : start + size]}
    if start + size < len(rows):
        body["pagination"] = {"nextToken": str(start + size)}
    return 200, body


def list_packing_options(req: Any) -> tuple[int, Any]:
    plan = _plan(req)
    return _missing("Inbound plan") if plan is None else _paged(req, "packingOptions", plan.packing_options)


def _confirm_option(req: Any, options: list[dict[str, Any]], key: str, operation: str) -> tuple[int, Any, bool]:
    chosen = next((o for o in options if o[key] == req.path_args["id"]), None)
    if chosen is None:
        status, body = _missing(key)
        return status, body, False
    if chosen["status"] != "OFFERED" or any(o["status"] == "ACCEPTED" for o in options):
        return 400, error("BadRequest", INVALID_2024), False
    op = state(req.sim).start(req.seller_id, operation)
    if not op.problems:
        for o in options:
            o["status"] = "ACCEPTED" if o is chosen else "EXPIRED"
    status, body = _accepted(op)
    return status, body, not op.problems


def confirm_packing_option(req: Any) -> tuple[int, Any]:
    plan = _plan(req)
    if plan is None:
        return _missing("Inbound plan")
    status, body, _ = _confirm_option(req, plan.packing_options, "packingOptionId", "confirmPackingOption")
    return status, body


def _box_problems(plan: Plan, groupings: list[dict[str, Any]]) -> list[dict[str, str]]:
    problems: list[dict[str, str]] = []
    totals: dict[str, int] = {}
    for g in groupings:
        for n, box in enumerate(g.get("boxes") or [], start=1):
            weight = float((box.get("weight") or {}).get("value") or 0)
            dims = box.get("dimensions") or {}
            sides = [float(dims.get(k) or 0) for k in ("length", "width", "height")]
            units = sum(int(i.get("quantity") or 0) for i in box.get("items") or [])
            if (weight > MAX_BOX_LB or max(sides) > MAX_SIDE_IN) and units > 1:
                problems.append(
                    {
                        "code": "FBA_INB_0311",
                        "severity": "ERROR",
                        "message": f"Box {n} exceeds {MAX_BOX_LB:.0f} lb or {MAX_SIDE_IN:.0f} in",
                    }
                )
            for item in box.get("items") or []:
                sku = str(item.get("msku"))
                totals[sku] = totals.get(sku, 0) + int(item.get("quantity") or 0) * int(box.get("quantity") or 1)
    planned = {sku: int(i.get("quantity") or 0) for sku, i in plan.items.items()}
    if totals != planned:
        problems.append({"code": "FBA_INB_0320", "severity": "ERROR",
                         "message": "Box contents do not match the plan's item quantities"})  # fmt: skip
    return problems


def set_packing_information(req: Any) -> tuple[int, Any]:
    plan = _plan(req)
    if plan is None:
        return _missing("Inbound plan")
    groupings = (req.json() or {}).get("packageGroupings") or []
    op = state(req.sim).start(req.seller_id, "setPackingInformation", _box_problems(plan, groupings))
    if not op.problems:
        plan.boxes = [
            dict(b) for g in groupings for b in g.get("boxes") or [] for _ in range(int(b.get("quantity") or 1))
        ]
    return _accepted(op)


def generate_placement_options(req: Any) -> tuple[int, Any]:
    plan = _plan(req)
    if plan is None:
        return _missing("Inbound plan")
    problems = [] if plan.boxes else [{"code": "FBA_INB_0330", "severity": "ERROR",
                                        "message": "Packing information is missing"}]  # fmt: skip
    op = state(req.sim).start(req.seller_id, "generatePlacementOptions", problems)
    if not op.problems:
        # One shipment (a fee) or a split in two (free), as Amazon's usual pair of options.
        seed = int(_digest(plan.plan_id, 4), 16)
        one, two = [_id("sh")], [_id("sh"), _id("sh")]
        plan.placement_options = [
            {"placementOptionId": _id("pl"), "shipmentIds": one, "status": "OFFERED",
             "fees": [_fee(0.3 * len(plan.boxes) + 1)],
             "discounts": [], "expiration": iso(req.sim.clock.now() + timedelta(days=1))},
            {"placementOptionId": _id("pl"), "shipmentIds": two, "status": "OFFERED", "fees": [_fee(0.0)],
             "discounts": [], "expiration": iso(req.sim.clock.now() + timedelta(days=1))},
        ]  # fmt: skip
        for n, sid in enumerate(one + two):
            plan.shipments[sid] = {
                "status": "WORKING",
                "fc": FCS[(seed + n) % len(FCS)],
                "confirmation": "",
                "placement": plan.placement_options[0 if n == 0 else 1]["placementOptionId"],
            }
    return _accepted(op)


def list_placement_options(req: Any) -> tuple[int, Any]:
    plan = _plan(req)
    return _missing("Inbound plan") if plan is None else _paged(req, "placementOptions", plan.placement_options)


def confirm_placement_option(req: Any) -> tuple[int, Any]:
    plan = _plan(req)
    if plan is None:
        return _missing("Inbound plan")
    status, body, ok = _confirm_option(req, plan.placement_options, "placementOptionId", "confirmPlacementOption")
    if ok:
        plan.placement = req.path_args["id"]
        plan.shipments = {s: v for s, v in plan.shipments.items() if v["placement"] == plan.placement}
    return status, body


def _shipment(req: Any) -> tuple[Plan | None, dict[str, Any] | None]:
    plan = _plan(req)
    return plan, (plan.shipments.get(req.path_args["id"]) if plan else None)


def get_shipment(req: Any) -> tuple[int, Any]:
    plan, ship = _shipment(req)
    if plan is None or ship is None:
        return _missing("Shipment")
    body: dict[str, Any] = {
        "shipmentId": req.path_args["id"], "placementOptionId": ship["placement"], "status": ship["status"],
        "destination": {"destinationType": "AMAZON_OPTIMIZED", "warehouseId": ship["fc"]},
        "source": {"sourceType": "SELLER_FACILITY"},
    }  # fmt: skip
    if ship["confirmation"]:
        body["shipmentConfirmationId"] = ship["confirmation"]
        body["amazonReferenceId"] = "REF" + _digest(ship["confirmation"], 8)
    return 200, body


def _boxes_of(plan: Plan, shipment_id: str) -> list[dict[str, Any]]:
    """Boxes are dealt to the plan's shipments in turn."""
    ids = list(plan.shipments)
    return [b for n, b in enumerate(plan.boxes) if ids and ids[n % len(ids)] == shipment_id]


def list_shipment_boxes(req: Any) -> tuple[int, Any]:
    plan, ship = _shipment(req)
    if plan is None or ship is None:
        return _missing("Shipment")
    rows = []
    for n, box in enumerate(_boxes_of(plan, req.path_args["id"]), start=1):
        row = {"packageId": _id("pk")[:38], "contentInformationSource": box.get("contentInformationSource"),
               "quantity": 1, "weight": box.get("weight"), "dimensions": box.get("dimensions")}  # fmt: skip
        if ship["confirmation"]:
            row["boxId"] = f"{ship['confirmation']}U{n:06d}"
        rows.append(row)
    return _paged(req, "boxes", rows, size=100)


def generate_transportation_options(req: Any) -> tuple[int, Any]:
    plan = _plan(req)
    if plan is None:
        return _missing("Inbound plan")
    body = req.json() or {}
    problems = [] if plan.placement and body.get("placementOptionId") == plan.placement else [
        {"code": "FBA_INB_0340", "severity": "ERROR", "message": "Confirm a placement option first"}]  # fmt: skip
    op = state(req.sim).start(req.seller_id, "generateTransportationOptions", problems)
    if not op.problems:
        plan.transport = []
        for config in body.get("shipmentTransportationConfigurations") or []:
            sid = config.get("shipmentId")
            boxes = len(_boxes_of(plan, sid))
            for mode, solution, carrier, per_box in (
                ("GROUND_SMALL_PARCEL", "AMAZON_PARTNERED_CARRIER", ("UPSN", "UPS"), 6.5),
                ("GROUND_SMALL_PARCEL", "USE_YOUR_OWN_CARRIER", ("FDEG", "FedEx Ground"), 0.0),
            ):
                option: dict[str, Any] = {
                    "transportationOptionId": _id("to"), "shipmentId": sid, "shippingMode": mode,
                    "shippingSolution": solution, "carrier": {"alphaCode": carrier[0], "name": carrier[1]},
                    "preconditions": [],
                }  # fmt: skip
                if per_box:
                    option["quote"] = {"cost": {"amount": round(per_box * max(1, boxes), 2), "code": "USD"}}
                plan.transport.append(option)
    return _accepted(op)


def list_transportation_options(req: Any) -> tuple[int, Any]:
    plan = _plan(req)
    if plan is None:
        return _missing("Inbound plan")
    wanted = req.param("placementOptionId")
    rows = [o for o in plan.transport if not wanted or wanted == plan.placement]
    return _paged(req, "transportationOptions", rows, size=20)


def confirm_transportation_options(req: Any) -> tuple[int, Any]:
    plan = _plan(req)
    if plan is None:
        return _missing("Inbound plan")
    selections = (req.json() or {}).get("transportationSelections") or []
    known = {o["transportationOptionId"]: o for o in plan.transport}
    problems = []
    if {s.get("shipmentId") for s in selections} != set(plan.shipments):
        problems.append({"code": "FBA_INB_0350", "severity": "ERROR", "message": "Select one option per shipment"})
    if any(s.get("transportationOptionId") not in known for s in selections):
        problems.append({"code": "FBA_INB_0351", "severity": "ERROR", "message": "Unknown transportation option"})
    world = state(req.sim)
    op = world.start(req.seller_id, "confirmTransportationOptions", problems)
    if not op.problems:
        for sid, ship in plan.shipments.items():
            ship["confirmation"] = "FBA" + _digest(sid, 9)
            ship["status"] = "READY_TO_SHIP"
            units: dict[str, int] = {}
            for box in _boxes_of(plan, sid):
                for item in box.get("items") or []:
                    units[str(item["msku"])] = units.get(str(item["msku"]), 0) + int(item.get("quantity") or 0)
            with world.lock:
                world.inbound += [(plan.seller_id, sku, n, req.sim.clock.monotonic()) for sku, n in units.items()]
    return _accepted(op)


def list_prep_details(req: Any) -> tuple[int, Any]:
    world = state(req.sim)
    rows = []
    for sku in req.params.get("mskus", [])[:100]:
        found = world.prep.get((req.seller_id, sku))
        if found is None:  # Amazon's guess for an item nobody set: no special prep
            found = {"prepCategory": "NONE", "prepTypes": ["ITEM_NO_PREP"]}
        rows.append({"msku": sku, "allOwnersConstraint": "MUST_MATCH", **found})
    return 200, {"mskuPrepDetails": rows}


def set_prep_details(req: Any) -> tuple[int, Any]:
    body = req.json() or {}
    world = state(req.sim)
    op = world.start(req.seller_id, "setPrepDetails")
    if not op.problems:
        for d in body.get("mskuPrepDetails") or []:
            world.prep[(req.seller_id, str(d.get("msku")))] = {"prepCategory": d.get("prepCategory"),
                                                               "prepTypes": list(d.get("prepTypes") or [])}  # fmt: skip
    return _accepted(op)


def _label_pdf(box_ids: list[str], fc: str) -> bytes:
    """4x6 box ID labels, one page a box, as Amazon's PackageLabel_Thermal."""
    from reportlab.graphics.barcode import code128
    from reportlab.lib.units import inch
    from reportlab.pdfgen import canvas

    out = io.BytesIO()
    pdf = canvas.Canvas(out, pagesize=(4 * inch, 6 * inch))
    for n, box_id in enumerate(box_ids, start=1):
        pdf.setFont("Helvetica-Bold", 14)
        pdf.drawString(0.25 * inch, 5.6 * inch, "FBA: Pacific Prep")
        pdf.setFont("Helvetica", 11)
        pdf.drawString(0.25 * inch, 5.3 * inch, f"SHIP TO: Amazon.com Services {fc}")
        barcode = code128.Code128(box_id, barHeight=1.2 * inch, barWidth=0.012 * inch)
        barcode.drawOn(pdf, 0.2 * inch, 3.4 * inch)
        pdf.setFont("Helvetica-Bold", 16)
        pdf.drawString(0.3 * inch, 3.0 * inch, box_id)
        pdf.setFont("Helvetica", 12)
        pdf.drawString(0.3 * inch, 2.6 * inch, f"Box {n} of {len(box_ids)}")
        pdf.drawString(0.3 * inch, 0.5 * inch, "PLEASE LEAVE THIS LABEL UNCOVERED")
        pdf.showPage()
    pdf.save()
    return out.getvalue()


def get_labels(req: Any) -> tuple[int, Any]:
    world = state(req.sim)
    confirmation = req.path_args["id"]
    found = [(p, sid, s) for p in world.plans.values() if p.seller_id == req.seller_id
             for sid, s in p.shipments.items() if s["confirmation"] == confirmation]  # fmt: skip
    if not found:
        return 400, error("Invalid Input", INVALID_V0)
    if req.param("PageType") not in ("PackageLabel_Thermal", "PackageLabel_Thermal_Unified", "PackageLabel_Letter_2",
                                      "PackageLabel_Letter_6", "PackageLabel_Plain_Paper"):  # fmt: skip
        return 400, error("Invalid Input", INVALID_V0)
    plan, sid, ship = found[0]
    all_ids = [f"{confirmation}U{n:06d}" for n in range(1, len(_boxes_of(plan, sid)) + 1)]
    wanted = [b for b in req.csv("PackageLabelsToPrint") if b in all_ids] or all_ids
    token = secrets.token_hex(12)
    with world.lock:
        world.documents[token] = _label_pdf(wanted, ship["fc"])
    return 200, {"payload": {"DownloadURL": f"{req.sim.base_url}/sim-downloads/{token}.pdf"}}


def download(req: Any) -> tuple[int, bytes]:
    document = state(req.sim).documents.get(req.path_args.get("id", ""))
    return (200, document) if document is not None else (404, b"")


def _stage_counts(world: InboundWorld, seller_id: str, sku: str, now: float) -> dict[str, int]:
    counts = {"working": 0, "shipped": 0, "receiving": 0, "fulfillable": 0}
    for seller, item, units, at in world.inbound:
        if seller == seller_id and item == sku:
            stage = [name for after, name in STAGES if now - at >= after][-1]
            counts[stage] += units
    return counts


def inventory_summaries(req: Any) -> tuple[int, Any]:
    world = state(req.sim)
    if req.param("granularityType") != "Marketplace" or not req.param("granularityId"):
        return 400, error("InvalidInput", "granularityType=Marketplace and granularityId are required")
    asked = req.csv("sellerSkus")
    if len(asked) > 50:
        return 400, error("InvalidInput", "At most 50 sellerSkus")
    with world.lock:
        known = {sku for seller, sku in world.stock if seller == req.seller_id}
        known |= {sku for seller, sku, _, _ in world.inbound if seller == req.seller_id}
    skus = sorted(set(asked) if asked else known)
    now = req.sim.clock.monotonic()
    rows = []
    for sku in skus:
        seeded = world.stock.get((req.seller_id, sku), {})
        stages = _stage_counts(world, req.seller_id, sku, now)
        fulfillable = seeded.get("fulfillable", 0) + stages["fulfillable"]
        reserved, unfulfillable = seeded.get("reserved", 0), seeded.get("unfulfillable", 0)
        details = {
            "fulfillableQuantity": fulfillable, "inboundWorkingQuantity": stages["working"],
            "inboundShippedQuantity": stages["shipped"], "inboundReceivingQuantity": stages["receiving"],
            "reservedQuantity": {"totalReservedQuantity": reserved, "pendingCustomerOrderQuantity": reserved,
                                 "pendingTransshipmentQuantity": 0, "fcProcessingQuantity": 0},
            "unfulfillableQuantity": {"totalUnfulfillableQuantity": unfulfillable, "customerDamagedQuantity": 0,
                                      "warehouseDamagedQuantity": unfulfillable, "distributorDamagedQuantity": 0,
                                      "carrierDamagedQuantity": 0, "defectiveQuantity": 0, "expiredQuantity": 0},
        }  # fmt: skip
        rows.append({
            "asin": asin_for(req.seller_id, sku), "fnSku": fnsku_for(req.seller_id, sku), "sellerSku": sku,
            "condition": "NewItem", "inventoryDetails": details, "lastUpdatedTime": iso(req.sim.clock.now()),
            "productName": f"Product {sku}",
            "totalQuantity": fulfillable + reserved + unfulfillable
            + sum(stages[k] for k in ("working", "shipped", "receiving")),
        })  # fmt: skip
    start = int(req.param("nextToken") or 0) if req.param("nextToken").isdigit() else 0
    page = rows[start : start + 50]
    body: dict[str, Any] = {"payload": {"granularity": {"granularityType": "Marketplace",
                                                        "granularityId": req.param("granularityId")},
                                        "inventorySummaries": page}}  # fmt: skip
    if start + 50 < len(rows):
        body["pagination"] = {"nextToken": str(start + 50)}
    return 200, body


HANDLERS = {
    "createInboundPlan": create_inbound_plan,
    "getInboundPlan": get_inbound_plan,
    "getInboundOperationStatus": get_operation,
    "generatePackingOptions": generate_packing_options,
    "listPackingOptions": list_packing_options,
    "confirmPackingOption": confirm_packing_option,
    "setPackingInformation": set_packing_information,
    "generatePlacementOptions": generate_placement_options,
    "listPlacementOptions": list_placement_options,
    "confirmPlacementOption": confirm_placement_option,
    "getShipment": get_shipment,
    "listShipmentBoxes": list_shipment_boxes,
    "generateTransportationOptions": generate_transportation_options,
    "listTransportationOptions": list_transportation_options,
    "confirmTransportationOptions": confirm_transportation_options,
    "listPrepDetails": list_prep_details,
    "setPrepDetails": set_prep_details,
    "getLabels": get_labels,
    "getInventorySummaries": inventory_summaries,
}

# Delivery windows, own-carrier tracking and transport preconditions (issue 12's FBA fixes).
from sync.simulator import inbound_windows  # noqa: E402  (it builds on this module)

inbound_windows.install(ROUTES, HANDLERS)
