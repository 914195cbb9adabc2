"""The benchmark script's parts run on a tiny input (the benchmarks themselves are not unit tests)."""

from __future__ import annotations

import sys

import pytest
from conftest import REPO

sys.path.insert(0, str(REPO / "benchmarks"))

import finding_diff  # noqa: E402
import generate  # noqa: E402
import precision  # noqa: E402
import run as benchmarks  # noqa: E402


def test_generated_roles_repo_is_schema_clean(tmp_path):
    from rolelint.config import load_config
    from rolelint.engine import Selection, check

    root = generate.write_roles_repo(tmp_path / "repo", 12, frameworks=3)
    assert len(list((root / "roles").rglob("*.yaml"))) == 12
    result = check([], load_config(cwd=root), cwd=root, selection=Selection(select=("RL0",)))
    assert result.diagnostics == []
    assert len(result.files) == 15


def test_generation_is_deterministic(tmp_path):
    first = generate.write_roles_repo(tmp_path / "a", 5)
    second = generate.write_roles_repo(tmp_path / "b", 5)
    assert [p.read_text() for p in sorted(first.rglob("*.yaml"))] == [
        p.read_text() for p in sorted(second.rglob("*.yaml"))
    ]


def test_measure_times_a_command_and_its_memory(tmp_path):
    measured = benchmarks.measure([sys.executable, "-c", "print('hi'); x = bytearray(50 * 2**20)"], cwd=tmp_path)
    assert measured.returncode == 0 and measured.stdout.strip() == "hi"
    assert measured.seconds > 0
    assert measured.largest_rss_mb >= 50


def test_corpus_prose_counts_the_words_rolelint_reads(tmp_path):
    (tmp_path / "advert.md").write_text("# Product manager\n\nYou will lead discovery.\n", encoding="utf-8")
    prose = benchmarks.corpus_prose(tmp_path)
    assert [p.name for p in prose.files] == ["advert.md"]
    assert prose.words == 6


def test_profession_benchmark_and_record_on_tiny_repos(tmp_path):
    report = benchmarks.Report()
    benchmarks.bench_profession(report, (10, 20))
    assert "time 20 / 10" in [row.name for row in report.rows]
    results = tmp_path / "RESULTS.md"
    benchmarks.record(report, results)
    assert "| profession rules (--select RL3), 10 roles |" in results.read_text(encoding="utf-8")


def test_unknown_section_is_refused():
    with pytest.raises(SystemExit):
        benchmarks.main(["--only", "nothing"])


def test_split_runs_workers_one_after_another_over_every_file(tmp_path):
    import json
    import subprocess

    adverts = sorted((REPO / "examples").rglob("*.md"))
    for n in range(24):  # enough files for a chunk per worker
        source = adverts[n % len(adverts)]
        (tmp_path / f"{n:02d}-{source.name}").write_text(source.read_text(encoding="utf-8"), encoding="utf-8")
    command = [sys.executable, str(REPO / "benchmarks" / "split.py"), str(tmp_path), "--jobs", "2"]
    at_once = json.loads(subprocess.run(command, capture_output=True, text=True, check=True).stdout.splitlines()[-1])
    in_turn = json.loads(
        subprocess.run([*command, "--one-at-a-time"], capture_output=True, text=True, check=True).stdout.splitlines()[
            -1
        ]
    )
    assert in_turn["files"] == at_once["files"] == 24
    assert len(at_once["workers"]) == 2
    assert in_turn["method"] == "fork" if sys.platform.startswith("linux") else True
    assert len(in_turn["workers"]) == 2 and all(cpu > 0 for cpu in in_turn["workers"])


def test_finding_diff_names_what_a_change_removes_and_adds_by_advert_line_and_rule():
    def finding(advert: str, line: int, code: str) -> precision.Finding:
        return precision.Finding(advert, code, line, 1, line, "quote", "info", True, "message")

    before = [finding("a", 1, "RL205"), finding("a", 3, "RL201"), finding("b", 2, "RL208")]
    after = [finding("a", 1, "RL205"), finding("b", 2, "RL208"), finding("b", 2, "RL208"), finding("c", 9, "RL101")]
    removed, added = finding_diff.changed(before, after)
    assert [finding_diff.key(f) for f in removed] == [("a", 3, "RL201")]
    assert [finding_diff.key(f) for f in added] == [("b", 2, "RL208"), ("c", 9, "RL101")]
