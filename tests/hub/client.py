"""A station talking to a hub app in-process (the tests' stand-in for issue "stations through the hub")."""

from __future__ import annotations

import secrets
from typing import Any

from fastapi.testclient import TestClient

from hub import __version__

VERSION = __version__


class StationClient:
    def __init__(self, client: TestClient, secret: str = "", version: str = VERSION) -> None:
        self.client = client
        self.secret = secret
        self.version = version
        self.operator = ""
        self.session = ""

    def headers(self, *, mutating: bool = False, request_id: str | None = None) -> dict[str, str]:
        h = {"X-Pacific-Station-Version": self.version}
        if self.secret:
            h["Authorization"] = f"Bearer {self.secret}"
        if self.session:
            h["X-Pacific-Operator"] = self.operator
            h["X-Pacific-Session"] = self.session
        if mutating:
            h["X-Client-Request-Id"] = request_id or secrets.token_hex(8)
        return h

    def enrol(self, code: str) -> Any:
        resp = self.client.post("/v1/enrol", json={"code": code}, headers=self.headers())
        if resp.status_code == 200:
            self.secret = resp.json()["secret"]
        return resp

    def login(self, **body: str) -> Any:
        resp = self.client.post("/v1/sessions", json=body, headers=self.headers(mutating=True))
        if resp.status_code == 200:
            self.operator, self.session = resp.json()["operator"], resp.json()["session"]
        return resp

    def get(self, path: str, **kw: Any) -> Any:
        return self.client.get(path, headers=self.headers(), **kw)

    def post(self, path: str, request_id: str | None = None, **kw: Any) -> Any:
        return self.client.post(path, headers=self.headers(mutating=True, request_id=request_id), **kw)

    def delete(self, path: str, request_id: str | None = None) -> Any:
        return self.client.delete(path, headers=self.headers(mutating=True, request_id=request_id))
