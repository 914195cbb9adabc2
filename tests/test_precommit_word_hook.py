"""docs/ci.md's second `rolelint` hook entry for Word adverts, merged over the hook's manifest entry
as pre-commit merges them, selects a changed `.docx`: checked with the real pre-commit's file
filters on a local hook that only echoes the files it is given (nothing is installed)."""

from __future__ import annotations

import os
import re
import shutil
import subprocess
import sys
from pathlib import Path

import pytest
import yaml

REPO = Path(__file__).resolve().parent.parent
FILTERS = ("files", "exclude", "types", "types_or", "exclude_types")


def _docs_word_hook() -> dict:
    text = (REPO / "docs" / "ci.md").read_text(encoding="utf-8")
    block = next(b for b in re.findall(r"```yaml\n(.*?)```", text, re.S) if "docx" in b)
    (hook,) = [h for h in yaml.safe_load(block)["hooks"] if "files" in h]
    return hook


def _manifest_hook(hook_id: str) -> dict:
    hooks = yaml.safe_load((REPO / ".pre-commit-hooks.yaml").read_text(encoding="utf-8"))
    return next(h for h in hooks if h["id"] == hook_id)


def test_the_documented_word_hook_runs_on_a_changed_docx(tmp_path):
    if shutil.which("git") is None:
        pytest.skip("git is not installed")
    pytest.importorskip("pre_commit")
    given = _docs_word_hook()
    merged = {**_manifest_hook(given["id"]), **given}  # the config's keys replace the manifest's
    local = {key: merged[key] for key in FILTERS if key in merged}
    local.update(
        id="word-adverts",
        name="word adverts",
        entry=f"{sys.executable} -c 'import sys; print(\"GIVEN\", *sys.argv[1:])'",
        language="system",
    )
    (tmp_path / ".pre-commit-config.yaml").write_text(
        yaml.safe_dump({"repos": [{"repo": "local", "hooks": [local]}]}), encoding="utf-8"
    )
    (tmp_path / "adverts").mkdir()
    (tmp_path / "adverts" / "draft.docx").write_bytes(b"PK\x03\x04\x00\x00binary")
    (tmp_path / "adverts" / "page.md").write_text("# Developer\n", encoding="utf-8")
    subprocess.run(["git", "init", "--quiet"], cwd=tmp_path, check=True)
    subprocess.run(["git", "add", "-A"], cwd=tmp_path, check=True)
    environment = {**os.environ, "PRE_COMMIT_HOME": str(tmp_path / ".home"), "PRE_COMMIT_COLOR": "never"}
    run = subprocess.run(
        [sys.executable, "-m", "pre_commit", "run", "--verbose", "--all-files"],
        cwd=tmp_path,
        env=environment,
        capture_output=True,
        text=True,
        timeout=120,
    )
    assert "GIVEN adverts/draft.docx" in run.stdout, run.stdout + run.stderr
    assert "page.md" not in run.stdout
