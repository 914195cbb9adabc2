"""The benchmark script's parts run on a tiny input (the benchmarks themselves are not unit tests)."""

from __future__ import annotations

import sys

import pytest
from conftest import REPO

sys.path.insert(0, str(REPO / "benchmarks"))

import generate  # noqa: E402
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
