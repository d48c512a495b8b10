"""Translation catalogues: extract marked strings into resources/i18n/*.ts, build .qm with pyside6-lrelease.

    python scripts/i18n.py update     # refresh every .ts from the source tree (keeps translations)
    python scripts/i18n.py release    # .ts -> .qm with PySide6's own lrelease
    python scripts/i18n.py check      # exit 1 when a string has no translation or a .qm is stale

Why an extractor of our own next to lrelease: pyside6-lupdate's Python parser (6.11) finds
``self.tr`` and ``QCoreApplication.translate`` but not the plural helpers ``ntr``/``tr_n`` (its
``-tr-function-alias`` is ignored for ``translate``, and ``translate(..., n)`` is not marked numerus),
nor the Qt-free marks of the core (``N_``/``T_`` in station/i18n.py). The extractor reads the same
calls with ``ast``; tests/ui/test_i18n.py cross-checks it against pyside6-lupdate where both apply.
"""

from __future__ import annotations

import ast
import shutil
import subprocess
import sys
import xml.etree.ElementTree as ET
from dataclasses import dataclass, field
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
I18N = ROOT / "resources" / "i18n"
SOURCES = ("ui", "station", "drivers", "sync")
LANGUAGES = {"es": "es_US"}  # code -> Qt locale of the catalogue (US Spanish)
PLURAL_FORMS = {"es": 2}


@dataclass
class Message:
    context: str
    source: str
    numerus: bool
    locations: list[tuple[str, int]] = field(default_factory=list)
    translation: list[str] = field(default_factory=list)
    finished: bool = False


def _literal(node: ast.AST | None) -> str | None:
    if isinstance(node, ast.Constant) and isinstance(node.value, str):
        return node.value
    return None


def _module(path: Path, root: Path) -> str:
    return ".".join(path.relative_to(root).with_suffix("").parts)


def _own_tr_context(tree: ast.Module) -> str | None:
    """The context of a module-level ``def tr(text, n=-1)`` wrapping ``QCoreApplication.translate("ctx", ...)``."""
    for node in tree.body:
        if isinstance(node, ast.FunctionDef) and node.name == "tr":
            for call in ast.walk(node):
                func = call.func if isinstance(call, ast.Call) and call.args else None
                if isinstance(func, ast.Attribute) and func.attr == "translate" and _literal(call.args[0]):
                    return _literal(call.args[0])
    return None


def _tr_context(tree: ast.Module, own: dict[str, str]) -> str | None:
    """The context the module's bare ``tr(...)`` uses: its own, or the one of the module it imports it from."""
    if (mine := _own_tr_context(tree)) is not None:
        return mine
    for node in tree.body:
        if isinstance(node, ast.ImportFrom) and any(a.name == "tr" for a in node.names):
            return own.get(node.module or "")
    return None


class _Finder(ast.NodeVisitor):
    """Collects (context, source, numerus, line) from the translation calls of one module."""

    def __init__(self, bare_tr: str | None = None) -> None:
        self.bare_tr = bare_tr  # context of the module's plain tr() function, if it has one
        self.classes: list[str] = []
        self.found: list[tuple[str, str, bool, int]] = []

    def visit_ClassDef(self, node: ast.ClassDef) -> None:
        self.classes.append(node.name)
        self.generic_visit(node)
        self.classes.pop()

    def visit_Call(self, node: ast.Call) -> None:
        self._take(node)
        self.generic_visit(node)

    def _take(self, node: ast.Call) -> None:
        func = node.func
        name = func.attr if isinstance(func, ast.Attribute) else func.id if isinstance(func, ast.Name) else ""
        args = node.args
        here = self.classes[-1] if self.classes else ""
        if name == "tr" and isinstance(func, ast.Attribute) and args:
            self._add(here, _literal(args[0]), len(args) >= 3, node)
        elif name == "tr" and isinstance(func, ast.Name) and args and self.bare_tr:
            self._add(self.bare_tr, _literal(args[0]), len(args) >= 2, node)
        elif name in ("translate", "QT_TRANSLATE_NOOP") and len(args) >= 2 and _literal(args[0]) is not None:
            self._add(_literal(args[0]) or "", _literal(args[1]), len(args) >= 4, node)
        elif name == "ntr" and len(args) >= 2:
            self._add(_literal(args[0]) or "", _literal(args[1]), True, node)
        elif name == "tr_n" and len(args) >= 2:
            ctx = _literal(args[0]) if _literal(args[0]) is not None else here
            self._add(ctx or "", _literal(args[1]), True, node)
        elif name in ("N_", "T_") and isinstance(func, ast.Name) and args:
            self._add("station", _literal(args[0]), False, node)

    def _add(self, context: str, source: str | None, numerus: bool, node: ast.Call) -> None:
        if context and source:
            self.found.append((context, source, numerus, node.lineno))


