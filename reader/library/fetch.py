"""Fetching one web page: Limelight's HTTP client, on urllib3.

:func:`fetch` GETs a URL and returns a :class:`Response` (the final address
after redirects, the status, the headers, the body, the content type and
charset from ``Content-Type``, the validators ``ETag`` and
``Last-Modified``), or raises :class:`FetchError` whose message is one line a
reader understands ("not found (HTTP 404)", "timed out after 30 s", "page is
larger than 20 MB").

What it always does:

- sends Limelight's own User-Agent (:data:`USER_AGENT`) and asks for gzip or
  deflate, which urllib3 decodes;
- follows up to :data:`MAX_REDIRECTS` redirects itself, so the whole chain is
  held to one time budget and the final address is known;
- caps the time of the whole fetch, connect to last byte, while the body
  streams in (``Timeouts.total``; each socket wait is given only what is left,
  and a watchdog shuts the socket down at the deadline, so a server trickling
  its headers or its body a byte at a time cannot stretch it), and the
  connect time alone (``Timeouts.connect``); the fetch runs in a thread of
  its own waited for until the deadline, so a name lookup that hangs before
  any socket exists ends it too ("timed out after 30 s (looking up HOST)");
- caps the size of the body as it streams in (``max_bytes``, after
  decompression, so a small gzip bomb stops there too), before reading when
  ``Content-Length`` already says too much;
- with ``etag`` / ``last_modified`` given, sends ``If-None-Match`` /
  ``If-Modified-Since``; a 304 is a :class:`Response` with ``not_modified``.

Thread-safe: every call shares one urllib3 ``PoolManager`` (made on first
use), which pools connections per host. urllib3 (and certifi, for the
certificates) are imported on the first fetch, never at start-up.

The limits a reader chose are the config file's ``[web]`` section
(``connect_timeout``, ``timeout``, ``max_megabytes``); :func:`limits_from`
turns a :class:`~reader.config.Config` into the ``timeout`` and ``max_bytes``
to pass.
"""

from __future__ import annotations

import threading
import time
from collections.abc import Mapping
from dataclasses import dataclass, field
from typing import TYPE_CHECKING, Any, NamedTuple

if TYPE_CHECKING:
    import urllib3

    from reader.config import Config

__all__ = [
    "DEFAULT_MAX_BYTES",
    "DEFAULT_TIMEOUTS",
    "MAX_REDIRECTS",
    "USER_AGENT",
    "FetchError",
    "Limits",
    "Response",
    "Timeouts",
    "fetch",
    "fetch_options",
    "limits_from",
    "parse_content_type",
]

PROJECT_URL = "https://pypi.org/project/limelight-reader/"
MAX_REDIRECTS = 10
CHUNK = 64 * 1024
MEGABYTE = 1_000_000
DEFAULT_MAX_BYTES = 20 * MEGABYTE
REDIRECTS = frozenset({301, 302, 303, 307, 308})
ACCEPT = "text/html,application/xhtml+xml,application/xml;q=0.9,text/plain;q=0.8,*/*;q=0.5"


def _user_agent() -> str:
    from reader import __version__

    return f"Limelight/{__version__} (+{PROJECT_URL})"


USER_AGENT = _user_agent()


@dataclass(frozen=True, slots=True)
class Timeouts:
    """Seconds allowed to connect, and for the whole fetch (redirects and body included)."""

    connect: float = 10.0
    total: float = 30.0


DEFAULT_TIMEOUTS = Timeouts()


class Limits(NamedTuple):
    """What :func:`fetch` takes as ``timeout`` and ``max_bytes``: ``fetch(url, **limits._asdict())``."""

    timeout: Timeouts
    max_bytes: int


def limits_from(config: Config | None) -> Limits:
    """The ``[web]`` settings of ``config`` (the defaults for None)."""
    if config is None:
        return Limits(DEFAULT_TIMEOUTS, DEFAULT_MAX_BYTES)
    return Limits(
        Timeouts(connect=config.web_connect_timeout, total=config.web_timeout),
        int(config.web_max_megabytes * MEGABYTE),
    )


def fetch_options(limits: Limits | None) -> dict[str, Any]:
    """The keywords of :func:`fetch` for ``limits`` (the defaults for None)."""
    return (limits or limits_from(None))._asdict()


