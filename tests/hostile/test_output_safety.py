"""What rolelint prints and writes is safe (issue 13, point 5; docs/security.md): escape sequences
from files, keys and names never reach the terminal raw; names that are not UTF-8 come out escaped
and round-trip; report files are replaced atomically; SIGTERM and SIGINT stop the workers and leave
nothing behind; a full standard output is one line and exit 2, a reader that stops reading early
(`| head`) is no error; two `--fix` runs at once do not both count the same fixes. Plus the smaller defects the issue lists."""

from __future__ import annotations

import errno
import json
import os
import signal
import subprocess
import sys
import time
from pathlib import Path

import pytest

from rolelint.display import path_from_shown, shown_path, visible
from tests.conftest import REPO, write
from tests.hostile.helpers import CONFIG, run_main

OSC52 = "\x1b]52;c;cm0gLXJmIH4=\x07"  # writes "rm -rf ~" to the clipboard
CSI = "\x1b[2J\x1b[31m"
C1 = "\x9b31m"


@pytest.fixture
def hostile_repo(tmp_path: Path) -> Path:
    write(tmp_path, ".rolelint.yaml", CONFIG)
    write(tmp_path, "adverts/a.md", f"# About the role {OSC52}\n\nWe want a {CSI}and a ninja {C1}now.\n")
    write(
        tmp_path,
        "roles/r.yaml",
        f'kind: role\nid: r\ntitle: R\nframework: pm\n"ti{CSI}tel": x\nlevels: [{{level: a}}]\n',
    )
    write(tmp_path, f"adverts/name{OSC52}.md", "# About the role\n\nA rockstar.\n")
    return tmp_path


@pytest.mark.parametrize("fmt", ["text", "json", "sarif", "github", "junit"])
def test_escape_sequences_never_reach_the_output_raw(hostile_repo, capsys, fmt):
    code, out, err = run_main(["check", "--no-cache", "--no-color", "--format", fmt], capsys, hostile_repo)
    assert code == 1, err
    for raw in ("\x1b", "\x07", "\x9b"):
        assert raw not in out + err, f"{raw!r} reached the {fmt} output"
    if fmt == "text":
        assert "\\x1b]52;c;" in out and "rockstar" in out


def test_the_caret_still_points_at_the_finding_after_escaping(hostile_repo, capsys):
    _code, out, _err = run_main(
        ["check", "--no-cache", "--no-color", "--select", "RL104", "adverts/a.md"], capsys, hostile_repo
    )
    lines = out.splitlines()
    carets = [(lines[n], lines[n + 1]) for n, line in enumerate(lines) if line.lstrip().startswith("3 |")]
    assert len(carets) == 1  # "ninja" comes after an escape sequence
    for source, caret in carets:
        at = caret.index("^")
        assert source[at:].startswith("ninja"), (source, caret)
        assert "\\x1b[2J" in source and "\\x9b" in source


def test_a_config_error_naming_a_hostile_key_is_escaped(tmp_path, capsys):
    write(tmp_path, ".rolelint.yaml", f'"x{OSC52}": 1\n')
    code, out, err = run_main(["check"], capsys, tmp_path)
    assert code == 2 and "\x1b" not in out + err


def test_visible_escapes_controls_bidi_and_invisible_characters():
    assert visible("a\x1b[31mb\u202ec\u200bd\x9be") == "a\\x1b[31mb\\u202ec\\u200bd\\x9be"
    assert visible("tab\tand\nline") == "tab\tand\nline"
    assert visible("tab\tand\nline\r", lines=True) == "tab\\x09and\\x0aline\\x0d"
    assert visible("café — “x”") == "café — “x”"


# --- names that are not UTF-8 -------------------------------------------------------------------


@pytest.mark.parametrize("fmt", ["json", "sarif", "junit", "text", "github"])
def test_a_name_that_is_not_utf8_is_escaped_and_round_trips(tmp_path, capsys, fmt):
    write(tmp_path, ".rolelint.yaml", CONFIG)
    folder = tmp_path / "adverts"
    folder.mkdir()
    raw_name = os.fsencode(str(folder)) + b"/caf\xe9 \\x41.md"
    with open(raw_name, "wb") as out:
        out.write(b"# About the role\n\nA rockstar.\n")
    code, out, err = run_main(
        ["check", "--no-cache", "--format", fmt, "--select", "RL104", "--fail-on", "info"], capsys, tmp_path
    )
    assert code == 1, err
    out.encode("utf-8")  # no lone surrogates: it encodes strictly
    assert "\\udce9" not in out.lower()
    shown = "adverts/caf\\xe9 \\\\x41.md"
    if fmt == "json":
        [finding] = json.loads(out)["diagnostics"]
        assert finding["path"] == shown
        assert os.fsencode(path_from_shown(finding["path"])) == b"adverts/caf\xe9 \\x41.md"
    elif fmt == "sarif":
        uri = json.loads(out)["runs"][0]["results"][0]["locations"][0]["physicalLocation"]["artifactLocation"]["uri"]
        assert uri == "adverts/caf%E9%20%5Cx41.md"
    else:
        assert "caf\\xe9" in out


