"""reader.library.fetch against the local server (tests/localweb.py): nothing leaves 127.0.0.1."""

from __future__ import annotations

import gzip
import socket
import subprocess
import sys
from concurrent.futures import ThreadPoolExecutor

import pytest

from reader.config import Config
from reader.library.fetch import (
    MAX_REDIRECTS,
    USER_AGENT,
    FetchError,
    Timeouts,
    fetch,
    limits_from,
    parse_content_type,
)
from tests.localweb import closed_port

PAGE = "<html><head><title>Hello</title></head><body><p>Caf\u00e9 text.</p></body></html>"
QUICK = Timeouts(connect=2, total=1)


def test_a_page_comes_with_its_type_charset_and_validators(web):
    url = web.route(
        "/a",
        PAGE,
        content_type="text/html; charset=UTF-8",
        etag='"v1"',
        last_modified="Tue, 01 Dec 2026 10:00:00 GMT",
    )
    response = fetch(url)
    assert response.status == 200
    assert response.body == PAGE.encode("utf-8")
    assert (response.content_type, response.charset) == ("text/html", "utf-8")
    assert response.etag == '"v1"'
    assert response.last_modified == "Tue, 01 Dec 2026 10:00:00 GMT"
    assert response.url == url and response.requested_url == url
    assert not response.not_modified
    assert response.headers["content-type"] == "text/html; charset=UTF-8"


def test_limelight_names_itself(web):
    url = web.route("/a", PAGE)
    fetch(url)
    sent = web.requests_for("/a")[-1].headers
    assert sent["user-agent"] == USER_AGENT
    assert USER_AGENT.startswith("Limelight/") and "(+http" in USER_AGENT
    assert "gzip" in sent["accept-encoding"]


def test_extra_headers_are_sent(web):
    url = web.route("/a", PAGE)
    fetch(url, headers={"Accept": "application/rss+xml"})
    assert web.requests_for("/a")[-1].headers["accept"] == "application/rss+xml"


def test_redirects_are_followed_and_the_final_address_kept(web):
    final = web.route("/final", PAGE)
    web.route("/middle", redirect="/final", status=301)
    start = web.route("/start", redirect=web.url("/middle"))
    response = fetch(start)
    assert response.url == final
    assert response.requested_url == start
    assert response.redirects == (start, web.url("/middle"))
    assert response.body == PAGE.encode()


def test_a_redirect_loop_stops(web):
    web.route("/loop", redirect="/loop")
    with pytest.raises(FetchError) as caught:
        fetch(web.url("/loop"))
    assert str(caught.value) == f"too many redirects (more than {MAX_REDIRECTS})"
    assert len(web.requests_for("/loop")) == MAX_REDIRECTS + 1


def test_a_redirect_elsewhere_than_the_web_is_refused(web):
    web.route("/odd", redirect="file:///etc/passwd")
    with pytest.raises(FetchError, match="redirected to something that is not a web address"):
        fetch(web.url("/odd"))


def test_not_found_is_one_line(web):
    with pytest.raises(FetchError) as caught:
        fetch(web.url("/nowhere"))
    assert str(caught.value) == "not found (HTTP 404)"
    assert caught.value.status == 404
    assert caught.value.url == web.url("/nowhere")


@pytest.mark.parametrize(
    ("status", "reason"),
    [
        (500, "the server failed: internal server error (HTTP 500)"),
        (503, "the server failed: service unavailable (HTTP 503)"),
        (403, "access denied (HTTP 403)"),
        (410, "gone: the page was removed (HTTP 410)"),
        (418, "i'm a teapot (HTTP 418)"),
    ],
)
def test_http_errors_are_one_line(web, status, reason):
    url = web.route("/e", "oops", status=status)
    with pytest.raises(FetchError) as caught:
        fetch(url)
    assert str(caught.value) == reason
    assert caught.value.status == status


