"""The seller's pages: the onboarding page with its Authorize button, and the callback's result."""

from __future__ import annotations

from html import escape
from typing import Annotated, Any

from fastapi import APIRouter, Path, Query
from fastapi.responses import HTMLResponse, RedirectResponse

from hub.api.deps import HubDep
from hub.api.errors import status_for
from station.errors import StationError
from station.logs import safe_message

router = APIRouter(tags=["sellers"])
Token = Annotated[str, Path(min_length=8, max_length=128)]
HTML: dict[str, Any] = {"content": {"text/html": {}}}
PAGE_RESPONSES: dict[int | str, dict[str, Any]] = {400: HTML, 401: HTML, 404: HTML, 502: HTML}


def page(title: str, body: str, status: int = 200) -> HTMLResponse:
    """A small self-contained page; every dynamic value is escaped by the caller."""
    html = (
        "<!doctype html><html lang='en'><head><meta charset='utf-8'>"
        "<meta name='viewport' content='width=device-width, initial-scale=1'>"
        f"<title>{escape(title)}</title><style>body{{font-family:sans-serif;max-width:36em;margin:3em auto}}"
        "button{font-size:1.2em;padding:.5em 1.5em}</style></head>"
        f"<body><h1>{escape(title)}</h1>{body}</body></html>"
    )
    # no-referrer: the page's own URL holds the onboarding token; the rest keeps it out of frames and scripts.
    headers = {
        "Cache-Control": "no-store",
        "Referrer-Policy": "no-referrer",
        "X-Frame-Options": "DENY",
        "Content-Security-Policy": "default-src 'none'; style-src 'unsafe-inline'; frame-ancestors 'none'",
    }
    return HTMLResponse(html, status_code=status, headers=headers)


def _error(exc: StationError) -> HTMLResponse:
    return page("Authorization not possible", f"<p id='error'>{escape(safe_message(exc))}</p>", status_for(exc))


@router.get("/onboard/{token}", response_class=HTMLResponse, responses=PAGE_RESPONSES)
def onboarding(token: Token, hub: HubDep) -> HTMLResponse:
    """The seller's onboarding page: what happens, and the Authorize button."""
    try:
        name = hub.sellers.onboarding_seller(token)
    except StationError as exc:
        return _error(exc)
    body = (
        f"<p>Pacific Prep WMS asks <b>{escape(name)}</b> to authorize its Selling Partner API application, so "
        "that we can fulfil your orders.</p><p>You will sign in to Seller Central and confirm there.</p>"
        f"<form method='post' action='/onboard/{escape(token)}/authorize'>"
        "<button id='authorize' type='submit'>Authorize</button></form>"
    )
    return page("Authorize Pacific Prep WMS", body)


@router.post("/onboard/{token}/authorize", response_class=HTMLResponse, response_model=None,
             responses={303: {"description": "to Seller Central's consent page"}, **PAGE_RESPONSES})  # fmt: skip
def authorize(token: Token, hub: HubDep) -> HTMLResponse | RedirectResponse:
    """Make a single-use state and send the browser to Seller Central's consent page."""
    try:
        url = hub.sellers.consent_url(token)
    except StationError as exc:
        return _error(exc)
    return RedirectResponse(url, status_code=303, headers={"Cache-Control": "no-store"})


@router.get("/oauth/callback", response_class=HTMLResponse, responses=PAGE_RESPONSES)
def callback(
    hub: HubDep,
    state: Annotated[str, Query(max_length=256)] = "",
    selling_partner_id: Annotated[str, Query(max_length=64)] = "",
    spapi_oauth_code: Annotated[str, Query(max_length=512)] = "",
) -> HTMLResponse:
    """Seller Central's redirect back: the code is exchanged and the seller verified."""
    try:
        name = hub.sellers.callback(state, spapi_oauth_code, selling_partner_id)
    except StationError as exc:
        return _error(exc)
    row = hub.store.sellers.by_name(name)
    verified = row is not None and row.state == "verified"
    note = "verified with Amazon" if verified else "authorized; verification with Amazon is pending"
    return page("Thank you", f"<p id='result'>{escape(name)} is {note}. You can close this page.</p>")
