"""Printable reports (reportlab): each function returns PDF bytes and writes nothing to disk."""

from ui.reports.demo_sheet import demo_barcode_sheet_pdf
from ui.reports.manifest import manifest_pdf
from ui.reports.picklist import PickLine, pick_lines, pick_list_for_orders, pick_list_pdf
from ui.reports.slip import packing_slip_pdf

__all__ = [
           "PickLine",
           "demo_barcode_sheet_pdf",
           "manifest_pdf",
           "packing_slip_pdf",
           "pick_lines",
           "pick_list_for_orders",
           "pick_list_pdf",
]
