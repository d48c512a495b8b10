"""Look of the admin, lead and prep screens: the packing screens' dark theme (resources/styles/station.qss),
large type, every text colour set with its background (contrast >= 4.5:1), state in words as well as colour."""

from __future__ import annotations

ERROR_BG = "#9b0000"
OK_BG = "#14532d"
WARN_BG = "#ffb000"
ALERT_ROW_BG = "#9b0000"
WARN_ROW_BG = "#ffd966"
BG = "#12171d"
TEXT = "#e8edf2"
FIELD_BG = "#0b0f13"
FOCUS = "#ff8c00"

STYLE_SHEET = f"""
QWidget {{ font-size: 22px; color: {TEXT}; background: {BG}; }}
QLabel {{ background: transparent; }}
QLabel#screenTitle {{ font-size: 34px; font-weight: bold; padding: 4px 0 8px 0; color: #ffffff; }}
QLabel#sectionTitle {{ font-size: 26px; font-weight: bold; padding-top: 8px; color: #ffffff; }}
QLabel#bigNumber {{ font-size: 48px; font-weight: bold; color: #ffffff; }}
QLabel#message[kind="error"] {{ background: {ERROR_BG}; color: #ffffff; padding: 10px; font-weight: bold; }}
QLabel#message[kind="ok"] {{ background: {OK_BG}; color: #ffffff; padding: 10px; font-weight: bold; }}
QLabel#message[kind="warning"] {{ background: {WARN_BG}; color: #000000; padding: 10px; font-weight: bold; }}
QLabel#message[kind="info"] {{ background: #1b232c; color: {TEXT}; padding: 10px; }}
QPushButton {{ min-height: 48px; padding: 4px 18px; background: #1f4f80; color: #ffffff;
               border: 2px solid #4aa8ff; border-radius: 6px; font-weight: bold; }}
QPushButton:disabled {{ background: #2a3440; color: #b4c0cc; border-color: #3a4856; }}
QPushButton#danger {{ background: {ERROR_BG}; color: #ffffff; border-color: #ff6b6b; }}
QPushButton#danger:disabled {{ background: #3a2222; color: #e0c8c8; border-color: #5a3434; }}
QPushButton:focus, QLineEdit:focus, QComboBox:focus, QSpinBox:focus, QDoubleSpinBox:focus, QTimeEdit:focus,
QDateEdit:focus, QTableWidget:focus, QPlainTextEdit:focus, QCheckBox:focus {{ border: 3px solid {FOCUS}; }}
QLineEdit, QComboBox, QSpinBox, QDoubleSpinBox, QTimeEdit, QDateEdit, QPlainTextEdit {{ min-height: 40px;
               background: {FIELD_BG}; color: #ffffff; border: 2px solid #5a6b7c; padding: 2px 6px;
               selection-background-color: #2c6fb0; selection-color: #ffffff; }}
QComboBox QAbstractItemView {{ background: {FIELD_BG}; color: #ffffff; selection-background-color: #1f4f80; }}
QCheckBox {{ background: transparent; color: {TEXT}; padding: 4px; border: 2px solid transparent; }}
QCheckBox::indicator {{ width: 24px; height: 24px; border: 2px solid #c9d4de; background: {FIELD_BG}; }}
QCheckBox::indicator:checked {{ background: #4aa8ff; border-color: #ffffff; }}
QTableWidget {{ font-size: 20px; background: #0f1419; color: {TEXT}; gridline-color: #2f3d4b;
               alternate-background-color: #18212a; selection-background-color: #1f4f80; selection-color: #ffffff; }}
QHeaderView::section {{ font-size: 18px; font-weight: bold; background: #223040; color: #ffffff; padding: 6px;
               border: 1px solid #34475b; }}
QToolTip {{ background: #0b0f13; color: #ffffff; border: 1px solid #4aa8ff; }}
"""

# The F1 key help (ui.keyhelp.KeyHelpPanel) in the lead/admin host.
KEY_HELP_STYLE = f"""
QLabel#keyHelp {{ background: {FIELD_BG}; color: #ffffff; border: 2px solid #4aa8ff; padding: 10px;
                 font-size: 20px; font-family: "DejaVu Sans Mono", "Noto Sans Mono", monospace; }}
"""
