"""Text from files, keys and file names made safe to show: nothing a terminal or a parser would act on.

A file's text, a YAML key or a file name can hold escape sequences (an OSC 52 sequence writes the
clipboard; others recolour the screen or move the cursor), bidi controls that reorder what is shown,
and, in a name that is not valid UTF-8, undecodable bytes (which Python keeps as lone surrogates,
which JSON and SARIF cannot carry). ``visible`` escapes all of those as text (``\\x1b``,
``\\u202e``); ``shown_path`` gives a file name in a form that is valid Unicode and round-trips.
"""

from __future__ import annotations

import os
import re

# C0 controls (but tab and line breaks, which the caller's format encodes), DEL and C1; format characters that
# change what is shown (bidi controls, zero-width characters, soft hyphen, tags); lone surrogates.
_UNSAFE = re.compile(
    "[\x00-\x08\x0b\x0c\x0e-\x1f\x7f-\x9f\u00ad\u061c\u180e\u200b-\u200f\u2028-\u202e\u2060-\u2069"
    "\ufeff\ufff9-\ufffb\U000e0000-\U000e007f\ud800-\udfff]"
)
_UNSAFE_LINES = re.compile(_UNSAFE.pattern[:-1] + "\t\n\r]")


def _escape(match: re.Match) -> str:
    char = match.group()
    code = ord(char)
    if 0xDC80 <= code <= 0xDCFF:  # a byte that was not UTF-8 (surrogateescape)
        return f"\\x{code - 0xDC00:02x}"
    if code <= 0xFF:
        return f"\\x{code:02x}"
    if code <= 0xFFFF:
        return f"\\u{code:04x}"
    return f"\\U{code:08x}"


def visible(text: str, *, lines: bool = False) -> str:
    """``text`` with control and invisible formatting characters written as escapes. Tabs and line
    breaks (CR, LF) are kept unless ``lines`` (then the text is one line: they are escaped too)."""
    pattern = _UNSAFE_LINES if lines else _UNSAFE
    if text.isascii() and text.isprintable() and not lines:
        return text
    return pattern.sub(_escape, text)


def shown_path(path: str) -> str:
    """``path`` as reports show it: as it is, unless it holds bytes that are not UTF-8 (lone
    surrogates from ``os.fsdecode``) or a backslash; then each such byte is ``\\xNN`` and each
    backslash ``\\\\``, so that the name can be told apart from any other and turned back into its
    bytes (``path_from_shown``)."""
    if "\\" not in path and not _has_surrogates(path):
        return path
    raw = os.fsencode(path)
    return raw.replace(b"\\", b"\\\\").decode("utf-8", "backslashreplace")


def path_from_shown(shown: str) -> str:
    """The path ``shown_path`` showed as ``shown``."""
    if "\\" not in shown:
        return shown
    out = bytearray()
    position = 0
    raw = shown.encode("utf-8")
    while position < len(raw):
        if raw[position : position + 2] == b"\\\\":
            out += b"\\"
            position += 2
        elif raw[position : position + 2] == b"\\x" and position + 4 <= len(raw):
            out.append(int(raw[position + 2 : position + 4], 16))
            position += 4
        else:
            out.append(raw[position])
            position += 1
    return os.fsdecode(bytes(out))


def _has_surrogates(text: str) -> bool:
    try:
        text.encode("utf-8")
    except UnicodeEncodeError:
        return True
    return False
