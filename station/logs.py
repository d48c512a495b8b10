"""Logging for the station: a rotating file in the home kept >= 90 days, and redaction of PII and
secrets from every line, traceback and crash report."""

from __future__ import annotations

import logging
import re
import sys
import threading
from collections.abc import Callable
from logging.handlers import TimedRotatingFileHandler
from pathlib import Path
from types import TracebackType
from typing import Any

LOG_DAYS_KEPT = 120  # security logs must be kept at least 90 days
MASK = "[redacted]"

# Shapes that are always secrets or PII, whatever their context.
_PATTERNS = [
    re.compile(r"Atz[ra]\|[A-Za-z0-9_\-|=+/.]+"),  # LWA refresh / access tokens
    re.compile(r"(?i)bearer\s+[A-Za-z0-9._\-+/=]{8,}"),
    re.compile(
        r"(?i)(x-amz-access-token|client_secret|refresh_token|access_token|password|passphrase|pin|totp)"
        r"([\"']?\s*[:=]\s*[\"']?)[^\s\"'&,}]+"
    ),
    re.compile(r"otpauth://\S+"),
    re.compile(r"\b[0-9a-fA-F]{48,}\b"),  # raw keys
    re.compile(r"[A-Za-z0-9._%+\-]+@[A-Za-z0-9.\-]+\.[A-Za-z]{2,}"),  # e-mail addresses
    re.compile(r"(?<![\w\-])(?:\+?1[\s.\-]?)?\(?\d{3}\)?[\s.\-]?\d{3}[\s.\-]?\d{4}(?![\w\-])"),  # phones
]


# Parts of a registered value (a first name alone, one word of a street) are masked as words too.
# A part must have at least MIN_PART characters and a letter: shorter tokens ("Al", "St", "12")
# and a few words that say nothing about a person would mask half of every log line.
MIN_PART = 4
MIN_VALUE = 3  # a whole value shorter than this is not registered at all
_WORD = re.compile(r"\w+(?:['\u2019\-]\w+)*")  # a word with its inner hyphens and apostrophes
_PIECE = re.compile(r"['\u2019\-]")
# fmt: off
_COMMON = frozenset((
    "street", "road", "avenue", "drive", "lane", "court", "place", "boulevard", "highway", "parkway", "terrace",
    "circle", "square", "suite", "unit", "apartment", "floor", "building", "north", "south", "east", "west",
    "blvd", "pkwy", "none", "null", "unknown", "true", "false",
    "order", "orders", "seller", "label", "labels", "page", "sync", "item", "items", "error", "failed",
))
# fmt: on


def _parts(value: str) -> list[str]:
    """The words of a value worth masking alone (case-folded), whole and split at hyphens."""
    found = []
    for word in _WORD.findall(value):
        for part in (word, *_PIECE.split(word)):
            folded = part.casefold()
            if len(folded) >= MIN_PART and any(c.isalpha() for c in folded) and folded not in _COMMON:
                found.append(folded)
    return found


def _is_part(word: str, parts: dict[str, None]) -> bool:
    folded = word.casefold()
    return folded in parts or any(p in parts for p in _PIECE.split(folded))


class Redactor:
    """Masks known sensitive values (added at run time) and secret-shaped text.

    A whole value is masked wherever a word of the text starts it, in any letter case; its parts
    (see MIN_PART) are masked as whole words, also in any case. Values are indexed by their first
    word and parts kept in a set, so a line costs time by its length, not by how many values are known.
    """

    def __init__(self) -> None:
        self._lock = threading.Lock()
        self._values: dict[str, None] = {}  # insertion-ordered, so the oldest go first
        # First word of a value (case-folded) -> the (length, offset of that word) shapes seen with it;
        # a few shapes per word however many values, so a common first word ("1", "Apt") stays cheap.
        self._starts: dict[str, tuple[tuple[int, int], ...]] = {}
        self._whole: dict[str, None] = {}  # values, case-folded
        self._parts: dict[str, None] = {}

    def add_sensitive(self, *values: str) -> None:
        """Register values that must never be logged (buyer names, addresses, tokens)."""
        fresh = [v.strip() for v in values if v and len(v.strip()) >= MIN_VALUE]
        with self._lock:
            for value in fresh:
                if value not in self._values:
                    self._values[value] = None
                    self._index(value)
            if len(self._values) > 50_000:  # bounded: keep the newest half
                self._values = dict.fromkeys(list(self._values)[-25_000:])
                self._starts, self._whole, self._parts = {}, {}, {}
                for value in self._values:
                    self._index(value)

    def _index(self, value: str) -> None:
        first = _WORD.search(value)
        if first is not None:
            shape = (len(value), first.start())
            known = self._starts.get(first.group().casefold(), ())
            if shape not in known:  # a new tuple, longest first: readers never see a half-built one
                self._starts[first.group().casefold()] = tuple(sorted({*known, shape}, reverse=True))
            self._whole[value.casefold()] = None
        self._parts.update(dict.fromkeys(_parts(value)))

    def redact(self, text: str) -> str:
        with self._lock:
            starts, whole, parts = self._starts, self._whole, self._parts
        if starts or parts:
            text = _mask_known(text, starts, whole, parts)
        for shape in _PATTERNS:
            if shape.groups >= 2:
                text = shape.sub(lambda m: m.group(1) + m.group(2) + MASK, text)
            else:
                text = shape.sub(MASK, text)
        return text


