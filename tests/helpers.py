from __future__ import annotations

from textual.pilot import Pilot


async def settle(pilot: Pilot) -> None:
    """Wait until library loading and analysis workers have finished and drawn."""
    for _ in range(4):
        await pilot.app.workers.wait_for_complete()
        await pilot.pause()
