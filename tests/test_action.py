"""The official GitHub Action (`action.yml`): valid against the published action metadata schema
(SchemaStore's github-action.json, vendored in tests/data), consistent with itself, and its lint step
run for real with bash and the real command line, as a runner would run it."""

from __future__ import annotations

import json
import os
import re
import shutil
import subprocess
import sys
from pathlib import Path

import jsonschema
import pytest
import yaml
from conftest import REPO, write

ACTION = REPO / "action.yml"
SCHEMA = Path(__file__).parent / "data" / "github-action.schema.json"
SARIF_SCHEMA = Path(__file__).parent / "data" / "sarif-schema-2.1.0.json"
SKETCHY = (
    "# Rockstar ninja wanted\n\nWe need a rockstar ninja. Salary: [Insert salary]. Work hard, play hard.\n"
    "A guru, a wizard, a unicorn and a hero, he will hit the ground running.\n"
)


@pytest.fixture(scope="module")
def action() -> dict:
    return yaml.safe_load(ACTION.read_text(encoding="utf-8"))


def test_action_is_valid_against_the_published_action_schema(action):
    schema = json.loads(SCHEMA.read_text(encoding="utf-8"))
    validator = jsonschema.validators.validator_for(schema)(schema)
    errors = sorted(validator.iter_errors(action), key=str)
    assert not errors, "\n".join(f"{list(e.absolute_path)}: {e.message}" for e in errors[:5])


def test_the_schema_check_can_fail(action):
    schema = json.loads(SCHEMA.read_text(encoding="utf-8"))
    broken = {**action, "runs": {**action["runs"], "using": "composit"}}
    assert list(jsonschema.validators.validator_for(schema)(schema).iter_errors(broken))


def test_action_is_composite_and_every_input_it_reads_is_declared(action):
    assert action["runs"]["using"] == "composite"
    text = ACTION.read_text(encoding="utf-8")
    used = set(re.findall(r"inputs\.([a-z][a-z0-9-]*)", text))
    assert used == set(action["inputs"]), used ^ set(action["inputs"])
    ids = {step.get("id") for step in action["runs"]["steps"]}
    assert set(re.findall(r"steps\.([a-z-]+)\.outputs", text)) <= ids


def test_no_input_is_pasted_into_a_script(action):
    """Inputs reach `run:` scripts through `env:` only: `${{ inputs.x }}` inside a script would let a
    value inject shell code."""
    for step in action["runs"]["steps"]:
        assert "${{" not in step.get("run", ""), step["name"]


def test_the_lint_step_uses_flags_rolelint_check_has(action):
    help_text = subprocess.run(
        [sys.executable, "-m", "rolelint", "check", "--help"], capture_output=True, text=True, check=True
    ).stdout
    script = _step(action, "lint")["run"]
    for flag in set(re.findall(r"(--[a-z][a-z-]+)", script)):
        assert flag in help_text, flag


def _step(action: dict, step_id: str) -> dict:
    return next(step for step in action["runs"]["steps"] if step.get("id") == step_id)


def _run_lint_step(
    action: dict, workdir: Path, tmp_path: Path, **inputs: str
) -> tuple[subprocess.CompletedProcess, dict]:
    """Run the lint step's script as the runner would: bash, the step's env with the inputs' values
    (defaults unless given), GITHUB_OUTPUT a file, and `python3` the Python running these tests."""
    if shutil.which("bash") is None:
        pytest.skip("bash is not installed")
    values = {name: spec.get("default", "") for name, spec in action["inputs"].items()} | inputs
    step = _step(action, "lint")
    env = {
        key: re.sub(r"\$\{\{ inputs\.([a-z-]+) \}\}", lambda m: values[m.group(1)], value)
        for key, value in step["env"].items()
    }
    bin_dir = tmp_path / "bin"
    bin_dir.mkdir(exist_ok=True)
    python3 = bin_dir / "python3"  # a wrapper, not a link: a link out of the venv loses its packages
    python3.write_text(f'#!/bin/sh\nexec "{sys.executable}" "$@"\n', encoding="utf-8")
    python3.chmod(0o755)
    output = tmp_path / "github_output"
    output.write_text("", encoding="utf-8")
    environment = {
        **os.environ,
        **env,
        "GITHUB_OUTPUT": str(output),
        "CI": "true",
        "PATH": f"{bin_dir}{os.pathsep}{os.environ['PATH']}",
    }
    # As GitHub runs a bash step: `bash --noprofile --norc -eo pipefail {0}`.
    run = subprocess.run(
        ["bash", "--noprofile", "--norc", "-eo", "pipefail", "-c", step["run"]],
        cwd=workdir,
        env=environment,
        capture_output=True,
        text=True,
        timeout=300,
    )
    outputs = dict(line.split("=", 1) for line in output.read_text(encoding="utf-8").splitlines() if "=" in line)
    return run, outputs


def test_lint_step_annotates_writes_sarif_and_reports_the_exit_code(action, tmp_path):
    repo = tmp_path / "repo"
    write(repo, "adverts/a.md", SKETCHY)
    run, outputs = _run_lint_step(action, repo, tmp_path, args="--no-cache --select RL1,RL2")
    assert run.returncode == 0, run.stderr  # the step itself succeeds, so that the SARIF upload runs
    assert outputs == {"exit-code": "1", "sarif-file": "rolelint.sarif"}
    annotations = [line for line in run.stdout.splitlines() if line.startswith("::")]
    assert annotations and all(line.startswith(("::error ", "::warning ")) for line in annotations)  # floor: warning
    sarif = json.loads((repo / "rolelint.sarif").read_text(encoding="utf-8"))
    schema = json.loads(SARIF_SCHEMA.read_text(encoding="utf-8"))
    jsonschema.validators.validator_for(schema)(schema).validate(sarif)
    assert len(sarif["runs"][0]["results"]) > len(annotations)  # infos are in SARIF, not annotated


def test_lint_step_cap_fail_on_and_paths(action, tmp_path):
    repo = tmp_path / "repo"
    write(repo, "adverts/a.md", SKETCHY)
    write(repo, "other/b.md", SKETCHY)
    run, outputs = _run_lint_step(
        action,
        repo,
        tmp_path,
        args="--no-cache --select RL1",
        paths="adverts",
        **{"annotations-limit": "2", "annotations-severity": "info", "fail-on": "never", "sarif": "false"},
    )
    assert outputs == {"exit-code": "0"}
    annotations = [line for line in run.stdout.splitlines() if line.startswith("::")]
    assert len(annotations) == 2 and all("file=adverts/a.md" in line for line in annotations)
    assert "over the limit of 2" in run.stdout
    assert not (repo / "rolelint.sarif").exists()


def test_lint_step_without_annotations_prints_text_and_passes_a_config_error_on(action, tmp_path):
    repo = tmp_path / "repo"
    write(repo, ".rolelint.yaml", "fail_onn: warning\n")
    run, outputs = _run_lint_step(action, repo, tmp_path, annotations="false", sarif="false")
    assert outputs == {"exit-code": "2"}
    assert "fail_onn" in run.stderr