def _mask_known(
    text: str, starts: dict[str, tuple[tuple[int, int], ...]], whole: dict[str, None], parts: dict[str, None]
) -> str:
    """One pass over the words of ``text``: whole values first (longest), then single parts."""
    out, done = [], 0
    for match in _WORD.finditer(text):
        if match.start() < done:
            continue
        span = None
        for length, offset in starts.get(match.group().casefold(), ()):
            begin = match.start() - offset
            if begin >= done and text[begin : begin + length].casefold() in whole:
                span = (begin, begin + length)
                break
        if span is None and _is_part(match.group(), parts):
            span = match.span()
        if span is not None:
            out += [text[done : span[0]], MASK]
            done = span[1]
    return "".join(out) + text[done:] if out else text


redactor = Redactor()


def _redacting_factory(base: Callable[..., logging.LogRecord]) -> Callable[..., logging.LogRecord]:
    """Records whose message and traceback are redacted when made, so every handler (ours, a test
    runner's, a library's) only ever sees the redacted text."""

    def make(*args: Any, **kwargs: Any) -> logging.LogRecord:
        record = base(*args, **kwargs)
        try:
            message = record.getMessage()
        except Exception:  # a broken format string: keep the record as it is
            return record
        record.msg, record.args = redactor.redact(message), None
        if record.exc_info and not record.exc_text:
            record.exc_text = redactor.redact(logging.Formatter().formatException(record.exc_info))
        return record

    make._pacific_redacting = True  # type: ignore[attr-defined]
    return make


if not getattr(logging.getLogRecordFactory(), "_pacific_redacting", False):
    logging.setLogRecordFactory(_redacting_factory(logging.getLogRecordFactory()))


class RedactingFormatter(logging.Formatter):
    """Formats as usual, then redacts the whole line, traceback included."""

    def format(self, record: logging.LogRecord) -> str:
        return redactor.redact(super().format(record))


def setup_logging(home: Path | None, *, level: int = logging.INFO, console: bool = False) -> None:
    """File log in ``home/logs`` rotated daily and kept LOG_DAYS_KEPT days; optional stderr."""
    root = logging.getLogger()
    for handler in list(root.handlers):
        if getattr(handler, "_pacific", False):
            root.removeHandler(handler)
    formatter = RedactingFormatter("%(asctime)s %(levelname)s %(name)s: %(message)s")
    if home is not None:
        folder = Path(home) / "logs"
        folder.mkdir(parents=True, exist_ok=True)
        file_handler = TimedRotatingFileHandler(
            folder / "station.log", when="midnight", backupCount=LOG_DAYS_KEPT, encoding="utf-8", utc=True
        )
        file_handler.setFormatter(formatter)
        file_handler._pacific = True  # type: ignore[attr-defined]
        root.addHandler(file_handler)
    if console:
        stream = logging.StreamHandler(sys.stderr)
        stream.setFormatter(formatter)
        stream._pacific = True  # type: ignore[attr-defined]
        root.addHandler(stream)
    root.setLevel(level)


def install_crash_handler(show: object | None = None) -> None:
    """Log unhandled exceptions (redacted) instead of printing raw tracebacks with data in them."""

    def hook(kind: type[BaseException], value: BaseException, tb: TracebackType | None) -> None:
        if issubclass(kind, KeyboardInterrupt):
            sys.__excepthook__(kind, value, tb)
            return
        logging.getLogger("station.crash").critical("unhandled error", exc_info=(kind, value, tb))
        message = "The station hit an internal error; it was written to the log. Restart to go on."
        if callable(show):
            show(message)
        else:
            sys.stderr.write(message + "\n")

    sys.excepthook = hook
    threading.excepthook = lambda args: hook(args.exc_type, args.exc_value or Exception(), args.exc_traceback)


def safe_message(exc: BaseException) -> str:
    """An exception's message fit to show a person: redacted."""
    return redactor.redact(str(exc))
