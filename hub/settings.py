"""Hub configuration from the environment (PACIFIC_HUB_*), declared once, checked before serving."""

from __future__ import annotations

import ipaddress
from pathlib import Path
from typing import Literal
from urllib.parse import urlsplit

from pydantic_settings import BaseSettings, SettingsConfigDict

from station.errors import UsageError

LOOPBACK_NAMES = frozenset({"localhost", "ip6-localhost"})


class HubSettings(BaseSettings):
    """Every knob of the hub; the environment variable is PACIFIC_HUB_ + the upper-case name."""

    model_config = SettingsConfigDict(env_prefix="PACIFIC_HUB_", extra="ignore")

    env: Literal["production", "development"] = "development"
    data_dir: Path = Path("hub-data")
    database_url: str = ""  # empty: SQLite at data_dir/hub.db
    host: str = "127.0.0.1"
    port: int = 8443
    public_url: str = ""  # how sellers' browsers and stations reach the hub; default from host/port
    tls_cert_file: Path | None = None
    tls_key_file: Path | None = None
    behind_proxy: bool = False  # a TLS proxy in front terminates HTTPS and sets X-Forwarded-*
    forwarded_allow_ips: str = "127.0.0.1"  # the proxies whose forwarded headers are believed
    master_key_file: Path | None = None
    master_key: str = ""  # base64 key; prefer master_key_file
    spapi_endpoint: str = "https://sellingpartnerapi-na.amazon.com"
    lwa_url: str = "https://api.amazon.com/auth/o2/token"
    consent_base_url: str = "https://sellercentral.amazon.com"
    application_id: str = ""
    app_draft: bool = True  # adds version=beta to the consent URI while the app is in draft
    min_station_version: str = "0.1.0"
    enrolment_minutes: int = 15
    onboarding_days: int = 7
    oauth_state_minutes: int = 10
    session_hours: int = 12
    lockout_failures: int = 5
    lockout_minutes: int = 15
    alert_failed_logins: int = 10
    alert_address_pulls: int = 200  # per station and hour, when it packs less than half as many
    retention_days: int = 30  # buyer data kept after fulfilment; never more than 30 (station rule)
    audit_anchor: str = ""  # empty: a write-once file in data_dir; or s3://bucket/prefix (Object Lock)
    log_level: str = "INFO"
    # Stations through the hub (issue 13): claims.
    claim_lease_seconds: int = 90  # an open order's claim ends this long after its station's last heartbeat
    hold_batch_orders: int = 30  # a station's batch claimed ahead: at most this many orders...
    hold_batch_hours: float = 2.0  # ...or this many hours of work,
    minutes_per_order: float = 4.0  # at this much work per order
    hold_default_hours: float = 24.0  # a held order without a ship-by is held this long
    # The order pull (hub.engine): in `serve` too unless off; how often each seller is polled (the
    # fallback when notifications are off); how long a dead process's lease blocks its sellers.
    pull_in_serve: bool = True
    pull_interval_s: float = 180.0
    pull_lease_s: float = 60.0
    pull_rate_scale: float = 1.0  # benchmarks against a scaled simulator only; refused in production

    @property
    def sqlite(self) -> bool:
        return not self.database_url or self.database_url.startswith("sqlite")

    @property
    def effective_database_url(self) -> str:
        return self.database_url or f"sqlite:///{(self.data_dir / 'hub.db').resolve()}"

    @property
    def tls(self) -> bool:
        return self.tls_cert_file is not None and self.tls_key_file is not None

    @property
    def base_url(self) -> str:
        if self.public_url:
            return self.public_url.rstrip("/")
        scheme = "https" if self.tls else "http"
        return f"{scheme}://{self.host}:{self.port}"

    @property
    def redirect_uri(self) -> str:
        return self.base_url + "/oauth/callback"


def is_loopback(host: str) -> bool:
    """True for localhost and loopback addresses."""
    host = host.strip("[]").lower()
    if host in LOOPBACK_NAMES:
        return True
    try:
        return ipaddress.ip_address(host).is_loopback
    except ValueError:
        return False


def check_serving(settings: HubSettings) -> None:
    """Refuse unsafe set-ups: plain http off loopback, and in production simulator endpoints or no master key."""
    if not settings.tls and not settings.behind_proxy and not is_loopback(settings.host):
        raise UsageError(
            f"Plain http is allowed only on loopback; {settings.host} needs PACIFIC_HUB_TLS_CERT_FILE and "
            "PACIFIC_HUB_TLS_KEY_FILE, or PACIFIC_HUB_BEHIND_PROXY=true with a TLS proxy in front"
        )
    if settings.tls and not (settings.tls_cert_file.is_file() and settings.tls_key_file.is_file()):  # type: ignore[union-attr]
        raise UsageError("The TLS certificate or key file does not exist")
    if settings.env != "production":
        return
    if not settings.master_key_file and not settings.master_key:
        raise UsageError("Production needs a master key: set PACIFIC_HUB_MASTER_KEY_FILE")
    if settings.pull_rate_scale != 1.0:
        raise UsageError("PACIFIC_HUB_PULL_RATE_SCALE is for benchmarks against the simulator only")
    for name in ("spapi_endpoint", "lwa_url", "consent_base_url"):
        _check_upstream(name, getattr(settings, name))
    if urlsplit(settings.public_url).scheme != "https":
        raise UsageError("Production needs PACIFIC_HUB_PUBLIC_URL, the https address sellers and stations use")


def _check_upstream(name: str, url: str) -> None:
    parts = urlsplit(url)
    host = parts.hostname or ""
    if parts.scheme != "https" or is_loopback(host) or _private(host):
        raise UsageError(f"Production refuses the simulator or a plain-http endpoint for PACIFIC_HUB_{name.upper()}")


def _private(host: str) -> bool:
    try:
        return ipaddress.ip_address(host).is_private
    except ValueError:
        return False
