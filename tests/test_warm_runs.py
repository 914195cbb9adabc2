"""Warm runs: the profession findings of an unchanged repo come from the memo
(rolelint.profession.memo), equal to computed ones; any change recomputes them; a memo entry this
user's rolelint did not sign is ignored."""

from __future__ import annotations

import dataclasses
import json
import shutil
import sys
import textwrap
from pathlib import Path

import pytest
import yaml
from conftest import REPO, write

import rolelint.profession as profession
from rolelint import cachesign, schedule
from rolelint.config import load_config
from rolelint.engine import Selection, check
from rolelint.profession import memo as memo_module
from rolelint.registry import load_catalogue

sys.path.insert(0, str(REPO / "benchmarks"))
from generate import write_roles_repo  # noqa: E402

CASES = REPO / "tests" / "profession" / "cases"
ADVERT = """\
---
framework: product
role: product-role-00000
level: senior
salary: {min: 90000, max: 99000, currency: GBP, period: year}
---
# Senior product role 0

## Responsibilities
- Review the incident review with engineers
- Run the pricing model with finance colleagues

## Essential criteria
- Expert in strategy and 9+ years of experience
"""


@pytest.fixture(autouse=True)
def own_secret(tmp_path: Path, monkeypatch: pytest.MonkeyPatch):
    """Each test signs with a secret of its own, not the secret of whoever runs the tests."""
    monkeypatch.setenv("XDG_CACHE_HOME", str(tmp_path / "user-cache"))
    cachesign.machine_secret.cache_clear()
    yield
    cachesign.machine_secret.cache_clear()


@pytest.fixture
def computed(monkeypatch: pytest.MonkeyPatch) -> list[int]:
    """How many times the profession rules were computed (rather than read from the memo)."""
    calls: list[int] = []
    original = profession.run_checks

    def counting(*args, **kwargs):
        calls.append(1)
        return original(*args, **kwargs)

    monkeypatch.setattr(profession, "run_checks", counting)
    return calls