def test_shown_path_leaves_ordinary_names_alone():
    assert shown_path("adverts/café.md") == "adverts/café.md"
    name = os.fsdecode(b"a/\xff\\b")
    assert shown_path(name) == "a/\\xff\\\\b" and path_from_shown(shown_path(name)) == name


# --- files written ----------------------------------------------------------------------------------


def test_a_report_file_that_cannot_be_written_leaves_the_old_one_and_no_temporary_file(
    hostile_repo, capsys, monkeypatch
):
    report = write(hostile_repo, "out/report.json", "the old report\n")
    import rolelint.safefiles as safefiles

    def full(*_args, **_kwargs):
        raise OSError(errno.ENOSPC, "No space left on device")

    monkeypatch.setattr(safefiles.os, "replace", full)
    code, _out, err = run_main(["check", "--no-cache", "--output-file", "json:out/report.json"], capsys, hostile_repo)
    assert code == 2 and "No space left on device" in err and "Traceback" not in err
    assert report.read_text() == "the old report\n"
    assert sorted(p.name for p in report.parent.iterdir()) == ["report.json"]


def test_a_baseline_is_written_atomically(hostile_repo, capsys, monkeypatch):
    baseline = write(hostile_repo, "baseline.json", "{}\n")
    import rolelint.safefiles as safefiles

    def full(*_args, **_kwargs):
        raise OSError(errno.ENOSPC, "No space left on device")

    monkeypatch.setattr(safefiles.os, "replace", full)
    code, _out, err = run_main(["check", "--no-cache", "--write-baseline", "baseline.json"], capsys, hostile_repo)
    assert code == 2 and "Traceback" not in err
    assert baseline.read_text() == "{}\n"
    assert [p.name for p in hostile_repo.iterdir() if p.name.startswith(".baseline")] == []


# --- the process ------------------------------------------------------------------------------------


def _rolelint(*args: str, cwd: Path, **kwargs) -> subprocess.Popen:
    return subprocess.Popen(
        [sys.executable, "-m", "rolelint", *args],
        cwd=cwd,
        stderr=subprocess.PIPE,
        text=True,
        env={**os.environ, "PYTHONPATH": str(REPO)},
        # As a terminal starts it: a run started in the background of a shell (CI scripts, nohup)
        # inherits SIGINT ignored, and Ctrl-C is then no interrupt at all.
        preexec_fn=_default_interrupt,
        **kwargs,
    )


def _default_interrupt() -> None:
    signal.signal(signal.SIGINT, signal.SIG_DFL)


def test_a_full_stdout_is_one_line_and_exit_2(hostile_repo):
    with open("/dev/full", "w") as full:
        run = _rolelint("check", "--no-cache", "--select", "RL0", cwd=hostile_repo, stdout=full)
        _out, err = run.communicate(timeout=120)
    assert run.returncode == 2
    assert err.strip().splitlines() == ["rolelint: error: cannot write to standard output: no space left on device"]


def test_a_reader_gone_before_the_report_leaves_check_with_its_findings_status_and_no_message(hostile_repo):
    read_end, write_end = os.pipe()
    os.close(read_end)
    run = _rolelint("check", "--no-cache", "--select", "RL0", cwd=hostile_repo, stdout=write_end)
    os.close(write_end)
    _out, err = run.communicate(timeout=120)
    assert err == ""
    assert run.returncode == 1  # the findings' status, so `rolelint check | head` still fails a pipefail script


def test_a_reader_that_stops_early_leaves_an_info_command_with_exit_0_and_no_message(tmp_path):
    run = subprocess.run(
        ["bash", "-o", "pipefail", "-c", f"{sys.executable} -m rolelint rules | head -1"],
        cwd=tmp_path,
        capture_output=True,
        text=True,
        env={**os.environ, "PYTHONPATH": str(REPO)},
        timeout=120,
    )
    assert run.stdout.split() == ["CODE", "NAME", "SEVERITY", "KIND", "FIX", "SUMMARY"]
    assert run.stderr == ""
    assert run.returncode == 0


