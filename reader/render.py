"""Print an analysed article to the terminal with Rich (``limelight analyze``)."""

from __future__ import annotations

from rich.console import Console
from rich.text import Text

from reader.analysis.model import Analysis
from reader.library.model import HEADING, Article
from reader.ui.layers import LAYERS, block_spans, speakers_by_block


def _rich_style(style: str) -> str:
    # Layer styles are Textual style strings; Rich reads the same syntax.
    return style


def article_text(article: Article, analysis: Analysis) -> Text:
    """The article as Rich text: plain text (never markup) with styled spans."""
    enabled = frozenset(layer.name for layer in LAYERS)
    per_block = block_spans(article, analysis, enabled)
    speakers = speakers_by_block(article, analysis)
    out = Text()
    out.append(article.title + "\n", style="bold")
    if article.dek:
        out.append(article.dek + "\n", style="italic dim")
    out.append(f"{article.words:,} words · {article.minutes} min read\n\n", style="dim")
    legend = Text()
    for layer in LAYERS:
        legend.append(f" {layer.label} ", style=_rich_style(layer.style))
        legend.append(" ")
    out.append_text(legend)
    out.append("\n\n")
    for index, block in enumerate(article.blocks):
        text = Text(block.text, style="bold" if block.kind == HEADING else "")
        for start, end, style in per_block[index]:
            text.stylize(_rich_style(style), start, end)
        out.append_text(text)
        out.append("\n")
        if speakers[index]:
            out.append("  — quoted: " + ", ".join(speakers[index]) + "\n", style="dim italic")
        out.append("\n")
    return out


def print_article(article: Article, analysis: Analysis, console: Console | None = None) -> None:
    console = console or Console()
    console.print(article_text(article, analysis), soft_wrap=False, markup=False, highlight=False)
