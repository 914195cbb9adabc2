"""`check --fix` never corrupts a file: it changes only the fixable spans and says so, writes atomically,
keeps permissions, line endings, BOM and encoding, and leaves the original intact when a write fails."""

from __future__ import annotations

import errno
import os
import stat
from pathlib import Path

import pytest

from rolelint.diagnostics import Diagnostic, Fix, Severity
from rolelint.fixes import fix_file
from tests.conftest import write
from tests.hostile.helpers import run_main

SKETCHY = """---
kind: advert
title: Chairman of the board
---
# Chairman

<!-- a comment the fix must keep: chairman -->
Our chairman wants a salesman who knows java script.
The ideal candidate is a rockstar.

## Benefits

- Free pizza
"""
FIXED = (
    SKETCHY.replace("title: Chairman", "title: Chair")
    .replace("# Chairman", "# Chair")
    .replace(
        "Our chairman wants a salesman who knows java script", "Our chair wants a salesperson who knows JavaScript"
    )
)
CHANGES = [
    "  3:8 RL109 'Chairman' -> 'Chair'",
    "  5:3 RL109 'Chairman' -> 'Chair'",
    "  8:5 RL109 'chairman' -> 'chair'",
    "  8:22 RL109 'salesman' -> 'salesperson'",
    "  8:41 RL126 'java script' -> 'JavaScript'",
]


@pytest.fixture
def repo(tmp_path: Path) -> Path:
    write(tmp_path, ".rolelint.yaml", "kinds: {role: ['roles/**']}\n")
    return tmp_path


def fix(repo: Path, capsys, *paths: str) -> tuple[int, str, str]:
    return run_main(["check", "--fix", "--no-cache", *paths], capsys, repo)


def leftovers(directory: Path) -> list[str]:
    return sorted(p.name for p in directory.iterdir() if p.name.endswith(".rolelint-tmp"))


def test_fix_changes_only_the_fixable_spans_and_reports_each_change(repo, capsys):
    path = write(repo, "advert.md", SKETCHY)
    code, out, err = fix(repo, capsys, "advert.md")
    assert path.read_text(encoding="utf-8") == FIXED
    # The title field repeats the heading's word, so its finding is reported (and fixed) only once the
    # body's copy is gone: a second pass, which says so.
    assert "advert.md: fixed 4 problems" in err and "advert.md: fixed 1 problem\n" in err
    assert [line for line in err.splitlines() if line.startswith("  ")] == CHANGES[1:] + CHANGES[:1]
    assert "rolelint: applied 5 fixes" in err
    assert code == 1 and "RL104" in out  # what cannot be fixed is still reported
    assert "RL109" not in out


def test_fix_keeps_crlf_and_bom(repo, capsys):
    path = write(repo, "advert.md", ("\ufeff" + SKETCHY).replace("\n", "\r\n").encode("utf-8"))
    fix(repo, capsys, "advert.md")
    assert path.read_bytes() == ("\ufeff" + FIXED).replace("\n", "\r\n").encode("utf-8")


def test_fix_keeps_lone_cr_line_endings(repo, capsys):
    path = write(repo, "advert.md", SKETCHY.replace("\n", "\r").encode("utf-8"))
    fix(repo, capsys, "advert.md")
    assert path.read_bytes() == FIXED.replace("\n", "\r").encode("utf-8")


def test_fix_keeps_a_legacy_encoding(repo, capsys):
    write(repo, ".rolelint.yaml", "encoding_fallback: cp1252\n")
    path = write(repo, "advert.md", ("Café – " + SKETCHY.split("---\n", 2)[2]).encode("cp1252"))
    fix(repo, capsys, "advert.md")
    assert path.read_bytes() == ("Café – " + FIXED.split("---\n", 2)[2]).encode("cp1252")


@pytest.mark.parametrize("mode", [0o600, 0o640, 0o664, 0o755])
def test_fix_keeps_permission_bits(repo, capsys, mode):
    path = write(repo, "advert.md", SKETCHY)
    path.chmod(mode)
    fix(repo, capsys, "advert.md")
    assert path.read_text(encoding="utf-8") == FIXED
    assert stat.S_IMODE(path.stat().st_mode) == mode


