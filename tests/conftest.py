from __future__ import annotations

from pathlib import Path

import pytest

from reader.resources import seeds_dir

SEED = seeds_dir() / "000_2ba0c848949374cf.txt"


@pytest.fixture(autouse=True)
def limelight_home(tmp_path_factory, monkeypatch) -> Path:
    """Every test writes into its own data folder, never the user's."""
    home = tmp_path_factory.mktemp("limelight-home")
    monkeypatch.setenv("LIMELIGHT_HOME", str(home))
    # and reads no config file but the one a test writes there
    monkeypatch.setenv("LIMELIGHT_CONFIG", str(home / "config.toml"))
    return home


@pytest.fixture
def seed_path() -> Path:
    return SEED


@pytest.fixture
def two_articles(tmp_path: Path) -> Path:
    """A library folder of two short articles, "Alpha title" and "Beta title"."""
    from tests.helpers import write

    folder = tmp_path / "lib"
    folder.mkdir()
    write(folder, "a.txt", "Alpha title\n\nFirst paragraph of alpha. It has two sentences.\n")
    write(folder, "b.txt", "Beta title\n\nOnly paragraph of beta.\n")
    return folder


@pytest.fixture
def web():
    """A local web server on 127.0.0.1 (tests/localweb.py): ``web.route(path, body, ...)``,
    ``web.url(path)``, ``web.requests_for(path)``; stopped after the test."""
    from tests.localweb import LocalWeb

    server = LocalWeb()
    yield server
    server.stop()