@dataclass(frozen=True)
class Response:
    """A page fetched.

    ``url`` is the final address (after redirects), ``requested_url`` the one
    asked for. ``headers`` has lower-case names (repeated headers joined by
    ", "). ``content_type`` is the media type alone, lower case
    (``"text/html"``, "" when the server sent none); ``charset`` the
    ``charset`` parameter when given (lower case), else None. ``etag`` and
    ``last_modified`` are "" when absent. A 304 answer to a conditional
    request has ``not_modified`` set and an empty body.
    """

    url: str
    status: int
    headers: Mapping[str, str]
    body: bytes
    content_type: str = ""
    charset: str | None = None
    etag: str = ""
    last_modified: str = ""
    requested_url: str = ""
    not_modified: bool = False
    redirects: tuple[str, ...] = field(default=())  # the addresses passed through, in order


class FetchError(Exception):
    """A fetch failed; ``str(error)`` is one line saying why ("not found (HTTP 404)").

    ``url`` is the address that failed (after any redirects), ``status`` the
    HTTP status when the server answered with an error, else None.
    """

    def __init__(self, reason: str, *, url: str = "", status: int | None = None) -> None:
        super().__init__(reason)
        self.reason = reason
        self.url = url
        self.status = status


def parse_content_type(value: str | None) -> tuple[str, str | None]:
    """``("text/html", "utf-8")`` from ``"text/html; charset=UTF-8"``; ``("", None)`` for nothing."""
    if not value:
        return "", None
    media, _, params = value.partition(";")
    charset = None
    for param in params.split(";"):
        name, _, raw = param.partition("=")
        if name.strip().lower() == "charset":
            charset = raw.strip().strip("\"'").strip().lower() or None
    return media.strip().lower(), charset


def _megabytes(count: int) -> str:
    return f"{count / MEGABYTE:g} MB"


def _seconds(value: float) -> str:
    return f"{value:g} s"


# -- the deadline ---------------------------------------------------------------------
#
# Each socket wait is given what is left of the fetch's time, but one wait is
# not the whole fetch: a server that sends its headers (or its chunk sizes)
# a byte at a time, each just within the time left, would stretch the fetch
# far past it. So a watchdog, a timer at the deadline, shuts the fetch's
# socket down; the read blocked on it ends and the fetch fails as timed out.

_current = threading.local()  # .watch: the _Watch of the fetch this thread runs
# How long past its deadline a fetch's thread is waited for: the watchdog has
# shut its socket down by then, and the blocked read ends at once.
DEADLINE_GRACE = 0.5


class _Watch:
    """The sockets of one fetch, shut down at its deadline unless it is over first."""

    def __init__(self, seconds: float) -> None:
        self._lock = threading.Lock()
        self._sockets: list[Any] = []
        self.fired = False
        self._over = False
        self._timer = threading.Timer(max(0.0, seconds), self._fire)
        self._timer.daemon = True
        self._timer.start()

    def add(self, sock: Any) -> None:
        with self._lock:
            if sock in self._sockets:
                return
            self._sockets.append(sock)
            fired = self.fired
        if fired:
            _shut(sock)

    def _fire(self) -> None:
        with self._lock:
            if self._over:
                return
            self.fired = True
            sockets = list(self._sockets)
        for sock in sockets:
            _shut(sock)

    def finish(self) -> bool:
        """End the watch; whether it fired (the connection is broken then)."""
        self._timer.cancel()
        with self._lock:
            self._over = True
            return self.fired


def _shut(sock: Any) -> None:
    import socket

    try:
        # the plain socket's shutdown, also under TLS: it only ends the
        # waits, and leaves the TLS object to the thread reading it
        socket.socket.shutdown(sock, socket.SHUT_RDWR)
    except (OSError, TypeError):
        pass


def _watched(base: type) -> type:
    """``base`` (urllib3's HTTP or HTTPS connection) whose socket is watched
    by the deadline of the fetch asking for a response on it."""

    class Watched(base):  # type: ignore[misc, valid-type]
        def getresponse(self, *args: Any, **kwargs: Any):
            watch = getattr(_current, "watch", None)
            if watch is not None and self.sock is not None:
                watch.add(self.sock)
            return super().getresponse(*args, **kwargs)

    Watched.__name__ = Watched.__qualname__ = f"Watched{base.__name__}"
    return Watched


