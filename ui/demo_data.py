"""The demo's catalogue: products derived deterministically from the synced orders' SKUs.

Every SKU gets a UPC, an FNSKU, a bin and a unit weight; one SKU per seller also has a case-pack
barcode (3 units per scan); SKUs whose orders need serials are serial-tracked. No PII anywhere.
"""

from __future__ import annotations

import hashlib

from station.app import Station
from station.domain import Barcode, Product

CASE_PACK = 3
AISLES = "ABCDEF"


def check_digit(digits: str) -> str:
    total = sum(int(d) * (3 if i % 2 == 0 else 1) for i, d in enumerate(reversed(digits)))
    return str((10 - total % 10) % 10)


def _n(text: str, mod: int) -> int:
    return int(hashlib.sha256(text.encode()).hexdigest()[:12], 16) % mod


def upc_for(seller_id: str, sku: str) -> str:
    body = "8" + f"{_n(seller_id + sku, 10**10):010d}"
    return body + check_digit(body)


def case_code_for(seller_id: str, sku: str) -> str:
    body = "19" + f"{_n('case' + seller_id + sku, 10**10):010d}"
    return body + check_digit(body)


def fnsku_for(seller_id: str, sku: str) -> str:
    alphabet = "ABCDEFGHJKLMNPQRSTUVWXYZ0123456789"
    n = _n("fnsku" + seller_id + sku, 34**8)
    chars = []
    for _ in range(8):
        n, r = divmod(n, 34)
        chars.append(alphabet[r])
    return "X0" + "".join(chars)


def seed_catalogue(station: Station) -> dict[str, dict[str, str]]:
    """Products and barcodes for every SKU in the store's orders; returns sku -> codes (for the sheet)."""
    store = station.store
    seen: dict[tuple[str, str], tuple[str, str, bool]] = {}
    for row in store.orders.queue(statuses=("unshipped", "in_progress", "pending"), limit=100_000):
        order = store.orders.get(row.order_id)
        if order is None:
            continue
        for item in order.items:
            key = (order.seller_id, item.sku)
            old = seen.get(key)
            seen[key] = (item.asin, item.title, item.serial_required or (old[2] if old else False))
    codes: dict[str, dict[str, str]] = {}
    barcodes = []
    case_done: set[str] = set()
    for (seller_id, sku), (asin, title, serial) in sorted(seen.items()):
        index = _n(sku, 40)
        product = Product(
            seller_id=seller_id, sku=sku, asin=asin, fnsku=fnsku_for(seller_id, sku), title=title,
            weight_lb=round(0.2 + _n("w" + sku, 180) / 100, 2), length_in=8, width_in=6, height_in=3,
            bin=f"{AISLES[index % len(AISLES)]}-{1 + index % 20:02d}", serial_required=serial,
        )  # fmt: skip
        store.products.upsert(product)
        upc = upc_for(seller_id, sku)
        barcodes.append(Barcode(seller_id, upc, sku, 1, "upc"))
        entry = {"upc": upc, "fnsku": product.fnsku, "bin": product.bin}
        if seller_id not in case_done and not serial:
            case_done.add(seller_id)
            case = case_code_for(seller_id, sku)
            barcodes.append(Barcode(seller_id, case, sku, CASE_PACK, "case"))
            entry["case"] = case
        codes[f"{seller_id}/{sku}"] = entry
    store.products.add_barcodes(barcodes)
    return codes
