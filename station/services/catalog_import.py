"""Seller catalogues for FBA prep: CSV import with a per-row error report, gaps filled from SP-API."""

from __future__ import annotations

import csv
import io
import re
from dataclasses import dataclass, field, replace

from station.clock import utcnow_iso
from station.domain import Barcode, Product
from station.errors import NotFound, UsageError
from station.ports import Clock, FbaInbound
from station.services.audit import AuditTrail
from station.services.auth import AuthService, Session
from station.services.inbound_types import AMAZON_TO_PREP, PREP_CATEGORIES, PREP_TYPES, PrepDetail
from station.store import Store

MAX_ROWS = 50_000
_SKU = re.compile(r"^[\x21-\x7e][\x20-\x7e]{0,39}$")
_ASIN = re.compile(r"^(B0[0-9A-Z]{8}|\d{9}[\dX])$")
_FNSKU = re.compile(r"^(X0[0-9A-Z]{8}|B0[0-9A-Z]{8})$")
_GTIN_LENGTHS = (8, 12, 13, 14)
CONDITIONS = {
    "new": "New", "usedlikenew": "UsedLikeNew", "usedverygood": "UsedVeryGood", "usedgood": "UsedGood",
    "usedacceptable": "UsedAcceptable", "collectiblelikenew": "CollectibleLikeNew",
    "collectibleverygood": "CollectibleVeryGood", "collectiblegood": "CollectibleGood",
    "collectibleacceptable": "CollectibleAcceptable", "refurbished": "Refurbished",
}  # fmt: skip
# Header spellings sellers use, folded to our field names.
HEADERS = {
    "sku": "sku", "msku": "sku", "sellersku": "sku", "merchantsku": "sku",
    "asin": "asin", "fnsku": "fnsku",
    "upc": "codes", "ean": "codes", "upcean": "codes", "barcode": "codes", "gtin": "codes", "upcorean": "codes",
    "title": "title", "productname": "title", "name": "title",
    "condition": "condition",
    "expiryrequired": "expiry_required", "expiry": "expiry_required", "expirationrequired": "expiry_required",
    "preptypes": "prep_types", "prep": "prep_types", "prepinstructions": "prep_types",
    "prepcategory": "prep_category", "category": "prep_category",
}  # fmt: skip
PREP_ALIASES = {
    "labelling": "labeling", "label": "labeling", "polybag": "polybagging", "bag": "polybagging",
    "bubblewrap": "bubble_wrap", "bubble": "bubble_wrap", "tape": "taping", "box": "boxing",
    "blackshrinkwrap": "black_shrink_wrap", "shrinkwrap": "black_shrink_wrap",
    "suffocationwarning": "suffocation_warning", "suffocation": "suffocation_warning",
    "soldasset": "sold_as_set", "set": "sold_as_set", "expirydating": "expiry_dating", "expiry": "expiry_dating",
    "expirationdating": "expiry_dating", "noprep": "no_prep", "none": "no_prep",
}  # fmt: skip
_TRUE = {"y", "yes", "true", "1", "x", "required"}
_FALSE = {"", "n", "no", "false", "0", "not required"}


def _fold(text: str) -> str:
    return re.sub(r"[^a-z0-9]", "", text.lower())


def gtin_ok(code: str) -> bool:
    """UPC-A/EAN-8/EAN-13/GTIN-14 with a valid check digit."""
    if not code.isdigit() or len(code) not in _GTIN_LENGTHS:
        return False
    digits = [int(c) for c in code]
    total = sum(d * (3 if i % 2 == 0 else 1) for i, d in enumerate(reversed(digits[:-1])))
    return (10 - total % 10) % 10 == digits[-1]


def prep_type_name(raw: str) -> str | None:
    """A prep type as written by a seller or Amazon, as the station's name; None when unknown."""
    text = raw.strip()
    if text.upper() in AMAZON_TO_PREP:
        return AMAZON_TO_PREP[text.upper()]
    folded = _fold(text)
    for name in PREP_TYPES:
        if _fold(name) == folded:
            return name
    return PREP_ALIASES.get(folded)


@dataclass(frozen=True)
class RowError:
    line: int  # line in the file (header is line 1)
    sku: str
    field: str
    message: str


@dataclass(frozen=True)
class ImportReport:
    rows: int
    imported: int
    errors: tuple[RowError, ...] = field(default=())

    def text(self) -> str:
        """The report a lead reads (and may send back to the seller)."""
        lines = [f"{self.imported} of {self.rows} rows imported, {len(self.errors)} problems"]
        lines += [f"line {e.line} ({e.sku or 'no SKU'}): {e.field}: {e.message}" for e in self.errors]
        return "\n".join(lines)


