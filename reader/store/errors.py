"""The store's one exception, in a module of its own so that catching it
(the command line always does) does not load the database code."""

from __future__ import annotations

__all__ = ["StoreError"]


class StoreError(Exception):
    """A save (or read) that failed; the message says what and why."""
