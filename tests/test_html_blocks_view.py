"""Pilot tests: table rows and code blocks of an HTML page, as the reader draws them.

A short article is drawn a Static per block, a long one by LongText; both
show a table one row per line with no blank line between rows, the header
row in bold, and a code block with its lines and indentation, the page's
markup-like text never read as markup.
"""

from __future__ import annotations

from pathlib import Path

from reader.ui.app import LimelightApp
from reader.ui.article_view import ArticleView, Block, is_long
from reader.ui.long_text import LongText
from tests.helpers import screen_text, settle

TABLE_AND_CODE = """
<p>The council published the ferry figures on Tuesday, in a table of passengers.</p>
<table><thead><tr><th>Year</th><th>Passengers [bold]</th></tr></thead>
<tbody><tr><td>2024</td><td>120,000</td></tr><tr><td>2025</td><td>131,500</td></tr></tbody></table>
<p>And the little program that counted them, for anyone who wants to check:</p>
<pre><code>def count(rows):
    return sum(rows)  # [red]not markup[/red]</code></pre>
<p>The vote is now expected next month, when the council meets again in the hall.</p>
"""


def write_page(folder: Path, name: str, body: str) -> Path:
    path = folder / name
    path.write_text(
        f"<html><head><title>Ferry figures</title></head><body><article><h1>Ferry figures</h1>"
        f"{body}</article></body></html>",
        encoding="utf-8",
    )
    return path


def lines_with(text: str, *needles: str) -> list[int]:
    lines = text.splitlines()
    return [next(i for i, line in enumerate(lines) if needle in line) for needle in needles]


def check_rows_and_code(text: str) -> None:
    header, first, second = lines_with(
        text, "Year │ Passengers [bold]", "2024 │           120,000", "2025 │           131,500"
    )
    assert first == header + 1 and second == first + 1  # one row a line, no gaps
    lines = text.splitlines()
    assert lines[second + 1].strip(" ▕▏") == ""  # a blank line after the table
    assert lines[header].index("│") == lines[first].index("│")  # in columns
    definition, body = lines_with(text, "def count(rows):", "return sum(rows)")
    assert body == definition + 1
    lines = text.splitlines()
    column = lines[definition].index("def count")
    assert lines[body].index("return") == column + 4  # the indentation is kept
    assert "# [red]not markup[/red]" in lines[body]


async def test_a_short_article_draws_rows_and_code(tmp_path):
    page = write_page(tmp_path, "figures.html", TABLE_AND_CODE)
    app = LimelightApp(paths=[page])
    async with app.run_test(size=(110, 40)) as pilot:
        await settle(pilot)
        view = app.query_one(ArticleView)
        assert view.article.title == "Ferry figures" and not is_long(view.article)
        assert app.query(Block)
        check_rows_and_code(screen_text(app))
        header = next(b for b in app.query(Block) if "Year" in str(b.render()))
        assert header.has_class("row")


async def test_a_long_article_draws_rows_and_code_the_same_way(tmp_path):
    filler = "".join(
        f"<p>Paragraph {i} of the long report on the ferry, with words enough to read.</p>"
        for i in range(200)
    )
    page = write_page(tmp_path, "long.html", TABLE_AND_CODE + filler)
    app = LimelightApp(paths=[page])
    async with app.run_test(size=(110, 40)) as pilot:
        await settle(pilot)
        view = app.query_one(ArticleView)
        assert is_long(view.article)
        [widget] = app.query(LongText)
        rows = [widget.render_line(y).text for y in range(min(widget.line_count, 30))]
        check_rows_and_code("\n".join(rows))
        bold = [
            segment.text
            for y in range(30)
            for segment in widget.render_line(y)
            if segment.style is not None and segment.style.bold and segment.text.strip()
        ]
        assert "Year │ Passengers [bold]" in "".join(bold)