def test_an_etag_gets_a_304(web):
    url = web.route("/feed", PAGE, etag='"v1"')
    first = fetch(url)
    again = fetch(url, etag=first.etag)
    assert again.not_modified and again.status == 304 and again.body == b""
    assert web.requests_for("/feed")[-1].headers["if-none-match"] == '"v1"'
    assert "if-none-match" not in web.requests_for("/feed")[0].headers


def test_a_last_modified_gets_a_304(web):
    stamp = "Tue, 01 Dec 2026 10:00:00 GMT"
    url = web.route("/feed", PAGE, last_modified=stamp)
    again = fetch(url, last_modified=stamp)
    assert again.not_modified
    assert web.requests_for("/feed")[-1].headers["if-modified-since"] == stamp


def test_a_changed_page_is_fetched_whole_despite_an_old_etag(web):
    url = web.route("/feed", "new text", etag='"v2"')
    response = fetch(url, etag='"v1"')
    assert not response.not_modified and response.body == b"new text"


def test_gzip_is_decoded(web):
    url = web.route("/z", gzip.compress(PAGE.encode()), headers={"Content-Encoding": "gzip"})
    assert fetch(url).body == PAGE.encode()


def test_a_chunked_body_is_read_whole(web):
    url = web.route("/c", PAGE * 20, chunks=7)
    assert fetch(url).body == (PAGE * 20).encode()


def test_a_slow_answer_hits_the_total_timeout(web):
    url = web.route("/slow", PAGE, delay=30)
    with pytest.raises(FetchError) as caught:
        fetch(url, timeout=QUICK)
    assert str(caught.value) == "timed out after 1 s"


def test_a_name_lookup_that_hangs_hits_the_total_timeout(web, monkeypatch):
    """Before any socket exists the watchdog has nothing to shut down: a
    lookup that never answers still ends the fetch at its deadline."""
    import threading

    answer = threading.Event()
    real = socket.getaddrinfo

    def hanging(host, *args, **kwargs):
        if host == "news.example":
            answer.wait(30)  # released when the test ends
            raise socket.gaierror(socket.EAI_NONAME, "never answered")
        return real(host, *args, **kwargs)

    monkeypatch.setattr(socket, "getaddrinfo", hanging)
    try:
        with pytest.raises(FetchError) as caught:
            fetch("http://news.example/story", timeout=Timeouts(connect=2, total=0.5))
        assert str(caught.value) == "timed out after 0.5 s (looking up news.example)"
        # and the client still serves other fetches meanwhile
        assert fetch(web.route("/after", PAGE), timeout=QUICK).status == 200
    finally:
        answer.set()


def test_a_trickling_body_hits_the_total_timeout(web):
    # every chunk comes quickly: only a budget for the whole fetch stops it
    url = web.route("/trickle", PAGE * 50, chunks=50, chunk_delay=0.1)
    with pytest.raises(FetchError) as caught:
        fetch(url, timeout=Timeouts(connect=2, total=0.5))
    assert str(caught.value) == "timed out after 0.5 s"


def test_an_oversized_body_stops_while_streaming(web):
    url = web.route("/huge", size=5_000_000)
    with pytest.raises(FetchError) as caught:
        fetch(url, max_bytes=1_000_000)
    assert str(caught.value) == "page is larger than 1 MB"


def test_an_oversized_declared_length_stops_before_reading(web):
    url = web.route("/big", b"x" * 3000)
    with pytest.raises(FetchError, match=r"^page is larger than 0\.002 MB$"):
        fetch(url, max_bytes=2000)


def test_a_gzip_bomb_is_capped_after_decoding(web):
    url = web.route("/bomb", gzip.compress(b"a" * 3_000_000), headers={"Content-Encoding": "gzip"})
    with pytest.raises(FetchError, match="page is larger than 1 MB"):
        fetch(url, max_bytes=1_000_000)


