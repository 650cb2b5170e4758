"""Read one file into an :class:`Article`, whatever is in it.

:func:`load_file` never raises for a bad file: an empty, binary, unreadable,
vanished or oversized file comes back as a :func:`broken_article` carrying a
one-line reason, and invalid UTF-8 is replaced (with a warning) rather than
rejected.
"""

from __future__ import annotations

import codecs
import errno
import os
import re
import stat
import threading
import time
from pathlib import Path

from . import importers
from .importers import SUPPORTED_SUFFIXES, Importer
from .model import Article, broken_article

# SUPPORTED_SUFFIXES (re-exported): what a folder scan picks up, the registered
# importers' suffixes, a live view of the registry. A file named explicitly
# with another suffix is read as plain text.
__all__ = [
    "MAX_BYTES",
    "SUPPORTED_SUFFIXES",
    "NotText",
    "decode_bytes",
    "declared_charset",
    "format_of",
    "forget_files",
    "format_size",
    "load_file",
    "load_text",
    "parse_text",
    "read_bytes",
]

MAX_BYTES = 25 * 1024 * 1024

# How much of a file is sniffed to tell text from binary.
_SNIFF_BYTES = 8192
# Share of a text sample that may be control characters, and control or
# undecodable characters together, before the file counts as binary.
_MAX_CONTROL_RATIO = 0.05
_MAX_JUNK_RATIO = 0.30

_KB = 1024
_MB = 1024 * 1024


def format_size(size: int) -> str:
    """``31 MB``, ``12 KB`` or ``300 bytes``."""
    if size >= _MB:
        return f"{size / _MB:.0f} MB"
    if size >= _KB:
        return f"{size / _KB:.0f} KB"
    return f"{size} bytes"


def format_of(path: str | Path) -> str:
    """The format of the importer for ``path``'s suffix (``"md"``, ``"html"``...),
    ``"txt"`` for a suffix no importer claims."""
    return importers.for_path(path).format


# --- decoding ----------------------------------------------------------------

_counter = threading.local()


def _count_and_replace(exc: UnicodeError) -> tuple[str, int]:
    if not isinstance(exc, UnicodeDecodeError):
        raise exc
    _counter.bad = getattr(_counter, "bad", 0) + (exc.end - exc.start)
    return "\ufffd", exc.end


codecs.register_error("limelight-count", _count_and_replace)


def _decode_counting(data: bytes, encoding: str) -> tuple[str, int]:
    """Decode with replacement characters; also return how many bytes were bad."""
    _counter.bad = 0
    text = data.decode(encoding, errors="limelight-count")
    return text, _counter.bad


# Characters that make up most of real text in the scripts UTF-16 is used for
# without NULs (Chinese, Japanese, Korean): ASCII, Latin-1, general
# punctuation, CJK punctuation, kana, bopomofo, ideographs, Hangul, full-width
# forms. The same bytes read in the wrong byte order, or a legacy double-byte
# charset (GBK, Big5, Shift JIS) read as UTF-16, give far fewer of them.
# Compiled when first needed (a few ms, for a file that may be UTF-16 only).
_COMMON_IN_UTF16 = (
    "[\t\n\r\x20-\x7e\xa0-\xff\u2000-\u206f\u3000-\u31ff"
    "\u3400-\u4dbf\u4e00-\u9fff\uac00-\ud7a3\uff00-\uffef]"
)
# Share of a decoded sample that must be such characters to read it as UTF-16.
_MIN_COMMON_UTF16 = 0.9


def _common_share(sample: bytes, encoding: str) -> float:
    text = sample[: len(sample) & ~1].decode(encoding, errors="replace")
    if text and "\ud800" <= text[-1] <= "\udfff":
        text = text[:-1]  # a surrogate pair cut at the sample's end
    if not text:
        return 0.0
    return len(re.findall(_COMMON_IN_UTF16, text)) / len(text)  # re caches the compiled form


def _utf16_by_script(sample: bytes) -> str | None:
    """``"utf-16-le"``/``"utf-16-be"`` if ``sample`` read in that byte order is
    mostly CJK and common characters (UTF-16 Chinese text has few NULs or none)."""
    if len(sample) < 4:
        return None
    shares = {encoding: _common_share(sample, encoding) for encoding in ("utf-16-le", "utf-16-be")}
    encoding = max(shares, key=shares.__getitem__)
    other = min(shares.values())
    if shares[encoding] >= _MIN_COMMON_UTF16 and shares[encoding] - other >= 0.2:
        return encoding
    return None


