"""Load the hand-annotated development set (``tests/devset/{dev,heldout}/*.txt``).

Markup (see README.md):

- ``[[LABEL text]]`` an entity; LABEL is one of Limelight's labels.
- ``{{Speaker Name|“quoted text”}}`` a quotation (marks included) with its gold
  speaker; ``{{~a spokeswoman for the ministry|…}}`` for a source the text
  describes without naming (the description as written, found in the text);
  ``{{-|…}}`` when the text gives no speaker.  Entities may stand inside
  quotations; nothing else nests.

The loader is strict: any malformed markup raises ``ValueError`` naming the
file and offset, so gold offsets are always exact.
"""

from __future__ import annotations

from dataclasses import dataclass
from pathlib import Path

from reader.analysis.model import LABELS

ROOT = Path(__file__).resolve().parent
PARTS = ("dev", "heldout")
# Quotation conventions and other languages: quotations and speakers are
# scored; entities are marked only where a speaker needs one.
CONVENTION_PARTS = ("dev_conventions", "heldout_conventions")
ALL_PARTS = PARTS + CONVENTION_PARTS
# every convention's marks: English, British, German (and »…«), French,
# Spanish and Italian, Polish and Hungarian, Swedish and Finnish, CJK
_OPEN_MARKS = "“\"‘'„‚»«”’「『"
_CLOSE_MARKS = "”\"’'“‘«»」』"
DESCRIBED = "~"  # a speaker written "~a spokeswoman for the ministry" is described, not named


@dataclass(frozen=True)
class GoldDoc:
    name: str
    text: str
    entities: tuple[tuple[int, int, str], ...]  # (start, end, label)
    quotes: tuple[tuple[int, int, str | None], ...]  # (start, end, speaker)


def parse(marked: str, name: str = "<string>") -> GoldDoc:
    out: list[str] = []
    pos = 0  # length of the plain text written so far
    stack: list[tuple[str, str | None, int, int]] = []  # kind, value, plain start, source offset
    entities: list[tuple[int, int, str]] = []
    quotes: list[tuple[int, int, str | None]] = []
    i = 0
    n = len(marked)

    def fail(msg: str, at: int) -> ValueError:
        line = marked.count("\n", 0, at) + 1
        return ValueError(f"{name}:{line}: {msg} (near {marked[max(0, at - 20) : at + 20]!r})")

    while i < n:
        two = marked[i : i + 2]
        if two == "[[":
            if stack and stack[-1][0] == "ent":
                raise fail("nested entity", i)
            j = marked.find(" ", i + 2)
            label = marked[i + 2 : j] if j > 0 else ""
            if label not in LABELS:
                raise fail(f"unknown label {label!r}", i)
            stack.append(("ent", label, pos, i))
            i = j + 1
            continue
        if two == "]]":
            if not stack or stack[-1][0] != "ent":
                raise fail("']]' without '[['", i)
            _, label, start, src = stack.pop()
            span = "".join(out)[start:pos]
            if not span or span != span.strip() or "\n" in span:
                raise fail(f"bad entity text {span!r}", src)
            if any(c in span for c in "[]{}|"):
                raise fail(f"markup inside entity {span!r}", src)
            entities.append((start, pos, label))
            i += 2
            continue
        if two == "{{":
            if stack:
                raise fail("a quotation inside other markup", i)
            j = marked.find("|", i + 2)
            speaker = marked[i + 2 : j] if j > 0 else ""
            if not speaker or speaker != speaker.strip() or "\n" in speaker or "}" in speaker:
                raise fail(f"bad speaker {speaker!r}", i)
            stack.append(("quote", None if speaker == "-" else speaker, pos, i))
            i = j + 1
            continue
        if two == "}}":
            if not stack or stack[-1][0] != "quote":
                raise fail("'}}' without '{{'", i)
            _, speaker, start, src = stack.pop()
            span = "".join(out)[start:pos]
            if len(span) < 2 or span[0] not in _OPEN_MARKS or span[-1] not in _CLOSE_MARKS:
                raise fail(f"a quotation must start and end with quotation marks: {span!r}", src)
            quotes.append((start, pos, speaker))
            i += 2
            continue
        if marked[i] in "[]{}|":
            raise fail(f"stray markup character {marked[i]!r}", i)
        out.append(marked[i])
        pos += 1
        i += 1
    if stack:
        raise fail("unclosed markup", stack[-1][3])
    text = "".join(out).strip("\n")
    lead = len("".join(out)) - len("".join(out).lstrip("\n"))
    if lead:
        entities = [(s - lead, e - lead, lab) for s, e, lab in entities]
        quotes = [(s - lead, e - lead, sp) for s, e, sp in quotes]
    entities.sort()
    for (_, e1, _), (s2, _, _) in zip(entities, entities[1:], strict=False):
        if s2 < e1:
            raise ValueError(f"{name}: overlapping entities at {s2}")
    names = {text[s:e] for s, e, lab in entities if lab in ("PERSON", "ORG")}
    for _s, _e, sp in quotes:
        if sp is not None and sp.startswith(DESCRIBED):
            if sp[1:] not in text:
                raise ValueError(f"{name}: described speaker {sp[1:]!r} is not in the text")
            continue
        if sp is not None and sp not in names:
            raise ValueError(f"{name}: speaker {sp!r} is not a PERSON/ORG entity of the text")
    return GoldDoc(name, text, tuple(entities), tuple(sorted(quotes)))


def load(part: str) -> list[GoldDoc]:
    """All documents of one part (``"dev"`` or ``"heldout"``), sorted by name."""
    if part not in ALL_PARTS:
        raise ValueError(f"unknown part {part!r}")
    return [
        parse(p.read_text(encoding="utf-8"), p.name) for p in sorted((ROOT / part).glob("*.txt"))
    ]