def test_a_refused_connection_is_one_line():
    port = closed_port()
    with pytest.raises(FetchError) as caught:
        fetch(f"http://127.0.0.1:{port}/a", timeout=QUICK)
    assert str(caught.value) == f"connection refused by 127.0.0.1:{port}"


def test_tls_to_a_plain_server_is_one_line(web):
    web.route("/a", PAGE)
    with pytest.raises(FetchError) as caught:
        fetch(f"https://127.0.0.1:{web.port}/a", timeout=QUICK)
    reason = str(caught.value)
    assert reason.startswith("secure connection (TLS) failed")
    assert "\n" not in reason


def test_a_name_not_resolved_is_one_line(monkeypatch):
    def no_such_name(*args, **kwargs):
        raise socket.gaierror(socket.EAI_NONAME, "Name or service not known")

    monkeypatch.setattr(socket, "getaddrinfo", no_such_name)
    with pytest.raises(FetchError) as caught:
        fetch("http://no-such-host.example/a", timeout=QUICK)
    assert str(caught.value) == (
        "could not find the server no-such-host.example (is the name right? no network?)"
    )


@pytest.mark.parametrize("url", ["ftp://example.org/a", "/etc/passwd", "http://", "mailto:a@b"])
def test_what_is_not_a_web_address_is_refused(url):
    with pytest.raises(FetchError, match="^not a web address"):
        fetch(url)


def test_several_fetches_at_once_share_the_pool(web):
    urls = [web.route(f"/p{n}", f"page {n}", chunks=3, chunk_delay=0.01) for n in range(12)]
    with ThreadPoolExecutor(max_workers=6) as pool:
        bodies = list(pool.map(lambda url: fetch(url).body, urls))
    assert bodies == [f"page {n}".encode() for n in range(12)]


def test_limits_come_from_the_config():
    config = Config(web_connect_timeout=3.0, web_timeout=7.5, web_max_megabytes=0.5)
    limits = limits_from(config)
    assert limits.timeout == Timeouts(connect=3.0, total=7.5)
    assert limits.max_bytes == 500_000
    assert limits_from(None) == limits_from(Config())


@pytest.mark.parametrize(
    ("header", "expected"),
    [
        ("text/html; charset=UTF-8", ("text/html", "utf-8")),
        ('Text/HTML;Charset="ISO-8859-1"', ("text/html", "iso-8859-1")),
        ("application/xhtml+xml", ("application/xhtml+xml", None)),
        ("text/plain; format=flowed; charset=utf-8", ("text/plain", "utf-8")),
        ("text/html; charset=", ("text/html", None)),
        ("", ("", None)),
        (None, ("", None)),
    ],
)
def test_content_type_is_parsed(header, expected):
    assert parse_content_type(header) == expected


def test_importing_the_module_imports_no_http_client():
    code = "import sys, reader.library.fetch; print('urllib3' in sys.modules)"
    out = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True, check=True)
    assert out.stdout.strip() == "False"


def test_the_web_settings_are_read_checked_and_shown(tmp_path, capsys):
    from reader.cli import main
    from reader.config import load_config

    path = tmp_path / "config.toml"
    path.write_text('[web]\nconnect_timeout = 2\ntimeout = -1\nmax_megabytes = "big"\n')
    config, problems = load_config(path)
    assert config.web_connect_timeout == 2.0
    assert config.web_timeout == Config().web_timeout  # refused: the default
    assert [(p.key, p.line, p.message) for p in problems] == [
        ("web.timeout", 3, "must be from 0.1 to 3600 seconds, not -1; default used"),
        (
            "web.max_megabytes",
            4,
            'must be a number of megabytes, not a string ("big"); default used',
        ),
    ]
    assert main(["config", "show"]) == 0
    shown = capsys.readouterr().out
    assert (
        "[web]\nconnect_timeout = 10  # default\ntimeout = 30  # default\nmax_megabytes = 20  # default"
        in shown
    )