def _utf16_without_bom(sample: bytes) -> str | None:
    """``"utf-16-le"``/``"utf-16-be"`` if ``sample`` looks like BOM-less UTF-16:
    NULs at odd (little-endian) or even (big-endian) positions for ASCII-heavy
    text, else mostly CJK and common characters in one byte order."""
    if len(sample) < 4:
        return None
    even = sample[0::2]
    odd = sample[1::2]
    even_nuls = even.count(0) / len(even)
    odd_nuls = odd.count(0) / len(odd)
    if odd_nuls > 0.3 and even_nuls < 0.02:
        return "utf-16-le"
    if even_nuls > 0.3 and odd_nuls < 0.02:
        return "utf-16-be"
    return _utf16_by_script(sample)


def _valid_utf8_start(sample: bytes) -> bool:
    """True if ``sample`` is valid UTF-8 (a character cut at its end aside)."""
    try:
        codecs.getincrementaldecoder("utf-8")().decode(sample, final=False)
    except UnicodeDecodeError:
        return False
    return True


_CONTROL_CHARS = re.compile("[\x00-\x08\x0b\x0e-\x1a\x1c-\x1f\x7f-\x9f]")


def _is_binary(sample: str) -> bool:
    """True if decoded text is mostly not text (controls, undecodable bytes)."""
    if not sample:
        return False
    controls = len(_CONTROL_CHARS.findall(sample))
    replaced = sample.count("\ufffd")
    size = len(sample)
    return controls / size > _MAX_CONTROL_RATIO or (controls + replaced) / size > _MAX_JUNK_RATIO


class NotText(Exception):
    """The bytes are not text (the message is the user-facing reason)."""


_CHARSET = re.compile(
    rb"""<meta[^>]+charset\s*=\s*["']?([A-Za-z0-9_.:-]+)|<\?xml[^>]+encoding\s*=\s*["']([A-Za-z0-9_.:-]+)""",
    re.IGNORECASE,
)


# Codecs Python knows that are no page's character set: they turn "\\x00" or
# "\\ud800" in the text into controls and lone surrogates, or always fail.
_NOT_CHARSETS = frozenset(
    {"unicode-escape", "raw-unicode-escape", "punycode", "idna", "undefined", "unicode-internal"}
)


def declared_charset(data: bytes) -> str | None:
    """The non-Unicode encoding a page declares (``<meta charset>``, ``<?xml?>``)."""
    match = _CHARSET.search(data[:4096])
    if not match:
        return None
    try:
        info = codecs.lookup((match.group(1) or match.group(2)).decode("ascii"))
    except (LookupError, UnicodeDecodeError):
        return None
    encoding = info.name
    if encoding.startswith("utf") or encoding in _NOT_CHARSETS:
        return None
    if not getattr(info, "_is_text_encoding", True):  # rot13, hex, base64...
        return None
    return encoding


def _mostly_utf8(text: str, bad: int) -> bool:
    """True if UTF-8 with ``bad`` invalid bytes still reads as UTF-8.

    A page in a legacy charset decoded as UTF-8 gives almost no valid
    multi-byte characters (Latin-1 "café" is "caf\\xe9", invalid; GB2312
    pairs rarely form UTF-8 sequences and leave many bad bytes); UTF-8 text
    with a stray byte gives more valid non-ASCII characters than bad bytes.
    """
    if text.isascii():
        return False
    valid = len(text) - len(text.encode("ascii", "ignore")) - text.count("\ufffd")
    return valid >= bad


def decode_bytes(data: bytes, fallback_encoding: str | None = None) -> tuple[str, list[str]]:
    """Bytes to text, with warnings; raises :class:`NotText` for binary data.

    UTF-32 and UTF-16 with a BOM, UTF-8 with or without one, BOM-less UTF-16
    (detected from its NUL pattern, or for CJK text with few NULs or none,
    from the characters it decodes to in either byte order). Bytes that are not valid UTF-8 are read
    with ``fallback_encoding`` if one is given (an HTML page's declared
    charset), else replaced by U+FFFD with a warning saying how many there
    were.
    """
    warnings: list[str] = []
    if data.startswith((codecs.BOM_UTF32_LE, codecs.BOM_UTF32_BE)):
        encoding, label = "utf-32", "UTF-32"
    elif data.startswith((codecs.BOM_UTF16_LE, codecs.BOM_UTF16_BE)):
        encoding, label = "utf-16", "UTF-16"
    else:
        if data.startswith(codecs.BOM_UTF8):
            data = data[len(codecs.BOM_UTF8) :]
        encoding, label = "utf-8", "UTF-8"
        head = data[:_SNIFF_BYTES]
        if b"\0" in head:
            utf16 = _utf16_without_bom(head)
            if utf16 is None:
                raise NotText("binary file, not text")
            encoding, label = utf16, "UTF-16"
        elif not _valid_utf8_start(head):
            # UTF-16 CJK text may hold no NUL at all: tell it by its characters.
            utf16 = _utf16_by_script(head)
            if utf16 is not None:
                encoding, label = utf16, "UTF-16"
    text, bad = _decode_counting(data, encoding)
    if bad and fallback_encoding and encoding == "utf-8" and not _mostly_utf8(text, bad):
        try:
            text, bad = data.decode(fallback_encoding), 0
        except (UnicodeError, LookupError):  # "undefined" raises a bare UnicodeError
            pass
    # A multi-byte character cut at the sample's end is not junk.
    sample = text[:_SNIFF_BYTES]
    if _is_binary(sample[:-2] if len(text) > _SNIFF_BYTES else sample):
        raise NotText("binary file, not text")
    if bad:
        unit = "byte" if bad == 1 else "bytes"
        warnings.append(f"invalid {label} replaced ({bad} {unit})")
    if text.startswith("\ufeff"):
        text = text[1:]
    return text, warnings


