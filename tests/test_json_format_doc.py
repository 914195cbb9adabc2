"""docs/json-format.md describes exactly the keys `--format json` writes."""

from __future__ import annotations

import json
import re

from conftest import REPO, write
from test_cli import rolelint

DOC = (REPO / "docs" / "json-format.md").read_text(encoding="utf-8")


def _table_keys(heading: str) -> set[str]:
    section = DOC[DOC.index(f"## `{heading}`") :]
    section = section[: section.index("\n## ", 1)] if "\n## " in section[1:] else section
    keys = set()
    for cell in re.findall(r"(?m)^\| (`[^|]+`) \|", section):
        keys.update(re.findall(r"`([a-z_]+)`", cell))
    return keys


def test_the_documented_keys_are_the_keys_written(repo):
    write(repo, "draft.md", "# Rockstar wanted\n\nWe need a rockstar.\n")
    payload = json.loads(rolelint("check", "--no-cache", "--select", "RL104", "--format", "json", cwd=repo).stdout)
    assert set(payload) == {"version", "tool", "diagnostics", "summary"}
    assert _table_keys("diagnostics") == set(payload["diagnostics"][0])
    assert _table_keys("summary") == set(payload["summary"])


def test_the_example_in_the_doc_is_valid_json_of_the_same_shape():
    example = json.loads(re.search(r"```json\n(.*?)```", DOC, re.S).group(1))
    assert example["version"] == 1 and example["summary"]["total"] == len(example["diagnostics"])


def test_the_json_reporter_points_at_this_page():
    assert "docs/json-format.md" in (REPO / "rolelint" / "reporters" / "json_reporter.py").read_text(encoding="utf-8")
