"""Notes written out: Markdown (for Obsidian and the like) and JSON (every field).

Markdown layout::

    # Limelight notes

    ## Article title

    Author · *Site* · 2026-03-04 · <https://example.org/the-article>

    > the marked passage,
    > every line of it quoted

    The note, as written.

    #tag #other-tag

Orphaned annotations (passage no longer found in the article) carry a marked
line under their quote. An empty list of annotations exports validly.

A lone surrogate (which strict UTF-8 cannot encode; a synced or hand-edited
database can hold one in a note, tag, passage or title) is written as U+FFFD,
the replacement character, as ``limelight notes``, ``limelight search`` and
the app show it. The JSON export keeps every string exact, writing
surrogates (and the characters a terminal acts on) as ``\\uXXXX``
escapes (:func:`reader.library.sanitize.json_dumps`).
"""

from __future__ import annotations

import re
from collections.abc import Iterable, Mapping
from typing import Any

from reader.library.sanitize import json_dumps, replace_surrogates, strip_escapes
from reader.store.annotations import Annotation, now_iso

EXPORT_FORMAT = "limelight-notes"
EXPORT_VERSION = 1
ORPHAN_MARK = "*(passage no longer found in the article)*"
UNTITLED = "Untitled article"

_LINE_BREAKS = re.compile(r"\r\n|\r|\n")
_CONTROLS = re.compile(r"[\x00-\x08\x0b\x0c\x0e-\x1f\x7f-\x9f]")


def _clean(text: str) -> str:
    """No escape sequences or control characters (the export may be printed),
    and no lone surrogates (see the module's docstring)."""
    return replace_surrogates(_CONTROLS.sub("", strip_escapes(text)))


def _grouped(annotations: Iterable[Annotation]) -> list[tuple[str, list[Annotation]]]:
    """Annotations by article, articles in title order, passages in reading order."""
    groups: dict[str, list[Annotation]] = {}
    for a in annotations:
        groups.setdefault(a.article_id, []).append(a)
    result = []
    for items in groups.values():
        items.sort(key=lambda a: (a.orphaned, a.start, a.end, a.created))
        # The most recent title the article was annotated under.
        title = max(items, key=lambda a: a.updated or a.created).title
        result.append((title, items))
    result.sort(key=lambda group: (group[0].casefold(), group[1][0].article_id))
    return result


def _one_line(text: str) -> str:
    return " ".join(_clean(text).split())


def _block_quote(text: str) -> list[str]:
    return [f"> {line}".rstrip() for line in _LINE_BREAKS.split(_clean(text).strip("\n"))]


def _citation_line(cited: Mapping[str, str] | None) -> str:
    """``Author · *Site* · 2026-03-04 · <url>`` of an article's citation, "" when it has none."""
    if not cited:
        return ""
    from reader.library.citation import short_date

    parts = []
    if author := _one_line(cited.get("author", "")):
        parts.append(author)
    if site := _one_line(cited.get("site", "")):
        parts.append(f"*{site}*")
    if published := short_date(_one_line(cited.get("published", ""))):
        parts.append(published)
    url = _one_line(cited.get("url", ""))
    if url and not any(char in url for char in "<> "):
        parts.append(f"<{url}>")
    return " · ".join(parts)


def export_markdown(
    annotations: Iterable[Annotation], citations: Mapping[str, Mapping[str, str]] | None = None
) -> str:
    """All annotations as one Markdown document (ends with a newline).

    ``citations`` (article id -> :func:`reader.library.citation.citation`)
    add a line under each article's heading naming its author, site, date
    and address, where known.
    """
    lines = ["# Limelight notes", ""]
    groups = _grouped(annotations)
    if not groups:
        lines += ["No notes yet.", ""]
    for title, items in groups:
        lines += [f"## {_one_line(title) or UNTITLED}", ""]
        cited = _citation_line((citations or {}).get(items[0].article_id))
        if cited:
            lines += [cited, ""]
        for a in items:
            lines += _block_quote(a.quote)
            if a.orphaned:
                lines += [">", f"> {ORPHAN_MARK}"]
            lines.append("")
            note = _clean(a.note).strip("\n")
            if note.strip():
                lines += [*_LINE_BREAKS.split(note), ""]
            if a.tags:
                lines += [" ".join(f"#{_one_line(tag)}" for tag in a.tags), ""]
    return "\n".join(lines).rstrip("\n") + "\n"


def export_json(
    annotations: Iterable[Annotation], citations: Mapping[str, Mapping[str, str]] | None = None
) -> str:
    """``{"format", "version", "exported", "annotations": [every stored field],
    "articles": [a citation per article annotated]}``: each citation is the
    article's ``id``, ``title``, ``author``, ``site``, ``published`` and ``url``
    ("" when unknown; the annotations' own title when the library no longer
    has the article)."""
    groups = _grouped(annotations)
    articles = []
    for title, items in groups:
        article_id = items[0].article_id
        cited = dict((citations or {}).get(article_id) or {})
        row = {"id": article_id, "title": cited.get("title") or title}
        for name in ("author", "site", "published", "url"):
            row[name] = cited.get(name, "")
        articles.append(row)
    payload: dict[str, Any] = {
        "format": EXPORT_FORMAT,
        "version": EXPORT_VERSION,
        "exported": now_iso(),
        "annotations": [a.to_dict() for _, items in groups for a in items],
        "articles": articles,
    }
    return json_dumps(payload, indent=2) + "\n"
