"""Which label to ask Amazon for: the Shipping v2 business id of a marketplace, and the document format and
dpi from a rate's supportedDocumentSpecifications and the printer the station reports."""

from __future__ import annotations

from dataclasses import dataclass

from station.domain import Rate
from station.errors import UsageError

# Marketplace id -> the x-amzn-shipping-business-id the Shipping v2 model enumerates for its country.
# The ids are Amazon's published marketplace ids; tests check every value against the model's enum.
BUSINESS_IDS = {
    "ATVPDKIKX0DER": "AmazonShipping_US",
    "A1F83G8C2ARO7P": "AmazonShipping_UK",
    "A21TJRUUN4KGV": "AmazonShipping_IN",
    "A2VIGQ35RCS4UG": "AmazonShipping_UAE",
    "A17E79C6D8DWNP": "AmazonShipping_SA",
    "ARBP9OOSHTCHU": "AmazonShipping_EG",
    "APJ6JRA9NG5V4": "AmazonShipping_IT",
    "A1RKKUPIHCS9HS": "AmazonShipping_ES",
    "A13V1IB3VIYZZH": "AmazonShipping_FR",
    "A1VC38T7YXB528": "AmazonShipping_JP",
}
ZPL_DPIS = (203, 300)
RASTER_FORMATS = ("PNG", "PDF")  # in order of preference for raster printing


def business_id_for(marketplace_id: str) -> str:
    """The Shipping v2 business id of the seller's marketplace; refused where Amazon Shipping has none."""
    found = BUSINESS_IDS.get(marketplace_id)
    if found is None:
        raise UsageError(f"Amazon Shipping is not offered in marketplace {marketplace_id[:20]!r}")
    return found


@dataclass(frozen=True)
class Printer:
    """What the station reports about its label printer."""

    language: str  # zpl | tspl | escpos | raster | ...
    dpi: int


@dataclass(frozen=True)
class DocumentChoice:
    label_format: str
    dpi: int


def choose_document(rate: Rate, printer: Printer) -> DocumentChoice:
    """ZPL at the printer's dpi (203 or 300) when the rate offers it, else PNG or PDF for raster printing.

    A spec that publishes no dpis is taken to print at any; the dpi is always sent, so the carrier
    renders the label for this printer rather than at its own default.
    """
    specs = {fmt.upper(): dpis for fmt, dpis in rate.document_specs} or {f.upper(): () for f in rate.document_formats}
    if printer.language.lower() == "zpl" and printer.dpi in ZPL_DPIS and _offers(specs, "ZPL", printer.dpi):
        return DocumentChoice("ZPL", printer.dpi)
    for fmt in RASTER_FORMATS:
        if _offers(specs, fmt, printer.dpi):
            return DocumentChoice(fmt, printer.dpi)
    for fmt in RASTER_FORMATS:  # not at this dpi: the closest the carrier offers, rescaled at print time
        dpis = specs.get(fmt)
        if dpis:
            return DocumentChoice(fmt, min(dpis, key=lambda d: abs(d - printer.dpi)))
    offered = ", ".join(sorted(specs)) or "none"
    raise UsageError(
        f"{rate.carrier_name or 'This carrier'} {rate.service_name} offers no label this printer can print "
        f"({printer.language} at {printer.dpi} dpi; offered: {offered}) — choose another rate"
    )


def _offers(specs: dict[str, tuple[int, ...]], fmt: str, dpi: int) -> bool:
    return fmt in specs and (not specs[fmt] or dpi in specs[fmt])
