"""The result cache: identical findings from cached runs, invalidation by everything that matters,
no spaCy on a fully cached run, and a broken cache is never fatal."""

from __future__ import annotations

import dataclasses
import subprocess
import sys
from pathlib import Path

import pytest
from conftest import write, write_small_profession

from rolelint import cache as cache_module
from rolelint.config import load_config
from rolelint.engine import Selection, check
from rolelint.registry import RuleCatalogue, load_catalogue

ADVERT = """\
# Senior rockstar product manager

## About the role
You will work with the team on [Insert team name] and report to the head of product.

## Pay and benefits
£52,000 to £60,000.
"""
ROLE_WITH_TYPO = "kind: role\nid: pm\ntitel: Product manager\nframework: pm\nlevels: [{level: a}]\n"


@pytest.fixture
def roles_repo(repo: Path) -> Path:
    write(repo, "adverts/senior-pm.md", ADVERT)
    write(repo, "adverts/plain.txt", "We need a ninja who can hit the ground running.\n")
    write(repo, "roles/pm.yaml", ROLE_WITH_TYPO)
    return repo


def _run(root: Path, *, use_cache: bool = True, selection: Selection = Selection(), paths=()):
    config = load_config(cwd=root)
    return check(
        [Path(p) for p in paths],
        config,
        selection=selection,
        cwd=root,
        use_cache=use_cache,
        catalogue=load_catalogue(config),
    )


def _snapshot(result) -> list[dict]:
    return [dataclasses.asdict(d) for d in result.diagnostics]


def _forbid_text_rules(monkeypatch):
    def fail(*args, **kwargs):
        raise AssertionError("text rules ran although every file was cached")

    monkeypatch.setattr(RuleCatalogue, "run_text_rules", fail)


def _entries(root: Path) -> list[Path]:
    return sorted((root / ".rolelint_cache").glob("v*/*/*.json"))


def test_a_cached_run_reports_exactly_what_an_uncached_run_does(roles_repo, monkeypatch):
    uncached = _snapshot(_run(roles_repo, use_cache=False))
    assert {d["code"] for d in uncached} >= {"RL011", "RL101", "RL104"}
    first = _snapshot(_run(roles_repo))
    _forbid_text_rules(monkeypatch)
    second = _snapshot(_run(roles_repo))
    assert first == uncached
    assert second == uncached


def test_one_entry_per_file_in_the_configured_cache_dir(roles_repo):
    write(roles_repo, ".rolelint.yaml", "cache_dir: build/lint-cache\nkinds: {role: ['roles/**']}\n")
    _run(roles_repo)
    cache_dir = roles_repo / "build" / "lint-cache"
    assert len(list(cache_dir.glob("v*/*/*.json"))) == 3
    assert (cache_dir / "CACHEDIR.TAG").is_file()
    assert (cache_dir / ".gitignore").read_text(encoding="utf-8").endswith("*\n")
    assert not list(cache_dir.rglob(".tmp-*")), "a temporary file was left behind"


def test_without_the_cache_nothing_is_written(roles_repo):
    _run(roles_repo, use_cache=False)
    assert not (roles_repo / ".rolelint_cache").exists()


def test_a_changed_file_is_linted_again_and_the_others_come_from_the_cache(roles_repo, monkeypatch):
    _run(roles_repo)
    write(roles_repo, "adverts/plain.txt", "We need a guru.\n")
    seen: list[str] = []
    original = RuleCatalogue.run_text_rules

    def spy(self, documents, active, config):
        seen.extend(d.path for d in documents)
        return original(self, documents, active, config)

    monkeypatch.setattr(RuleCatalogue, "run_text_rules", spy)
    result = _run(roles_repo)
    assert seen == ["adverts/plain.txt"]
    assert ("adverts/plain.txt", "RL104") in {(d.path, d.code) for d in result.diagnostics}
    assert _snapshot(result) == _snapshot(_run(roles_repo, use_cache=False))


