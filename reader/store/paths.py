"""The one data folder under which Limelight writes everything."""

from __future__ import annotations

import os
from pathlib import Path

ENV_HOME = "LIMELIGHT_HOME"
APP_NAME = "limelight"


def data_dir() -> Path:
    """``$LIMELIGHT_HOME`` when set, else the platform's user data folder."""
    override = os.environ.get(ENV_HOME)
    if override:
        return Path(override).expanduser()
    from platformdirs import user_data_path

    return user_data_path(APP_NAME, appauthor=False)


def ensure_data_dir() -> Path:
    path = data_dir()
    path.mkdir(parents=True, exist_ok=True)
    return path


def database_path() -> Path:
    return data_dir() / "limelight.json"


def cache_dir() -> Path:
    return data_dir() / "cache"


def web_dir() -> Path:
    """Articles fetched by URL or from a feed (reader/library/web.py); part of
    the library whenever it exists."""
    return data_dir() / "web"
