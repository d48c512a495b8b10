"""Pacific Prep Station core: domain, encrypted store, services and ports.

Never imports PySide6, usb, escpos, requests, or anything from ui/, sync/, drivers/.
"""

__version__ = "0.1.0"
