"""JSON log lines for the hub, each redacted by the station's redactor (shared code, not a copy)."""

from __future__ import annotations

import json
import logging
import re
import sys

from station.logs import redactor


class JsonFormatter(logging.Formatter):
    """One JSON object per line: time, level, logger, message (redacted), exception (redacted)."""

    def format(self, record: logging.LogRecord) -> str:
        entry = {
            "at": self.formatTime(record, "%Y-%m-%dT%H:%M:%S"),
            "level": record.levelname,
            "logger": record.name,
            "message": redactor.redact(record.getMessage()),
        }
        if record.exc_info:
            entry["exception"] = redactor.redact(self.formatException(record.exc_info))
        return json.dumps(entry, ensure_ascii=False)


_TOKEN_PATH = re.compile(r"(/onboard/)[^\s/?\"]+")
_QUERY = re.compile(r"\?[^\s\"]*")


def redact_path(text: str) -> str:
    """A request line fit for a log: no query strings (OAuth codes, states), no onboarding tokens."""
    return _TOKEN_PATH.sub(r"\1[redacted]", _QUERY.sub("", text))


class AccessPathFilter(logging.Filter):
    """uvicorn's access lines carry the full path: keep the route, drop tokens and query strings.

    Works on the rendered message: station.logs' record factory has already merged the arguments in.
    """

    def filter(self, record: logging.LogRecord) -> bool:
        record.msg, record.args = redact_path(record.getMessage()), None
        return True


def setup_json_logging(level: str = "INFO") -> None:
    """Hub logs go to standard error as JSON lines (collected by the service manager)."""
    root = logging.getLogger()
    for handler in list(root.handlers):
        if getattr(handler, "_pacific_hub", False):
            root.removeHandler(handler)
    handler = logging.StreamHandler(sys.stderr)
    handler.setFormatter(JsonFormatter())
    handler._pacific_hub = True  # type: ignore[attr-defined]
    root.addHandler(handler)
    root.setLevel(level)


def uvicorn_log_config(level: str = "INFO") -> dict[str, object]:
    """uvicorn's own loggers through the same JSON formatter."""
    return {
        "version": 1,
        "disable_existing_loggers": False,
        "formatters": {"json": {"()": "hub.jsonlog.JsonFormatter"}},
        "filters": {"paths": {"()": "hub.jsonlog.AccessPathFilter"}},
        "handlers": {
            "stderr": {"class": "logging.StreamHandler", "formatter": "json", "stream": "ext://sys.stderr"},
            "access": {
                "class": "logging.StreamHandler",
                "formatter": "json",
                "stream": "ext://sys.stderr",
                "filters": ["paths"],
            },
        },
        "loggers": {
            "uvicorn": {"handlers": ["stderr"], "level": level, "propagate": False},
            "uvicorn.error": {"handlers": ["stderr"], "level": level, "propagate": False},
            "uvicorn.access": {"handlers": ["access"], "level": level, "propagate": False},
        },
    }
