"""Print an analysed article to the terminal with Rich (``limelight analyze``)."""

from __future__ import annotations

from rich.console import Console
from rich.text import Text

from reader.analysis.model import Analysis
from reader.colours import FIXED_PALETTE
from reader.library.model import HEADING, Article
from reader.library.sanitize import safe_display, safe_display_spans
from reader.text import plural
from reader.ui.layers import LAYERS, analysis_spans, block_spans, resolve, speakers_by_block


def _rich_style(style: str) -> str:
    # Layer styles are Textual style strings; Rich reads the same syntax once
    # their palette variables are colours: the shipped ones, made for a dark
    # terminal (the terminal's background is not known here).
    return resolve(style, FIXED_PALETTE)


def article_text(article: Article, analysis: Analysis) -> Text:
    """The article as Rich text: plain text (never markup) with styled spans."""
    enabled = frozenset(layer.name for layer in LAYERS)
    per_block = block_spans(article, analysis, enabled)
    speakers = speakers_by_block(article, analysis)
    out = Text()
    for text, part, style in (
        (article.title, analysis.title, "bold"),
        (article.dek, analysis.dek, "italic"),
    ):
        if not text:
            continue
        # Title and dek are names too: no bidi controls or invisible characters.
        shown, spans = safe_display_spans(text, analysis_spans(part, enabled))
        line = Text(shown, style=style)
        for start, end, span_style in spans:
            line.stylize(_rich_style(span_style), start, end)
        out.append_text(line)
        out.append("\n")
        said = list(dict.fromkeys(safe_display(q.speaker) for q in part.quotes if q.speaker))
        if said:
            out.append("  — quoted: " + ", ".join(said) + "\n", style="dim italic")
    out.append(f"{plural(article.words, 'word')} · {article.minutes} min read\n\n", style="dim")
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
            names = ", ".join(safe_display(name) for name in speakers[index])
            out.append("  — quoted: " + names + "\n", style="dim italic")
        out.append("\n")
    return out


def print_article(article: Article, analysis: Analysis, console: Console | None = None) -> None:
    console = console or Console()
    console.print(article_text(article, analysis), soft_wrap=False, markup=False, highlight=False)
