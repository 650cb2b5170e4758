"""The entities panel (``e``): the people, organisations, places… the article names.

``enter`` marks the body's mentions of the entry as matches, which ``n`` /
``N`` step through.
"""

from __future__ import annotations

from collections import Counter, defaultdict
from dataclasses import dataclass
from typing import TYPE_CHECKING

from textual.content import Content

from reader.analysis.model import PERSON, Analysis
from reader.library.sanitize import safe_display
from reader.text import snippet
from reader.ui.layers import LAYER_BY_NAME
from reader.ui.panel_list import PanelList, analysis_parts, waiting_text

if TYPE_CHECKING:
    from reader.ui.reader_pane import ReaderPane


@dataclass(frozen=True)
class EntityGroup:
    """One entry of the entities panel.

    ``mentions`` are the body's (``n`` / ``N`` step through them);
    ``elsewhere`` counts those in the title and the dek; ``aliases`` are the
    other texts a person is named by ("Mr Li", "Li" for "Li Qiang"),
    commonest first.
    """

    label: str
    text: str
    mentions: tuple[tuple[int, int], ...]
    elsewhere: int = 0
    aliases: tuple[str, ...] = ()

    @property
    def count(self) -> int:
        """Every mention: the body's, the title's and the dek's."""
        return len(self.mentions) + self.elsewhere


def group_entities(analysis: Analysis | None) -> list[EntityGroup]:
    """Entities of the title, the dek and the body grouped by label and name,
    most mentioned first within a label.

    A person is one entry under the full name the analysis gives each of their
    mentions (``Entity.name``: "Mr Li", "Premier Li" and "Li" count with
    "Li Qiang", and are listed as their other names), every mention counted;
    the body's are kept for ``n`` / ``N``.
    """
    if analysis is None:
        return []
    mentions: dict[tuple[str, str], list[tuple[int, int]]] = defaultdict(list)
    elsewhere: Counter[tuple[str, str]] = Counter()
    texts: dict[tuple[str, str], Counter[str]] = defaultdict(Counter)
    for part, found in analysis_parts(analysis):
        for entity in found.entities:
            name = entity.name if entity.label == PERSON else entity.text
            key = (entity.label, name)
            texts[key][entity.text] += 1
            if part == "body":
                mentions[key].append((entity.start, entity.end))
            else:
                elsewhere[key] += 1
    order = {name: index for index, name in enumerate(LAYER_BY_NAME)}
    groups = [
        EntityGroup(
            label,
            text,
            tuple(mentions.get((label, text), ())),
            elsewhere[(label, text)],
            tuple(alias for alias, _ in texts[(label, text)].most_common() if alias != text),
        )
        for label, text in texts
    ]
    groups.sort(key=lambda g: (order.get(g.label, 99), -g.count, g.text.lower()))
    return groups


def entity_prompt(group: EntityGroup) -> Content:
    """Name, label and count (how many of them are in the title or the dek),
    then a person's other names."""
    layer = LAYER_BY_NAME.get(group.label)
    name = Content(safe_display(group.text)).stylize(layer.style if layer else "bold")
    label = layer.label if layer else group.label.title()
    counts = f"  {label} · {group.count}×"
    if group.elsewhere:
        counts += f" · {group.elsewhere} in title/standfirst"
    lines = [Content.assemble(name, (counts, "dim"))]
    if group.aliases:
        lines.append(
            Content(snippet("also " + ", ".join(group.aliases), 200)).stylize("dim italic")
        )
    return Content("\n").join(lines)


class EntitiesList(PanelList):
    PANEL = "entities"
    PANEL_TITLE = "Entities"
    PANEL_HINT = (
        "j/k choose · enter mark the body's mentions, n/N step through them"
        " (not those of the title or standfirst)"
    )

    def show_analysis(self, analysis: Analysis | None, readable: bool = True) -> None:
        self.fill(
            [(entity_prompt(g), g) for g in group_entities(analysis)],
            waiting_text(readable) if analysis is None else "No entities found.",
        )

    def choose(self, value: object, reader: ReaderPane) -> None:
        if not isinstance(value, EntityGroup):
            return
        if value.mentions:
            reader.show_matches(value.mentions, value.text)
        else:
            reader.view.scroll_home(animate=False)
            reader.notify(
                f"{value.text} is named only in the title or standfirst.",
                timeout=3,
                markup=False,
            )
