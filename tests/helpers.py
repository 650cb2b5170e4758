from __future__ import annotations

from pathlib import Path

from textual.pilot import Pilot


async def settle(pilot: Pilot) -> None:
    """Wait until library loading and analysis workers have finished and drawn."""
    for _ in range(4):
        await pilot.app.workers.wait_for_complete()
        await pilot.pause()


async def wait_until(pilot: Pilot, condition, timeout: float = 20.0) -> None:
    """Let the app run until ``condition()`` holds (work in threads included); fail after ``timeout``."""
    import time

    deadline = time.monotonic() + timeout
    while not condition():
        if time.monotonic() > deadline:
            raise AssertionError("the condition did not come true in time")
        await pilot.pause()


def write(folder: Path, name: str, text: str) -> Path:
    """Write ``text`` (UTF-8) as ``folder/name``; the path."""
    path = folder / name
    path.write_text(text, encoding="utf-8")
    return path


def screen_text(app) -> str:
    """What the app's screen shows, without styling: the text of every segment
    the compositor renders, line by line."""
    strips = app.screen._compositor.render_strips()
    return "\n".join("".join(segment.text for segment in strip) for strip in strips)
