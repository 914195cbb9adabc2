"""Hostile trees: link loops, links out of the tree, pipes, unreadable paths, and a very large tree.

Each test lints a repo that also holds a witness file with a known finding; the witness must still be
reported, and every finding must sit at a valid position (1:1 for a path that cannot be read).
"""

from __future__ import annotations

import os
import shutil
import signal
import stat
import tempfile
import time
from contextlib import contextmanager
from pathlib import Path

import pytest

from tests.conftest import write
from tests.hostile.helpers import (
    CONFIG,
    WITNESS,
    WITNESS_FINDING,
    WITNESS_PATH,
    assert_positions_inside,
    lint,
    lint_as_nobody,
    run_main,
)


@contextmanager
def deadline(seconds: int):
    """Fail instead of hanging: a run that waits on a pipe would otherwise never return."""

    def expire(signum, frame):
        raise TimeoutError(f"still running after {seconds} s")

    previous = signal.signal(signal.SIGALRM, expire)
    signal.alarm(seconds)
    try:
        yield
    finally:
        signal.alarm(0)
        signal.signal(signal.SIGALRM, previous)


@pytest.fixture
def repo(tmp_path: Path) -> Path:
    write(tmp_path, ".rolelint.yaml", CONFIG)
    write(tmp_path, WITNESS_PATH, WITNESS)
    return tmp_path


@pytest.fixture
def open_repo():
    """A repo that user ``nobody`` can enter (pytest's own tmp directory is private to root)."""
    root = Path(tempfile.mkdtemp(prefix="rolelint-hostile-"))
    root.chmod(0o755)
    write(root, ".rolelint.yaml", CONFIG)
    write(root, WITNESS_PATH, WITNESS)
    yield root
    for directory, _, _ in os.walk(root):  # as a normal user, a mode-000 directory must be opened first
        os.chmod(directory, 0o755)
    shutil.rmtree(root, onerror=lambda function, path, info: (os.chmod(path, 0o755), function(path)))


def lint_with_witness(
    root: Path, *args: str, select: str = "RL0", as_nobody: bool = False, cache: bool = False, seconds: int = 120
):
    with deadline(seconds):
        run = (lint_as_nobody if as_nobody else lint)(root, *args, select=select, cache=cache)
    assert run.has(*WITNESS_FINDING), f"the witness file was not linted: {run.diagnostics}"
    assert_positions_inside(run, root)
    return run


def test_a_loop_of_directory_links_is_walked_once_and_reported(repo):
    os.symlink("..", repo / "roles" / "loop")
    run = lint_with_witness(repo)
    assert run.at("roles/loop") == [(1, 1, "RL002")]
    assert "symbolic link loop" in run.messages("roles/loop")[0]
    assert run.payload["summary"]["files"] == 1  # the witness, not the witness again through the loop


def test_a_loop_of_file_links_is_reported_for_each_link(repo):
    os.symlink("b.md", repo / "roles" / "a.md")
    os.symlink("a.md", repo / "roles" / "b.md")
    run = lint_with_witness(repo)
    for name in ("roles/a.md", "roles/b.md"):
        assert run.at(name) == [(1, 1, "RL002")]
        assert "symbolic link loop" in run.messages(name)[0]


def test_a_broken_link_says_where_it_points(repo):
    os.symlink("gone.md", repo / "roles" / "old.md")
    run = lint_with_witness(repo)
    assert run.at("roles/old.md") == [(1, 1, "RL002")]
    assert "broken symbolic link: it points to gone.md" in run.messages("roles/old.md")[0]


def test_the_summary_counts_a_path_not_read_apart_from_the_files_linted(repo, capsys):
    """A dangling link is reported but never linted: the summary once said "in 2 of 1 file"."""
    os.symlink("gone.md", repo / "roles" / "old.md")
    run = lint_with_witness(repo)
    summary = run.payload["summary"]
    assert (summary["files"], summary["files_with_problems"], summary["paths_not_read"]) == (1, 1, 1)
    assert summary["total"] == len(run.diagnostics)
    code, out, err = run_main(["check", "--no-cache", "--select", "RL0"], capsys, repo)
    assert code == 1 and "Traceback" not in out + err
    warnings = f"{summary['warnings']} warning" + ("" if summary["warnings"] == 1 else "s")
    found = f"Found {summary['total']} problems ({summary['errors']} errors, {warnings}, {summary['infos']} info)"
    assert out.splitlines()[-1] == f"{found} in 1 of 1 file and 1 path not read."
    code, out, err = run_main(["check", "--no-cache", "--select", "RL0", "roles/old.md"], capsys, repo)
    assert out.splitlines()[-1] == (
        "Found 1 problem (1 error, 0 warnings, 0 info) in 1 path not read; no file was linted."
    )
    code, out, err = run_main(["check", "--no-cache", "--select", "RL002", "roles"], capsys, repo)
    assert out.splitlines()[-1] == (
        "Found 1 problem (1 error, 0 warnings, 0 info) in 1 path not read; 1 file linted without problems."
    )


def test_links_out_of_the_tree_are_reported_not_followed(repo, tmp_path_factory):
    secret = tmp_path_factory.mktemp("elsewhere") / "token.txt"
    secret.write_text("SECRET-TOKEN-1234 [Insert amount]\n")
    os.symlink("/", repo / "roles" / "everything")
    os.symlink(secret, repo / "roles" / "token.md")
    started = time.monotonic()
    run = lint_with_witness(repo, select="RL0,RL101")
    assert time.monotonic() - started < 20  # not a walk of the whole machine
    for name in ("roles/everything", "roles/token.md"):
        assert run.at(name) == [(1, 1, "RL002")]
        assert "outside the linted directory; not followed" in run.messages(name)[0]
    assert "SECRET-TOKEN" not in str(run.payload)


