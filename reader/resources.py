"""Where the bundled seeds and stylesheets are, installed or in a checkout."""

from __future__ import annotations

from pathlib import Path

_PACKAGE = Path(__file__).resolve().parent


def _locate(installed: str, checkout: str) -> Path:
    inside = _PACKAGE / installed
    if inside.is_dir():
        return inside
    return _PACKAGE.parent / checkout


def seeds_dir() -> Path:
    """The folder holding the sample library shipped with Limelight."""
    return _locate("_seeds", "seeds")


def styles_dir() -> Path:
    """The folder holding the app's Textual stylesheets."""
    return _locate("_styles", "styles")
