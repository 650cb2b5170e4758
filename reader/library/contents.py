"""An article's table of contents: its headings, in order, with their blocks."""

from __future__ import annotations

from typing import NamedTuple

from .model import HEADING, Article

__all__ = ["Heading", "contents"]


class Heading(NamedTuple):
    level: int  # 1 (a chapter, say) to 6
    text: str
    block: int  # index into article.blocks


def contents(article: Article) -> list[Heading]:
    """The headings of ``article``'s body, in reading order (an EPUB's chapters
    are its top-level headings). Empty headings are left out."""
    found = []
    for index, block in enumerate(article.blocks):
        if block.kind == HEADING:
            text = " ".join(block.text.split())
            if text:
                found.append(Heading(max(1, min(6, block.level or 1)), text, index))
    return found
