"""Which files and folders make up the library."""

from __future__ import annotations

from collections.abc import Sequence
from pathlib import Path

from reader.resources import seeds_dir


def library_paths(remembered: Sequence[str | Path], paths: Sequence[str | Path] = ()) -> list[Path]:
    """Command-line paths first, then the remembered sources.

    With neither, the bundled sample library (``seeds/``): the library
    Limelight opens when it has nothing else.
    """
    chosen = [Path(p).expanduser() for p in paths] + [Path(p) for p in remembered]
    return chosen or [seeds_dir()]
