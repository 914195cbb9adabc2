"""One thread that makes every call into rolelint, one at a time, the most urgent first.

The event loop only receives messages and answers from what is already known; linting, completion
and loading configs happen here, so a long lint never stops the server from reading its input. A
Linter's calls take turns anyway (spaCy's pipeline is not shared between threads), so one thread
loses nothing. It is a daemon: a lint still running when the client says `exit` does not keep the
process alive.
"""

from __future__ import annotations

import itertools
import queue
import threading
from concurrent.futures import Future
from typing import Any, Callable

URGENT, CHANGED, BACKGROUND = 0, 1, 2  # requests waiting for an answer; edited documents; the rest


class Worker:
    def __init__(self) -> None:
        self._queue: queue.PriorityQueue = queue.PriorityQueue()
        self._order = itertools.count()
        self._thread = threading.Thread(target=self._run, name="rolelint-worker", daemon=True)
        self._thread.start()

    def submit(self, fn: Callable[..., Any], *args: Any, priority: int = CHANGED) -> Future:
        future: Future = Future()
        self._queue.put((priority, next(self._order), future, fn, args))
        return future

    def _run(self) -> None:
        while True:
            _, _, future, fn, args = self._queue.get()
            if not future.set_running_or_notify_cancel():
                continue
            try:
                future.set_result(fn(*args))
            except BaseException as exc:  # noqa: BLE001 - handed to whoever waits for the result
                future.set_exception(exc)