# -- the shared pool ------------------------------------------------------------------

_pool_lock = threading.Lock()
_pool: urllib3.PoolManager | None = None


def _manager() -> urllib3.PoolManager:
    global _pool
    pool = _pool
    if pool is not None:
        return pool
    with _pool_lock:
        if _pool is None:
            import urllib3

            options: dict[str, Any] = {}
            try:
                import certifi

                options["ca_certs"] = certifi.where()
            except ImportError:  # the system's certificates, then
                pass
            from urllib3.connection import HTTPConnection, HTTPSConnection
            from urllib3.connectionpool import HTTPConnectionPool, HTTPSConnectionPool

            class Pool(HTTPConnectionPool):
                ConnectionCls = _watched(HTTPConnection)

            class SecurePool(HTTPSConnectionPool):
                ConnectionCls = _watched(HTTPSConnection)

            manager = urllib3.PoolManager(num_pools=32, maxsize=4, **options)
            manager.pool_classes_by_scheme = {"http": Pool, "https": SecurePool}
            _pool = manager
        return _pool


# -- errors as one line -----------------------------------------------------------------

_STATUS_WORDS = {
    400: "the server refused the request",
    401: "access denied: the page needs a login",
    403: "access denied",
    404: "not found",
    410: "gone: the page was removed",
    429: "too many requests: the server asks to wait",
}


def _status_reason(status: int) -> str:
    from http import HTTPStatus

    words = _STATUS_WORDS.get(status)
    if words is None:
        try:
            phrase = HTTPStatus(status).phrase
        except ValueError:
            phrase = ""
        if status >= 500:
            words = "the server failed" + (f": {phrase.lower()}" if phrase else "")
        else:
            words = phrase.lower() or "the server refused the page"
    return f"{words} (HTTP {status})"


def _cause(error: BaseException) -> BaseException | None:
    seen = 0
    cause = error.__cause__ or error.__context__
    while cause is not None and seen < 8:
        if isinstance(cause, OSError) and cause.errno is not None:
            return cause
        cause = cause.__cause__ or cause.__context__
        seen += 1
    return None


def _one_line(text: object) -> str:
    from reader.library.sanitize import one_line

    return one_line(text, 160)


def _tls_reason(error: BaseException) -> str:
    import ssl

    inner = error
    for _ in range(8):
        if isinstance(inner, ssl.SSLError) or inner.__cause__ is None and inner.__context__ is None:
            break
        inner = inner.__cause__ or inner.__context__  # type: ignore[assignment]
    if isinstance(inner, ssl.SSLCertVerificationError):
        detail = inner.verify_message or "certificate verify failed"
        return f"secure connection (TLS) failed: the certificate is not trusted ({detail})"
    if isinstance(inner, ssl.SSLError) and inner.reason:
        return f"secure connection (TLS) failed ({inner.reason.replace('_', ' ').lower()})"
    return "secure connection (TLS) failed"


def _translate(error: Exception, host: str, timeouts: Timeouts) -> FetchError:
    """A urllib3 (or socket) error as one :class:`FetchError` line."""
    import errno

    import urllib3.exceptions as ue

    if isinstance(error, ue.MaxRetryError) and error.reason is not None:
        error = error.reason  # type: ignore[assignment]
    if isinstance(error, ue.SSLError):
        return FetchError(_tls_reason(error))
    if isinstance(error, ue.NameResolutionError):
        return FetchError(f"could not find the server {host} (is the name right? no network?)")
    # (a NewConnectionError is a ConnectTimeoutError too: refused, unreachable...)
    if isinstance(error, ue.ConnectTimeoutError) and not isinstance(error, ue.NewConnectionError):
        return FetchError(f"timed out connecting to {host} after {_seconds(timeouts.connect)}")
    if isinstance(error, ue.ReadTimeoutError | TimeoutError):
        return FetchError(f"timed out after {_seconds(timeouts.total)}")
    if isinstance(error, ue.NewConnectionError | ConnectionError | OSError):
        cause = error if isinstance(error, OSError) and error.errno else _cause(error)
        code = getattr(cause, "errno", None)
        if code == errno.ECONNREFUSED:
            return FetchError(f"connection refused by {host}")
        if code in (errno.ENETUNREACH, errno.EHOSTUNREACH, errno.ENETDOWN):
            return FetchError(f"cannot reach {host}: no network")
        if code == errno.ECONNRESET:
            return FetchError(f"the connection to {host} was reset")
        reason = getattr(cause, "strerror", None) or _one_line(error)
        return FetchError(f"could not connect to {host}: {reason}")
    if isinstance(error, ue.DecodeError):
        return FetchError("the page's compressed data is broken")
    if isinstance(error, ue.ProtocolError):
        return FetchError(f"the connection to {host} broke off")
    if isinstance(error, ue.LocationValueError | ue.LocationParseError):
        return FetchError("not a web address")
    return FetchError(f"could not fetch the page: {_one_line(error) or type(error).__name__}")


