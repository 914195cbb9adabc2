"""What gets linted, through the real command line: gitignore-style include/exclude with negation,
`.gitignore`, `--force-exclude` for the files pre-commit names, and Markdown/text as adverts only
where the config does not say where adverts are."""

from __future__ import annotations

import json
import subprocess
from pathlib import Path

import pytest
from conftest import write
from test_cli import rolelint

from rolelint.config import Config
from rolelint.discovery import discover
from rolelint.gitignore import GitIgnore

SKETCHY = "# Rockstar ninja wanted\n\nWe need a rockstar ninja who can hit the ground running.\n"
PLACED = "kinds:\n  role: ['roles/**']\n  advert: ['adverts/**/*.md']\n"


def linted(repo: Path, *args: str) -> tuple[set[str], dict]:
    result = rolelint("check", "--format", "json", "--no-cache", "--fail-on", "never", *args, cwd=repo)
    assert result.returncode == 0, result.stdout + result.stderr
    payload = json.loads(result.stdout)
    return {d["path"] for d in payload["diagnostics"]}, payload["summary"]


def test_exclude_negation_re_includes_a_file_the_builtin_list_leaves_out(repo):
    write(repo, ".rolelint.yaml", "exclude: ['!adverts/README.md']\n")
    write(repo, "adverts/README.md", SKETCHY)
    write(repo, "other/README.md", SKETCHY)
    paths, _ = linted(repo, "--select", "RL104")
    assert paths == {"adverts/README.md"}


def test_exclude_negation_reaches_inside_an_excluded_folder(repo):
    write(repo, ".rolelint.yaml", "exclude: ['archive/**', '!archive/keep.md']\n")
    write(repo, "archive/old.md", SKETCHY)
    write(repo, "archive/keep.md", SKETCHY)
    paths, _ = linted(repo, "--select", "RL104")
    assert paths == {"archive/keep.md"}


def test_include_negation_leaves_a_file_out(repo):
    write(repo, ".rolelint.yaml", "include: ['**/*.md', '!drafts/*.md']\n")
    write(repo, "drafts/a.md", SKETCHY)
    write(repo, "b.md", SKETCHY)
    paths, _ = linted(repo, "--select", "RL104")
    assert paths == {"b.md"}


def test_gitignored_files_and_folders_are_not_linted(repo):
    subprocess.run(["git", "init", "-q", str(repo)], check=True)
    write(repo, ".gitignore", "build/\n*.draft.md\n")
    write(repo, "sub/.gitignore", "local.md\n")
    write(repo, "build/a.md", SKETCHY)
    write(repo, "x.draft.md", SKETCHY)
    write(repo, "sub/local.md", SKETCHY)
    write(repo, "sub/kept.md", SKETCHY)
    paths, _ = linted(repo, "--select", "RL104")
    assert paths == {"sub/kept.md"}


def test_a_deeper_gitignore_re_includes_what_a_shallower_one_ignores(repo):
    subprocess.run(["git", "init", "-q", str(repo)], check=True)
    write(repo, ".gitignore", "*.md\n")
    write(repo, "adverts/.gitignore", "!wanted.md\n")
    write(repo, "adverts/wanted.md", SKETCHY)
    write(repo, "adverts/other.md", SKETCHY)
    paths, _ = linted(repo, "--select", "RL104")
    assert paths == {"adverts/wanted.md"}


def test_git_info_exclude_is_respected(repo):
    subprocess.run(["git", "init", "-q", str(repo)], check=True)
    write(repo, ".git/info/exclude", "scratch.md\n")
    write(repo, "scratch.md", SKETCHY)
    write(repo, "real.md", SKETCHY)
    assert linted(repo, "--select", "RL104")[0] == {"real.md"}


def test_respect_gitignore_false_lints_ignored_files(repo):
    subprocess.run(["git", "init", "-q", str(repo)], check=True)
    write(repo, ".rolelint.yaml", "respect_gitignore: false\n")
    write(repo, ".gitignore", "*.draft.md\n")
    write(repo, "x.draft.md", SKETCHY)
    assert linted(repo, "--select", "RL104")[0] == {"x.draft.md"}


def test_gitignore_outside_a_repository_counts_only_inside_the_walked_tree(tmp_path):
    write(tmp_path, ".gitignore", "*.md\n")  # above the walked tree, and no .git anywhere
    write(tmp_path, "tree/.gitignore", "skip.md\n")
    write(tmp_path, "tree/a.md", SKETCHY)
    write(tmp_path, "tree/skip.md", SKETCHY)
    git = GitIgnore(tmp_path / "tree")
    assert git.root is None or git.root not in (tmp_path, tmp_path / "tree")
    assert not git.ignored(tmp_path / "tree" / "a.md", is_dir=False)
    assert git.ignored(tmp_path / "tree" / "skip.md", is_dir=False)


def test_a_named_file_skips_include_without_force_exclude(repo):
    write(repo, ".rolelint.yaml", "include: ['adverts/**']\n")
    write(repo, "docs/guide.md", SKETCHY)
    assert linted(repo, "--select", "RL104", "docs/guide.md")[0] == {"docs/guide.md"}


def test_force_exclude_applies_include_to_named_files(repo):
    write(repo, ".rolelint.yaml", "include: ['adverts/**']\n")
    write(repo, "docs/guide.md", SKETCHY)
    write(repo, "adverts/a.md", SKETCHY)
    paths, summary = linted(repo, "--select", "RL104", "--force-exclude", "docs/guide.md", "adverts/a.md")
    assert paths == {"adverts/a.md"} and summary["files"] == 1


def test_force_exclude_from_the_config(repo):
    write(repo, ".rolelint.yaml", "force_exclude: true\nexclude: ['docs/']\n")
    write(repo, "docs/guide.md", SKETCHY)
    paths, summary = linted(repo, "--select", "RL104", "docs/guide.md")
    assert paths == set() and summary["files"] == 0


def test_markdown_outside_the_advert_globs_is_not_an_advert(repo):
    write(repo, ".rolelint.yaml", PLACED)
    write(repo, "docs/guide.md", "---\n\n" + SKETCHY)  # a horizontal rule, not front matter: no RL001 either
    write(repo, "notes.txt", SKETCHY)
    write(repo, "adverts/a.md", SKETCHY)
    paths, _ = linted(repo)
    assert paths == {"adverts/a.md"}


def test_markdown_that_says_kind_advert_is_linted_wherever_it_is(repo):
    write(repo, ".rolelint.yaml", PLACED)
    write(repo, "docs/draft.md", "---\nkind: advert\n---\n" + SKETCHY)
    assert "docs/draft.md" in linted(repo, "--select", "RL104")[0]


def test_without_advert_globs_every_markdown_draft_is_an_advert(repo):
    write(repo, "draft.md", SKETCHY)
    write(repo, "notes.txt", SKETCHY)
    assert linted(repo, "--select", "RL104")[0] == {"draft.md", "notes.txt"}


def test_requirements_files_are_left_out_by_default(repo):
    write(repo, "requirements.txt", "click>=8\n")
    write(repo, "requirements-dev.txt", "pytest\n")
    assert linted(repo, ".")[1]["files"] == 0


@pytest.mark.parametrize("pattern", ["./adverts/**", "adverts/"])
def test_patterns_read_as_gitignore(tmp_path, pattern):
    write(tmp_path, "adverts/x/a.md", SKETCHY)
    write(tmp_path, "b.md", SKETCHY)
    config = Config(root=tmp_path, exclude=(pattern,))
    entries, _ = discover([tmp_path], config, cwd=tmp_path)
    assert [e.relative for e in entries] == ["b.md"]
