"""Where SP-API lives: regional and sandbox hosts, the LWA token URL, and the TLS/loopback rule."""

from __future__ import annotations

import ipaddress
from dataclasses import dataclass, field
from urllib.parse import urlsplit

from station.errors import UpstreamError, UsageError

REGION_HOSTS = {
    "na": "https://sellingpartnerapi-na.amazon.com",
    "eu": "https://sellingpartnerapi-eu.amazon.com",
    "fe": "https://sellingpartnerapi-fe.amazon.com",
}
SANDBOX_HOSTS = {
    "na": "https://sandbox.sellingpartnerapi-na.amazon.com",
    "eu": "https://sandbox.sellingpartnerapi-eu.amazon.com",
    "fe": "https://sandbox.sellingpartnerapi-fe.amazon.com",
}
LWA_TOKEN_URL = "https://api.amazon.com/auth/o2/token"  # noqa: S105 - a URL


class InsecureEndpoint(UsageError):
    """A URL that would send tokens in clear text, or is not a URL at all."""


def is_loopback(host: str) -> bool:
    """True for localhost names and loopback addresses (127.0.0.0/8, ::1)."""
    host = host.strip("[]").lower().rstrip(".")
    if host == "localhost" or host.endswith(".localhost"):
        return True
    try:
        return ipaddress.ip_address(host).is_loopback
    except ValueError:
        return False


def check_url(url: str) -> str:
    """Accept https anywhere and plain http only for loopback hosts; return the URL without a trailing /."""
    parts = urlsplit(url)
    host = parts.hostname or ""
    if parts.scheme == "https" and host:
        return url.rstrip("/")
    if parts.scheme == "http" and host:
        if is_loopback(host):
            return url.rstrip("/")
        raise InsecureEndpoint(
            f"Refusing plain http:// to {host}: SP-API traffic must use TLS (https://) "
            "unless the host is this computer (loopback)"
        )
    raise InsecureEndpoint("Endpoint must be an https:// URL (or http:// on loopback)")


def _elsewhere(host: str) -> bool:
    """True for a host name or a global IP address; False for this computer, private or link-local
    addresses and numeric forms resolvers read as addresses ("127.1", "2130706433")."""
    host = host.strip("[]").lower().rstrip(".")
    try:
        ip = ipaddress.ip_address(host)
    except ValueError:
        top = host.rsplit(".", 1)[-1]
        return bool(top) and top.isalpha() and not is_loopback(host) and top not in ("localhost", "local")
    mapped = getattr(ip, "ipv4_mapped", None)
    return bool((mapped or ip).is_global)


def check_document_url(url: str, endpoint: str) -> str:
    """A URL taken from an upstream answer (a pre-signed document link): https to a host elsewhere;
    a host on this computer (and then plain http too) only when the seller's endpoint is itself
    loopback, i.e. dev or the simulator. Raises UpstreamError: the answer is at fault."""
    parts = urlsplit(url)
    host = parts.hostname or ""
    if is_loopback(urlsplit(endpoint).hostname or "") and parts.scheme in ("http", "https") and is_loopback(host):
        return check_url(url)
    if parts.scheme == "https" and host and _elsewhere(host):
        return check_url(url)
    raise UpstreamError(
        "Refusing a document URL from the answer: it must be https:// to a host that is not this computer",
        code="InsecureDocumentUrl",
    )


def base_url_for(region: str, *, sandbox: bool = False, override: str = "") -> str:
    """The SP-API base URL of a seller: an explicit override, else the regional (sandbox) host."""
    if override:
        return check_url(override)
    table = SANDBOX_HOSTS if sandbox else REGION_HOSTS
    try:
        return table[region]
    except KeyError:
        raise UsageError(f"Unknown SP-API region {region!r} (use na, eu or fe)") from None


def lwa_url_for(override: str = "") -> str:
    """The LWA token URL: an explicit override (simulator, hub) or Amazon's."""
    return check_url(override) if override else LWA_TOKEN_URL


@dataclass(frozen=True)
class Connection:
    """Everything needed to call SP-API for one seller. Secrets are never printed."""

    seller_id: str
    base_url: str
    lwa_url: str
    client_id: str = field(repr=False)
    client_secret: str = field(repr=False)
    refresh_token: str = field(repr=False)
    scope: str = ""  # set (and no refresh token) for grantless operations: LWA's client_credentials grant