# -- fetching -------------------------------------------------------------------------


def _check_url(url: str) -> tuple[str, str]:
    """``(url, host)`` when ``url`` is an http(s) address, else :class:`FetchError`."""
    from urllib.parse import urlsplit

    try:
        parts = urlsplit(url.strip())
        port = parts.port  # a ValueError for a port out of range or not a number
    except ValueError:
        raise FetchError("not a web address", url=url) from None
    if parts.scheme.lower() not in ("http", "https"):
        raise FetchError("not a web address (http:// or https://)", url=url)
    if not parts.hostname:
        raise FetchError("not a web address: no server name", url=url)
    host = parts.hostname
    return url.strip(), (f"{host}:{port}" if port else host)


def _headers_of(response: urllib3.BaseHTTPResponse) -> dict[str, str]:
    found: dict[str, str] = {}
    for name, value in response.headers.items():
        key = name.lower()
        found[key] = f"{found[key]}, {value}" if key in found else value
    return found


def _close(response: urllib3.BaseHTTPResponse) -> None:
    try:
        response.close()  # the connection is not reused: the pool makes another
    except Exception:  # noqa: BLE001 - closing a broken connection
        pass
    try:
        response.release_conn()
    except Exception:  # noqa: BLE001
        pass


def _remaining(deadline: float, timeouts: Timeouts) -> float:
    left = deadline - time.monotonic()
    if left <= 0:
        raise FetchError(f"timed out after {_seconds(timeouts.total)}")
    return left


def _read_body(
    response: urllib3.BaseHTTPResponse, deadline: float, timeouts: Timeouts, max_bytes: int
) -> bytes:
    """The (decoded) body, read in chunks within the deadline and the size cap."""
    declared = response.headers.get("content-length", "")
    if declared.isdigit() and int(declared) > max_bytes:
        raise FetchError(f"page is larger than {_megabytes(max_bytes)}")
    sock = getattr(getattr(response, "connection", None), "sock", None)
    parts: list[bytes] = []
    size = 0
    while True:
        left = _remaining(deadline, timeouts)
        if sock is not None:
            try:
                sock.settimeout(left)  # no socket wait outlives the fetch's budget
            except OSError:
                pass
        chunk = response.read1(CHUNK)
        if not chunk:
            break
        size += len(chunk)
        if size > max_bytes:
            raise FetchError(f"page is larger than {_megabytes(max_bytes)}")
        parts.append(chunk)
    _remaining(deadline, timeouts)
    return b"".join(parts)


def fetch(
    url: str,
    *,
    timeout: Timeouts | None = None,
    max_bytes: int | None = None,
    headers: Mapping[str, str] | None = None,
    etag: str | None = None,
    last_modified: str | None = None,
) -> Response:
    """GET ``url`` (http or https); see the module's docstring.

    ``headers`` are added to (and may replace) the defaults (User-Agent,
    Accept, Accept-Encoding). Raises :class:`FetchError` for every failure:
    an HTTP error status, a timeout, a TLS error, a name not resolved,
    a connection refused, too many redirects, a body over ``max_bytes``.
    """
    timeouts = timeout or DEFAULT_TIMEOUTS
    cap = DEFAULT_MAX_BYTES if max_bytes is None else max_bytes
    deadline = time.monotonic() + timeouts.total
    _, host = _check_url(url)
    # The fetch runs in a thread of its own, waited for until its deadline
    # (and a moment for the watchdog's shut-down to be seen): a wait no
    # socket can end -- the system's name lookup before connecting -- then
    # ends the fetch too, the lookup left to finish or fail in its thread.
    outcome: list[tuple[bool, Any]] = []

    def run() -> None:
        try:
            outcome.append(
                (True, _watched_fetch(url, deadline, timeouts, cap, headers, etag, last_modified))
            )
        except BaseException as error:  # noqa: BLE001 - handed to the caller
            outcome.append((False, error))

    worker = threading.Thread(target=run, name="limelight-fetch", daemon=True)
    worker.start()
    worker.join(timeouts.total + DEADLINE_GRACE)
    if not outcome:
        raise FetchError(f"timed out after {_seconds(timeouts.total)} (looking up {host})", url=url)
    done, value = outcome[0]
    if done:
        return value
    raise value