@pytest.mark.parametrize(
    "change",
    [
        pytest.param(
            lambda root, mp: write(
                root, ".rolelint.yaml", "kinds: {role: ['roles/**']}\nrules: {RL104: {severity: error}}\n"
            ),
            id="config",
        ),
        pytest.param(lambda root, mp: mp.setattr(cache_module, "__version__", "99.0"), id="rolelint-version"),
        pytest.param(
            lambda root, mp: mp.setattr(cache_module, "model_identity", lambda model: ("other-model", "1.0")),
            id="model",
        ),
    ],
)
def test_what_the_key_covers_invalidates_the_cache(roles_repo, monkeypatch, change):
    _run(roles_repo)
    before = set(_entries(roles_repo))
    change(roles_repo, monkeypatch)
    _run(roles_repo)
    assert set(_entries(roles_repo)) - before, "nothing was linted again"


def test_a_different_selection_uses_different_entries(roles_repo):
    only_schema = _run(roles_repo, selection=Selection(select=("RL0",)))
    everything = _run(roles_repo)
    assert {d.code for d in only_schema.diagnostics} == {"RL010", "RL011"}
    assert "RL104" in {d.code for d in everything.diagnostics}
    assert _snapshot(_run(roles_repo, selection=Selection(select=("RL0",)))) == _snapshot(only_schema)


def test_editing_a_rule_pack_invalidates_the_cache(roles_repo):
    pack = roles_repo / "team-rules"
    rule = """\
        code: TM101
        name: no-synergy
        severity: warning
        kind: regex
        message: "'{match}' is jargon"
        regex: {pattern: 'synergy', ignore_case: true}
        docs:
          what: Flags synergy.
          why: It says nothing.
          example: Drive synergy.
          use_instead: Work together.
          references: []
        examples:
          fail: ["Drive synergy."]
          pass: ["Work together."]
        """
    write(pack, "TM101-no-synergy.yaml", rule)
    write(roles_repo, ".rolelint.yaml", "kinds: {role: ['roles/**']}\nrule_packs: [team-rules/]\n")
    write(roles_repo, "adverts/plain.txt", "Drive synergy and teamwork.\n")
    assert "TM101" in {d.code for d in _run(roles_repo).diagnostics}
    write(pack, "TM101-no-synergy.yaml", rule.replace("'synergy'", "'teamwork'"))
    found = [d for d in _run(roles_repo).diagnostics if d.code == "TM101"]
    assert [d.context for d in found] == ["teamwork"]


@pytest.mark.parametrize("damage", ["", "{", "not json at all", '{"key": "other"}', '{"findings": 3}', "\x00\xff"])
def test_a_corrupt_entry_is_ignored_and_rewritten(roles_repo, damage):
    expected = _snapshot(_run(roles_repo))
    for entry in _entries(roles_repo):
        entry.write_bytes(damage.encode("latin-1"))
    assert _snapshot(_run(roles_repo)) == expected
    assert _snapshot(_run(roles_repo)) == expected


def test_a_cache_dir_that_cannot_be_created_is_skipped(roles_repo):
    write(roles_repo, "not-a-dir", "a file where the cache folder would go\n")
    write(roles_repo, ".rolelint.yaml", "cache_dir: not-a-dir\nkinds: {role: ['roles/**']}\n")
    assert _snapshot(_run(roles_repo)) == _snapshot(_run(roles_repo, use_cache=False))


def test_profession_rules_still_see_cached_files(roles_repo):
    write_small_profession(roles_repo)
    write(roles_repo, ".rolelint.yaml", "kinds: {framework: ['frameworks/**'], role: ['roles/**']}\n")
    uncached = _snapshot(_run(roles_repo, use_cache=False))
    assert any(d["code"].startswith("RL3") for d in uncached), "the example needs a profession finding"
    _run(roles_repo)
    assert _snapshot(_run(roles_repo)) == uncached


SPACY_PROBE = """
import sys
from rolelint.cli import main
sys.argv = ["rolelint", "check", "--format", "json"]
try:
    main()
except SystemExit:
    pass
print("spaCy imported" if "spacy" in sys.modules else "spaCy not imported", file=sys.stderr)
"""


def test_a_fully_cached_rerun_does_not_import_spacy(roles_repo):
    def run() -> subprocess.CompletedProcess:
        return subprocess.run(
            [sys.executable, "-c", SPACY_PROBE], cwd=roles_repo, capture_output=True, text=True, timeout=300
        )

    first, second = run(), run()
    assert "spaCy imported" in first.stderr.splitlines(), first.stderr
    assert "spaCy not imported" in second.stderr.splitlines(), second.stderr
    assert second.stdout == first.stdout
