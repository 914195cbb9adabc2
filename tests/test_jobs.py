"""Large runs: `--jobs N` gives exactly the findings of a single process; the progress bar shows only on a terminal."""

from __future__ import annotations

import dataclasses
import subprocess
import sys
from pathlib import Path

import pytest

from rolelint.config import load_config
from rolelint.discovery import FileEntry
from rolelint.engine import check
from rolelint.filestage import PARALLEL_THRESHOLD, _workers, available_cores
from rolelint.parallel import chunks_for
from rolelint.progress import PROGRESS_THRESHOLD, progress_wanted
from rolelint.registry import load_catalogue

from conftest import write

ADVERTS = [
    "# Rockstar engineer\n\nWe need a ninja who can hit the ground running. Salary: [Insert Amount].\n",
    "# Product manager\n\n## About the role\nYou will lead discovery with user researchers.\n\n"
    "## Pay\n£40,000 to £48,000.\n",
    "---\nkind: advert\ntitle: Delivery manager\nsalray: 40000\n---\n# Delivery manager\n\nHe will run stand-ups, "
    "guys. <!-- rolelint-disable-next-line RL104 -->\nA true guru of delivery.\n",
    "Senior developer:\nWork hard, play hard. Must be a digital native with 10+ years of experience.\n",
]


@pytest.fixture
def mixed_repo(repo: Path) -> Path:
    for i in range(24):
        suffix = ".txt" if i % 4 == 3 else ".md"
        write(repo, f"adverts/advert-{i:02d}{suffix}", ADVERTS[i % 4] + f"\nReference {i}.\n")
    write(repo, "frameworks/pm.yaml", "kind: framework\nid: pm\nname: PM\nlevels:\n  - {id: a, title: Associate}\n"
                                      "skills: [{id: discovery, name: Discovery}]\n")
    write(repo, "roles/pm.yaml", "kind: role\nid: pm\ntitle: Product manager\nframework: pm\nlevels: [{level: a}]\n"
                                 "responsibilities:\n  - Any other duties as required\n")
    write(repo, "roles/broken.yaml", "kind: role\nid: [broken\n")
    write(repo, "adverts/binary.md", b"\x00\x01\x02 not text")
    write(repo, "adverts/latin1.md", "caf\xe9 rockstar\n".encode("latin-1"))
    return repo


def _snapshot(result) -> tuple:
    return ([dataclasses.asdict(d) for d in result.diagnostics], result.files, sorted(result.sources),
            sorted(d.path for d in result.documents))


def _run(root: Path, jobs: int):
    config = load_config(cwd=root)
    return check([], config, cwd=root, jobs=jobs, catalogue=load_catalogue(config))


def test_two_workers_find_exactly_what_one_process_finds(mixed_repo):
    single = _snapshot(_run(mixed_repo, 1))
    assert {d["code"] for d in single[0]} >= {"RL001", "RL004", "RL101", "RL104", "RL011"}
    assert _snapshot(_run(mixed_repo, 2)) == single


def test_more_workers_than_files_is_fine(repo):
    write(repo, "adverts/one.md", ADVERTS[0])
    assert _snapshot(_run(repo, 8)) == _snapshot(_run(repo, 1))


def test_default_jobs_use_every_core_only_for_large_runs():
    assert _workers(None, PARALLEL_THRESHOLD - 1) == 1
    assert _workers(None, PARALLEL_THRESHOLD) == available_cores()
    assert _workers(4, 2) == 2
    assert _workers(3, 100) == 3


def test_chunks_cover_every_file_once_in_order():
    entries = [FileEntry(Path(f"/r/{i}.md"), f"{i}.md", f"{i}.md") for i in range(103)]
    chunks = chunks_for(entries, workers=2)
    assert [e for chunk in chunks for e in chunk] == entries
    assert len(chunks) >= 2


@pytest.mark.slow
def test_cli_jobs_output_is_identical_over_the_corpus(corpus, tmp_path):
    folder = corpus / "moj-job-descriptions"
    if not folder.is_dir():
        pytest.skip("the MoJ part of the corpus is absent")

    def run(jobs: str) -> subprocess.CompletedProcess:
        return subprocess.run([sys.executable, "-m", "rolelint", "check", "--no-cache", "--format", "json", "--jobs",
                               jobs, str(folder)], cwd=tmp_path, capture_output=True, text=True, timeout=900)

    one, two = run("1"), run("2")
    assert one.returncode in (0, 1), one.stderr
    assert two.stdout == one.stdout
    assert two.returncode == one.returncode


# --- the progress bar --------------------------------------------------------------------------


class _Terminal:
    def __init__(self, tty: bool):
        self.tty = tty

    def isatty(self) -> bool:
        return self.tty


@pytest.mark.parametrize("files, tty, environ, wanted", [
    (100, True, {}, True),
    (100, True, {"CI": "true"}, False),
    (100, True, {"CI": "1"}, False),
    (100, True, {"CI": "false"}, True),
    (100, False, {}, False),
    (PROGRESS_THRESHOLD - 1, True, {}, False),
])
def test_progress_only_for_many_files_on_a_terminal_outside_ci(files, tty, environ, wanted):
    assert progress_wanted(files, stream=_Terminal(tty), environ=environ) is wanted


def _stderr_of_a_run_on_a_terminal(root: Path, environ: dict) -> str:
    """Run rolelint with stderr on a pseudo-terminal and return what it wrote there."""
    import os
    import pty

    controller, terminal = pty.openpty()
    try:
        subprocess.run([sys.executable, "-m", "rolelint", "check", "--select", "RL0", "--no-cache"], cwd=root,
                       stdout=subprocess.DEVNULL, stderr=terminal, env={**os.environ, **environ}, timeout=300)
        os.close(terminal)
        chunks = []
        while True:
            try:
                chunk = os.read(controller, 65536)
            except OSError:  # the terminal side is closed and drained
                break
            if not chunk:
                break
            chunks.append(chunk)
        return b"".join(chunks).decode("utf-8", "replace")
    finally:
        os.close(controller)


@pytest.fixture
def many_roles(repo: Path) -> Path:
    for i in range(PROGRESS_THRESHOLD + 5):
        write(repo, f"roles/r{i:03d}.yaml", f"kind: role\nid: r{i}\ntitle: Role {i}\nframework: pm\nlevels: [{{level: a}}]\n")
    return repo


@pytest.mark.skipif(sys.platform == "win32", reason="needs a pseudo-terminal")
def test_a_terminal_gets_a_progress_bar(many_roles):
    output = _stderr_of_a_run_on_a_terminal(many_roles, {"CI": ""})
    assert "Linting" in output and f"{PROGRESS_THRESHOLD + 5}/{PROGRESS_THRESHOLD + 5}" in output


@pytest.mark.skipif(sys.platform == "win32", reason="needs a pseudo-terminal")
def test_ci_gets_no_progress_bar_even_on_a_terminal(many_roles):
    assert "Linting" not in _stderr_of_a_run_on_a_terminal(many_roles, {"CI": "true"})


def test_piped_stderr_gets_no_progress_bar(many_roles):
    run = subprocess.run([sys.executable, "-m", "rolelint", "check", "--select", "RL0", "--no-cache"],
                         cwd=many_roles, capture_output=True, text=True, timeout=300)
    assert run.stderr == ""
