"""Snapshots of the main screen at a narrow and a wide window (pytest-textual-snapshot).

At 80×30 the sidebar has hidden itself, the legend is in its compact form
and the footer shows the keys that fit; at 160×50 the sidebar takes 40
columns and the text its measure, centred. Update after an intended visual
change with ``pytest tests/test_snapshots_widths.py --snapshot-update``.
"""

from __future__ import annotations

import pytest

from reader.ui.app import LimelightApp
from tests.helpers import settle


@pytest.mark.parametrize("size", [(80, 30), (160, 50)], ids=["80x30", "160x50"])
def test_main_screen_at_width(snap_compare, size):
    assert snap_compare(LimelightApp(), terminal_size=size, run_before=settle)