@dataclass(frozen=True)
class GapFill:
    fnskus: int
    prep_rules: int
    pushed: int = 0


def _row_product(seller_id: str, values: dict[str, str], line: int,
                 errors: list[RowError]) -> tuple[Product, list[str], str] | None:  # fmt: skip
    """Validate one row; append its problems and return None when it cannot be imported."""
    sku = values.get("sku", "").strip()
    before = len(errors)

    def bad(name: str, message: str) -> None:
        errors.append(RowError(line, sku, name, message))

    if not sku:
        bad("sku", "missing")
    elif not _SKU.fullmatch(sku) or sku.startswith("$PS-"):
        bad("sku", "must be 1-40 printable characters and must not start with $PS-")
    asin = values.get("asin", "").strip().upper()
    if asin and not _ASIN.fullmatch(asin):
        bad("asin", f"{asin!r} is not an ASIN (B0 + 8 letters/digits)")
    fnsku = values.get("fnsku", "").strip().upper()
    if fnsku and not _FNSKU.fullmatch(fnsku):
        bad("fnsku", f"{fnsku!r} is not an FNSKU (X0 + 8 letters/digits)")
    codes = [c.strip() for c in re.split(r"[;|/ ]+", values.get("codes", "")) if c.strip()]
    for code in codes:
        if not gtin_ok(code):
            bad("upc/ean", f"{code!r} is not a valid UPC/EAN (digits and check digit)")
    title = " ".join(values.get("title", "").split())
    if not title:
        bad("title", "missing (it is printed on the FNSKU label)")
    elif len(title) > 500:
        bad("title", "longer than 500 characters")
    raw_condition = values.get("condition", "").strip()
    condition = CONDITIONS.get(_fold(raw_condition) or "new")
    if condition is None:
        bad("condition", f"{raw_condition!r} is not an Amazon condition (New, UsedLikeNew, ...)")
    raw_expiry = values.get("expiry_required", "").strip().lower()
    if raw_expiry not in _TRUE | _FALSE:
        bad("expiry required", f"{raw_expiry!r} must be yes or no")
    expiry = raw_expiry in _TRUE
    prep: list[str] = []
    for raw in re.split(r"[;|,]+", values.get("prep_types", "")):
        if not raw.strip():
            continue
        name = prep_type_name(raw)
        if name is None:
            bad("prep types", f"{raw.strip()!r} is not a prep type Amazon names")
        elif name not in prep:
            prep.append(name)
    if expiry and "expiry_dating" not in prep:
        prep.append("expiry_dating")
    category = values.get("prep_category", "").strip().upper() or "NONE"
    if category not in PREP_CATEGORIES:
        bad("prep category", f"{category!r} is not an Amazon prep category")
    if len(errors) > before:
        return None
    product = Product(
        seller_id, sku, asin=asin, fnsku=fnsku, title=title, condition=condition or "New",
        prep_types=tuple(prep), expiry_required=expiry,
    )  # fmt: skip
    return product, codes, category


