"""Apply the safe fixes of a run to the files in place, never leaving a file half-written.

A file is rewritten only when every check passes: it still holds the text that was linted, each fix
still covers the text it was made for, the fixed file parses to the same structure, and it encodes
back to its own encoding. The new bytes go to a temporary file in the same directory, which then
replaces the original in one `os.replace`; if anything fails before that, the original is untouched.
"""

from __future__ import annotations

import os
import re
import stat
from contextlib import contextmanager
from dataclasses import dataclass, field, replace
from pathlib import Path
from typing import Iterable

from rolelint.diagnostics import Diagnostic, Fix
from rolelint.formats import Format, format_for
from rolelint.loaders import parse_source
from rolelint.safefiles import TemporaryFileError, atomic_write
from rolelint.source import DecodeError, SourceText

_LINE_BREAK = re.compile(r"\r\n|\r|\n")
# Problems that a fix must never introduce: the file would no longer parse to the same data.
_STRUCTURAL = ("RL001", "RL003", "RL007", "RL008")


class FixError(Exception):
    """A file could not be fixed; the message says why. The file is unchanged."""


@dataclass(frozen=True)
class Change:
    """One applied fix, described by where it was and what it replaced."""

    line: int
    column: int
    code: str
    before: str
    after: str


@dataclass
class FileFixResult:
    display: str
    changes: list[Change] = field(default_factory=list)
    skipped: list[str] = field(default_factory=list)  # why some fixes were not applied
    error: str | None = None  # why the file was not written at all
    notes: list[str] = field(default_factory=list)

    @property
    def written(self) -> bool:
        return bool(self.changes) and self.error is None


def choose_fixes(diagnostics: Iterable[Diagnostic]) -> tuple[list[Diagnostic], int]:
    """Diagnostics whose fixes do not overlap, in file order; and how many were left for a later pass.

    Identical fixes (two rules proposing the same edit) count once. Of two overlapping fixes the
    earlier-starting (then shorter) one wins.
    """
    candidates = sorted(
        (d for d in diagnostics if d.fix is not None), key=lambda d: (d.fix.start, d.fix.end, d.code, d.fix.replacement)
    )
    chosen: list[Diagnostic] = []
    seen: set[Fix] = set()
    left = 0
    for diagnostic in candidates:
        fix = diagnostic.fix
        if fix in seen:
            continue
        previous = chosen[-1].fix if chosen else None
        # Two insertions at one point have no safe order either.
        if previous is not None and (
            fix.start < previous.end or fix.start == fix.end == previous.start == previous.end
        ):
            left += 1
            continue
        chosen.append(diagnostic)
        seen.add(fix)
    return chosen, left


def apply_fixes(text: str, fixes: Iterable[Fix]) -> str:
    """``text`` with non-overlapping ``fixes`` applied, right to left so earlier offsets stay valid."""
    out = text
    for fix in sorted(fixes, key=lambda f: (f.start, f.end), reverse=True):
        if not 0 <= fix.start <= fix.end <= len(out):
            raise FixError(f"a fix covers characters {fix.start}..{fix.end}, outside the file")
        out = out[: fix.start] + fix.replacement + out[fix.end :]
    return out


def dominant_line_break(text: str) -> str:
    counts: dict[str, int] = {}
    for match in _LINE_BREAK.finditer(text):
        counts[match.group()] = counts.get(match.group(), 0) + 1
    return max(counts, key=lambda k: (counts[k], k == "\n")) if counts else "\n"


def _covers_match(text: str, diagnostic: Diagnostic) -> bool:
    """The fix's range still holds the text the rule matched (whitespace runs count as one space)."""
    if diagnostic.context is None:
        return True
    found = " ".join(text[diagnostic.fix.start : diagnostic.fix.end].split())
    return found == " ".join(diagnostic.context.split())


def _parsed(source: SourceText, fmt: Format) -> tuple[tuple[str, ...], object, list[str]]:
    document, findings = parse_source(source, fmt=fmt)
    problems = tuple(sorted(f.code for f in findings if f.code in _STRUCTURAL))
    return problems, document.data, [s.category for s in document.sections]