# --- reading -----------------------------------------------------------------


def _os_reason(exc: OSError) -> str:
    if isinstance(exc, PermissionError):
        return "permission denied"
    if isinstance(exc, FileNotFoundError):
        return "file not found"
    if isinstance(exc, IsADirectoryError):
        return "is a folder, not a file"
    if exc.errno == errno.ELOOP:
        return "symbolic link loop"
    if exc.errno == errno.ENAMETOOLONG:
        return "file name too long"
    detail = exc.strerror or type(exc).__name__
    return f"cannot read file ({detail.lower()})"


def read_bytes(path: str | Path) -> bytes:
    """The file's bytes; raises :class:`NotText` (with a reason) on any problem."""
    try:
        info = os.stat(path)
    except FileNotFoundError:
        if os.path.islink(path):
            raise NotText("broken symbolic link") from None
        raise NotText("file not found") from None
    except (OSError, ValueError) as exc:
        raise NotText(
            _os_reason(exc) if isinstance(exc, OSError) else "invalid file name"
        ) from None
    if stat.S_ISDIR(info.st_mode):
        raise NotText("is a folder, not a file")
    if not stat.S_ISREG(info.st_mode):
        # FIFOs, sockets and devices could block or never end.
        raise NotText("not a regular file")
    if info.st_size > MAX_BYTES:
        raise NotText(
            f"file too large ({format_size(info.st_size)}, limit {format_size(MAX_BYTES)})"
        )
    try:
        with open(path, "rb") as handle:
            data = handle.read(MAX_BYTES + 1)
    except OSError as exc:
        raise NotText(_os_reason(exc)) from None
    if len(data) > MAX_BYTES:  # grew since stat
        raise NotText(f"file too large (over {format_size(MAX_BYTES)})")
    return data


def _parse(importer: Importer, payload: str | bytes, source: str, warnings=()) -> Article:
    return importer.parser(
        payload,
        source=source,
        warnings=tuple(warnings),
        fallback_title=Path(source).stem if source else "",
    )


def parse_text(text: str, source: str = "", fmt: str = "txt", warnings=()) -> Article:
    """Turn already-decoded text into an article with the importer for ``fmt``
    (plain text for a format no importer has; ``ValueError`` for a binary one)."""
    importer = importers.for_format(fmt) or importers.default()
    if importer.binary:
        raise ValueError(f"the {fmt} importer reads bytes, not text")
    return _parse(importer, text, source, warnings)


# --- the last long files read ---------------------------------------------------
#
# A start reads the file it opens more than once: the scan lists it, the
# reader shows it, the search index and the analysis read it. An Article is
# immutable, so an unchanged file gives the one already read. A file counts
# as unchanged while its identity, size, modification and change times are
# those it had when read, unless it was modified (or its times set) within
# RECENT_NS of the read (a change inside the clock's granularity would go
# unseen: git's "racy" entries, as the catalogue cache has them). Only files of at least
# REMEMBER_MIN_BYTES are kept (reading a small one again costs little), the
# last REMEMBER_FILES of them, and no more than REMEMBER_MAX_BYTES in all.
REMEMBER_MIN_BYTES = 64 * _KB
REMEMBER_FILES = 3
REMEMBER_MAX_BYTES = 48 * _MB
RECENT_NS = 2_000_000_000

# By path, oldest first: (the file's stamp, the importer that read it, the article).
_remembered: dict[str, tuple[tuple[int, ...], Importer, Article]] = {}
_reading: dict[tuple, threading.Event] = {}  # reads under way
_remembered_lock = threading.Lock()


