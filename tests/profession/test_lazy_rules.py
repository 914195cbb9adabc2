"""The profession rules cost a run nothing until they have something to check: the catalogue lists
them without importing their checks, and an index with no framework and no role skips them."""

from __future__ import annotations

import subprocess
import sys
import textwrap
from pathlib import Path

import pytest
import yaml

import rolelint.profession as profession
from rolelint.config import load_config
from rolelint.engine import Selection, check
from rolelint.profession.catalogue import CATALOGUE
from rolelint.profession.rules import PROFESSION_RULES
from tests.conftest import CORPUS, REPO, write

CASES = Path(__file__).with_name("cases")
CHECKS = REPO / "rolelint" / "profession" / "checks"
CONFIG = "kinds:\n  framework: ['frameworks/**']\n  role: ['roles/**']\n  advert: ['adverts/**']\n"


def test_the_catalogue_lists_every_check_module_as_it_defines_its_rule():
    modules = sorted(p.stem for p in CHECKS.glob("rl3*.py"))
    assert sorted(entry.module for entry in CATALOGUE.values()) == modules
    for code, entry in CATALOGUE.items():
        rule = entry.load()
        assert (rule.code, rule.name, rule.severity, rule.enabled) == (code, entry.name, entry.severity, entry.enabled)
        assert PROFESSION_RULES[code] is rule
        assert entry.check is rule.check and entry.options is rule.options and entry.docs is rule.docs


def test_a_rules_name_and_severity_are_declared_once_in_the_catalogue():
    for entry in CATALOGUE.values():
        source = (CHECKS / f"{entry.module}.py").read_text(encoding="utf-8")
        assert f'"{entry.name}"' not in source and "severity=" not in source, entry.module


_PROBE = r"""
import sys
from rolelint.cli import main
sys.argv = ["rolelint", *sys.argv[1:]]
try:
    main()
except SystemExit:
    pass
loaded = sorted(m for m in sys.modules if m.startswith(("rolelint.profession.", "rolelint.reporters.")))
print("LOADED " + " ".join(loaded), file=sys.stderr)
"""


def _loaded_modules(root: Path, *args: str) -> set[str]:
    run = subprocess.run(
        [sys.executable, "-c", _PROBE, "check", *args],
        cwd=root,
        capture_output=True,
        text=True,
        env={"XDG_CACHE_HOME": str(root / ".user-cache"), "PATH": "/usr/bin:/bin", "PYTHONPATH": str(REPO)},
        check=False,
    )
    assert run.returncode in (0, 1), run.stderr
    line = [line for line in run.stderr.splitlines() if line.startswith("LOADED")][-1]
    return set(line.split()[1:])


@pytest.mark.parametrize("other_files", [False, True], ids=["advert-alone", "adverts-only-repo"])
def test_a_run_with_nothing_to_compare_imports_no_check(tmp_path, other_files):
    write(tmp_path, ".rolelint.yaml", CONFIG)
    write(tmp_path, "adverts/draft.md", "# Delivery manager\n\n## The role\n- Run the team's planning\n")
    if other_files:
        write(tmp_path, "adverts/other.md", "# Product manager\n")
    loaded = _loaded_modules(tmp_path, "--no-cache", "--select", "RL0,RL3", "adverts/draft.md")
    assert not {m for m in loaded if m.startswith("rolelint.profession.checks")}, loaded
    # Alone, the advert is known to have nothing to be compared with before any index is built;
    # with other files, the index is built, and holds no framework or role.
    assert ("rolelint.profession.index" in loaded) is other_files
    assert loaded & {"rolelint.reporters.sarif", "rolelint.reporters.junit", "rolelint.reporters.github"} == set()


def test_a_warm_run_imports_no_check(tmp_path):
    write(tmp_path, ".rolelint.yaml", CONFIG)
    for relative, content in yaml.safe_load((CASES / "_base.yaml").read_text(encoding="utf-8")).items():
        if relative != ".rolelint.yaml":
            write(tmp_path, relative, textwrap.dedent(content))
    first = _loaded_modules(tmp_path, "--select", "RL3")
    assert "rolelint.profession.checks.rl314_role_blurring" in first
    warm = _loaded_modules(tmp_path, "--select", "RL3")
    assert not {m for m in warm if m.startswith("rolelint.profession.checks")}, warm


