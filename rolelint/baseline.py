"""Content-based fingerprints of diagnostics, and the baseline file that records today's findings.

A fingerprint hashes what a finding is about, never where it sits: the rule code, the file, the
matched text and a whitespace-normalised window of the line around it. Lines added above a finding
move it without changing its fingerprint, so a baselined finding stays baselined.
"""

from __future__ import annotations

import hashlib
import json
import os
import re
from collections import Counter
from collections.abc import Mapping, Sequence
from dataclasses import dataclass
from pathlib import Path

from rolelint.config import ConfigError
from rolelint.diagnostics import Diagnostic
from rolelint.source import SourceText

BASELINE_VERSION = 1
# Characters of the line kept on each side of the match: enough to tell two occurrences of a word
# apart, short enough that an edit elsewhere in a long Markdown paragraph leaves it alone.
WINDOW = 40
_SPACE = re.compile(r"\s+")


def context_window(diagnostic: Diagnostic, source: SourceText | None) -> str:
    """The text around the finding on its first line, whitespace runs collapsed."""
    if source is None or not source.text:
        return ""
    line = source.line_text(diagnostic.line)
    start = max(diagnostic.column - 1, 0)
    end = diagnostic.end_column - 1 if diagnostic.end_line == diagnostic.line else len(line)
    window = line[max(start - WINDOW, 0) : max(end, start) + WINDOW]
    return _SPACE.sub(" ", window).strip()


def matched_text(diagnostic: Diagnostic) -> str:
    """What the finding is about: the matched text; for a finding about a whole document, the
    condition it names (``document_finding`` masks the numbers in it, so a longer advert keeps its
    fingerprint); for findings without either (schema errors, unreadable files), the message."""
    return diagnostic.context if diagnostic.context is not None else diagnostic.full_message


def fingerprint(diagnostic: Diagnostic, source: SourceText | None, path: str | None = None) -> str:
    """A stable hex digest of (code, path, matched text, context window)."""
    parts = (
        diagnostic.code,
        path if path is not None else diagnostic.path,
        _SPACE.sub(" ", matched_text(diagnostic)).strip(),
        context_window(diagnostic, source),
    )
    return hashlib.sha256("\x1f".join(parts).encode("utf-8", "surrogateescape")).hexdigest()[:32]


@dataclass(frozen=True)
class BaselineEntry:
    fingerprint: str
    code: str
    path: str
    context: str


def baseline_path_of(display: str, baseline_file: Path, cwd: Path) -> str:
    """The diagnostic's path relative to the baseline file's folder, so that a baseline written from
    the repo root still matches a run started in a subfolder."""
    absolute = Path(os.path.abspath(cwd / display))
    try:
        return Path(os.path.relpath(absolute, baseline_file.resolve().parent)).as_posix()
    except ValueError:  # another drive on Windows
        return absolute.as_posix()


def entries_for(
    diagnostics: Sequence[Diagnostic], sources: Mapping[str, SourceText], baseline_file: Path, cwd: Path
) -> list[BaselineEntry]:
    entries = []
    for diagnostic in diagnostics:
        path = baseline_path_of(diagnostic.path, baseline_file, cwd)
        entries.append(
            BaselineEntry(
                fingerprint(diagnostic, sources.get(diagnostic.path), path),
                diagnostic.code,
                path,
                matched_text(diagnostic),
            )
        )
    return entries


def write_baseline(
    baseline_file: Path, diagnostics: Sequence[Diagnostic], sources: Mapping[str, SourceText], *, cwd: Path
) -> int:
    """Record ``diagnostics``; returns how many. Entries carry no line numbers, so the file changes
    only when findings do."""
    entries = sorted(
        entries_for(diagnostics, sources, baseline_file, cwd), key=lambda e: (e.path, e.code, e.fingerprint)
    )
    payload = {
        "version": BASELINE_VERSION,
        "tool": "rolelint",
        "findings": [
            {"fingerprint": e.fingerprint, "code": e.code, "path": e.path, "context": e.context} for e in entries
        ],
    }
    from rolelint.safefiles import atomic_write

    baseline_file.parent.mkdir(parents=True, exist_ok=True)
    text = json.dumps(payload, indent=2, ensure_ascii=False) + "\n"
    atomic_write(baseline_file, text.encode("utf-8", "surrogateescape"))
    return len(entries)


def read_baseline(baseline_file: Path) -> Counter[str]:
    """Fingerprint -> how many findings with it the baseline accepts."""
    try:
        payload = json.loads(baseline_file.read_text(encoding="utf-8"))
    except OSError as exc:
        raise ConfigError(f"cannot read baseline {baseline_file}: {exc.strerror or exc}") from None
    except (json.JSONDecodeError, UnicodeDecodeError) as exc:
        raise ConfigError(
            f"baseline {baseline_file} is not valid JSON ({exc}); write it again with "
            "`rolelint check --write-baseline FILE`"
        ) from None
    if (
        not isinstance(payload, dict)
        or payload.get("version") != BASELINE_VERSION
        or not isinstance(payload.get("findings"), list)
    ):
        raise ConfigError(
            f"baseline {baseline_file} is not a version {BASELINE_VERSION} rolelint baseline; "
            "write it again with `rolelint check --write-baseline FILE`"
        )
    return Counter(str(item.get("fingerprint")) for item in payload["findings"] if isinstance(item, dict))


def apply_baseline(
    diagnostics: Sequence[Diagnostic], sources: Mapping[str, SourceText], baseline_file: Path, *, cwd: Path
) -> tuple[list[Diagnostic], int]:
    """The diagnostics the baseline does not account for, and how many it hid.

    Multiset semantics: a fingerprint recorded twice hides two findings, not every finding with it.
    """
    remaining = read_baseline(baseline_file)
    kept: list[Diagnostic] = []
    hidden = 0
    for diagnostic, entry in zip(diagnostics, entries_for(diagnostics, sources, baseline_file, cwd)):
        if remaining[entry.fingerprint] > 0:
            remaining[entry.fingerprint] -= 1
            hidden += 1
        else:
            kept.append(diagnostic)
    return kept, hidden