def _watched_fetch(
    url: str,
    deadline: float,
    timeouts: Timeouts,
    cap: int,
    headers: Mapping[str, str] | None,
    etag: str | None,
    last_modified: str | None,
) -> Response:
    """:func:`_fetch` under a watchdog at ``deadline`` (in the fetch's thread)."""
    watch = _current.watch = _Watch(timeouts.total)
    try:
        return _fetch(url, deadline, timeouts, cap, headers, etag, last_modified, watch)
    except FetchError as error:
        if watch.fired and not error.reason.startswith("timed out"):
            raise FetchError(
                f"timed out after {_seconds(timeouts.total)}", url=error.url, status=error.status
            ) from error
        raise
    finally:
        watch.finish()
        _current.watch = None


def _fetch(
    url: str,
    deadline: float,
    timeouts: Timeouts,
    cap: int,
    headers: Mapping[str, str] | None,
    etag: str | None,
    last_modified: str | None,
    watch: _Watch,
) -> Response:
    """:func:`fetch`'s work, under its ``watch``."""
    current, host = _check_url(url)
    sent = {
        "User-Agent": USER_AGENT,
        "Accept": ACCEPT,
        "Accept-Encoding": "gzip, deflate",
    }
    if etag:
        sent["If-None-Match"] = etag
    if last_modified:
        sent["If-Modified-Since"] = last_modified
    if headers:
        sent.update(headers)
    passed: list[str] = []
    from urllib.parse import urljoin

    import urllib3

    pool = _manager()
    while True:
        left = _remaining(deadline, timeouts)
        try:
            response = pool.urlopen(
                "GET",
                current,
                headers=sent,
                redirect=False,
                retries=False,
                preload_content=False,
                decode_content=True,
                timeout=urllib3.Timeout(connect=min(timeouts.connect, left), read=left),
            )
        except FetchError:
            raise
        except Exception as error:  # noqa: BLE001 - every failure becomes one line
            failure = _translate(error, host, timeouts)
            failure.url = current
            raise failure from error
        try:
            status = response.status
            if status in REDIRECTS and response.headers.get("location"):
                location = response.headers["location"]
                _close(response)
                passed.append(current)
                if len(passed) > MAX_REDIRECTS:
                    raise FetchError(f"too many redirects (more than {MAX_REDIRECTS})", url=current)
                try:
                    target = urljoin(current, location)  # (a ValueError for "http://[::1")
                    current, host = _check_url(target)
                except (FetchError, ValueError):
                    raise FetchError(
                        "redirected to something that is not a web address", url=location
                    ) from None
                continue
            found = _headers_of(response)
            media, charset = parse_content_type(found.get("content-type"))
            common = {
                "url": current,
                "status": status,
                "headers": found,
                "content_type": media,
                "charset": charset,
                "etag": found.get("etag", ""),
                "last_modified": found.get("last-modified", ""),
                "requested_url": url,
                "redirects": tuple(passed),
            }
            if status == 304:
                _close(response)
                return Response(body=b"", not_modified=True, **common)
            if not 200 <= status < 300:
                _close(response)
                raise FetchError(_status_reason(status), url=current, status=status)
            try:
                body = _read_body(response, deadline, timeouts, cap)
            except FetchError:
                _close(response)
                raise
            except Exception as error:  # noqa: BLE001
                _close(response)
                failure = _translate(error, host, timeouts)
                failure.url = current
                raise failure from error
            if watch.finish():  # the deadline came as the last byte did: not reused
                _close(response)
            else:
                response.release_conn()
            return Response(body=body, **common)
        except FetchError as error:
            error.url = error.url or current
            raise