def _adverts() -> list[tuple[str, str]]:
    """Every advert of the rule cases, the examples and the corpus's job descriptions."""
    found: dict[str, str] = {}
    for path in sorted(CASES.glob("*.yaml")):
        spec = yaml.safe_load(path.read_text(encoding="utf-8"))
        cases = [spec] if path.name == "_base.yaml" else [*spec.get("fail", []), *spec.get("pass", [])]
        for case in cases:
            for relative, content in (case.get("files", case) or {}).items():
                if relative.startswith("adverts/"):
                    found.setdefault(textwrap.dedent(content), f"{path.stem}:{relative}")
    for path in sorted((REPO / "examples" / "adverts").iterdir()):
        found.setdefault(path.read_text(encoding="utf-8"), f"examples:{path.name}")
    if CORPUS.is_dir():
        for path in sorted((CORPUS / "moj-job-descriptions").rglob("*.md"))[:12]:
            found.setdefault(path.read_text(encoding="utf-8"), f"corpus:{path.name}")
    return [(name, text) for text, name in found.items()]


ADVERTS = _adverts()


def _alone(root: Path, name: str, text: str) -> list:
    suffix = ".yaml" if text.lstrip().startswith("kind:") or name.endswith(".yaml") else ".md"
    write(root, ".rolelint.yaml", CONFIG)
    advert = write(root, f"adverts/advert{suffix}", text)
    config = load_config(cwd=root)
    result = check([advert], config, selection=Selection(select=("RL3",)), cwd=root)
    return [(d.code, d.line, d.column, d.message) for d in result.diagnostics]


def test_with_no_framework_and_no_role_skipping_the_rules_changes_no_finding(tmp_path, monkeypatch):
    """Every advert we have, checked on its own (no framework, no role in the index): the rules
    report exactly what they report when they are all run."""
    skipped = 0
    counted = profession.nothing_to_check

    def counting(index):
        nonlocal skipped
        verdict = counted(index)
        skipped += verdict
        return verdict

    before_index = profession.only_plain_adverts

    def counting_early(documents, repo):
        nonlocal skipped
        verdict = before_index(documents, repo)
        skipped += verdict
        return verdict

    for n, (name, text) in enumerate(ADVERTS):
        monkeypatch.setattr(profession, "nothing_to_check", counting)
        monkeypatch.setattr(profession, "only_plain_adverts", counting_early)
        quick = _alone(tmp_path / f"quick-{n}", name, text)
        monkeypatch.setattr(profession, "nothing_to_check", lambda index: False)
        monkeypatch.setattr(profession, "only_plain_adverts", lambda documents, repo: False)
        full = _alone(tmp_path / f"full-{n}", name, text)
        assert quick == full, name
    assert len(ADVERTS) >= 20
    assert 0 < skipped < len(ADVERTS), "the adverts should include some the rules skip and some they do not"


def test_an_advert_naming_an_undefined_framework_is_still_reported(tmp_path):
    found = _alone(tmp_path, "ref", "---\nframework: nowhere\n---\n# Delivery manager\n")
    assert [code for code, *_ in found] == ["RL301"]


def test_a_plain_advert_given_alone_is_still_checked_against_the_repo(tmp_path, monkeypatch):
    """pre-commit passes only the advert; the repo's frameworks and roles are still compared with it."""
    for relative, content in yaml.safe_load((CASES / "_base.yaml").read_text(encoding="utf-8")).items():
        write(tmp_path, relative, textwrap.dedent(content))
    advert = write(tmp_path, "adverts/draft.md", "# Senior product manager\n\n## Salary\n£90,000 to £99,000 a year.\n")
    monkeypatch.chdir(tmp_path)
    result = check([advert], load_config(cwd=tmp_path), selection=Selection(select=("RL3",)), cwd=tmp_path)
    assert {"RL306", "RL316"} <= {d.code for d in result.diagnostics}
