"""Shared fixtures: temporary roles repos and a CLI runner."""

from __future__ import annotations

import textwrap
from pathlib import Path

import pytest

REPO = Path(__file__).resolve().parents[1]
CORPUS = REPO.parent / "shared" / "corpus"


def write(root: Path, relative: str, content: str | bytes) -> Path:
    path = root / relative
    path.parent.mkdir(parents=True, exist_ok=True)
    if isinstance(content, bytes):
        path.write_bytes(content)
    else:
        path.write_text(textwrap.dedent(content).lstrip("\n"), encoding="utf-8", newline="")
    return path


def write_small_profession(root: Path, *, framework: str = "nowhere") -> None:
    """A framework `pm` with one level, and a role `pm` naming ``framework`` (by default one that is
    not there, which gives a profession finding)."""
    write(
        root,
        "frameworks/pm.yaml",
        """\
        kind: framework
        id: pm
        name: Product management
        levels:
          - {id: a, title: Associate product manager}
        skills: [{id: discovery, name: Discovery}]
        """,
    )
    write(
        root,
        "roles/pm.yaml",
        f"kind: role\nid: pm\ntitle: Product manager\nframework: {framework}\nlevels: [{{level: a}}]\n",
    )


@pytest.fixture
def repo(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> Path:
    """An empty directory with a minimal config, made the working directory."""
    write(tmp_path, ".rolelint.yaml", "kinds:\n  framework: ['frameworks/**']\n  role: ['roles/**']\n")
    monkeypatch.chdir(tmp_path)
    return tmp_path


@pytest.fixture
def corpus() -> Path:
    if not CORPUS.is_dir():
        pytest.skip("../shared/corpus is not present")
    return CORPUS


@pytest.fixture
def parsed_texts(monkeypatch) -> list[str]:
    """The texts of the spans the rule runner gives a dependency parse during the test (filled as
    rules run), to check that a rule parses only what it needs."""
    import rolelint.runner as runner

    parsed: list[str] = []
    original = runner._annotate

    def spy(plan, nlp, *args, **kwargs):
        original(plan, nlp, *args, **kwargs)
        parsed.extend(
            item.text
            for _, inputs, _ in plan
            for item in inputs
            if item.doc is not None and item.doc.has_annotation("DEP")
        )

    monkeypatch.setattr(runner, "_annotate", spy)
    return parsed