class CatalogImportService:
    def __init__(self, store: Store, auth: AuthService, audit: AuditTrail, clock: Clock):
        self.store = store
        self.auth = auth
        self.audit = audit
        self.clock = clock
        self.upstream: FbaInbound | None = None

    def import_csv(self, session: Session, seller_id: str, text: str, *, source: str = "csv") -> ImportReport:
        """Import a seller's product CSV; good rows are saved, bad rows come back in the report."""
        self.auth.authorize(session, "catalog.import", target=seller_id)
        if self.store.sellers.get(seller_id) is None:
            raise NotFound(f"No seller {seller_id} on this station — add the seller first")
        reader = csv.reader(io.StringIO(text.lstrip("\ufeff")))
        header = next(reader, None)
        if not header:
            raise UsageError("The CSV file is empty")
        columns = [HEADERS.get(_fold(h), "") for h in header]
        if "sku" not in columns:
            raise UsageError("The CSV has no SKU column (expected: SKU, ASIN, FNSKU, UPC/EAN, Title, Condition, "
                             "Expiry required, Prep types)")  # fmt: skip
        errors: list[RowError] = []
        good: list[tuple[Product, list[str], str]] = []
        seen: dict[str, int] = {}
        code_owner: dict[str, str] = {}
        rows = 0
        for number, raw in enumerate(reader, start=2):
            if not any(cell.strip() for cell in raw):
                continue
            rows += 1
            if rows > MAX_ROWS:
                raise UsageError(f"The CSV has more than {MAX_ROWS} rows; split it")
            values = {col: raw[i] for i, col in enumerate(columns) if col and i < len(raw)}
            parsed = _row_product(seller_id, values, number, errors)
            if parsed is None:
                continue
            product, codes, category = parsed
            if product.sku in seen:
                errors.append(RowError(number, product.sku, "sku", f"duplicate of line {seen[product.sku]}"))
                continue
            clash = self._code_clash(seller_id, product.sku, codes, code_owner)
            if clash:
                errors.append(RowError(number, product.sku, "upc/ean", clash))
                continue
            seen[product.sku] = number
            for code in codes:
                code_owner[code] = product.sku
            good.append(parsed)
        now = self._now()
        with self.store.transaction():
            for product, codes, category in good:
                self.store.products.upsert(self._merged(product))
                self.store.prep_details.set(seller_id, product.sku, category, source=source, now=now)
                kind = {8: "ean8", 12: "upc", 13: "ean", 14: "gtin"}
                self.store.products.add_barcodes(Barcode(seller_id, c, product.sku, 1, kind[len(c)]) for c in codes)
        report = ImportReport(rows, len(good), tuple(errors))
        self.audit.record(session.name, "catalog.imported", target=seller_id, rows=rows, imported=len(good),
                          problems=len(errors))  # fmt: skip
        return report

    def _merged(self, product: Product) -> Product:
        """Keep what the CSV leaves blank (FNSKU/ASIN filled from Amazon earlier, bins, weights)."""
        old = self.store.products.get(product.seller_id, product.sku)
        if old is None:
            return product
        return replace(old, asin=product.asin or old.asin, fnsku=product.fnsku or old.fnsku, title=product.title,
                       condition=product.condition, prep_types=product.prep_types,
                       expiry_required=product.expiry_required)  # fmt: skip

    def _code_clash(self, seller_id: str, sku: str, codes: list[str], in_file: dict[str, str]) -> str:
        for code in codes:
            if in_file.get(code, sku) != sku:
                return f"{code} is already the barcode of {in_file[code]} in this file"
            for match in self.store.products.resolve(code, seller_id):
                if match.sku != sku and match.kind != "sku":
                    return f"{code} is already the barcode of {match.sku}"
        return ""

    def fill_from_amazon(self, session: Session, seller_id: str, marketplace_id: str, *,
                         push_prep: bool = False) -> GapFill:  # fmt: skip
        """FNSKU/ASIN from FBA inventory summaries, prep rules from listPrepDetails; optionally setPrepDetails."""
        self.auth.authorize(session, "catalog.sync", target=seller_id)
        upstream = self._upstream()
        products = self.store.products.for_seller(seller_id)
        missing_ids = [p.sku for p in products if not p.fnsku or not p.asin]
        fnskus = 0
        if missing_ids:
            stock = {s.sku: s for s in upstream.inventory(seller_id, marketplace_id, missing_ids)}
            for p in products:
                found = stock.get(p.sku)
                if found and ((found.fnsku and not p.fnsku) or (found.asin and not p.asin)):
                    self.store.products.upsert(replace(p, fnsku=p.fnsku or found.fnsku, asin=p.asin or found.asin))
                    fnskus += 1
        now = self._now()
        no_rules = [p.sku for p in products if not p.prep_types]
        rules = 0
        if no_rules:
            for detail in upstream.prep_details(seller_id, marketplace_id, no_rules):
                current = self.store.products.get(seller_id, detail.sku)
                if current is None or current.prep_types:
                    continue
                self.store.products.upsert(replace(current, prep_types=detail.prep_types))
                self.store.prep_details.set(seller_id, detail.sku, detail.category, source="spapi", now=now)
                rules += 1
        pushed = 0
        if push_prep:
            ours = [
                PrepDetail(p.sku, self.store.prep_details.category(seller_id, p.sku) or "NONE",
                           tuple(t for t in p.prep_types if t != "expiry_dating"))
                for p in self.store.products.for_seller(seller_id)
                if p.prep_types and p.sku not in no_rules
            ]  # fmt: skip
            if ours:
                upstream.set_prep_details(seller_id, marketplace_id, ours)
                pushed = len(ours)
        self.audit.record(session.name, "catalog.synced", target=seller_id, fnskus=fnskus, prep_rules=rules,
                          pushed=pushed)  # fmt: skip
        return GapFill(fnskus, rules, pushed)

    def _upstream(self) -> FbaInbound:
        if self.upstream is None:
            raise UsageError("This station is not connected to Amazon (SP-API) — connect it, then try again")
        return self.upstream

    def _now(self) -> str:
        return utcnow_iso(self.clock)
