"""One file per screen; each screen has ``handle_scan(code)`` and is shown by the main window."""