def _same_shape(old, new, replacements: list[str]) -> bool:
    """``new`` is ``old`` with only string values changed, each changed one now holding a replacement
    (a replacement that YAML would read as a comment or a new key fails this)."""
    if isinstance(old, dict):
        return (
            isinstance(new, dict)
            and list(old) == list(new)
            and all(_same_shape(old[k], new[k], replacements) for k in old)
        )
    if isinstance(old, list):
        return (
            isinstance(new, list)
            and len(old) == len(new)
            and all(_same_shape(a, b, replacements) for a, b in zip(old, new))
        )
    if isinstance(old, str) and isinstance(new, str):
        return old == new or any(r in new for r in replacements)
    return type(old) is type(new) and old == new


def _keeps_structure(before: SourceText, after: SourceText, fmt: Format, replacements: list[str]) -> bool:
    old_problems, old_data, old_sections = _parsed(before, fmt)
    new_problems, new_data, new_sections = _parsed(after, fmt)
    return (
        old_problems == new_problems and old_sections == new_sections and _same_shape(old_data, new_data, replacements)
    )


def fix_file(
    path: Path,
    display: str,
    diagnostics: list[Diagnostic],
    *,
    linted_text: str | None,
    encoding_fallback: str | None = None,
) -> FileFixResult:
    """Apply the fixes among ``diagnostics`` to one file. Never raises for a file problem: the
    result's ``error`` says why nothing was written."""
    result = FileFixResult(display)
    try:
        with _folder_lock(Path(os.path.realpath(path)).parent):
            _fix_file(Path(path), result, diagnostics, linted_text, encoding_fallback)
    except FixError as exc:
        result.error = str(exc)
        result.changes.clear()
    return result


@contextmanager
def _folder_lock(folder: Path):
    """Hold an exclusive lock on ``folder`` while a file in it is read, checked and replaced: a
    second `--fix` run waits, then finds the file changed since it linted it and counts nothing
    (locking the file itself would not do: the fix replaces it with a new one)."""
    try:
        import fcntl
    except ImportError:  # pragma: no cover - Windows
        yield
        return
    try:
        descriptor = os.open(folder, os.O_RDONLY | getattr(os, "O_DIRECTORY", 0))
    except OSError:
        yield
        return
    try:
        fcntl.flock(descriptor, fcntl.LOCK_EX)
        yield
    finally:
        os.close(descriptor)


def _fix_file(
    path: Path,
    result: FileFixResult,
    diagnostics: list[Diagnostic],
    linted_text: str | None,
    encoding_fallback: str | None,
) -> None:
    chosen, left = choose_fixes(diagnostics)
    if left:
        result.skipped.append(f"{left} overlapping fix(es) left for another run")
    if not chosen:
        return
    fmt = format_for(path)
    if not fmt.fixable:
        raise FixError(f"fixes cannot be written back into {fmt.name} files; edit the text by hand")
    real = Path(os.path.realpath(path))  # write through a symbolic link, not over it
    try:
        info = real.stat()
        raw = real.read_bytes()
    except OSError as exc:
        raise FixError(f"cannot read the file: {exc.strerror or exc}") from None
    if not stat.S_ISREG(info.st_mode):
        raise FixError("not a regular file")
    if not os.access(real, os.W_OK) or not info.st_mode & 0o222:
        raise FixError("the file is read-only")
    try:
        source = SourceText.from_bytes(result.display, raw, fallback_encoding=encoding_fallback)
    except DecodeError as exc:
        raise FixError(f"cannot decode the file ({exc})") from None
    if linted_text is not None and source.text != linted_text:
        raise FixError("the file changed since it was linted; run rolelint again")
    prefix = b"\xef\xbb\xbf" if source.had_bom else b""
    if prefix + _encode(source.text, source.encoding) != raw:
        raise FixError(
            f"the file does not round-trip through {source.encoding}; fixing it could change bytes no fix touches"
        )

    new_text, applied = _planned(source, chosen, fmt, result.skipped)
    if not applied:
        return
    data = prefix + _encode(new_text, source.encoding)
    write_atomic(real, data, info)
    if info.st_nlink > 1:
        result.notes.append(f"the file had {info.st_nlink} hard links; only this name has the fixed text")
    for diagnostic, fix in applied:
        result.changes.append(
            Change(
                diagnostic.line, diagnostic.column, diagnostic.code, source.text[fix.start : fix.end], fix.replacement
            )
        )


