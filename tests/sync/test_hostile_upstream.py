"""Issue 10 items 3, 8, 9: the client against real loopback servers that answer like a hostile upstream."""

from __future__ import annotations

import json
import time
from http.server import BaseHTTPRequestHandler

import pytest

from station.clock import VirtualClock
from station.errors import UpstreamError
from sync.spapi import SpApiClient, SpApiConfig
from sync.spapi.endpoints import Connection, InsecureEndpoint
from sync.spapi.http import Response, make_session
from sync.spapi.inbound import SpApiFbaInbound
from sync.spapi.orders import search_orders
from tests.sync.hostile import Server, send, serve

SECRET = "client-secret-never-elsewhere"
REFRESH = "Atzr|refresh-token-never-elsewhere"
TOKEN_BODY = json.dumps({"access_token": "Atza|token", "expires_in": 3600}).encode()


def _token(handler: BaseHTTPRequestHandler) -> None:
    send(handler, 200, TOKEN_BODY, {"Content-Type": "application/json"})


def _client(base_url: str, lwa_url: str, **config: float) -> tuple[SpApiClient, list[tuple[str, str, int, int]]]:
    audit: list[tuple[str, str, int, int]] = []
    conn = Connection("A1SELLER", base_url, lwa_url, "client-id", SECRET, REFRESH)
    settings = {"read_timeout_s": 2.0, "max_attempts": 1, **config}
    client = SpApiClient(VirtualClock(), lambda _sid: conn, config=SpApiConfig(**settings),  # type: ignore[arg-type]
                         audit_hook=lambda *a: audit.append(a))  # fmt: skip
    return client, audit


# --- item 3: no redirects on anything that carries a secret ---------------------------------------


def test_token_refresh_never_follows_a_redirect() -> None:
    """A 307 from the token endpoint must not carry refresh_token/client_secret anywhere else."""
    with serve(_token) as elsewhere:
        port = elsewhere.url.rsplit(":", 1)[1]

        def redirect(handler: BaseHTTPRequestHandler) -> None:
            send(handler, 307, headers={"Location": f"http://localhost:{port}/steal"})

        with serve(redirect) as lwa:
            client, audit = _client(lwa.url, lwa.url + "/auth/o2/token")
            with pytest.raises(UpstreamError) as caught:
                client.lwa.access_token(client._connection_for("A1SELLER"))
    assert elsewhere.seen == []
    assert caught.value.status == 307 and not caught.value.retryable
    assert SECRET not in str(caught.value) and REFRESH not in str(caught.value)
    assert len(lwa.seen) == 1 and audit == [("lwaRefreshToken", "A1SELLER", 307, 0)]


def test_spapi_call_never_follows_a_redirect_with_the_access_token() -> None:
    with serve(_token) as elsewhere, serve(_token) as lwa:

        def redirect(handler: BaseHTTPRequestHandler) -> None:
            send(handler, 307, headers={"Location": elsewhere.url + "/orders"})

        with serve(redirect) as api:
            client, _audit = _client(api.url, lwa.url)
            with pytest.raises(UpstreamError) as caught:
                client.call("A1SELLER", "getOrder", "GET", "/orders/2026-01-01/orders/1")
    assert caught.value.status == 307
    assert elsewhere.seen == []


def test_session_applies_the_url_rule_to_every_request() -> None:
    """Even a direct use of the session cannot reach a plain-http host elsewhere."""
    session = make_session()
    with pytest.raises(InsecureEndpoint):
        session.get("http://sellingpartnerapi-na.amazon.com.evil.example/")
    assert session.trust_env is False
    session.close()


# --- item 8: bounded parser, size cap, whole-request deadline, one seller only --------------------


def test_deep_nesting_is_a_malformed_answer_not_a_recursion_error() -> None:
    def deep(handler: BaseHTTPRequestHandler) -> None:
        send(handler, 200, b"[" * 200_000, {"Content-Type": "application/json"})

    with serve(_token) as lwa, serve(deep) as api:
        client, audit = _client(api.url, lwa.url)
        with pytest.raises(UpstreamError) as caught:
            search_orders(client, "A1SELLER", last_updated_after="2026-01-01T00:00:00Z")
    assert caught.value.code == "MalformedBody"
    assert ("searchOrders", "A1SELLER", 200, 0) in audit


