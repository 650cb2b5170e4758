"""The text of an HTML page's bytes, whatever charset it claims.

A page may say what it is in three places: a byte order mark, the HTTP
``Content-Type`` its server sent (``declared``, passed in by the fetcher),
and its own ``<meta charset>`` or ``<?xml encoding?>``. Any of them may lie.
The rules, in order:

1. A BOM (UTF-8, UTF-16, UTF-32) is the truth; so are the NUL patterns of
   BOM-less UTF-16 (:func:`reader.library.loader.decode_bytes` tells them).
2. Bytes that are valid UTF-8 (and not plain ASCII) are UTF-8, whatever is
   declared: "UTF-8 bytes in a page that claims gb2312" is the common lie, and
   a legacy charset almost never forms valid UTF-8 by chance.
3. Otherwise a page that is mostly UTF-8 with a few stray bytes (at least
   as many valid multi-byte characters as bad bytes) stays UTF-8, the bad
   bytes replaced, with a warning.
4. Otherwise each declared charset (HTTP first, then the page's own) is tried
   strictly; one that decodes without error and reads as text (charset
   normaliser's mess ratio) is used. (Two CJK charsets can both read well:
   a page in Shift JIS that claims GB2312 is read as GB2312.)
5. Otherwise the charset is guessed: the common legacy charsets are tried and
   the one whose text reads best wins; windows-1252 with replacement is the
   last resort.

WHATWG's labels are followed where Python's differ: ISO-8859-1 and ASCII
are windows-1252, GB2312 is GB18030, Shift_JIS is cp932.

Never raises for any bytes or any declaration except :class:`NotText` for
binary data. charset-normalizer (a trafilatura dependency) is imported only
for a page that is not UTF-8.
"""

from __future__ import annotations

import codecs
import re

from .loader import NotText, _decode_counting, _is_binary, decode_bytes

__all__ = ["charset_codec", "decode_html", "meta_charset"]

_SNIFF = 8192
# How much text the mess ratio reads to judge a decoding.
_JUDGE_CHARS = 20_000
# A decoding whose mess ratio is above this is not text in that charset.
_MAX_MESS = 0.2

_META = re.compile(
    rb"""<meta[^>]+charset\s*=\s*["']?\s*([A-Za-z0-9_.:-]+)"""
    rb"""|<\?xml[^>]+encoding\s*=\s*["']([A-Za-z0-9_.:-]+)""",
    re.IGNORECASE,
)
# Codecs Python knows that are no page's character set.
_NOT_CHARSETS = frozenset(
    {"unicode-escape", "raw-unicode-escape", "punycode", "idna", "undefined", "unicode-internal"}
)
# WHATWG's aliases that Python does not know or reads differently: a page
# that says latin-1 or ascii means windows-1252.
_ALIASES = {
    "latin1": "cp1252",
    "latin-1": "cp1252",
    "iso-8859-1": "cp1252",
    "iso8859-1": "cp1252",
    "iso_8859-1": "cp1252",
    "l1": "cp1252",
    "us-ascii": "cp1252",
    "ascii": "cp1252",
    "gb2312": "gb18030",
    "gbk": "gb18030",
    "x-gbk": "gb18030",
    "shift-jis": "cp932",
    "shift_jis": "cp932",
    "sjis": "cp932",
    "x-sjis": "cp932",
    "windows-31j": "cp932",
    "euc-kr": "cp949",
    "ks_c_5601-1987": "cp949",
    "tis-620": "cp874",
    "iso-8859-9": "cp1254",
    "iso-8859-11": "cp874",
    "x-mac-roman": "mac-roman",
    "x-mac-cyrillic": "mac-cyrillic",
}
# Tried in this order when nothing declared fits; the best-reading one wins.
_GUESSES = (
    "cp1252",
    "cp1251",
    "gb18030",
    "cp932",
    "euc-jp",
    "cp949",
    "big5",
    "cp1250",
    "koi8-r",
    "cp1253",
    "cp1254",
    "cp1255",
    "cp1256",
    "cp874",
)


def charset_codec(name: str | bytes | None) -> str | None:
    """Python's codec for a charset label (``"ISO-8859-1"``, ``b"gb2312"``), or None.

    None for unknown labels, for codecs that are no text charset (rot13,
    base64, unicode-escape...) and for any label that is not a short name.
    """
    if name is None:
        return None
    if isinstance(name, bytes):
        name = name.decode("ascii", "replace")
    label = name.strip().lower()
    if "charset=" in label:  # a whole Content-Type: "text/html; charset=utf-8"
        label = label.split("charset=", 1)[1].split(";", 1)[0]
    label = label.strip().strip("\"'").strip()
    if not label or len(label) > 40 or not label.isascii():
        return None
    label = _ALIASES.get(label, label)
    try:
        info = codecs.lookup(label)
    except (LookupError, ValueError, TypeError):
        return None
    if info.name in _NOT_CHARSETS or not getattr(info, "_is_text_encoding", True):
        return None
    return info.name


