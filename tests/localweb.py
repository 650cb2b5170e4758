"""A local web server for tests: nothing in the test suite reaches the internet.

:class:`LocalWeb` serves on 127.0.0.1 at a random port, in a thread
(``ThreadingHTTPServer``), the routes a test registers::

    def test_something(web):                      # the fixture in conftest.py
        web.route("/a", "<html>...</html>")       # 200, text/html; charset=utf-8
        web.route("/old", redirect="/a")          # 302 to /a
        web.route("/gone", status=404)
        web.route("/feed", body, content_type="application/rss+xml",
                  etag='"v1"', last_modified="Tue, 01 Dec 2026 10:00:00 GMT")
        web.route("/slow", "...", delay=5)        # waits before answering
        web.route("/trickle", "...", chunk_delay=0.5, chunks=10)  # chunked, slowly
        web.route("/huge", size=30_000_000)      # streamed, no Content-Length
        fetch(web.url("/a"))
        assert web.requests_for("/feed")[-1].headers["if-none-match"] == '"v1"'

A route with ``etag`` and/or ``last_modified`` answers 304 (no body) to a
request whose ``If-None-Match`` matches the ETag or whose
``If-Modified-Since`` equals the Last-Modified. Registering a path again
replaces its route (a page that changed). Every request received is recorded
(:attr:`LocalWeb.requests`), including those of unknown paths, which get 404.

:func:`closed_port` gives a port nothing listens on (a connection there is
refused).
"""

from __future__ import annotations

import socket
import threading
from dataclasses import dataclass, field
from http.server import BaseHTTPRequestHandler, ThreadingHTTPServer

HTML = "text/html; charset=utf-8"


@dataclass(frozen=True)
class Route:
    body: bytes = b""
    status: int = 200
    content_type: str | None = HTML
    headers: tuple[tuple[str, str], ...] = ()
    delay: float = 0.0  # seconds before the answer starts
    chunks: int = 1  # the body sent in this many chunks (chunked encoding when > 1)
    chunk_delay: float = 0.0  # seconds between chunks
    redirect: str | None = None  # Location; status 302 unless given
    etag: str | None = None
    last_modified: str | None = None
    size: int | None = None  # stream this many bytes of filler, without Content-Length


@dataclass(frozen=True)
class Request:
    method: str
    path: str
    headers: dict[str, str] = field(default_factory=dict)  # lower-case names