@pytest.fixture
def roles_repo(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> Path:
    """Generated roles (RL314 findings and more), the examples' frameworks, roles and adverts, and an
    advert that breaks several profession rules."""
    root = write_roles_repo(tmp_path / "repo", 40, frameworks=4)
    for folder in ("frameworks", "roles", "adverts"):
        shutil.copytree(REPO / "examples" / folder, root / folder, dirs_exist_ok=True)
    write(root, "adverts/senior-product.md", ADVERT)
    monkeypatch.chdir(root)
    return root


def _run(root: Path, *, use_cache: bool = True, paths=(), select: tuple[str, ...] = ("RL0", "RL3")) -> list[dict]:
    config = load_config(cwd=root)
    result = check(
        [Path(p) for p in paths],
        config,
        selection=Selection(select=select),
        cwd=root,
        use_cache=use_cache,
        catalogue=load_catalogue(config),
    )
    return [dataclasses.asdict(d) for d in result.diagnostics]


def _profession_codes(snapshot: list[dict]) -> set[str]:
    return {d["code"] for d in snapshot if d["code"].startswith("RL3")}


def _memo_files(root: Path) -> list[Path]:
    return sorted((root / ".rolelint_cache").glob("index-*-findings-*.json"))


def test_a_warm_run_reads_the_memo_and_reports_what_a_computed_run_does(roles_repo, computed, monkeypatch):
    uncached = _run(roles_repo, use_cache=False)
    assert len(_profession_codes(uncached)) >= 4, "the repo should give findings of several profession rules"
    assert len(computed) == 1
    first = _run(roles_repo)
    assert len(computed) == 2 and len(_memo_files(roles_repo)) == 1
    parsed: list[str] = []
    original = schedule.parse_source

    def spy(source, **kwargs):
        parsed.append(source.path)
        return original(source, **kwargs)

    monkeypatch.setattr(schedule, "parse_source", spy)
    second = _run(roles_repo)
    assert len(computed) == 2, "the profession rules ran again over an unchanged repo"
    assert parsed == [], "files served by the cache were parsed although no rule needed their documents"
    assert first == uncached
    assert second == uncached


def _fail_cases() -> list[tuple[str, dict]]:
    base = yaml.safe_load((CASES / "_base.yaml").read_text(encoding="utf-8"))
    cases = []
    for path in sorted(CASES.glob("RL3*.yaml")):
        spec = yaml.safe_load(path.read_text(encoding="utf-8"))
        for case in spec.get("fail") or []:
            files = {**({} if case.get("no_base") else base), **(case.get("files") or {})}
            given = case.get("check") or list(case.get("files") or {})
            cases.append((spec["code"], {"name": case["name"], "files": files, "given": given}))
    return cases


FAIL_CASES = _fail_cases()


@pytest.mark.parametrize("code,case", FAIL_CASES, ids=[f"{code}-{case['name']}" for code, case in FAIL_CASES])
def test_every_rules_memoised_findings_equal_its_computed_ones(tmp_path, monkeypatch, computed, code, case):
    root = tmp_path / "repo"
    for relative, content in case["files"].items():
        write(root, relative, textwrap.dedent(content))
    monkeypatch.chdir(root)
    uncached = _run(root, use_cache=False, paths=case["given"], select=(code,))
    assert any(d["code"] == code for d in uncached)
    first = _run(root, paths=case["given"], select=(code,))
    second = _run(root, paths=case["given"], select=(code,))
    assert len(computed) == 2, "the second cached run computed the findings again"
    assert first == uncached and second == uncached


@pytest.mark.parametrize(
    "change",
    [
        pytest.param(
            lambda root: write(
                root,
                "roles/product/role-00000.yaml",
                (root / "roles/product/role-00000.yaml")
                .read_text(encoding="utf-8")
                .replace(
                    "responsibilities:\n",
                    "responsibilities:\n  - Agree the budget with finance colleagues and suppliers\n",
                    1,
                ),
            ),
            id="a-role-edited",
        ),
        pytest.param(
            lambda root: write(
                root,
                "frameworks/product.yaml",
                (root / "frameworks/product.yaml").read_text(encoding="utf-8").replace("max: 63000", "max: 99000"),
            ),
            id="a-framework-band-edited",
        ),
        pytest.param(lambda root: (root / "roles/product/role-00004.yaml").unlink(), id="a-role-deleted"),
        pytest.param(
            lambda root: write(
                root,
                "roles/product/role-09999.yaml",
                (root / "roles/product/role-00000.yaml")
                .read_text(encoding="utf-8")
                .replace("product-role-00000", "product-role-09999")
                .replace("Product role 0", "Product role copy"),
            ),
            id="a-role-added",
        ),
        pytest.param(
            lambda root: write(
                root,
                ".rolelint.yaml",
                (root / ".rolelint.yaml").read_text(encoding="utf-8") + "rules:\n  RL314: {options: {ratio: 1.5}}\n",
            ),
            id="an-option-changed",
        ),
    ],
)
def test_a_change_anywhere_in_the_index_computes_the_findings_again(roles_repo, computed, change):
    _run(roles_repo)
    _run(roles_repo)
    assert len(computed) == 1
    change(roles_repo)
    warm = _run(roles_repo)
    assert len(computed) == 2, "a stale memo entry was used"
    assert warm == _run(roles_repo, use_cache=False)


def test_a_change_to_a_file_not_given_to_the_run_computes_the_findings_again(roles_repo, computed):
    """pre-commit passes only the changed files; another file's change still changes their findings."""
    given = ["adverts/senior-product.md"]
    before = _run(roles_repo, paths=given)
    assert "RL306" in _profession_codes(before)
    write(
        roles_repo,
        "frameworks/product.yaml",
        (roles_repo / "frameworks/product.yaml").read_text(encoding="utf-8").replace("max: 63000", "max: 120000"),
    )
    after = _run(roles_repo, paths=given)
    assert len(computed) == 2
    assert "RL306" not in _profession_codes(after)
    assert after == _run(roles_repo, use_cache=False, paths=given)


def test_changed_files_mode_reports_for_the_given_files_only(roles_repo, computed):
    whole = _run(roles_repo)
    given = ["adverts/senior-product.md", "roles/product/role-00000.yaml"]
    some = _run(roles_repo, paths=given)
    assert len(computed) == 2, "a run over other files must not reuse the whole repo's findings"
    assert {d["path"] for d in some} <= set(given) and _profession_codes(some)
    assert some == _run(roles_repo, use_cache=False, paths=given)
    assert some == [d for d in whole if d["path"] in given]
    assert _run(roles_repo, paths=given) == some
    assert _run(roles_repo) == whole
    assert len(computed) == 3, "the two memo entries should both have been kept and read"


def test_selecting_other_profession_rules_is_another_key(roles_repo, computed):
    everything = _run(roles_repo)
    only_rl306 = _run(roles_repo, select=("RL306",))
    assert len(computed) == 2
    assert _profession_codes(only_rl306) == {"RL306"}
    assert only_rl306 == _run(roles_repo, use_cache=False, select=("RL306",))
    assert _run(roles_repo) == everything and len(computed) == 3


def _rewrite_memo(root: Path, mac_for) -> None:
    """Replace every memo entry's findings with a made-up one and seal it with ``mac_for(body)``."""
    files = _memo_files(root)
    assert files
    for path in files:
        payload = json.loads(json.loads(path.read_text(encoding="utf-8"))["body"])
        payload["findings"] = {
            "adverts/senior-product.md": [{"code": "RL306", "message": "FORGED finding", "start": 0, "end": 1}]
        }
        body = json.dumps(payload)
        envelope = {"body": body}
        mac = mac_for(body)
        if mac is not None:
            envelope["mac"] = mac
        path.write_text(json.dumps(envelope), encoding="utf-8")


def _signed_elsewhere(tmp_path: Path, monkeypatch: pytest.MonkeyPatch):
    def mac_for(body: str) -> str:
        monkeypatch.setenv("XDG_CACHE_HOME", str(tmp_path / "attacker-cache"))
        cachesign.machine_secret.cache_clear()
        mac = cachesign.sign(body.encode("utf-8"))
        monkeypatch.setenv("XDG_CACHE_HOME", str(tmp_path / "user-cache"))
        cachesign.machine_secret.cache_clear()
        return mac

    return mac_for


@pytest.mark.parametrize("seal", ["unsigned", "bad-mac", "another-users-secret"])
def test_a_memo_entry_not_signed_by_this_user_is_ignored(roles_repo, tmp_path, monkeypatch, computed, seal):
    truth = _run(roles_repo)
    mac_for = {
        "unsigned": lambda body: None,
        "bad-mac": lambda body: "0" * 64,
        "another-users-secret": _signed_elsewhere(tmp_path, monkeypatch),
    }[seal]
    _rewrite_memo(roles_repo, mac_for)
    warm = _run(roles_repo)
    assert len(computed) == 2
    assert not any("FORGED" in d["message"] for d in warm)
    assert warm == truth


def test_a_memo_entry_signed_by_this_user_is_read_as_is(roles_repo, computed):
    """The other side of the test above: a forgery that verifies would be believed, so the
    signature is what protects the findings."""
    _run(roles_repo)
    _rewrite_memo(roles_repo, lambda body: cachesign.sign(body.encode("utf-8")))
    warm = _run(roles_repo)
    assert len(computed) == 1
    assert any("FORGED" in d["message"] for d in warm)


def test_a_signed_entry_under_another_key_is_ignored(roles_repo, computed):
    """A genuine entry copied to the file name of another key (another state of the repo) misses."""
    _run(roles_repo)
    old = _memo_files(roles_repo)
    write(
        roles_repo,
        "frameworks/product.yaml",
        (roles_repo / "frameworks/product.yaml").read_text(encoding="utf-8").replace("max: 63000", "max: 120000"),
    )
    config = load_config(cwd=roles_repo)
    memo = profession.findings_memo(
        [], {c: r for c, r in load_catalogue(config).profession_rules.items()}, config, cwd=roles_repo
    )
    shutil.copyfile(old[0], memo.path)
    assert memo.recall() is None


def _given(root: Path, config, *relative: str):
    from rolelint.discovery import discover

    entries, problems = discover([root / r for r in relative], config, cwd=root)
    assert not problems
    return entries


def test_a_given_file_edited_while_the_rules_ran_leaves_no_memo_entry(roles_repo):
    config = load_config(cwd=roles_repo)
    rules = load_catalogue(config).profession_rules
    given = _given(roles_repo, config, "roles/product/role-00000.yaml")
    memo = profession.findings_memo(given, rules, config, cwd=roles_repo)
    write(roles_repo, "roles/product/role-00000.yaml", "kind: role\nid: edited\n")
    assert memo.remember({}) is False
    assert not _memo_files(roles_repo)
    fresh = profession.findings_memo(given, rules, config, cwd=roles_repo)
    assert fresh.remember({}) is True and fresh.recall() == {}


def test_a_file_the_index_read_after_an_edit_leaves_no_memo_entry(roles_repo):
    """With no index cache the index reads every file not given; one edited after the memo hashed it
    is read as it is now, so its findings must not be kept under the key of what it was."""
    from rolelint.loaders import load_file

    config = load_config(cwd=roles_repo)
    rules = load_catalogue(config).profession_rules
    given = _given(roles_repo, config, "adverts/senior-product.md")
    memo = profession.findings_memo(given, rules, config, cwd=roles_repo)
    write(
        roles_repo,
        "frameworks/product.yaml",
        (roles_repo / "frameworks/product.yaml").read_text(encoding="utf-8").replace("max: 63000", "max: 120000"),
    )
    document = load_file(given[0].path, given[0].display, kind_hint="advert", options=config.load_options).document
    found = profession.run_profession_rules([document], rules, config, cwd=roles_repo, memo=memo)
    assert "frameworks/product.yaml" in {e.display for e in memo.repo.read_again}
    assert not any(f.code == "RL306" for f in found.get("adverts/senior-product.md", ()))  # read as edited
    assert not _memo_files(roles_repo)


def test_a_run_without_the_cache_neither_reads_nor_writes_the_memo(roles_repo, computed):
    _run(roles_repo, use_cache=False)
    assert not _memo_files(roles_repo)
    truth = _run(roles_repo)
    _rewrite_memo(roles_repo, lambda body: cachesign.sign(body.encode("utf-8")))
    assert _run(roles_repo, use_cache=False) == truth
    assert len(computed) == 3


def test_only_the_newest_entries_are_kept(roles_repo):
    for code in ("RL301", "RL302", "RL303", "RL304", "RL305", "RL306"):
        _run(roles_repo, select=(code,))
    assert len(_memo_files(roles_repo)) == memo_module.KEEP