def meta_charset(data: bytes) -> str | None:
    """The codec of the charset a page declares in its first bytes, or None."""
    match = _META.search(data[:4096])
    if match is None:
        return None
    return charset_codec(match.group(1) or match.group(2))


def _mess(text: str) -> float:
    """How little ``text`` reads as text (charset-normalizer's mess ratio, 0 is clean)."""
    try:
        from charset_normalizer.md import mess_ratio
    except Exception:  # not installed: judge by replacement and control characters
        sample = text[:_JUDGE_CHARS]
        junk = sum(1 for c in sample if c == "\ufffd" or (c < " " and c not in "\t\n\r"))
        return junk / max(1, len(sample))
    try:
        return mess_ratio(text[:_JUDGE_CHARS], 1.0)
    except Exception:
        return 1.0


def _strict(data: bytes, codec: str) -> str | None:
    try:
        return data.decode(codec)
    except Exception:  # UnicodeError, LookupError, or a codec's own error
        return None


def _plain_ascii_codec(codec: str) -> bool:
    """True if ASCII bytes read the same in ``codec`` (not ISO-2022, HZ, UTF-7...)."""
    return _strict(b"ab~{<\x1b$B", codec) == "ab~{<\x1b$B"


def _mostly_utf8(text: str, bad: int) -> bool:
    """True if UTF-8 with ``bad`` invalid bytes has at least as many valid
    non-ASCII characters (Latin-1 "café" is "caf\\xe9", invalid; GB2312 pairs
    rarely form UTF-8 sequences)."""
    valid = len(text) - len(text.encode("ascii", "ignore")) - text.count("\ufffd")
    return valid >= bad


def _checked(text: str, warnings: list[str]) -> tuple[str, list[str]]:
    sample = text[:_SNIFF]
    if _is_binary(sample[:-2] if len(text) > _SNIFF else sample):
        raise NotText("binary file, not text")
    if text.startswith("\ufeff"):
        text = text[1:]
    return text, warnings


def decode_html(data: bytes, declared: str | None = None) -> tuple[str, list[str]]:
    """``(text, warnings)`` of an HTML page's bytes (see the module docstring).

    ``declared`` is the charset its server sent, if any. Raises
    :class:`NotText` for binary data, nothing else.
    """
    boms = (codecs.BOM_UTF8, codecs.BOM_UTF16_LE, codecs.BOM_UTF16_BE)
    head = data[:_SNIFF]
    if data.startswith(boms) or b"\0" in head:
        return decode_bytes(data)  # BOMs, UTF-16 by its NULs, or binary
    candidates = []
    for codec in (charset_codec(declared), meta_charset(data)):
        if codec is not None and codec not in candidates:
            candidates.append(codec)
    if data.isascii():
        # ASCII reads the same in every ASCII-based charset; only a 7-bit
        # stateful one (ISO-2022-JP, HZ) changes it.
        for codec in candidates:
            if not _plain_ascii_codec(codec):
                text = _strict(data, codec)
                if text is not None and _mess(text) <= _MAX_MESS:
                    return _checked(text, [])
        return _checked(data.decode("ascii"), [])
    text = _strict(data, "utf-8")
    if text is not None:
        return _checked(text, [])
    # Mostly UTF-8 with a few stray bytes (a page pasted together): a legacy
    # charset read as UTF-8 gives almost no valid multi-byte character.
    text, bad = _decode_counting(data, "utf-8")
    if _mostly_utf8(text, bad):
        unit = "byte" if bad == 1 else "bytes"
        return _checked(text, [f"invalid UTF-8 replaced ({bad} {unit})"])
    for codec in candidates:
        if codec.startswith("utf"):
            continue  # it said UTF-8 (or 16 without NULs), and is not
        text = _strict(data, codec)
        if text is not None and _mess(text) <= _MAX_MESS:
            return _checked(text, [])
    best: tuple[float, str, str] | None = None
    for codec in (*candidates, *_GUESSES):
        if codec.startswith("utf"):
            continue
        guess = _strict(data, codec)
        if guess is None:
            continue
        mess = _mess(guess)
        if best is None or mess < best[0]:
            best = (mess, codec, guess)
        if mess < 0.01:
            break
    if best is not None:
        return _checked(best[2], [])
    text = data.decode("cp1252", errors="replace")
    bad = text.count("\ufffd")
    unit = "byte" if bad == 1 else "bytes"
    return _checked(text, [f"unknown charset: read as windows-1252 ({bad} {unit} replaced)"])
