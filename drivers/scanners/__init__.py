"""Barcode scanners: keyboard wedge decoding, direct USB HID, USB serial (CDC)."""
