"""Regenerate the nasty-file corpus beside this script (deterministic).

    python tests/nasty/generate.py

Each file is something an importer must survive without raising, hanging or
letting terminal control sequences through.
"""

from __future__ import annotations

import random
from pathlib import Path

HERE = Path(__file__).parent


def corpus() -> dict[str, bytes]:
    rng = random.Random(20240824)
    files: dict[str, bytes] = {}
    files["random_bytes.txt"] = bytes(rng.randrange(256) for _ in range(4096))
    files["random_bytes.html"] = bytes(rng.randrange(256) for _ in range(4096))
    text = "Café déjà vu — “quoted” naïve façade.\n\nSecond paragraph here.\n"
    files["truncated_utf8.txt"] = text.encode("utf-8")[:-1] + "é".encode()[:1]
    files["mid_truncated_utf8.md"] = b"# Title\n\nCaf" + "é".encode()[:1] + b" and more\n"
    files["utf16_no_bom.txt"] = ("A title\n\nBody text in UTF-16 without a BOM.\n" * 3).encode(
        "utf-16-le"
    )
    files["utf16_be_no_bom.txt"] = "Title\n\nBig endian body text.\n".encode("utf-16-be")
    files["utf16_bom.md"] = "# UTF-16 title\n\nBody with BOM.\n".encode("utf-16")
    files["nul_bytes.txt"] = b"Title\n\nSome text\x00with\x00NUL\x00bytes in it.\n" * 4
    files["long_line.txt"] = ("word " * 20000).encode()  # a 100,000-character line
    files["long_line.md"] = ("x" * 100000).encode()
    files["deep_divs.html"] = (
        "<html><body>" + "<div>" * 5000 + "<p>Deep text.</p>" + "</div>" * 5000 + "</body></html>"
    ).encode()
    files["deep_unclosed.html"] = ("<div><span><b>" * 3000 + "text").encode()
    files["script_iframe.html"] = b"""<!doctype html><html><head><title>Trap page</title>
<script>document.write('evil')</script><style>body{display:none}</style></head>
<body onload="alert(1)"><iframe src="javascript:alert(2)">iframe text</iframe>
<p onclick="alert(3)">Clickable paragraph with real words in it.</p>
<img src=x onerror="alert(4)"><a href="javascript:alert(5)">a link</a>
<noscript>noscript text</noscript><svg><script>alert(6)</script></svg></body></html>"""
    files["raw_html.md"] = b"""# Raw HTML

<script>alert('x')</script>

<div onclick="evil()"><p>Inside a div.</p><style>p{}</style></div>

Text with <span style="color:red">inline</span> html and <script>bad()</script> here.

<!-- a comment that never ends
"""
    files["rtl_combining.txt"] = (
        "\u202eRTL override title\u202c\n\n"
        "עברית עם ניקוד: שָׁלוֹם. العربية: مرحبا بالعالم.\n\n"
        "Zalgo: Z\u0351\u0368\u0306\u0310a\u0337\u0308l\u0336\u0303g\u0334o\u0361\u035c\n"
        "e\u0301\u0301\u0301\u0301\u0301\u0301\u0301\u0301\u0301\u0301 stacked accents.\n"
    ).encode()
    files["emoji_cjk.md"] = (
        "# 絵文字 🎉 タイトル\n\n"
        "中文段落，包含标点。한국어 문장입니다. 👨‍👩‍👧‍👦 family, 🏳️‍🌈 flag, 🇯🇵.\n\n"
        "- 項目 ① \u200b zero width\n"
    ).encode()
    files["ansi.txt"] = (
        b"\x1b[31;1mRed bold title\x1b[0m\n\n"
        b"\x1b]0;retitled window\x07Body \x1b[2J\x1b[Hcleared \x1b]8;;http://x\x1b\\link\x1b]8;;\x1b\\ "
        b"bell\x07 \x1bP1;2|dcs payload\x1b\\ \x9b31m c1 csi \xc2\x9b31m \x1b(B charset. "
        b"Lone escape \x1b\n"
    )
    files["rich_markup.txt"] = (
        b"[bold red]Markup title[/]\n\n"
        b"[link=http://evil]click[/link] [/] [[escaped]] \\[x] [red on blue]text[/red on blue]\n"
    )
    files["rich_markup.md"] = b"# [b]Title[/b]\n\n[italic]not markup[/italic] and `[code]`\n"
    files["controls.txt"] = bytes(range(32)) + b"Title\n\n" + bytes(range(0x7F, 0x80)) + b"text\n"
    files["only_whitespace.txt"] = b" \n\t\n\r\n   \n"
    files["crlf_cr.txt"] = b"Title\r\n\r\nLine one.\r\rLine two.\rDone.\r\n"
    files["bom_only.txt"] = b"\xef\xbb\xbf"
    files["empty.md"] = b""
    files["huge_heading.md"] = b"#" * 10000 + b" x\n" + b">" * 5000 + b" deep quote\n"
    files["nested_lists.md"] = "".join("  " * i + "- item\n" for i in range(200)).encode()
    files["garbage.html"] = (
        b"<<<>>><</p></div><html <body <p>text<!-- <![CDATA[ x ]]> &bogus; &#xffffffff; &#0;"
    )
    files["entities.html"] = b"<p>&#27;[31m &#x1b;]0;title&#7; &lt;script&gt; &#x9b;31m</p>"
    files["xml_decl.xhtml"] = (
        b'<?xml version="1.0" encoding="ISO-8859-1"?><html><head><title>X</title></head>'
        b"<body><p>caf\xe9 text</p></body></html>"
    )
    files["latin1_meta.html"] = (
        b'<html><head><meta charset="windows-1252"><title>Caf\xe9</title></head>'
        b"<body><p>\x93Quoted\x94 caf\xe9 text in an old page.</p></body></html>"
    )
    return files


def main() -> None:
    for name, data in corpus().items():
        (HERE / name).write_bytes(data)
    print(f"wrote {len(corpus())} files to {HERE}")


if __name__ == "__main__":
    main()
