"""Terminal conventions: whether to colour (`--color`, `NO_COLOR`, `FORCE_COLOR`, `TERM=dumb`)."""

from __future__ import annotations

import os
import sys
from typing import Mapping, TextIO

# The formats people read; the others are for machines and never coloured.
HUMAN_FORMATS = ("text", "concise")


def color_wanted(
    flag: bool | None, output_format: str, *, stream: TextIO | None = None, environ: Mapping[str, str] | None = None
) -> bool:
    """Whether to colour ``output_format`` written to ``stream``, in this order: `--color` or
    `--no-color`; `NO_COLOR` set and not empty (no-color.org); `FORCE_COLOR` set and not empty
    (force-color.org); `TERM=dumb`; else whether ``stream`` is a terminal. Machine formats never."""
    if output_format not in HUMAN_FORMATS:
        return False
    if flag is not None:
        return flag
    environ = os.environ if environ is None else environ
    if environ.get("NO_COLOR", ""):
        return False
    if environ.get("FORCE_COLOR", ""):
        return True
    if environ.get("TERM", "") == "dumb":
        return False
    stream = sys.stdout if stream is None else stream
    try:
        return stream.isatty()
    except (AttributeError, ValueError):
        return False
