"""Helpers for the hostile-input tests: run rolelint the way a user does and check what it answers."""

from __future__ import annotations

import json
import os
import sys
from dataclasses import dataclass
from pathlib import Path

from click.testing import CliRunner

from rolelint.cli import cli, main
from rolelint.source import SourceText

# A file that every hostile run lints beside the broken one: it must still get its finding.
WITNESS_PATH = "roles/witness.yaml"
WITNESS = "kind: role\nid: witness\ntitel: Witness\nframework: pm\nlevels: [{level: one}]\n"
WITNESS_FINDING = (WITNESS_PATH, 3, 1, "RL011")
CONFIG = "kinds:\n  role: ['roles/**']\n  framework: ['frameworks/**']\n"


@dataclass
class Run:
    exit_code: int
    payload: dict
    stderr: str

    @property
    def diagnostics(self) -> list[dict]:
        return self.payload["diagnostics"]

    def at(self, path: str) -> list[tuple[int, int, str]]:
        """(line, column, code) of each finding in ``path``."""
        return [(d["line"], d["column"], d["code"]) for d in self.diagnostics if d["path"] == path]

    def codes(self, path: str) -> list[str]:
        return [d["code"] for d in self.diagnostics if d["path"] == path]

    def messages(self, path: str) -> list[str]:
        return [d["message"] for d in self.diagnostics if d["path"] == path]

    def has(self, path: str, line: int, column: int, code: str) -> bool:
        return (line, column, code) in self.at(path)


def lint(root: Path, *args: str, select: str | None = "RL0", cache: bool = False) -> Run:
    """`rolelint check --format json --no-cache [--select RL0] ARGS` in-process, in ``root``."""
    command = [
        "check",
        "--format",
        "json",
        *([] if cache else ["--no-cache"]),
        *(["--select", select] if select else []),
        *args,
    ]
    previous = Path.cwd()
    os.chdir(root)
    try:
        result = CliRunner().invoke(cli, command, catch_exceptions=False)
    finally:
        os.chdir(previous)
    assert result.exit_code in (0, 1), f"exit {result.exit_code}: {result.output}{result.stderr}"
    return Run(result.exit_code, json.loads(result.stdout), result.stderr)


def run_main(argv: list[str], capsys, cwd: Path) -> tuple[int, str, str]:
    """The real console entry point (`rolelint.cli.main`) in-process: exit code, stdout, stderr."""
    previous_argv, previous_cwd = sys.argv, Path.cwd()
    sys.argv = ["rolelint", *argv]
    os.chdir(cwd)
    try:
        main()
        code = 0
    except SystemExit as exc:
        code = exc.code if isinstance(exc.code, int) else (0 if exc.code is None else 1)
    finally:
        sys.argv = previous_argv
        os.chdir(previous_cwd)
    captured = capsys.readouterr()
    return code, captured.out, captured.err


def assert_positions_inside(run: Run, root: Path) -> None:
    """Every finding lies inside its file: line <= line count, column <= that line's length + 1."""
    sources: dict[str, SourceText | None] = {}
    for diagnostic in run.diagnostics:
        path = root / diagnostic["path"]
        assert diagnostic["line"] >= 1 and diagnostic["column"] >= 1, diagnostic
        if diagnostic["code"] == "RL002" or not path.is_file():
            assert (diagnostic["line"], diagnostic["column"]) == (1, 1), diagnostic
            continue
        if diagnostic["path"] not in sources:
            try:
                sources[diagnostic["path"]] = SourceText.from_bytes(str(path), path.read_bytes())
            except Exception:  # noqa: BLE001 - undecodable: the finding is about bytes, checked by its own test
                sources[diagnostic["path"]] = None
        source = sources[diagnostic["path"]]
        if source is None:
            continue
        assert diagnostic["line"] <= source.line_count, diagnostic
        assert diagnostic["column"] <= len(source.line_text(diagnostic["line"])) + 1, diagnostic
        assert diagnostic["end_line"] <= source.line_count, diagnostic
        assert diagnostic["end_column"] <= len(source.line_text(diagnostic["end_line"])) + 1, diagnostic


NOBODY = 65534


def lint_as_nobody(root: Path, *args: str, select: str | None = "RL0", cache: bool = False) -> Run:
    """`lint`, but in a forked child that runs as ``nobody``: root reads every file whatever its mode,
    so permission tests must drop root first. (A fresh interpreter cannot be exec'd as nobody here: the
    Python install may sit under a home directory only root can enter; a fork keeps what is loaded.)

    Without root, the permissions already apply and this is `lint` in-process.
    """
    if os.geteuid() != 0:
        return lint(root, *args, select=select, cache=cache)
    lint(root, *args, select=select, cache=False)  # import every lazily imported module while still root
    read_end, write_end = os.pipe()
    pid = os.fork()
    if pid == 0:  # the child: never return into pytest
        try:
            os.close(read_end)
            os.setgroups([])
            os.setgid(NOBODY)
            os.setuid(NOBODY)
            run = lint(root, *args, select=select, cache=cache)
            answer = {"exit_code": run.exit_code, "payload": run.payload, "stderr": run.stderr}
        except BaseException:  # noqa: BLE001 - reported to the parent
            import traceback

            answer = {"error": traceback.format_exc()}
        try:
            with os.fdopen(write_end, "w", encoding="utf-8") as out:
                out.write(json.dumps(answer))
        finally:
            os._exit(0)
    os.close(write_end)
    with os.fdopen(read_end, encoding="utf-8") as pipe:
        answer = json.loads(pipe.read() or '{"error": "the child wrote nothing"}')
    os.waitpid(pid, 0)
    assert "error" not in answer, answer.get("error")
    return Run(answer["exit_code"], answer["payload"], answer["stderr"])


def assert_gave_up_after_the_first_paragraph(code: int, diagnostics: list[dict]) -> None:
    """A pack rule XX101 (team-rule) whose time budget ran out after the first of three paragraphs
    (lines 3, 5 and 7 of the advert): one RL013 error naming it where it stopped, and only the first
    paragraph's finding."""
    assert code == 1
    gave_up = [d for d in diagnostics if d["code"] == "RL013"]
    assert len(gave_up) == 1 and gave_up[0]["severity"] == "error"
    assert "rule XX101 (team-rule) gave up on this document" in gave_up[0]["message"]
    assert (gave_up[0]["line"], gave_up[0]["column"]) == (5, 1)
    assert [d["line"] for d in diagnostics if d["code"] == "XX101"] == [3]