def _planned(
    source: SourceText, chosen: list[Diagnostic], fmt: Format, skipped: list[str]
) -> tuple[str, list[tuple[Diagnostic, Fix]]]:
    """The text with the ``chosen`` (non-overlapping) fixes made, and each applied one with its fix as
    made (line breaks as the file's); a fix whose text is no longer there is noted in ``skipped``.
    FixError when the fixes would change the document's structure."""
    newline = dominant_line_break(source.text)
    applied: list[tuple[Diagnostic, Fix]] = []
    for diagnostic in chosen:
        if not _covers_match(source.text, diagnostic):
            skipped.append(
                f"{diagnostic.line}:{diagnostic.column} {diagnostic.code}: the text there is not "
                f"{diagnostic.context!r}; not fixed"
            )
            continue
        fix = diagnostic.fix
        applied.append((diagnostic, Fix(fix.start, fix.end, _LINE_BREAK.sub(newline, fix.replacement))))
    if not applied:
        return source.text, []
    new_text = apply_fixes(source.text, [fix for _, fix in applied])
    if not _keeps_structure(source, SourceText(source.path, new_text), fmt, [f.replacement for _, f in applied]):
        raise FixError(
            "the fixes would change the file's structure (its YAML keys or Markdown sections); "
            "nothing was changed, fix it by hand"
        )
    return new_text, applied


def _diff_name(display: str) -> str:
    """A file's name after the diff's ``a/`` and ``b/``: as shown (relative to the current directory
    when the file is inside it), an absolute one without its leading slash, as git writes
    ``a/tmp/x`` (never ``a//tmp/x``)."""
    return display.lstrip("/")


def fix_diffs(result) -> tuple[list[str], int]:
    """`check --diff`: a unified diff of what `--fix` would change in each file of ``result`` (one
    pass of the non-overlapping fixes, applied to the text as linted), writing nothing; and how many
    fixes the diffs hold. A file whose fixes cannot apply gets a comment line saying why."""
    import difflib

    by_file: dict[str, list[Diagnostic]] = {}
    for diagnostic in result.diagnostics:
        if diagnostic.fix is not None:
            by_file.setdefault(diagnostic.path, []).append(diagnostic)
    out: list[str] = []
    count = 0
    for display in sorted(by_file):
        source = result.sources.get(display)
        if source is None:
            continue
        chosen, left = choose_fixes(by_file[display])
        fmt = format_for(display)
        if not fmt.fixable:
            out.append(f"# {display}: fixes are not written back into {fmt.name} files; edit the text by hand\n")
            continue
        try:
            new_text, applied = _planned(source, chosen, fmt, [])
        except FixError as exc:
            out.append(f"# {display}: not fixable: {exc}\n")
            continue
        if not applied:
            continue
        count += len(applied)
        out.extend(
            difflib.unified_diff(
                source.text.splitlines(keepends=True),
                new_text.splitlines(keepends=True),
                fromfile=f"a/{_diff_name(display)}",
                tofile=f"b/{_diff_name(display)}",
            )
        )
        if out and not out[-1].endswith(("\n", "\r")):
            out[-1] += "\n\\ No newline at end of file\n"
        if left:
            out.append(f"# {display}: {left} overlapping fix(es) left for another run\n")
    return out, count


def fix_source(source: SourceText, diagnostics: list[Diagnostic]) -> tuple[str, list[Diagnostic], list[str]]:
    """A text's own ``--fix``, in memory (an editor's buffer): the text with the safe fixes among
    ``diagnostics`` made, as ``fix_file`` would make them in the file ``source.path``; the diagnostics
    whose fixes were made (each with its fix as made); and why others were not. No fix is made when
    together they would change the document's structure."""
    skipped: list[str] = []
    chosen, left = choose_fixes(diagnostics)
    if left:
        skipped.append(f"{left} overlapping fix(es) left for another run")
    if not chosen:
        return source.text, [], skipped
    fmt = format_for(source.path)
    if not fmt.fixable:
        return source.text, [], skipped + [f"fixes cannot be made in {fmt.name} files; edit the text by hand"]
    try:
        text, applied = _planned(source, chosen, fmt, skipped)
    except FixError as exc:
        return source.text, [], skipped + [str(exc)]
    return text, [replace(diagnostic, fix=fix) for diagnostic, fix in applied], skipped