class LocalWeb:
    """The server; :meth:`stop` ends it (the fixture does)."""

    def __init__(self) -> None:
        self.routes: dict[str, Route] = {}
        self.requests: list[Request] = []
        self._lock = threading.Lock()
        self._stopping = threading.Event()
        web = self

        class Handler(BaseHTTPRequestHandler):
            protocol_version = "HTTP/1.1"
            # TCP_NODELAY: on a kept-alive connection Nagle's algorithm would hold
            # the body (sent after the headers) ~40 ms for the client's ACK.
            disable_nagle_algorithm = True

            def log_message(self, format, *args):  # noqa: A002 - quiet in tests
                pass

            def do_GET(self):  # noqa: N802 - http.server's name
                web._answer(self)

            def do_HEAD(self):  # noqa: N802
                web._answer(self)

        class Server(ThreadingHTTPServer):
            def handle_error(self, request, client_address):
                import sys

                if isinstance(sys.exc_info()[1], ConnectionError):
                    return  # the client closed a kept-alive connection: no traceback
                super().handle_error(request, client_address)  # on stderr: a test sees it

        self._server = Server(("127.0.0.1", 0), Handler)
        self._server.daemon_threads = True
        self._server.block_on_close = False
        self.port = self._server.server_address[1]
        self._thread = threading.Thread(
            target=self._server.serve_forever, args=(0.05,), daemon=True
        )
        self._thread.start()

    # -- what a test uses ---------------------------------------------------------------

    def url(self, path: str = "/") -> str:
        return f"http://127.0.0.1:{self.port}{path}"

    def route(
        self,
        path: str,
        body: bytes | str = b"",
        *,
        status: int | None = None,
        content_type: str | None = HTML,
        headers: dict[str, str] | None = None,
        delay: float = 0.0,
        chunks: int = 1,
        chunk_delay: float = 0.0,
        redirect: str | None = None,
        etag: str | None = None,
        last_modified: str | None = None,
        size: int | None = None,
    ) -> str:
        """Serve ``path`` so; returns its full URL."""
        data = body.encode("utf-8") if isinstance(body, str) else bytes(body)
        if status is None:
            status = 302 if redirect is not None else 200
        route = Route(
            data,
            status,
            content_type,
            tuple((headers or {}).items()),
            delay,
            max(1, chunks),
            chunk_delay,
            redirect,
            etag,
            last_modified,
            size,
        )
        with self._lock:
            self.routes[path] = route
        return self.url(path)

    def requests_for(self, path: str) -> list[Request]:
        with self._lock:
            return [request for request in self.requests if request.path == path]

    def stop(self) -> None:
        self._stopping.set()  # wakes every delayed answer
        self._server.shutdown()
        self._server.server_close()
        self._thread.join(timeout=5)

    # -- answering -----------------------------------------------------------------------

    def _answer(self, handler: BaseHTTPRequestHandler) -> None:
        headers = {name.lower(): value for name, value in handler.headers.items()}
        with self._lock:
            self.requests.append(Request(handler.command, handler.path, headers))
            route = self.routes.get(handler.path)
        if route is None:
            route = Route(b"no such page", 404, "text/plain")
        if route.delay and self._stopping.wait(route.delay):
            return
        try:
            self._send(handler, route, headers)
        except (BrokenPipeError, ConnectionResetError):
            pass  # the client gave up (a timeout or a size cap): that is the test

    def _send(self, handler, route: Route, headers: dict[str, str]) -> None:
        fresh = (route.etag is not None and headers.get("if-none-match") == route.etag) or (
            route.last_modified is not None
            and headers.get("if-modified-since") == route.last_modified
        )
        status = 304 if fresh else route.status
        handler.send_response(status)
        if route.content_type is not None and status != 304:
            handler.send_header("Content-Type", route.content_type)
        if route.redirect is not None:
            handler.send_header("Location", route.redirect)
        if route.etag is not None:
            handler.send_header("ETag", route.etag)
        if route.last_modified is not None:
            handler.send_header("Last-Modified", route.last_modified)
        for name, value in route.headers:
            handler.send_header(name, value)
        if status == 304:
            handler.send_header("Content-Length", "0")
            handler.end_headers()
            return
        if route.size is not None:
            handler.send_header("Connection", "close")
            handler.end_headers()
            handler.close_connection = True
            self._stream(handler, route.size)
            return
        body = route.body
        if route.chunks > 1:
            handler.send_header("Transfer-Encoding", "chunked")
            handler.end_headers()
            step = max(1, -(-len(body) // route.chunks))
            for start in range(0, len(body), step):
                piece = body[start : start + step]
                handler.wfile.write(f"{len(piece):x}\r\n".encode() + piece + b"\r\n")
                handler.wfile.flush()
                if route.chunk_delay and self._stopping.wait(route.chunk_delay):
                    return
            handler.wfile.write(b"0\r\n\r\n")
            return
        handler.send_header("Content-Length", str(len(body)))
        handler.end_headers()
        if handler.command != "HEAD":
            handler.wfile.write(body)

    def _stream(self, handler, size: int) -> None:
        block = b"<p>" + b"filler " * 9000 + b"</p>\n"
        sent = 0
        while sent < size and not self._stopping.is_set():
            piece = block[: size - sent]
            handler.wfile.write(piece)
            sent += len(piece)


def closed_port() -> int:
    """A port on 127.0.0.1 that nothing listens on (bound, then let go)."""
    with socket.socket(socket.AF_INET, socket.SOCK_STREAM) as probe:
        probe.bind(("127.0.0.1", 0))
        return probe.getsockname()[1]
