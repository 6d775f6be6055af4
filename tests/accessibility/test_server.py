"""The gate's live server closes every response before sending it (no file left open)."""

from __future__ import annotations

from accessibility.server import buffered


class Body:
    def __init__(self):
        self.closed = False

    def __iter__(self):
        yield b"<p>one</p>"
        yield b"<p>two</p>"

    def close(self):
        self.closed = True


def test_buffered_reads_and_closes_the_body_before_the_server_writes_anything():
    body, started = Body(), []

    def app(environ, start_response):
        start_response("200 OK", [("Content-Length", "20")])
        return body

    result = buffered(app)({}, lambda status, headers: started.append(status))
    assert body.closed and started == ["200 OK"]
    assert result == [b"<p>one</p><p>two</p>"]
