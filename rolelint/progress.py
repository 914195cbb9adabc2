"""A progress bar on stderr, for people watching a long run in a terminal, and for nobody else."""

from __future__ import annotations

import os
import sys
from contextlib import contextmanager
from typing import Callable, Iterator, Mapping, TextIO

# Fewer files than this finish before a bar would be worth reading.
PROGRESS_THRESHOLD = 40


def progress_wanted(files: int, *, stream: TextIO | None = None, environ: Mapping[str, str] | None = None) -> bool:
    """Only for many files, only on a terminal that can redraw a line (not TERM=dumb), and never in CI
    (where stderr may still be a TTY)."""
    stream = stream if stream is not None else sys.stderr
    environ = environ if environ is not None else os.environ
    if files < PROGRESS_THRESHOLD or environ.get("CI", "").lower() not in ("", "0", "false"):
        return False
    if environ.get("TERM", "") == "dumb":  # a terminal that cannot redraw a line
        return False
    try:
        return stream.isatty()
    except (AttributeError, ValueError):
        return False


@contextmanager
def progress_bar(files: int, *, enabled: bool) -> Iterator[Callable[[int], None] | None]:
    """Yields ``advance(n)`` while the bar shows, or None when it should not."""
    if not enabled:
        yield None
        return
    import click

    with click.progressbar(
        length=files, label="Linting", file=sys.stderr, show_pos=True, show_eta=True, width=30
    ) as bar:
        yield bar.update