def test_a_file_linked_from_inside_the_tree_is_linted(repo):
    os.symlink("witness.yaml", repo / "roles" / "alias.yaml")
    run = lint_with_witness(repo)
    assert run.has("roles/alias.yaml", 3, 1, "RL011")


@pytest.mark.skipif(not hasattr(os, "mkfifo"), reason="no named pipes on this platform")
def test_a_named_pipe_is_reported_not_read(repo):
    os.mkfifo(repo / "roles" / "pipe.yaml")
    run = lint_with_witness(repo)
    assert run.at("roles/pipe.yaml") == [(1, 1, "RL002")]
    assert "named pipe" in run.messages("roles/pipe.yaml")[0]


@pytest.mark.skipif(not hasattr(os, "mkfifo"), reason="no named pipes on this platform")
def test_a_named_pipe_stalls_neither_the_cache_nor_the_profession_index(repo):
    os.mkfifo(repo / "roles" / "pipe.yaml")
    run = lint_with_witness(repo, select="RL0,RL3", cache=True)
    assert run.at("roles/pipe.yaml") == [(1, 1, "RL002")]


@pytest.mark.skipif(not hasattr(os, "mkfifo"), reason="no named pipes on this platform")
def test_a_named_pipe_given_on_the_command_line_is_reported_not_read(repo):
    os.mkfifo(repo / "roles" / "pipe.yaml")
    run = lint_with_witness(repo, "roles/pipe.yaml", WITNESS_PATH)
    assert run.at("roles/pipe.yaml") == [(1, 1, "RL002")]


def test_unreadable_file_and_directory_are_reported_and_the_rest_linted(open_repo):
    write(open_repo, "roles/locked.yaml", WITNESS)
    write(open_repo, "roles/private/inside.yaml", WITNESS)
    (open_repo / "roles" / "locked.yaml").chmod(0)
    (open_repo / "roles" / "private").chmod(0)
    run = lint_with_witness(open_repo, as_nobody=True)
    assert run.at("roles/locked.yaml") == [(1, 1, "RL002")]
    assert run.messages("roles/locked.yaml") == ["cannot read file: Permission denied"]
    assert run.at("roles/private") == [(1, 1, "RL002")]
    assert run.messages("roles/private") == ["cannot read directory: Permission denied"]


def test_a_read_only_checkout_still_lints_without_its_cache(open_repo):
    mode = stat.S_IMODE(open_repo.stat().st_mode)
    assert not mode & stat.S_IWOTH  # nobody cannot create .rolelint_cache here
    run = lint_with_witness(open_repo, as_nobody=True, cache=True)
    assert run.exit_code == 1
    assert not (open_repo / ".rolelint_cache").exists()


TREE_FILES = 100_000


@pytest.mark.slow
def test_a_tree_of_100000_files_is_linted_in_bounded_time(tmp_path):
    write(tmp_path, ".rolelint.yaml", CONFIG)
    write(tmp_path, WITNESS_PATH, WITNESS)
    role = "kind: role\nid: r{n}\ntitle: Role {n}\nframework: pm\nlevels: [{{level: one}}]\n"
    for n in range(TREE_FILES - 1):
        directory = tmp_path / "roles" / f"group-{n // 500:03}"
        if n % 500 == 0:
            directory.mkdir(parents=True)
        (directory / f"role-{n % 500:03}.yaml").write_text(role.format(n=n))
    write(tmp_path, "roles/group-199/role-498.yaml", "kind: role\ntitle: [broken\n")
    started = time.monotonic()
    run = lint_with_witness(tmp_path, seconds=1200)
    elapsed = time.monotonic() - started
    assert run.payload["summary"]["files"] == TREE_FILES
    assert run.at("roles/group-199/role-498.yaml") == [(2, 8, "RL001")]  # where the unclosed [ opens
    assert run.has(*WITNESS_FINDING)
    assert {d["path"] for d in run.diagnostics} == {"roles/group-199/role-498.yaml", WITNESS_PATH}
    assert elapsed < 900, f"{TREE_FILES:,} files took {elapsed:.0f} s"


def test_a_cache_shipped_inside_the_repo_cannot_hide_findings(repo, tmp_path, monkeypatch):
    """An attacker runs rolelint on their own machine, empties the findings of every cache entry,
    signs them with their own secret (all they can do) and commits .rolelint_cache/."""
    import json

    from rolelint import cachesign

    def as_user(home: str) -> None:
        monkeypatch.setenv("XDG_CACHE_HOME", str(tmp_path / home))
        cachesign.machine_secret.cache_clear()

    as_user("attacker")
    lint(repo, cache=True)
    forged = 0
    for entry in (repo / ".rolelint_cache").rglob("*.json"):
        envelope = json.loads(entry.read_text(encoding="utf-8"))
        payload = json.loads(envelope["body"])
        if "findings" in payload:
            payload["findings"] = []
            body = json.dumps(payload)
            entry.write_text(json.dumps({"body": body, "mac": cachesign.sign(body.encode())}), encoding="utf-8")
            forged += 1
    assert forged
    assert not lint(repo, cache=True).has(*WITNESS_FINDING)  # the forgery works for its author

    as_user("victim")
    assert lint(repo, cache=True).has(*WITNESS_FINDING)
    cachesign.machine_secret.cache_clear()