def test_depth_is_measured_without_recursion_and_ignores_strings() -> None:
    from sync.spapi.transport import json_depth, parse_json

    assert json_depth(b'{"a": [1, {"b": "[[[[{{{{\\"]]"}]}') == 3
    assert parse_json(b'{"a": [[["ok"]]]}') == {"a": [[["ok"]]]}
    with pytest.raises(ValueError):
        parse_json(b"[" * 65 + b"]" * 65)
    with pytest.raises(ValueError):
        parse_json(b'{"a": ' * 100_000)


def test_oversized_answer_is_refused_while_streaming() -> None:
    """A 24 MiB answer (no Content-Length) stops at the 16 MiB cap instead of filling memory."""

    def huge(handler: BaseHTTPRequestHandler) -> None:
        handler.send_response(200)
        handler.send_header("Content-Type", "application/json")
        handler.send_header("Connection", "close")
        handler.end_headers()
        handler.wfile.write(b'{"orders": [], "pad": "')
        block = b"x" * (1024 * 1024)
        for _ in range(24):
            handler.wfile.write(block)
        handler.wfile.write(b'"}')
        handler.close_connection = True

    with serve(_token) as lwa, serve(huge) as api:
        client, _audit = _client(api.url, lwa.url)
        with pytest.raises(UpstreamError) as caught:
            search_orders(client, "A1SELLER", last_updated_after="2026-01-01T00:00:00Z")
    assert caught.value.code == "ResponseTooLarge" and not caught.value.retryable


def test_declared_oversized_answer_is_refused_before_reading() -> None:
    def declared(handler: BaseHTTPRequestHandler) -> None:
        send(handler, 200, b"{}", {"Content-Length": str(1 << 40)})
        handler.close_connection = True

    with serve(_token) as lwa, serve(declared) as api:
        client, _audit = _client(api.url, lwa.url)
        with pytest.raises(UpstreamError) as caught:
            client.call("A1SELLER", "getOrder", "GET", "/orders/2026-01-01/orders/1")
    assert caught.value.code == "ResponseTooLarge"


def _drip(handler: BaseHTTPRequestHandler) -> None:
    """Headers at once, then one byte every 0.2 s: each read is quick, the whole answer takes 8 s."""
    body = b'{"orders": [], "pad": "' + b"x" * 15 + b'"}'
    handler.send_response(200)
    handler.send_header("Content-Length", str(len(body)))
    handler.end_headers()
    for n in range(len(body)):
        handler.wfile.write(body[n : n + 1])
        handler.wfile.flush()
        time.sleep(0.2)


def test_slow_drip_hits_the_whole_request_deadline() -> None:
    with serve(_token) as lwa, serve(_drip) as api:
        client, audit = _client(api.url, lwa.url, read_timeout_s=1.0, request_deadline_s=1.5)
        started = time.monotonic()
        with pytest.raises(UpstreamError) as caught:
            search_orders(client, "A1SELLER", last_updated_after="2026-01-01T00:00:00Z")
        took = time.monotonic() - started
    assert caught.value.code == "DeadlineExceeded"
    assert took < 4.0
    assert ("searchOrders", "A1SELLER", 0, 0) in audit


def test_slow_drip_of_the_headers_hits_the_deadline() -> None:
    def drip_headers(handler: BaseHTTPRequestHandler) -> None:
        handler.wfile.write(b"HTTP/1.1 200 OK\r\n")
        for _ in range(40):
            handler.wfile.write(b"X: y\r\n")
            handler.wfile.flush()
            time.sleep(0.2)

    with serve(_token) as lwa, serve(drip_headers) as api:
        client, _audit = _client(api.url, lwa.url, read_timeout_s=1.0, request_deadline_s=1.5)
        started = time.monotonic()
        with pytest.raises(UpstreamError) as caught:
            client.call("A1SELLER", "getOrder", "GET", "/orders/2026-01-01/orders/1")
    assert caught.value.code == "DeadlineExceeded"
    assert time.monotonic() - started < 4.0


# --- item 9: label downloads go through the client's rules ----------------------------------------


def _labels_api(doc: Server) -> object:
    def answer(handler: BaseHTTPRequestHandler) -> None:
        body = {"payload": {"DownloadURL": doc.url + "/labels.pdf?X-Amz-Signature=abc"}}
        send(handler, 200, json.dumps(body).encode(), {"Content-Type": "application/json"})

    return answer


