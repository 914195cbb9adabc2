"""`--jobs N`: worker processes give exactly the findings of a single process."""

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
