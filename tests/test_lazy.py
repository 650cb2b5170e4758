"""Patterns compiled and modules imported when first used (reader/lazy.py)."""

from __future__ import annotations

import re
import sys

from reader.lazy import LazyModule, LazyPattern


def test_a_lazy_pattern_is_compiled_at_its_first_use_and_answers_as_the_pattern():
    lazy = LazyPattern(r"<(b|i)>", re.IGNORECASE)
    assert "_compiled" not in vars(lazy)  # nothing compiled by defining it
    text = "a <B>bold</b> and <i>slanted</i> word"
    pattern = re.compile(r"<(b|i)>", re.IGNORECASE)
    assert lazy.sub("", text) == pattern.sub("", text) == "a bold</b> and slanted</i> word"
    assert [m.span() for m in lazy.finditer(text)] == [m.span() for m in pattern.finditer(text)]
    assert lazy.search("no tags") is None
    assert lazy.pattern == pattern.pattern and lazy.flags == pattern.flags


def test_a_lazy_module_is_imported_at_its_first_use(monkeypatch):
    monkeypatch.delitem(sys.modules, "colorsys", raising=False)
    colours = LazyModule("colorsys")
    assert "colorsys" not in sys.modules
    assert colours.rgb_to_hsv(1.0, 0.0, 0.0) == (0.0, 1.0, 1.0)
    assert "colorsys" in sys.modules
