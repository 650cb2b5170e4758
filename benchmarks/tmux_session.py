"""Limelight in a real terminal for the benchmarks: a tmux session running
``python -m reader`` from a checkout, with its own data folder.

Used by ``keys_burst.py`` and ``place.py`` (run them as scripts: this file
is imported from their folder).
"""

from __future__ import annotations

import shlex
import subprocess
import time
from collections.abc import Callable
from pathlib import Path


def tmux(*args: str) -> str:
    return subprocess.run(["tmux", *args], check=True, capture_output=True, text=True).stdout


class Session:
    """``python -m reader ARTICLE`` with the code in ``source``, in a detached
    tmux session of ``columns`` x ``rows``; ``ready`` says whether a screen is
    the one to wait for, ``pause`` how long two equal captures are apart."""

    def __init__(
        self,
        name: str,
        source: Path,
        article: Path,
        home: Path,
        columns: int = 120,
        rows: int = 40,
        pause: float = 0.3,
        ready: Callable[[list[str]], bool] = lambda screen: True,
    ) -> None:
        self.name = name
        self.rows = rows
        self.pause = pause
        self.ready = ready
        command = (
            f"cd {shlex.quote(str(source))} && env PYTHONPATH={shlex.quote(str(source))}"
            f" LIMELIGHT_HOME={shlex.quote(str(home))}"
            f" LIMELIGHT_CONFIG={shlex.quote(str(home / 'config.toml'))}"
            f" python -m reader {shlex.quote(str(article))}"
        )
        tmux("new-session", "-d", "-s", name, "-x", str(columns), "-y", str(rows), command)

    def screen(self) -> list[str]:
        return tmux("capture-pane", "-p", "-t", self.name).splitlines()

    def settled(self, timeout: float = 30) -> list[str]:
        """The screen once it has stopped changing (two captures ``pause`` apart
        agree) and is ``ready``."""
        deadline = time.monotonic() + timeout
        last = self.screen()
        while time.monotonic() < deadline:
            time.sleep(self.pause)
            now = self.screen()
            if now == last and self.ready(now):
                return now
            last = now
        raise TimeoutError("the screen did not settle")

    def send(self, *keys: str) -> list[str]:
        tmux("send-keys", "-t", self.name, *keys)
        return self.settled()

    def resize(self, columns: int) -> list[str]:
        tmux("resize-window", "-t", self.name, "-x", str(columns), "-y", str(self.rows))
        return self.settled()

    def close(self) -> None:
        subprocess.run(["tmux", "kill-session", "-t", self.name], capture_output=True)
