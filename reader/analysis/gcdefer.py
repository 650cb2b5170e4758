"""Deferring the interpreter's full garbage collections while a long text is analysed.

CPython collects its oldest generation each time the objects that survived
younger collections have grown by a quarter, and a full collection looks at
every container object alive, holding the interpreter lock throughout.  The
analysis of a 10 MB text makes a million objects (spans, quotations,
attributions, the results) and no reference cycles, so the full collections
it triggers -- several, the last ones over the whole heap, 100-250 ms each --
reclaim nothing and freeze the app's interface (another thread) while they
run.  ``full_collections_deferred()`` raises the threshold of the oldest
generation for its duration (the young generations are collected as usual)
and restores it after; nested and concurrent uses (analyses in several
threads) restore it once, when the last one ends.
"""

from __future__ import annotations

import gc
import threading
from collections.abc import Iterator
from contextlib import contextmanager

_DEFERRED = 1 << 30  # the oldest generation's threshold meanwhile: never reached

_lock = threading.Lock()
_depth = 0
_saved: tuple[int, ...] | None = None


@contextmanager
def full_collections_deferred() -> Iterator[None]:
    global _depth, _saved
    with _lock:
        if _depth == 0:
            threshold = gc.get_threshold()
            if threshold[0] > 0:  # automatic collection is on (0: off; leave it)
                _saved = threshold
                gc.set_threshold(threshold[0], threshold[1], _DEFERRED)
        _depth += 1
    try:
        yield
    finally:
        with _lock:
            _depth -= 1
            if _depth == 0 and _saved is not None:
                # restore, unless someone set another threshold meanwhile
                if gc.get_threshold() == (_saved[0], _saved[1], _DEFERRED):
                    gc.set_threshold(*_saved)
                _saved = None
