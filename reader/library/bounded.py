"""Calls that get a time budget: wait so long for each, then move on.

A scan reads its files one after another; one file that takes long to parse
(a pathological page, a huge book) must not hold up the listing of the
others. :class:`Bounded` runs each call on a helper thread and waits at most
``budget`` seconds for it. A call over budget is left to finish on its
thread, which then stops, and comes back as a :class:`~concurrent.futures.Future`;
the next call starts a fresh thread. So a slow file costs its budget once,
and the others go on at once. Pure standard library.
"""

from __future__ import annotations

import queue
import threading
from collections.abc import Callable
from concurrent.futures import Future
from typing import Generic, TypeVar

__all__ = ["Bounded"]

A = TypeVar("A")
R = TypeVar("R")

_STOP = None


def _serve(func: Callable, jobs: queue.SimpleQueue) -> None:
    while True:
        job = jobs.get()
        if job is _STOP:
            return
        arg, future = job
        if not future.set_running_or_notify_cancel():
            continue
        try:
            future.set_result(func(arg))
        except BaseException as exc:  # handed to whoever waits on the future
            future.set_exception(exc)


class Bounded(Generic[A, R]):
    """``bounded(arg)`` is ``(func(arg), None)`` within ``budget`` seconds, else ``(None, future)``.

    Calls run one at a time, in order. Use as a context manager (or call
    :meth:`close`) so the helper thread stops when the work is done; calls
    over budget still finish (their futures complete) after ``close``.
    """

    def __init__(self, func: Callable[[A], R], budget: float) -> None:
        self._func = func
        self.budget = budget
        self._jobs: queue.SimpleQueue | None = None
        self.late = 0  # calls that went over budget

    def __call__(self, arg: A) -> tuple[R | None, Future[R] | None]:
        if self._jobs is None:
            self._jobs = queue.SimpleQueue()
            threading.Thread(
                target=_serve, args=(self._func, self._jobs), name="limelight-bounded", daemon=True
            ).start()
        future: Future[R] = Future()
        self._jobs.put((arg, future))
        try:
            return future.result(timeout=self.budget), None
        except TimeoutError:
            # That thread stops once this call is done; the next call gets another.
            self._jobs.put(_STOP)
            self._jobs = None
            self.late += 1
            return None, future

    def close(self) -> None:
        if self._jobs is not None:
            self._jobs.put(_STOP)
            self._jobs = None

    def __enter__(self) -> Bounded[A, R]:
        return self

    def __exit__(self, *exc: object) -> None:
        self.close()
