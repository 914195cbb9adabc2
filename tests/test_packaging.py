"""The built wheel, installed non-editable in a fresh environment outside the checkout, finds its
schemas and rules and lints examples/ from another directory (as pip and pre-commit install it)."""

from __future__ import annotations

import json
import os
import shutil
import subprocess
import sys
import venv
from pathlib import Path

import pytest
from conftest import REPO

pytestmark = pytest.mark.slow


@pytest.fixture(scope="module")
def installed(tmp_path_factory) -> Path:
    work = tmp_path_factory.mktemp("packaging")
    dist = work / "dist"
    built = subprocess.run(
        [sys.executable, "-m", "build", "--wheel", "--outdir", str(dist), str(REPO)],
        capture_output=True,
        text=True,
        timeout=900,
    )
    assert built.returncode == 0, built.stdout[-3000:] + built.stderr[-3000:]
    [wheel] = dist.glob("rolelint-*.whl")
    env_dir = work / "env"
    venv.create(env_dir, with_pip=True)
    python = env_dir / "bin" / "python"
    install = subprocess.run(
        [str(python), "-m", "pip", "install", "--quiet", str(wheel)], capture_output=True, text=True, timeout=1800
    )
    assert install.returncode == 0, install.stdout[-3000:] + install.stderr[-3000:]
    return env_dir


def _clean_environment() -> dict[str, str]:
    """The environment without what would make the installed wheel import the checkout instead."""
    return {k: v for k, v in os.environ.items() if k not in ("PYTHONPATH", "VIRTUAL_ENV")}


def _run(env_dir: Path, *args: str, cwd: Path) -> subprocess.CompletedProcess:
    environment = _clean_environment()
    return subprocess.run(
        [str(env_dir / "bin" / "rolelint"), *args],
        cwd=cwd,
        capture_output=True,
        text=True,
        timeout=600,
        env=environment,
    )


def test_wheel_ships_schemas_rules_and_templates(installed):
    python = installed / "bin" / "python"
    probe = subprocess.run(
        [
            str(python),
            "-c",
            "import rolelint, pathlib; p = pathlib.Path(rolelint.__file__).parent;"
            "print(p); print(sorted(x.name for x in (p / 'schemas').iterdir()));"
            "print(len(list((p / 'rules').rglob('*.yaml'))))",
        ],
        capture_output=True,
        text=True,
        cwd="/",
        env=_clean_environment(),
    )
    assert probe.returncode == 0, probe.stderr
    location, schemas, rule_count = probe.stdout.splitlines()
    assert str(REPO) not in location, "the wheel must not import from the checkout"
    assert "framework.schema.json" in schemas and "rule.schema.json" in schemas
    assert int(rule_count) == len(list((REPO / "rules").rglob("*.yaml")))


def test_installed_rolelint_lints_examples_from_another_directory(installed, tmp_path):
    examples = tmp_path / "examples"
    shutil.copytree(REPO / "examples", examples)
    elsewhere = tmp_path / "elsewhere"
    elsewhere.mkdir()
    result = _run(installed, "check", "--format", "json", str(examples), cwd=elsewhere)
    assert result.returncode in (0, 1), result.stderr
    payload = json.loads(result.stdout)
    linted = sorted(
        p.relative_to(examples).as_posix()
        for p in examples.rglob("*.*")
        if p.suffix in (".yaml", ".md") and p.parent != examples
    )
    assert payload["summary"]["files"] == len(linted) == 7
    flagged = {Path(d["path"]).name for d in payload["diagnostics"]}
    assert "growth-hacker-draft.md" in flagged
    rules = _run(installed, "rules", "--format", "json", cwd=elsewhere)
    assert rules.returncode == 0 and len(json.loads(rules.stdout)["rules"]) > 11
    assert _run(installed, "schema", "advert", cwd=elsewhere).returncode == 0


def test_wheel_ships_the_page_and_asks_for_the_serve_extra_when_missing(installed, tmp_path):
    python = installed / "bin" / "python"
    probe = subprocess.run(
        [
            str(python),
            "-c",
            "import rolelint, pathlib; p = pathlib.Path(rolelint.__file__).parent;"
            "print(sorted(x.name for x in (p / 'serve' / 'templates').iterdir()));"
            "print(sorted(x.name for x in (p / 'serve' / 'static').iterdir()))",
        ],
        capture_output=True,
        text=True,
        cwd="/",
        env=_clean_environment(),
    )
    assert probe.returncode == 0, probe.stderr
    templates, static = probe.stdout.splitlines()
    assert "index.html" in templates and "report.html" in templates
    assert "app.js" in static and "app.css" in static
    # The plain install has no serve extra: `rolelint serve` says how to get it (exit 2), no traceback.
    result = _run(installed, "serve", "--port", "0", cwd=tmp_path)
    assert result.returncode == 2 and "rolelint[serve]" in result.stderr and "Traceback" not in result.stderr
