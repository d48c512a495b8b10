"""Plain types of the FBA prep/inbound flow, shared by the core, its FbaInbound port and sync/. No I/O."""

from __future__ import annotations

from dataclasses import dataclass

# Amazon's prep type names (Fulfillment Inbound 2024-03-20 PrepType) and the station's short names.
PREP_TYPES: dict[str, str] = {
    "polybagging": "ITEM_POLYBAGGING",
    "bubble_wrap": "ITEM_BUBBLEWRAP",
    "labeling": "ITEM_LABELING",
    "taping": "ITEM_TAPING",
    "boxing": "ITEM_BOXING",
    "black_shrink_wrap": "ITEM_BLACK_SHRINKWRAP",
    "suffocation_warning": "ITEM_SUFFOSTK",
    "sold_as_set": "ITEM_SETSTK",
    "set_creation": "ITEM_SETCREAT",
    "blank_sticker": "ITEM_BLANKSTK",
    "cap_sealing": "ITEM_CAP_SEALING",
    "hang_garment": "ITEM_HANG_GARMENT",
    "remove_hanger": "ITEM_RMOVHANG",
    "debundle": "ITEM_DEBUNDLE",
    "sioc": "ITEM_SIOC",
    "no_prep": "ITEM_NO_PREP",
    "expiry_dating": "EXPIRY_DATING",  # not an Amazon PrepType: expiry dates go on the label and the plan
}
AMAZON_TO_PREP = {v: k for k, v in PREP_TYPES.items()}
PREP_CATEGORIES = (
    "ADULT", "BABY", "FC_PROVIDED", "FRAGILE", "GRANULAR", "HANGER", "LIQUID", "PERFORATED", "SET", "SHARP",
    "SMALL", "TEXTILE", "UNKNOWN", "NONE",
)  # fmt: skip


@dataclass(frozen=True)
class FbaStock:
    """Amazon's view of one SKU (getInventorySummaries)."""

    sku: str
    fnsku: str = ""
    fulfillable: int = 0
    inbound_working: int = 0
    inbound_shipped: int = 0
    inbound_receiving: int = 0
    reserved: int = 0
    unfulfillable: int = 0
    asin: str = ""


@dataclass(frozen=True)
class PrepDetail:
    """Amazon's prep category and types of one SKU (listPrepDetails / setPrepDetails)."""

    sku: str
    category: str
    prep_types: tuple[str, ...]  # station names (keys of PREP_TYPES)


@dataclass(frozen=True)
class InboundItem:
    sku: str
    quantity: int
    expiration: str = ""  # YYYY-MM-DD when the product needs expiry dating


@dataclass(frozen=True)
class InboundBox:
    """One box of an inbound plan: contents, weight (lb) and dimensions (in)."""

    items: tuple[InboundItem, ...]
    weight_lb: float
    length_in: float
    width_in: float
    height_in: float


@dataclass(frozen=True)
class InboundShipmentInfo:
    shipment_id: str
    confirmation_id: str
    status: str
    destination: str  # the fulfilment centre (warehouse id)
    box_ids: tuple[str, ...] = ()