def _encode(text: str, encoding: str) -> bytes:
    try:
        return text.encode(encoding)
    except (UnicodeEncodeError, LookupError) as exc:
        raise FixError(f"the fixed text cannot be saved as {encoding} ({exc})") from None


def write_atomic(path: Path, data: bytes, info: os.stat_result | None = None) -> None:
    """Replace ``path``'s contents with ``data`` in one step, keeping its permission bits (and owner,
    where allowed). On any failure the temporary file is removed, ``path`` is untouched and the
    reason is a FixError."""
    info = info or path.stat()
    try:
        atomic_write(path, data, suffix=".rolelint-tmp", durable=True, like=info)
    except TemporaryFileError as exc:
        raise FixError(f"cannot create a temporary file in {path.parent}: {exc.strerror or exc}") from None
    except OSError as exc:
        raise FixError(f"cannot write the file: {exc.strerror or exc}; the original is unchanged") from None


def fixable(diagnostic: Diagnostic) -> bool:
    """Whether `rolelint check --fix` can write this finding's fix: it has one, and its file's format
    takes fixes back (HTML, .docx and JSON-LD do not: their findings' fixes are for an editor)."""
    return diagnostic.fix is not None and format_for(diagnostic.path).fixable


def fix_run(
    result, *, cwd: Path, encoding_fallback: str | None = None, skip: frozenset[str] | set[str] = frozenset()
) -> list[FileFixResult]:
    """Apply the fixes of an engine ``RunResult``: one FileFixResult per file that had any fix
    (except the files in ``skip``)."""
    by_file: dict[str, list[Diagnostic]] = {}
    for diagnostic in result.diagnostics:
        if diagnostic.fix is not None and diagnostic.path not in skip:
            by_file.setdefault(diagnostic.path, []).append(diagnostic)
    reports = []
    for display in sorted(by_file):
        fmt = format_for(display)
        if not fmt.fixable:  # not an error of the run: such files are never written
            report = FileFixResult(display)
            report.notes.append(f"fixes are not written back into {fmt.name} files; edit the text by hand")
            reports.append(report)
            continue
        source = result.sources.get(display)
        reports.append(
            fix_file(
                cwd / display,
                display,
                by_file[display],
                linted_text=source.text if source is not None else None,
                encoding_fallback=encoding_fallback,
            )
        )
    return reports


def describe(report: FileFixResult) -> list[str]:
    """Lines for stderr: what changed in one file, or why it was not changed."""
    if report.error:
        return [f"{report.display}: not fixed: {report.error}"]
    lines = []
    if report.changes:
        count = len(report.changes)
        lines.append(f"{report.display}: fixed {count} problem{'s' if count != 1 else ''}")
        lines += [f"  {c.line}:{c.column} {c.code} {c.before!r} -> {c.after!r}" for c in report.changes]
    lines += [f"{report.display}: {reason}" for reason in report.skipped]
    lines += [f"{report.display}: note: {note}" for note in report.notes]
    return lines


MAX_PASSES = 5  # a fix can reveal another; stop before two rules could keep undoing each other


def fix_and_relint(run, result, *, cwd: Path, encoding_fallback: str | None = None, echo=print):
    """`check --fix`: apply fixes, say what changed (through ``echo``), lint again, repeat while fixes
    apply. ``run()`` lints afresh. Returns the last result and whether any file could not be written."""
    failed: set[str] = set()
    unchanged: set[str] = set()  # said once why nothing was written (an HTML or .docx file)
    total = 0
    for _ in range(MAX_PASSES):
        reports = fix_run(result, cwd=cwd, encoding_fallback=encoding_fallback, skip=failed | unchanged)
        for report in reports:
            for line in describe(report):
                echo(line)
        failed.update(r.display for r in reports if r.error)
        unchanged.update(r.display for r in reports if not r.error and not r.changes)
        written = [r for r in reports if r.written]
        if not written:
            break
        total += sum(len(r.changes) for r in written)
        result = run()
    if total:
        echo(f"rolelint: applied {total} fix{'es' if total != 1 else ''}; what remains is reported below")
    return result, bool(failed)
