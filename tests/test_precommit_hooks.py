"""Both pre-commit hooks through the real `pre-commit`, installing rolelint from a clone of this repo.

pre-commit installs rolelint (not editable) and its dependencies from PyPI into its own environment,
which takes minutes the first time; PRE_COMMIT_HOME is shared by the tests of a session. The clone
is of HEAD: commit `.pre-commit-hooks.yaml` changes before running these.
"""

from __future__ import annotations

import os
import shutil
import subprocess
import sys
from pathlib import Path

import pytest
from conftest import REPO

pytestmark = pytest.mark.slow
INSTALL_TIMEOUT = 1800


def _git(*args: str, cwd: Path) -> str:
    return subprocess.run(["git", *args], cwd=cwd, check=True, capture_output=True, text=True).stdout.strip()


@pytest.fixture(scope="session")
def hooks_source(tmp_path_factory) -> tuple[Path, str]:
    """A clone of this repo at HEAD, and the commit."""
    if shutil.which("git") is None:
        pytest.skip("git is not installed")
    clone = tmp_path_factory.mktemp("rolelint-clone") / "rolelint"
    subprocess.run(["git", "clone", "--quiet", str(REPO), str(clone)], check=True, capture_output=True)
    return clone, _git("rev-parse", "HEAD", cwd=clone)


@pytest.fixture(scope="session")
def pre_commit_home(tmp_path_factory) -> Path:
    return tmp_path_factory.mktemp("pre-commit-home")


@pytest.fixture
def roles_git_repo(tmp_path: Path, hooks_source) -> Path:
    """The example roles repo, committed, with a pre-commit config using both hooks."""
    clone, rev = hooks_source
    repo = tmp_path / "roles"
    shutil.copytree(REPO / "examples", repo, ignore=shutil.ignore_patterns(".rolelint_cache"))
    # Structure and profession rules only: fast, and enough to show which files each hook lints.
    (repo / ".pre-commit-config.yaml").write_text(
        f"""\
repos:
  - repo: {clone}
    rev: {rev}
    hooks:
      - id: rolelint
        args: [--select, "RL0,RL3", --no-cache]
      - id: rolelint-all
        args: [--select, "RL0,RL3", --no-cache]
""",
        encoding="utf-8",
    )
    _git("init", "--quiet", cwd=repo)
    _git("config", "user.email", "test@example.org", cwd=repo)
    _git("config", "user.name", "Test", cwd=repo)
    _git("add", "-A", cwd=repo)
    _git("commit", "--quiet", "-m", "roles", cwd=repo)
    return repo


def _pre_commit(*args: str, cwd: Path, home: Path) -> subprocess.CompletedProcess:
    environment = {**os.environ, "PRE_COMMIT_HOME": str(home), "PRE_COMMIT_COLOR": "never"}
    environment.pop("VIRTUAL_ENV", None)
    return subprocess.run(
        [sys.executable, "-m", "pre_commit", *args],
        cwd=cwd,
        env=environment,
        capture_output=True,
        text=True,
        timeout=INSTALL_TIMEOUT,
    )


def test_changed_files_hook_lints_only_them_against_the_whole_index(roles_git_repo, pre_commit_home):
    advert = roles_git_repo / "adverts" / "senior-product-manager.md"
    text = advert.read_text(encoding="utf-8")
    assert "max: 61000" in text
    advert.write_text(text.replace("max: 61000", "max: 99000"), encoding="utf-8")
    _git("add", "-A", cwd=roles_git_repo)
    run = _pre_commit("run", "rolelint", cwd=roles_git_repo, home=pre_commit_home)
    output = run.stdout + run.stderr
    assert run.returncode == 1, output
    # The band is in frameworks/product-management.yaml, which the commit did not touch.
    assert "adverts/senior-product-manager.md" in output and "RL306" in output, output
    assert "growth-hacker-draft.md" not in output, output


def test_whole_repo_hook_runs_without_changes_and_lints_everything(roles_git_repo, pre_commit_home):
    (roles_git_repo / "roles" / "product-manager.yaml").write_text(
        (roles_git_repo / "roles" / "product-manager.yaml").read_text(encoding="utf-8") + "titel: typo\n",
        encoding="utf-8",
    )
    _git("commit", "--quiet", "-am", "a typo in a file no later commit touches", cwd=roles_git_repo)
    run = _pre_commit("run", "rolelint-all", cwd=roles_git_repo, home=pre_commit_home)
    output = run.stdout + run.stderr
    assert run.returncode == 1, output
    assert "roles/product-manager.yaml" in output and "RL011" in output, output
    clean = _pre_commit("run", "rolelint", cwd=roles_git_repo, home=pre_commit_home)
    assert "(no files to check)Skipped" in clean.stdout.replace(".", ""), clean.stdout


def test_docs_and_requirements_in_a_commit_pass_the_hook(roles_git_repo, pre_commit_home):
    """pre-commit names every changed Markdown and text file; with `kinds.advert` in the config they are
    not adverts, and the hook's --force-exclude keeps the config's include/exclude for them."""
    (roles_git_repo / ".pre-commit-config.yaml").write_text(
        (roles_git_repo / ".pre-commit-config.yaml")
        .read_text(encoding="utf-8")
        .replace('args: [--select, "RL0,RL3", --no-cache]', "args: [--no-cache]"),
        encoding="utf-8",
    )
    (roles_git_repo / "docs").mkdir()
    # Everything an advert rule would flag: no salary, hype, a placeholder, a gendered word.
    (roles_git_repo / "docs" / "contributing.md").write_text(
        "# How to add a role\n\nOpen a pull request, rockstar! Fill in [Insert salary] later; he will review it.\n",
        encoding="utf-8",
    )
    (roles_git_repo / "requirements.txt").write_text("rolelint\npre-commit>=3.5\n", encoding="utf-8")
    _git("add", "-A", cwd=roles_git_repo)
    run = _pre_commit("run", "rolelint", cwd=roles_git_repo, home=pre_commit_home)
    output = run.stdout + run.stderr
    assert run.returncode == 0, output
    assert "rolelint" in output and "Passed" in output, output
    # The same text as an advert fails the same hook: what passed above was not linted as one.
    (roles_git_repo / "adverts" / "contributing.md").write_text(
        (roles_git_repo / "docs" / "contributing.md").read_text(encoding="utf-8"), encoding="utf-8"
    )
    _git("add", "-A", cwd=roles_git_repo)
    flagged = _pre_commit("run", "rolelint", cwd=roles_git_repo, home=pre_commit_home)
    assert flagged.returncode == 1 and "adverts/contributing.md" in flagged.stdout, flagged.stdout