def test_fix_writes_through_a_symbolic_link_and_keeps_the_link(repo, capsys):
    target = write(repo, "drafts/advert.md", SKETCHY)
    os.symlink("drafts/advert.md", repo / "advert.md")
    fix(repo, capsys, "advert.md")
    assert (repo / "advert.md").is_symlink()
    assert target.read_text(encoding="utf-8") == FIXED


def test_fix_keeps_yaml_comments_and_layout(repo, capsys):
    role = (
        "kind: role  # the kind\nid: chair\ntitle: Chair\nframework: board\n"
        "responsibilities:\n  # keep me\n  - Support the chairman\n"
        "levels: [{level: one}]\n"
    )
    path = write(repo, "roles/chair.yaml", role)
    fix(repo, capsys, "roles/chair.yaml")
    assert path.read_text(encoding="utf-8") == role.replace("Support the chairman", "Support the chair")


def test_a_failed_replace_leaves_the_original_intact_and_no_temporary_file(repo, capsys, monkeypatch):
    path = write(repo, "advert.md", SKETCHY)
    before = path.read_bytes()
    real_replace = os.replace

    def failing_replace(source, destination, *args, **kwargs):
        if str(destination).endswith("advert.md"):
            raise OSError(errno.EIO, "Input/output error")
        return real_replace(source, destination, *args, **kwargs)

    monkeypatch.setattr(os, "replace", failing_replace)
    code, _, err = fix(repo, capsys, "advert.md")
    assert path.read_bytes() == before
    assert leftovers(repo) == []
    assert "advert.md: not fixed: cannot write the file: Input/output error; the original is unchanged" in err
    assert code == 2


def test_a_write_that_fails_half_way_leaves_the_original_intact(repo, capsys, monkeypatch):
    path = write(repo, "advert.md", SKETCHY)
    before = path.read_bytes()

    def full_disk(fd):
        raise OSError(errno.ENOSPC, "No space left on device")

    monkeypatch.setattr(os, "fsync", full_disk)
    code, _, err = fix(repo, capsys, "advert.md")
    assert path.read_bytes() == before
    assert leftovers(repo) == []
    assert "No space left on device; the original is unchanged" in err
    assert code == 2


def test_a_read_only_file_is_not_fixed_and_says_so(repo, capsys):
    path = write(repo, "advert.md", SKETCHY)
    path.chmod(0o444)
    code, _, err = fix(repo, capsys, "advert.md")
    assert path.read_text(encoding="utf-8") == SKETCHY
    assert "advert.md: not fixed: the file is read-only" in err
    assert code == 2


def test_one_file_that_cannot_be_written_does_not_stop_the_others(repo, capsys):
    locked = write(repo, "locked.md", SKETCHY)
    locked.chmod(0o444)
    other = write(repo, "other.md", SKETCHY)
    code, _, err = fix(repo, capsys, "locked.md", "other.md")
    assert locked.read_text(encoding="utf-8") == SKETCHY
    assert other.read_text(encoding="utf-8") == FIXED
    assert code == 2


def _diagnostic(start: int, end: int, replacement: str, context: str) -> Diagnostic:
    return Diagnostic(
        "f", 1, 1, 1, 1, "RL109", Severity.WARNING, "m", fix=Fix(start, end, replacement), context=context
    )


def test_a_file_changed_since_it_was_linted_is_not_fixed(tmp_path):
    path = write(tmp_path, "advert.md", "Our chairman.\n")
    report = fix_file(path, "advert.md", [_diagnostic(4, 12, "chair", "chairman")], linted_text="Old text.\n")
    assert report.error == "the file changed since it was linted; run rolelint again"
    assert path.read_text(encoding="utf-8") == "Our chairman.\n"


def test_a_fix_whose_text_moved_is_skipped(tmp_path):
    path = write(tmp_path, "advert.md", "Our chairman.\n")
    report = fix_file(path, "advert.md", [_diagnostic(0, 3, "chair", "chairman")], linted_text=None)
    assert not report.written and "not fixed" in report.skipped[0]
    assert path.read_text(encoding="utf-8") == "Our chairman.\n"


def test_a_fix_that_would_change_the_yaml_structure_is_refused(tmp_path):
    text = "kind: role\ntitle: chairman\n"
    path = write(tmp_path, "role.yaml", text)
    start = text.index("chairman")
    report = fix_file(path, "role.yaml", [_diagnostic(start, start + 8, "chair\nid: x", "chairman")], linted_text=text)
    assert "would change the file's structure" in report.error
    assert path.read_text(encoding="utf-8") == text