def _stamp(source: str) -> tuple[int, ...] | None:
    """What tells the file at ``source`` changed, or None if it is not one to keep."""
    try:
        info = os.stat(source)
    except (OSError, ValueError):
        return None
    if not stat.S_ISREG(info.st_mode) or not REMEMBER_MIN_BYTES <= info.st_size <= MAX_BYTES:
        return None
    return (info.st_dev, info.st_ino, info.st_size, info.st_mtime_ns, info.st_ctime_ns)


def forget_files() -> None:
    """Drop the articles kept from the last files read (tests, and memory)."""
    with _remembered_lock:
        _remembered.clear()


def load_file(path: str | Path) -> Article:
    """Read ``path`` into an :class:`Article`; never raises for a bad file.

    The importer is the one registered for the suffix (plain text for any
    other). Problems come back as ``broken_article(source, reason)`` with
    ``article.error`` set to a one-line reason. A long file read again while
    unchanged gives the article already read (see :data:`REMEMBER_MIN_BYTES`);
    a thread asking for a file another is reading waits for that read.
    """
    source = os.fspath(path)
    importer = importers.for_path(source)
    began = time.time_ns()
    stamp = _stamp(source)
    if stamp is None:
        return _read_file(source, importer)
    key = (source, stamp, importer)
    with _remembered_lock:
        kept = _remembered.get(source)
        if kept is not None and kept[:2] == (stamp, importer):
            return kept[2]
        running = _reading.get(key)
        if running is None:
            running = _reading[key] = threading.Event()
            mine = True
        else:
            mine = False
    if not mine:
        running.wait()
        with _remembered_lock:
            kept = _remembered.get(source)
        if kept is not None and kept[:2] == (stamp, importer):
            return kept[2]
        return _read_file(source, importer)  # the other read was not kept: read it here
    try:
        article = _read_file(source, importer)
        # Kept when it read, the file is still as it was, and neither time is
        # within RECENT_NS of the read (a later change could leave both as they are).
        if (
            article.error is None
            and not any(began - RECENT_NS <= time_ns <= began for time_ns in stamp[3:])
            and _stamp(source) == stamp
        ):
            with _remembered_lock:
                _remembered.pop(source, None)
                _remembered[source] = (stamp, importer, article)
                total = sum(entry[0][2] for entry in _remembered.values())
                while len(_remembered) > 1 and (
                    len(_remembered) > REMEMBER_FILES or total > REMEMBER_MAX_BYTES
                ):
                    oldest = next(iter(_remembered))
                    total -= _remembered.pop(oldest)[0][2]
        return article
    finally:
        with _remembered_lock:
            del _reading[key]
        running.set()


def _read_file(source: str, importer: Importer) -> Article:
    fmt = importer.format
    try:
        data = read_bytes(source)
        if not data.strip():
            return broken_article(source, "empty file", fmt)
        if importer.binary:
            payload: str | bytes = data
            warnings: list[str] = []
        elif importer.declared_charset:
            from .charsets import decode_html  # a declared charset may lie: see there

            payload, warnings = decode_html(data)
        else:
            payload, warnings = decode_bytes(data)
    except NotText as exc:
        return broken_article(source, str(exc), fmt)
    except MemoryError:
        return broken_article(source, "not enough memory to read file", fmt)
    if not importer.binary and not payload.strip():
        return broken_article(source, "empty file", fmt)
    try:
        article = _parse(importer, payload, source, warnings)
    except importers.Unreadable as exc:  # the importer's own one-line reason
        return broken_article(source, " ".join(str(exc).split())[:200] or "unreadable", fmt)
    except RecursionError:
        return broken_article(source, "too deeply nested to read", fmt)
    except MemoryError:
        return broken_article(source, "not enough memory to read file", fmt)
    except Exception as exc:  # an importer bug must not take the reader down
        detail = str(exc).splitlines()[0][:80] if str(exc) else ""
        reason = (
            f"could not read {fmt.upper()} ({type(exc).__name__}{': ' + detail if detail else ''})"
        )
        return broken_article(source, reason, fmt)
    if not article.blocks and not article.dek:
        return broken_article(source, "no readable text", fmt)
    return article


def load_text(text: str, source: str = "", fmt: str = "txt") -> Article:
    """Like :func:`load_file` for text already in memory (never raises)."""
    try:
        return parse_text(text, source, fmt)
    except Exception as exc:
        return broken_article(source or "text", f"could not read text ({type(exc).__name__})", fmt)