def test_a_closed_stdout_leaves_the_exit_code_alone(tmp_path):
    run = subprocess.run(
        ["bash", "-c", f"{sys.executable} -m rolelint rules >&-"],
        cwd=tmp_path,
        capture_output=True,
        text=True,
        env={**os.environ, "PYTHONPATH": str(REPO)},
        timeout=120,
    )
    assert run.stderr == ""
    assert run.returncode == 0


def _children(pid: int) -> set[int]:
    found = set()
    for task in Path(f"/proc/{pid}/task").glob("*/children"):
        found |= {int(p) for p in task.read_text().split()}
    return found


def _descendants(pid: int) -> set[int]:
    found, todo = set(), [pid]
    while todo:
        for child in _children(todo.pop()):
            if child not in found:
                found.add(child)
                todo.append(child)
    return found


@pytest.mark.parametrize(
    ("signum", "code", "line"), [(signal.SIGTERM, 143, "Terminated."), (signal.SIGINT, 130, "Interrupted.")]
)
def test_a_signal_during_jobs_stops_the_workers_and_leaves_nothing(tmp_path, signum, code, line):
    write(tmp_path, ".rolelint.yaml", CONFIG)
    # Enough work that the run is still going when the signal comes, on a fast machine too.
    for n in range(300):
        write(
            tmp_path,
            f"adverts/a{n:03d}.md",
            "# About the role\n\n" + "We want a rockstar who works with the team on discovery. " * 150 + "\n",
        )
    run = _rolelint(
        "check",
        "--jobs",
        "2",
        "--select",
        "RL104",
        "--output-file",
        "json:out/r.json",
        cwd=tmp_path,
        stdout=subprocess.DEVNULL,
    )
    workers: set[int] = set()
    deadline = time.monotonic() + 120
    while time.monotonic() < deadline and run.poll() is None:
        workers = _descendants(run.pid)
        if len(workers) >= 2:
            break
        time.sleep(0.2)
    assert run.poll() is None and len(workers) >= 2, "the workers never started"
    time.sleep(0.3)
    run.send_signal(signum)
    _out, err = run.communicate(timeout=60)
    assert run.returncode == code, err
    assert err.strip().splitlines()[-1:] == [line] and "Traceback" not in err
    time.sleep(0.5)
    alive = {
        pid
        for pid in workers
        if Path(f"/proc/{pid}").exists() and "zombie" not in Path(f"/proc/{pid}/status").read_text().lower()
    }
    assert not alive, f"left running: {alive}"
    leftovers = [p for p in tmp_path.rglob("*") if ".tmp" in p.name or p.name.startswith(".r.json")]
    assert not leftovers


def test_two_fix_runs_at_once_do_not_both_count_the_same_fixes(tmp_path):
    write(tmp_path, ".rolelint.yaml", CONFIG)
    advert = write(tmp_path, "adverts/a.md", "# About the role\n\nThe chairman works with his/her team.\n")
    runs = [
        _rolelint("check", "--no-cache", "--fix", "--select", "RL110", cwd=tmp_path, stdout=subprocess.DEVNULL)
        for _ in range(2)
    ]
    errors = [run.communicate(timeout=180)[1] for run in runs]
    fixed = sum(
        int(word)
        for err in errors
        for line in err.splitlines()
        if ": fixed " in line
        for word in line.split(": fixed ")[1].split()[:1]
    )
    assert fixed == 1, errors
    assert advert.read_text() == "# About the role\n\nThe chairman works with their team.\n"


# --- the smaller defects -------------------------------------------------------------------------------


def test_a_merge_key_reports_a_problem_of_the_merged_value_once(tmp_path, capsys):
    write(tmp_path, ".rolelint.yaml", CONFIG)
    write(
        tmp_path,
        "roles/m.yaml",
        "kind: role\nid: m\ntitle: M\nframework: pm\nlevels:\n  - &b\n    level: a\n"
        "    titel: x\n  - <<: *b\n    level: b\n",
    )
    code, out, _err = run_main(["check", "--no-cache", "--format", "json", "--select", "RL0"], capsys, tmp_path)
    found = [(d["line"], d["column"], d["code"]) for d in json.loads(out)["diagnostics"]]
    assert found == [(8, 5, "RL011")]