def extract(root: Path = ROOT) -> dict[tuple[str, str], Message]:
    """Every marked string of the source tree, keyed by (context, source)."""
    found: dict[tuple[str, str], Message] = {}
    trees = {
        path: ast.parse(path.read_text(encoding="utf-8"), str(path))
        for top in SOURCES
        for path in sorted((root / top).rglob("*.py"))
    }
    own = {_module(p, root): ctx for p, t in trees.items() if (ctx := _own_tr_context(t)) is not None}
    for path, tree in trees.items():
        finder = _Finder(_tr_context(tree, own))
        finder.visit(tree)
        rel = path.relative_to(root).as_posix()
        for context, source, numerus, line in finder.found:
            msg = found.setdefault((context, source), Message(context, source, numerus))
            msg.numerus = msg.numerus or numerus
            msg.locations.append((rel, line))
    return found


def read_ts(path: Path) -> dict[tuple[str, str], Message]:
    """The messages of a .ts file with their translations."""
    out: dict[tuple[str, str], Message] = {}
    if not path.exists():
        return out
    for ctx in ET.parse(path).getroot().iter("context"):  # noqa: S314 - our own committed catalogue
        cname = ctx.findtext("name") or ""
        for m in ctx.iter("message"):
            source = m.findtext("source") or ""
            tr = m.find("translation")
            numerus = m.get("numerus") == "yes"
            forms = [f.text or "" for f in tr.iter("numerusform")] if (tr is not None and numerus) else []
            text = [forms] if numerus else [(tr.text or "") if tr is not None else ""]
            finished = tr is not None and tr.get("type") not in ("unfinished", "vanished", "obsolete")
            out[(cname, source)] = Message(cname, source, numerus, [], text[0] if numerus else text, finished)
    return out


def merge(extracted: dict[tuple[str, str], Message], old: dict[tuple[str, str], Message]) -> list[Message]:
    """Extracted messages carrying the translations the old catalogue had for them."""
    merged = []
    for key, msg in extracted.items():
        before = old.get(key)
        if before is not None and before.numerus == msg.numerus:
            msg.translation, msg.finished = before.translation, before.finished
        merged.append(msg)
    return sorted(merged, key=lambda m: (m.context, m.source))


def write_ts(path: Path, language: str, messages: list[Message]) -> None:
    """Qt Linguist TS 2.1, as lupdate writes it (Linguist opens it; lrelease compiles it)."""
    root = ET.Element("TS", version="2.1", language=LANGUAGES[language])
    contexts: dict[str, ET.Element] = {}
    for msg in messages:
        ctx = contexts.get(msg.context)
        if ctx is None:
            ctx = contexts[msg.context] = ET.SubElement(root, "context")
            ET.SubElement(ctx, "name").text = msg.context
        el = ET.SubElement(ctx, "message", numerus="yes") if msg.numerus else ET.SubElement(ctx, "message")
        for file, line in msg.locations:
            ET.SubElement(el, "location", filename=f"../../{file}", line=str(line))
        ET.SubElement(el, "source").text = msg.source
        tr = ET.SubElement(el, "translation")
        if not msg.finished:
            tr.set("type", "unfinished")
        if msg.numerus:
            forms = msg.translation or []
            for i in range(PLURAL_FORMS[language]):
                ET.SubElement(tr, "numerusform").text = forms[i] if i < len(forms) else ""
        else:
            tr.text = msg.translation[0] if msg.translation else ""
    ET.indent(root, space="    ")
    body = ET.tostring(root, encoding="unicode")
    path.write_text('<?xml version="1.0" encoding="utf-8"?>\n<!DOCTYPE TS>\n' + body + "\n", encoding="utf-8")


def ts_path(language: str) -> Path:
    return I18N / f"station_{language}.ts"


def qm_path(language: str) -> Path:
    return I18N / f"station_{language}.qm"


def update() -> None:
    """Refresh every catalogue from the source tree."""
    extracted = extract()
    for language in LANGUAGES:
        fresh = {k: Message(m.context, m.source, m.numerus, list(m.locations)) for k, m in extracted.items()}
        write_ts(ts_path(language), language, merge(fresh, read_ts(ts_path(language))))


def lrelease() -> str:
    """PySide6's lrelease next to this Python (the venv's bin) or on PATH."""
    here = Path(sys.executable).parent / "pyside6-lrelease"
    found = str(here) if here.exists() else shutil.which("pyside6-lrelease")
    if not found:
        raise SystemExit("pyside6-lrelease not found: pip install PySide6 (it ships Qt's lrelease)")
    return found


def release() -> None:
    """Compile every .ts to its .qm (only finished translations go in)."""
    for language in LANGUAGES:
        subprocess.run([lrelease(), "-silent", str(ts_path(language)), "-qm", str(qm_path(language))], check=True)


def problems() -> list[str]:
    """What keeps the catalogues from being complete: untranslated, unknown or missing strings."""
    out = []
    extracted = extract()
    for language in LANGUAGES:
        ts = read_ts(ts_path(language))
        for key in sorted(set(extracted) - set(ts)):
            out.append(f"{language}: not in the .ts (run scripts/i18n.py update): {key}")
        for key, msg in sorted(ts.items()):
            if not msg.finished or not all(msg.translation):
                out.append(f"{language}: no translation: {key}")
    return out


def main(argv: list[str]) -> int:
    command = argv[1] if len(argv) > 1 else "check"
    if command == "update":
        update()
    elif command == "release":
        release()
    else:
        found = problems()
        print("\n".join(found) or "catalogues complete")
        return 1 if found else 0
    return 0


if __name__ == "__main__":
    sys.exit(main(sys.argv))
