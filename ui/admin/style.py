"""Look of the admin and lead screens: large type, high contrast, state in words as well as colour."""

from __future__ import annotations

ERROR_BG = "#9b0000"
OK_BG = "#14532d"
WARN_BG = "#ffb000"
ALERT_ROW_BG = "#9b0000"
WARN_ROW_BG = "#ffd966"

STYLE_SHEET = f"""
QWidget {{ font-size: 22px; color: #000000; background: #ffffff; }}
QLabel#screenTitle {{ font-size: 34px; font-weight: bold; padding: 4px 0 8px 0; }}
QLabel#sectionTitle {{ font-size: 26px; font-weight: bold; padding-top: 8px; }}
QLabel#bigNumber {{ font-size: 48px; font-weight: bold; }}
QLabel#message[kind="error"] {{ background: {ERROR_BG}; color: #ffffff; padding: 10px; font-weight: bold; }}
QLabel#message[kind="ok"] {{ background: {OK_BG}; color: #ffffff; padding: 10px; font-weight: bold; }}
QLabel#message[kind="warning"] {{ background: {WARN_BG}; color: #000000; padding: 10px; font-weight: bold; }}
QLabel#message[kind="info"] {{ background: #e8e8e8; color: #000000; padding: 10px; }}
QPushButton {{ min-height: 48px; padding: 4px 18px; background: #0b3d91; color: #ffffff;
               border: 2px solid #000000; font-weight: bold; }}
QPushButton:disabled {{ background: #9a9a9a; color: #202020; }}
QPushButton#danger {{ background: {ERROR_BG}; }}
QPushButton:focus, QLineEdit:focus, QComboBox:focus, QSpinBox:focus, QTimeEdit:focus, QDateEdit:focus,
QTableWidget:focus {{ border: 3px solid #ff8c00; }}
QLineEdit, QComboBox, QSpinBox, QTimeEdit, QDateEdit, QPlainTextEdit {{ min-height: 40px; border: 2px solid #000000;
               padding: 2px 6px; }}
QTableWidget {{ font-size: 20px; gridline-color: #606060; alternate-background-color: #f0f0f0;
               selection-background-color: #0b3d91; selection-color: #ffffff; }}
QHeaderView::section {{ font-size: 20px; font-weight: bold; background: #d0d0d0; padding: 6px;
               border: 1px solid #606060; }}
"""