def test_a_surrogate_escape_is_not_called_an_unclosed_quote(tmp_path, capsys):
    write(tmp_path, ".rolelint.yaml", CONFIG)
    write(tmp_path, "roles/s.yaml", 'kind: role\nid: s\ntitle: "\\ud800"\nframework: pm\nlevels: [{level: a}]\n')
    code, out, _err = run_main(["check", "--no-cache", "--format", "json", "--select", "RL0"], capsys, tmp_path)
    [finding] = json.loads(out)["diagnostics"]
    assert finding["code"] == "RL001" and "not closed" not in finding["message"]
    assert "not a Unicode character" in finding["message"]
    assert (finding["line"], finding["column"]) == (3, 9)


@pytest.mark.parametrize(
    "written",
    [
        "Native English speaker",
        "native english speaker",
        "NATIVE ENGLISH SPEAKER",
        "Native english Speakers",
        "native French speaker",
    ],
)
def test_rl116_does_not_depend_on_the_case_of_its_middle_word(tmp_path, capsys, written):
    write(tmp_path, ".rolelint.yaml", CONFIG)
    write(tmp_path, "adverts/a.md", f"# About the role\n\n{written} wanted.\n")
    code, out, _err = run_main(["check", "--no-cache", "--format", "json", "--select", "RL116"], capsys, tmp_path)
    assert [d["code"] for d in json.loads(out)["diagnostics"]] == ["RL116"]


# A run killed outright (kill -9) between writing its temporary file and renaming it over the target
# cannot clean up; the next write of the same target removes what it can prove that run left.
_KILLED_WRITE = """
import os, signal, sys
from pathlib import Path
from rolelint import fixes, safefiles
def die(*_args):
    os.kill(os.getpid(), signal.SIGKILL)
safefiles.os.replace = die
target = Path(sys.argv[2])
if sys.argv[1] == "report":
    safefiles.atomic_write(target, b"new report")
else:
    fixes.write_atomic(target, b"fixed text")
"""


def _killed_write(kind: str, target: Path) -> list[Path]:
    done = subprocess.run([sys.executable, "-c", _KILLED_WRITE, kind, str(target)], cwd=REPO, timeout=60)
    assert done.returncode == -signal.SIGKILL
    return [p for p in target.parent.iterdir() if p.name.startswith(f".{target.name}.rolelint-")]


def test_a_report_write_killed_outright_leaves_nothing_after_the_next_write(tmp_path):
    from rolelint.safefiles import atomic_write

    target = tmp_path / "report.json"
    target.write_text("old report")
    leftovers = _killed_write("report", target)
    assert len(leftovers) == 1 and leftovers[0].read_bytes() == b"new report"
    assert target.read_text() == "old report"  # the kill came before the rename
    atomic_write(target, b"next report")
    assert sorted(p.name for p in tmp_path.iterdir()) == ["report.json"]
    assert target.read_bytes() == b"next report"


def test_a_fix_killed_outright_leaves_nothing_after_the_next_fix(tmp_path):
    from rolelint.fixes import write_atomic

    target = tmp_path / "advert.md"
    target.write_text("old text")
    assert len(_killed_write("fix", target)) == 1
    write_atomic(target, b"fixed again")
    assert sorted(p.name for p in tmp_path.iterdir()) == ["advert.md"]


def test_only_a_provable_leftover_is_removed(tmp_path):
    from rolelint.safefiles import atomic_write

    ended = subprocess.run([sys.executable, "-c", "import os; print(os.getpid())"], capture_output=True, text=True)
    dead = int(ended.stdout)
    target = tmp_path / "report.json"
    keep = {
        f".report.json.rolelint-{os.getpid()}-abcd1234.tmp": "a write of a running process",
        f".report.json.rolelint-{dead}-abcd1234.tmp.bak": "not the exact form",
        f".report.json.rolelint-{dead}-abcd.tmp": "not the exact form",
        f".other.json.rolelint-{dead}-abcd1234.tmp": "another target's",
        "report.json.tmp": "the user's own file",
    }
    for name in keep:
        (tmp_path / name).write_text("keep")
    (tmp_path / "secret").write_text("secret")
    os.symlink(tmp_path / "secret", tmp_path / f".report.json.rolelint-{dead}-linkxxxx.tmp")
    (tmp_path / f".report.json.rolelint-{dead}-left1234.tmp").write_text("left over")
    atomic_write(target, b"report")
    names = {p.name for p in tmp_path.iterdir()}
    assert f".report.json.rolelint-{dead}-left1234.tmp" not in names
    assert set(keep) | {"secret", "report.json", f".report.json.rolelint-{dead}-linkxxxx.tmp"} == names
