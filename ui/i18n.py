"""Translation over Qt's own: plural forms, the core's marked messages, and switching language at login.

Catalogues: resources/i18n/station_<code>.ts (reviewed source of truth) compiled to .qm by
pyside6-lrelease (scripts/i18n.py). English is the source language: it needs no catalogue.
Switching (``use_language``) installs the operator's catalogue and re-translates every text on screen
that came from ``tr``: the translator remembers which source each text it handed out came from.
"""

from __future__ import annotations

from pathlib import Path

from PySide6.QtCore import QCoreApplication, QEvent, QModelIndex, QObject, Qt, QTranslator
from PySide6.QtWidgets import (
    QAbstractButton,
    QAbstractItemView,
    QApplication,
    QComboBox,
    QGroupBox,
    QLabel,
    QLineEdit,
    QTabWidget,
    QWidget,
)

from ui.plural import ntr

I18N_DIR = Path(__file__).resolve().parent.parent / "resources" / "i18n"
LANGUAGES = ("en", "es")
STATION_CONTEXT = "station"  # the core's messages (station/i18n.py N_ and T_)


def tr_n(context: QObject | str, text: str, n: int) -> str:
    """``ntr`` in the context a QObject's ``self.tr`` uses (its class or a base class), or a named context."""
    if isinstance(context, str):
        return ntr(context, text, n)
    for cls in type(context).__mro__:  # self.tr falls back to base classes the same way
        if cls is QObject:
            break
        translated = QCoreApplication.translate(cls.__name__, text, None, n)
        if translated != text:
            return ntr(cls.__name__, text, n)
    return ntr(type(context).__name__, text, n)


def tr_core(message: object) -> str:
    """A message of the core (an error's text) in the operator's language; unknown text stays as it is."""
    text = str(message)
    template = getattr(message, "template", None)
    if template is None:
        return QCoreApplication.translate(STATION_CONTEXT, text)
    translated = QCoreApplication.translate(STATION_CONTEXT, template)
    # Arguments the core marked too (a reason, "nothing more") are translated as well.
    args = [tr_core(a) if hasattr(a, "template") else a for a in getattr(message, "args", ())]
    try:
        return translated.format(*args) if args else translated
    except (IndexError, KeyError, ValueError):  # a broken catalogue entry never hides the message
        return text


def tr_error(exc: BaseException) -> str:
    """``str(exc)`` of a station error, translated (its first argument is the core's message)."""
    return tr_core(exc.args[0]) if exc.args else str(exc)


class StationTranslator(QTranslator):
    """The operator's catalogue; remembers what it handed out, so the screens can switch language."""

    def __init__(self, language: str, parent: QObject | None = None) -> None:
        super().__init__(parent)
        self.language = language
        # shown text -> the (context, source, disambiguation) lookups that gave it; self.tr tries the
        # object's class, then its bases, so one text can come from several lookups.
        self.handed: dict[str, list[tuple[str, str, str | None]]] = {}
        self.looked_up: set[str] = set()  # sources asked for (tests read these two)
        self.found: set[str] = set()  # sources a translation was found for
        if language != "en" and not self.load(str(I18N_DIR / f"station_{language}.qm")):
            raise FileNotFoundError(f"No catalogue for {language}: run scripts/i18n.py release")

    def translate(self, context: str, source: str, disambiguation: str | None = None, n: int = -1) -> str | None:  # type: ignore[override]
        found = super().translate(context, source, disambiguation, n) if self.language != "en" else ""
        if n < 0:  # counted texts are rebuilt by their screens; fixed texts are re-translated in place
            keys = self.handed.setdefault(found or source, [])
            if (context, source, disambiguation) not in keys:
                keys.append((context, source, disambiguation))
        self.looked_up.add(source)
        if found:
            self.found.add(source)
        return found or None  # None: not in this catalogue; Qt then shows the source

    def missing(self) -> set[str]:
        """Sources asked for that have no translation in this catalogue."""
        if self.language == "en":
            return set()
        return {s for s in self.looked_up - self.found if not s.startswith("QT_")}  # QT_*: Qt's own lookups


_current: StationTranslator | None = None


def current_language() -> str:
    return _current.language if _current is not None else "en"


def current_translator() -> StationTranslator | None:
    return _current


def use_language(language: str) -> bool:
    """Install ``language``'s catalogue and re-translate the texts on screen; False when it was in use."""
    global _current
    app = QCoreApplication.instance()
    if language not in LANGUAGES:
        language = "en"
    if app is None or (_current is not None and _current.language == language):
        return False
    old = _current
    _current = StationTranslator(language, app)
    if old is not None:
        app.removeTranslator(old)
    app.installTranslator(_current)
    # Qt posts LanguageChange to the windows: deliver it now, so the switch is done when login returns.
    QCoreApplication.sendPostedEvents(None, QEvent.Type.LanguageChange)
    if old is not None and isinstance(app, QApplication):
        _retranslate(app, old)
        old.deleteLater()
    return True


def _again(old: StationTranslator, text: str) -> str | None:
    keys = old.handed.get(text)
    if not keys:
        return None
    for context, source, disambiguation in keys:
        again = QCoreApplication.translate(context, source, disambiguation)
        if again != source:
            return again
    return keys[0][1]


def _retranslate(app: QApplication, old: StationTranslator) -> None:
    """Every text the old catalogue handed out, shown again through the new one."""
    for widget in app.allWidgets():
        _retranslate_widget(widget, old)


def _retranslate_widget(widget: QWidget, old: StationTranslator) -> None:
    if isinstance(widget, (QLabel, QAbstractButton)) and (text := _again(old, widget.text())) is not None:
        widget.setText(text)
    if isinstance(widget, QLineEdit) and (text := _again(old, widget.placeholderText())) is not None:
        widget.setPlaceholderText(text)
    if isinstance(widget, QGroupBox) and (text := _again(old, widget.title())) is not None:
        widget.setTitle(text)
    if isinstance(widget, QComboBox):
        for i in range(widget.count()):
            if (text := _again(old, widget.itemText(i))) is not None:
                widget.setItemText(i, text)
    if isinstance(widget, QTabWidget):
        for i in range(widget.count()):
            if (text := _again(old, widget.tabText(i))) is not None:
                widget.setTabText(i, text)
    if (tip := _again(old, widget.toolTip())) is not None:
        widget.setToolTip(tip)
    if widget.isWindow() and (title := _again(old, widget.windowTitle())) is not None:
        widget.setWindowTitle(title)
    if isinstance(widget, QAbstractItemView) and (model := widget.model()) is not None:
        # Headers and cells ask tr() as they are drawn: tell the views to ask again.
        try:
            rows, columns = model.rowCount(QModelIndex()), model.columnCount(QModelIndex())
        except TypeError:  # a list model (completers): one column, nothing of ours to redraw
            return
        if columns:
            model.headerDataChanged.emit(Qt.Orientation.Horizontal, 0, columns - 1)
        if rows and columns:
            model.dataChanged.emit(model.index(0, 0), model.index(rows - 1, columns - 1))
