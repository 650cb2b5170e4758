"""No garbage collection while the app starts, until its first screen is drawn.

A start makes a few hundred thousand objects (Textual's and the app's
modules, the stylesheet, the widgets) and nearly no garbage, yet the
interpreter's cyclic collector runs about 150 times over them before the
first frame, a full collection among them: some 40 ms of a start of 300 on
a slow machine, reclaiming nothing. ``pause()`` turns automatic collection
off before the app's modules are imported; ``resume()``, once the first
screen is drawn, moves everything alive then into the permanent generation
(``gc.freeze()``: later collections no longer walk the start-up heap) and
turns collection on again. Reference counting frees objects as usual
meanwhile; only reference cycles wait.

``resume()`` does nothing unless ``pause()`` turned collection off, so an
app started another way (a test's ``run_test()``) leaves the collector as
it found it.
"""

from __future__ import annotations

import gc

_paused = False


def pause() -> None:
    """Turn automatic collection off until :func:`resume` (if it is on)."""
    global _paused
    if gc.isenabled():
        gc.disable()
        _paused = True


def resume() -> None:
    """Collect as usual again, the start-up heap frozen; only after :func:`pause`."""
    global _paused
    if _paused:
        _paused = False
        gc.freeze()
        gc.enable()