def test_label_download_ignores_proxy_env_and_is_audited(monkeypatch: pytest.MonkeyPatch) -> None:
    def pdf(handler: BaseHTTPRequestHandler) -> None:
        send(handler, 200, b"%PDF-1.4 box labels", {"Content-Type": "application/pdf"})

    with serve(pdf) as proxy, serve(pdf) as doc, serve(_token) as lwa, serve(_labels_api(doc)) as api:
        for name in ("no_proxy", "NO_PROXY"):
            monkeypatch.delenv(name, raising=False)
        for name in ("HTTP_PROXY", "HTTPS_PROXY", "http_proxy", "https_proxy", "ALL_PROXY"):
            monkeypatch.setenv(name, proxy.url)
        client, audit = _client(api.url, lwa.url)
        got = SpApiFbaInbound(client).box_labels("A1SELLER", "FBA123", ["FBA123U000001"])
    assert got == b"%PDF-1.4 box labels"
    assert proxy.seen == []
    assert [s.path for s in doc.seen] == ["/labels.pdf?X-Amz-Signature=abc"]
    assert "x-amz-access-token" not in {k.lower() for k in doc.seen[0].headers}
    assert ("getLabelsDownload", "A1SELLER", 200, 1) in audit


def test_label_download_refuses_loopback_url_when_the_endpoint_is_amazon(monkeypatch: pytest.MonkeyPatch) -> None:
    """An answer from a real (https) endpoint may not point the station at a service on this computer."""

    def pdf(handler: BaseHTTPRequestHandler) -> None:
        send(handler, 200, b"%PDF-1.4 local secrets")

    with serve(pdf) as doc:
        client, _audit = _client("https://sellingpartnerapi-na.amazon.com", "https://api.amazon.com/auth/o2/token")
        answer = Response(200, {"payload": {"DownloadURL": doc.url + "/labels.pdf"}}, {})
        monkeypatch.setattr(client, "call", lambda *a, **k: answer)
        with pytest.raises(UpstreamError) as caught:
            SpApiFbaInbound(client).box_labels("A1SELLER", "FBA123", [])
    assert caught.value.code == "InsecureDocumentUrl"
    assert doc.seen == []


def test_label_download_does_not_follow_redirects() -> None:
    with serve(lambda h: send(h, 200, b"%PDF-1.4 elsewhere")) as elsewhere:
        moved = {"Location": elsewhere.url + "/x"}
        with serve(lambda h: send(h, 302, headers=moved)) as doc, serve(_token) as lwa, serve(_labels_api(doc)) as api:
            client, audit = _client(api.url, lwa.url)
            with pytest.raises(UpstreamError) as caught:
                SpApiFbaInbound(client).box_labels("A1SELLER", "FBA123", [])
    assert caught.value.code == "DownloadFailed" and caught.value.status == 302
    assert elsewhere.seen == []
    assert ("getLabelsDownload", "A1SELLER", 302, 0) in audit


@pytest.mark.parametrize(
    "url",
    ["http://127.0.0.1/x", "https://127.0.0.1/x", "https://localhost./x", "https://127.1/x", "https://2130706433/x",
     "https://0.0.0.0/x", "https://169.254.169.254/latest", "https://10.0.0.5/x", "https://[::1]/x",
     "https://[::ffff:127.0.0.1]/x", "https://printer.local/x", "http://s3.amazonaws.com/x", "ftp://x.example/y"],
)  # fmt: skip
def test_document_urls_from_an_answer_must_point_elsewhere(url: str) -> None:
    from sync.spapi.endpoints import check_document_url

    with pytest.raises(UpstreamError):
        check_document_url(url, "https://sellingpartnerapi-na.amazon.com")


def test_document_url_rules_allow_s3_and_the_simulator() -> None:
    from sync.spapi.endpoints import check_document_url

    s3 = "https://fba-labels.s3.amazonaws.com/x.pdf?X-Amz-Signature=abc"
    assert check_document_url(s3, "https://sellingpartnerapi-na.amazon.com") == s3
    assert check_document_url("http://127.0.0.1:8080/l.pdf", "http://127.0.0.1:8080") == "http://127.0.0.1:8080/l.pdf"
