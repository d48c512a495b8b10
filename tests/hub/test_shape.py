"""The hub's shape: what it imports, its settings, one process on SQLite, health, metrics, JSON logs."""

from __future__ import annotations

import io
import json
import logging
import subprocess
import sys
from pathlib import Path

import pytest
from fastapi.testclient import TestClient

from hub.api.app import create_app
from hub.bootstrap import Hub
from hub.jsonlog import JsonFormatter
from hub.lockfile import ProcessLock
from hub.settings import HubSettings, check_serving
from station.errors import StoreError, UsageError
from tests.test_architecture import imported_roots

ROOT = Path(__file__).resolve().parents[2]
STATION_ONLY = {"PySide6", "usb", "escpos", "serial", "zplkit", "pypdfium2", "PIL", "ui", "drivers"}


def _offenders(package: str, forbidden: set[str]) -> list[str]:
    return [
        f"{p.relative_to(ROOT)} imports {sorted(imported_roots(p) & forbidden)}"
        for p in sorted((ROOT / package).rglob("*.py"))
        if imported_roots(p) & forbidden
    ]


def test_the_hub_imports_nothing_of_the_station_pc() -> None:
    assert _offenders("hub", STATION_ONLY) == []


@pytest.mark.parametrize("package", ["station", "sync", "drivers"])
def test_nothing_in_the_core_imports_the_hub(package: str) -> None:
    assert _offenders(package, {"hub", "fastapi", "uvicorn", "sqlalchemy", "alembic", "psycopg"}) == []


def test_importing_the_whole_hub_loads_no_qt_or_usb() -> None:
    code = (
        "import sys, hub.cli, hub.api.app, hub.serve, hub.backup;"
        "bad=[m for m in ('PySide6','usb','escpos','serial','zplkit') if m in sys.modules];print(bad)"
    )
    out = subprocess.run([sys.executable, "-c", code], cwd=ROOT, capture_output=True, text=True, check=True)
    assert out.stdout.strip() == "[]"


def test_extras_split_station_and_hub_libraries() -> None:
    import tomllib

    project = tomllib.loads((ROOT / "pyproject.toml").read_text())["project"]
    core = " ".join(project["dependencies"])
    extras = project["optional-dependencies"]
    assert "PySide6" not in core and "fastapi" not in core and "escpos" not in core
    assert any("PySide6" in d for d in extras["station"]) and any("fastapi" in d for d in extras["hub"])
    assert "pacific-hub" in project["scripts"]


@pytest.mark.parametrize(
    ("env", "message"),
    [
        ({"host": "0.0.0.0"}, "Plain http is allowed only on loopback"),
        ({"env": "production"}, "Production needs a master key"),
        ({"env": "production", "master_key": "x", "lwa_url": "http://127.0.0.1:8000/auth/o2/token"}, "simulator"),
        ({"env": "production", "master_key": "x", "spapi_endpoint": "https://127.0.0.1:9000"}, "simulator"),
        ({"env": "production", "master_key": "x"}, "PACIFIC_HUB_PUBLIC_URL"),
        ({"env": "production", "master_key": "x", "public_url": "http://hub.example.com"}, "PACIFIC_HUB_PUBLIC_URL"),
    ],
)
def test_unsafe_setups_are_refused(env: dict[str, str], message: str) -> None:
    with pytest.raises(UsageError, match=message):
        check_serving(HubSettings(**env))  # type: ignore[arg-type]


def test_safe_setups_pass(tmp_path: Path) -> None:
    check_serving(HubSettings())  # loopback http in development
    check_serving(HubSettings(host="0.0.0.0", behind_proxy=True))
    cert, key = tmp_path / "c.pem", tmp_path / "k.pem"
    cert.write_text("x")
    key.write_text("x")
    check_serving(HubSettings(env="production", master_key="x", host="0.0.0.0", tls_cert_file=cert, tls_key_file=key,
                              public_url="https://hub.example.com"))  # fmt: skip


def test_settings_come_from_the_environment(monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setenv("PACIFIC_HUB_ENV", "production")
    monkeypatch.setenv("PACIFIC_HUB_PORT", "9443")
    settings = HubSettings()
    assert settings.env == "production" and settings.port == 9443


def test_a_second_hub_process_on_one_sqlite_database_is_refused(tmp_path: Path) -> None:
    lock_path = tmp_path / "hub.db.hub.lock"
    first = ProcessLock(lock_path)
    first.acquire()
    code = (
        "import sys; from pathlib import Path; from hub.lockfile import ProcessLock\n"
        "from station.errors import StoreError\n"
        f"try:\n    ProcessLock(Path({str(lock_path)!r})).acquire()\nexcept StoreError as e:\n    print('refused')"
    )
    out = subprocess.run([sys.executable, "-c", code], cwd=ROOT, capture_output=True, text=True, check=True)
    assert out.stdout.strip() == "refused"
    first.release()
    second = ProcessLock(lock_path)
    second.acquire()  # free again once the first is gone
    second.release()
    with pytest.raises(StoreError):  # a dead lock file left behind does not block; a live one does
        a, b = ProcessLock(lock_path), ProcessLock(lock_path)
        a.acquire()
        try:
            b.acquire()
        finally:
            a.release()


def test_health_readiness_and_metrics(hub: Hub) -> None:
    client = TestClient(create_app(hub))
    assert client.get("/healthz").json() == {"status": "ok"}
    assert client.get("/readyz").json() == {"status": "ready"}
    metrics = client.get("/metrics")
    assert metrics.status_code == 200
    assert 'hub_requests_total{method="GET",route="/readyz",status="200"}' in metrics.text


def test_json_log_lines_are_redacted() -> None:
    stream = io.StringIO()
    handler = logging.StreamHandler(stream)
    handler.setFormatter(JsonFormatter())
    logger = logging.getLogger("hub.test.redaction")
    logger.addHandler(handler)
    try:
        logger.warning("token refresh_token=Atzr|abcdef123456 for buyer@example.com")
    finally:
        logger.removeHandler(handler)
    entry = json.loads(stream.getvalue())
    assert "Atzr|" not in entry["message"] and "buyer@example.com" not in entry["message"]
    assert entry["level"] == "WARNING"


def test_access_log_lines_hold_no_tokens_or_oauth_codes() -> None:
    import logging.config

    from hub.jsonlog import uvicorn_log_config

    logging.config.dictConfig(uvicorn_log_config())
    stream = io.StringIO()
    handler = logging.getLogger("uvicorn.access").handlers[0]
    handler.setStream(stream)  # type: ignore[attr-defined]
    path = "/oauth/callback?state=S3cretState&spapi_oauth_code=ANcode123&selling_partner_id=A1"
    access = logging.getLogger("uvicorn.access")
    for line in (path, "/onboard/TokEn123", "/onboard/TokEn123/authorize"):
        access.info('%s - "%s %s HTTP/%s" %d', "127.0.0.1:1", "GET", line, "1.1", 200)
    text = stream.getvalue()
    assert "S3cretState" not in text and "ANcode123" not in text and "TokEn123" not in text
    assert "/oauth/callback" in text and "/onboard/[redacted]" in text


def test_seller_pages_send_no_referrer_and_refuse_frames(hub: Hub) -> None:
    page = TestClient(create_app(hub)).get("/onboard/unknown-token-123")
    assert page.headers["Referrer-Policy"] == "no-referrer" and page.headers["X-Frame-Options"] == "DENY"
