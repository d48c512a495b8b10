"""An answer from the hub cut short on the way (the warehouse soak's fault proxy drops it mid-stream) is the
hub being out of reach, never a crash: the station goes offline and parks work, as for any network fault.
Found by tests.bench.soak_warehouse: a 200 whose headers were cut after a few bytes reached the client with no
body, and the station process died on a TypeError in its sync pass and its login."""

from __future__ import annotations

import socket
import threading
from collections.abc import Iterator

import pytest

from sync.hubclient import HubClient, HubUnreachable

CUT_ANSWERS = [
    b"HTTP/1.1 200 OK\r\ncach",  # cut inside the headers: no Content-Length, no body
    b"HTTP/1.1 200 OK\r\ncontent-type: application/json\r\n\r\n",  # headers, then the connection ends
]


@pytest.fixture(params=CUT_ANSWERS, ids=["in-headers", "before-body"])
def cut_url(request: pytest.FixtureRequest) -> Iterator[str]:
    """A loopback server that reads a request and sends the start of a 200 answer, then closes."""
    answer: bytes = request.param
    server = socket.socket()
    server.bind(("127.0.0.1", 0))
    server.listen(8)
    server.settimeout(0.2)
    stop = threading.Event()

    def serve() -> None:
        while not stop.is_set():
            try:
                conn, _ = server.accept()
            except OSError:
                continue
            with conn:
                conn.recv(65536)
                conn.sendall(answer)

    thread = threading.Thread(target=serve, daemon=True)
    thread.start()
    yield f"http://127.0.0.1:{server.getsockname()[1]}"
    stop.set()
    thread.join(timeout=2)
    server.close()


def test_a_cut_answer_is_the_hub_out_of_reach(cut_url: str) -> None:
    client = HubClient(cut_url, "secret", deadline_s=5, timeout=(2.0, 2.0))
    try:
        with pytest.raises(HubUnreachable):
            client.changes(0)  # the sync pass
        with pytest.raises(HubUnreachable):
            client.login_badge("BADGE-0001", "482913")  # the packer's login (then offline: the station's check)
        with pytest.raises(HubUnreachable):
            client.heartbeat()
    finally:
        client.close()
