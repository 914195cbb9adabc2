"""Standard output for a reader that may stop reading early (`rolelint rules | head -1`)."""

from __future__ import annotations

import io
import sys


class _ReaderMayLeave(io.FileIO):
    """File descriptor 1, whose reader closing the pipe ends the writing, not the command: what is
    written after that is dropped, so the command finishes and exits as it would have."""

    reader_gone = False

    def write(self, data) -> int:  # type: ignore[override]
        if self.reader_gone:
            return len(memoryview(data))
        try:
            return super().write(data)
        except BrokenPipeError:
            self.reader_gone = True
            return len(memoryview(data))


def quiet_when_the_reader_leaves() -> None:
    """Put standard output on a file that drops its writes once its pipe's reader has gone. Python
    ignores SIGPIPE, so a closed pipe is an EPIPE error on the next write, which would otherwise end
    the command half way and with no say in its exit code. Other write errors (a full disk) still
    raise. A standard output that is not open, or not a file (an embedding program's), is left alone."""
    stream = sys.stdout
    try:
        fd = stream.fileno()
        stream.flush()
    except (AttributeError, OSError, ValueError):
        return
    raw = _ReaderMayLeave(fd, "w", closefd=False)
    sys.stdout = io.TextIOWrapper(
        io.BufferedWriter(raw),
        encoding=stream.encoding,
        errors=stream.errors,
        line_buffering=bool(stream.line_buffering),
    )
