"""Operator-facing text of the core, marked for translation without Qt.

The core stays Qt-free: ``N_("...")`` only marks a message (the extractor, scripts/i18n.py, collects
it into resources/i18n/*.ts under the context ``station``) and ``T_("... {0} ...", arg)`` also keeps
its template and arguments, so the UI can translate the template and fill it in at display time.
Both return ordinary strings: logs, the command line and tests read English.
"""

from __future__ import annotations

CONTEXT = "station"


class Text(str):
    """A formatted message that remembers its template and arguments (for translation at display)."""

    template: str
    args: tuple[object, ...]

    def __new__(cls, template: str, *args: object) -> Text:
        made = super().__new__(cls, template.format(*args) if args else template)
        made.template = template
        made.args = args
        return made


def N_(text: str) -> str:
    """Mark ``text`` for translation in the ``station`` context; returns it unchanged."""
    return Text(text)


def T_(template: str, *args: object) -> str:
    """``template.format(*args)``, marked for translation with its template kept for the UI."""
    return Text(template, *args)
