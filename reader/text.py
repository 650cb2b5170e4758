"""Small rules for the words Limelight shows: counts, quoted passages, snippets.

No Textual, no Rich: the app, the command line and the core share them, so
"1 article" and “a passage” are written one way everywhere.
"""

from __future__ import annotations

__all__ = ["QUOTATION_MARKS", "SNIPPET", "plural", "quoted", "snippet"]

SNIPPET = 70  # characters of a passage shown on one line of a list

# Irregular plurals of the nouns Limelight counts; any other noun takes an "s".
_IRREGULAR = {"person": "people"}

# Every quotation mark of the conventions the analysis reads (reader/analysis/quotes.py):
# English “…” and ‘…’, straight quotes, „…“ and ‚…‘, «…» and »…«, ‹…›, 「…」 and 『…』.
QUOTATION_MARKS = frozenset("\"'“”„‟‘’‚‛«»‹›「」『』")
# The marks that may close a passage; an apostrophe at the end is more often a
# possessive ("the players’") than a closing quote, so it does not count.
_CLOSING_MARKS = QUOTATION_MARKS - frozenset("'’")


def plural(number: int, noun: str, plural: str | None = None, *, digits: bool = True) -> str:
    """``number`` and ``noun`` in agreement: ``plural(1, "result")`` is "1 result",
    ``plural(2, "result")`` "2 results", ``plural(1_200, "person")`` "1,200 people".

    ``plural`` names a plural the rule does not know; ``digits=False`` writes the
    number without thousands separators.
    """
    shown = f"{number:,}" if digits else str(number)
    if number == 1:
        return f"{shown} {noun}"
    if plural is None:
        plural = _IRREGULAR.get(noun)
    if plural is None and noun.endswith("y") and noun[-2:-1] not in tuple("aeiou"):
        plural = noun[:-1] + "ies"  # entry, entries
    if plural is None:
        plural = noun + ("es" if noun.endswith(("s", "sh", "ch", "x")) else "s")
    return f"{shown} {plural}"


def quoted(passage: str, opening: str = "“", closing: str = "”") -> str:
    """``passage`` between quotation marks, unless it already starts or ends with
    its own (a passage that is itself a quotation: ``"This is…`` stays as it
    is, never ``“"This is…”``)."""
    stripped = passage.strip()
    if not stripped:
        return f"{opening}{passage}{closing}"
    if stripped[0] in QUOTATION_MARKS or stripped[-1] in _CLOSING_MARKS:
        return passage
    if stripped[-1] == "…" and len(stripped) > 1 and stripped[-2] in _CLOSING_MARKS:
        return passage  # cut just after its own closing mark
    return f"{opening}{passage}{closing}"


def snippet(text: str, width: int = SNIPPET) -> str:
    """``text`` on one line of at most ``width`` characters (cut with "…"),
    safe for the terminal (:func:`reader.library.sanitize.safe_display`)."""
    from reader.library.sanitize import safe_display

    text = " ".join(safe_display(text).split())
    return text if len(text) <= width else text[: width - 1] + "…"
