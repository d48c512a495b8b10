"""Seller Central's consent page, for the website authorization workflow.

As Amazon documents it: the app sends the seller to ``/apps/authorize/consent?application_id=…&state=…``
(plus ``version=beta`` while the app is a draft); the seller confirms; Seller Central redirects to the
app's registered redirect URI with ``state``, ``selling_partner_id`` and ``spapi_oauth_code``. The
code is exchanged at LWA (``grant_type=authorization_code``) within 5 minutes, once.
"""

from __future__ import annotations

import html
import re
import secrets
from dataclasses import dataclass, field
from typing import TYPE_CHECKING, Any
from urllib.parse import parse_qs, urlencode, urlsplit

if TYPE_CHECKING:
    from sync.simulator.handlers import Request

CODE_LIFETIME_S = 300.0  # "An LWA authorization code expires after five minutes."
CONSENT, CONFIRM = "consentPage", "consentConfirm"
OPERATIONS = (CONSENT, CONFIRM)
ROUTES: list[tuple[str, re.Pattern[str], str]] = [
    ("GET", re.compile(r"^/apps/authorize/consent$"), CONSENT),
    ("POST", re.compile(r"^/apps/authorize/confirm$"), CONFIRM),
]

Page = tuple[int, bytes, dict[str, str]]


@dataclass
class RegisteredApp:
    """The app as registered in the Solution Provider Portal (fake, test-only values)."""

    application_id: str
    name: str
    redirect_uris: list[str]
    draft: bool = False  # a draft app is authorised only with version=beta (else error MD1000)


@dataclass
class AuthCode:
    seller_id: str
    redirect_uri: str
    issued: float  # simulator monotonic seconds
    used: bool = False
    refresh_token: str = field(default="", repr=False)


def _page(status: int, title: str, inner: str, extra: dict[str, str] | None = None) -> Page:
    doc = (
        "<!doctype html><html lang='en'><head><meta charset='utf-8'>"
        f"<title>{html.escape(title)}</title></head><body><h1>{html.escape(title)}</h1>{inner}</body></html>"
    )
    headers = {"Cache-Control": "no-store", "X-Frame-Options": "DENY", **(extra or {})}
    return status, doc.encode(), headers


def _error_page(code: str, text: str) -> Page:
    # Seller Central shows an error code page (MD1000 draft app without version=beta, MD5101 redirect
    # URI not registered, as in Amazon's "Authorization Errors" page); other refusals carry no code.
    shown = f"<p id='error-code'>Error code: {html.escape(code)}</p>" if code else ""
    return _page(400, "We're sorry", f"{shown}<p>{html.escape(text)}</p>")


def _check(sim: Any, args: dict[str, str]) -> tuple[RegisteredApp | None, str, Page | None]:
    """The app, the redirect URI to use, or the error page to show."""
    app: RegisteredApp | None = sim.app
    if app is None or args.get("application_id") != app.application_id:
        return None, "", _error_page("", "This application is not available.")
    if not args.get("state"):
        return None, "", _error_page("", "The state parameter is missing.")
    if app.draft and args.get("version") != "beta":
        return None, "", _error_page("MD1000", "This application is in draft status: add version=beta.")
    redirect = args.get("redirect_uri") or app.redirect_uris[0]
    if redirect not in app.redirect_uris:
        return None, "", _error_page("MD5101", "The redirect URI does not match the application's registration.")
    return app, redirect, None


def serve(req: Request) -> Page:
    """GET the consent page, or POST its Confirm form."""
    sim = req.sim
    if req.operation == CONSENT:
        args = {k: v[0] for k, v in req.params.items()}
        app, redirect, problem = _check(sim, args)
        if problem is not None or app is None:
            return problem or _error_page("", "This application is not available.")
        return consent_page(sim, app, args, redirect)
    form = {k: v[0] for k, v in parse_qs(req.raw.decode(errors="replace"), keep_blank_values=True).items()}
    app, redirect, problem = _check(sim, form)
    if problem is not None or app is None:
        return problem or _error_page("", "This application is not available.")
    seller_id = form.get("selling_partner_id", "")
    if seller_id not in sim.world.sellers:
        return _error_page("", "Unknown selling account.")
    code = sim.issue_code(seller_id, redirect)
    query = {"state": form["state"], "selling_partner_id": seller_id, "spapi_oauth_code": code}
    if form.get("version") == "beta":
        query["version"] = "beta"
    glue = "&" if urlsplit(redirect).query else "?"
    return _page(302, "Redirecting", "", {"Location": redirect + glue + urlencode(query)})


def consent_page(sim: Any, app: RegisteredApp, args: dict[str, str], redirect: str) -> Page:
    """The page a signed-in seller sees: the app's name, the account, and a real Confirm form."""
    hidden = "".join(
        f"<input type='hidden' name='{name}' value='{html.escape(args.get(name, ''), quote=True)}'>"
        for name in ("application_id", "state", "version")
        if args.get(name)
    )
    hidden += f"<input type='hidden' name='redirect_uri' value='{html.escape(redirect, quote=True)}'>"
    options = "".join(
        f"<option value='{html.escape(s.seller_id, quote=True)}'>"
        f"{html.escape(s.name)} ({html.escape(s.seller_id)})</option>"
        for s in sim.world.sellers.values()
    )
    inner = (
        f"<p><strong id='app-name'>{html.escape(app.name)}</strong> is requesting access to your selling "
        "account data.</p>"
        "<form method='post' action='/apps/authorize/confirm'>"
        f"{hidden}<label>Selling account <select id='selling_partner_id' name='selling_partner_id'>{options}"
        "</select></label> <button id='confirm' type='submit'>Confirm</button></form>"
    )
    return _page(200, "Authorize " + app.name, inner)


def new_code() -> str:
    return "ANsim" + secrets.token_urlsafe(18)
