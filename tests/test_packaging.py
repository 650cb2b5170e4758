"""The wheel carries the seeds, the stylesheets and the gazetteers."""

from __future__ import annotations

import subprocess
import sys
import zipfile
from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parent.parent


@pytest.fixture(scope="module")
def wheel(tmp_path_factory) -> Path:
    out = tmp_path_factory.mktemp("wheel")
    result = subprocess.run(
        [sys.executable, "-m", "pip", "wheel", "--no-deps", "--quiet", "-w", str(out), str(ROOT)],
        capture_output=True,
        text=True,
        check=False,
    )
    assert result.returncode == 0, result.stderr
    return next(out.glob("limelight_reader-*.whl"))


def test_wheel_ships_seeds_styles_and_data(wheel):
    names = set(zipfile.ZipFile(wheel).namelist())
    assert "reader/_seeds/000_2ba0c848949374cf.txt" in names
    assert "reader/_styles/app.tcss" in names
    assert "reader/analysis/data/LICENSES.md" in names
    assert any(name.startswith("reader/analysis/data/") and name.endswith(".txt") for name in names)
    entry_points = next(n for n in names if n.endswith("entry_points.txt"))
    text = zipfile.ZipFile(wheel).read(entry_points).decode()
    assert "limelight = reader.cli:run" in text
