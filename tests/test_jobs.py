"""Large runs: `--jobs N` gives exactly the findings of a single process; the progress bar shows only on a terminal."""

from __future__ import annotations

import dataclasses
import signal
import subprocess
import sys
import threading
import time
from pathlib import Path

import pytest
from conftest import write

from rolelint.config import load_config
from rolelint.discovery import FileEntry
from rolelint.engine import check
from rolelint.parallel import WorkerPool, chunks_for, lint_in_workers, signals_held
from rolelint.progress import PROGRESS_THRESHOLD, progress_wanted
from rolelint.registry import load_catalogue
from rolelint.schedule import BYTES_PER_WORKER, default_workers, workers_for

ADVERTS = [
    "# Rockstar engineer\n\nWe need a ninja who can hit the ground running. Salary: [Insert Amount].\n",
    "# Product manager\n\n## About the role\nYou will lead discovery with user researchers.\n\n"
    "## Pay\n£40,000 to £48,000.\n",
    "---\nkind: advert\ntitle: Delivery manager\nsalray: 40000\n---\n# Delivery manager\n\nHe will run stand-ups, "
    "guys. <!-- rolelint-disable-next-line RL104 -->\nA true guru of delivery.\n",
    "Senior developer:\nWork hard, play hard. Must be a digital native with 10+ years of experience.\n",
]


@pytest.fixture
def mixed_repo(repo: Path) -> Path:
    for i in range(24):
        suffix = ".txt" if i % 4 == 3 else ".md"
        write(repo, f"adverts/advert-{i:02d}{suffix}", ADVERTS[i % 4] + f"\nReference {i}.\n")
    write(
        repo,
        "frameworks/pm.yaml",
        "kind: framework\nid: pm\nname: PM\nlevels:\n  - {id: a, title: Associate}\n"
        "skills: [{id: discovery, name: Discovery}]\n",
    )
    write(
        repo,
        "roles/pm.yaml",
        "kind: role\nid: pm\ntitle: Product manager\nframework: pm\nlevels: [{level: a}]\n"
        "responsibilities:\n  - Any other duties as required\n",
    )
    write(repo, "roles/broken.yaml", "kind: role\nid: [broken\n")
    write(repo, "adverts/binary.md", b"\x00\x01\x02 not text")
    write(repo, "adverts/latin1.md", "caf\xe9 rockstar\n".encode("latin-1"))
    return repo


def _snapshot(result) -> tuple:
    return (
        [dataclasses.asdict(d) for d in result.diagnostics],
        result.files,
        sorted(result.sources),
        sorted(d.path for d in result.documents),
    )


def _run(root: Path, jobs: int):
    config = load_config(cwd=root)
    return check([], config, cwd=root, jobs=jobs, catalogue=load_catalogue(config))


def test_two_workers_find_exactly_what_one_process_finds(mixed_repo):
    single = _snapshot(_run(mixed_repo, 1))
    assert {d["code"] for d in single[0]} >= {"RL001", "RL004", "RL101", "RL104", "RL011"}
    assert _snapshot(_run(mixed_repo, 2)) == single


def test_more_workers_than_files_is_fine(repo):
    write(repo, "adverts/one.md", ADVERTS[0])
    assert _snapshot(_run(repo, 8)) == _snapshot(_run(repo, 1))


def test_default_workers_follow_the_bytes_to_lint_not_the_files():
    per_worker = BYTES_PER_WORKER["fork"]
    assert default_workers(per_worker - 1, cores=16, method="fork") == 1
    assert default_workers(2 * per_worker, cores=16, method="fork") == 2
    assert default_workers(100 * per_worker, cores=16, method="fork") == 16
    assert default_workers(2 * per_worker, cores=16, method="spawn") == 1  # a spawned worker costs more to start


def test_default_jobs_for_many_tiny_files_is_one_process(tmp_path):
    entries = []
    for i in range(200):
        path = write(tmp_path, f"a{i}.md", "Short.\n")
        entries.append(FileEntry(path, path.name, path.name))
    assert workers_for(None, entries) == 1


def test_explicit_jobs_are_capped_by_the_files():
    entries = [FileEntry(Path(f"/r/{i}.md"), f"{i}.md", f"{i}.md") for i in range(2)]
    assert workers_for(4, entries) == 2
    assert workers_for(3, entries * 50) == 3


def test_linux_workers_are_forked_from_the_warm_parent():
    if not sys.platform.startswith("linux"):
        pytest.skip("fork is used on Linux only")
    # In a fresh interpreter: a test process that used Dask or a server has threads left, and then
    # workers are spawned, as they should be.
    run = subprocess.run(
        [sys.executable, "-c", "from rolelint.parallel import start_method; print(start_method())"],
        capture_output=True,
        text=True,
        timeout=120,
    )
    assert run.stdout.strip() == "fork", run.stderr


_COUNT_PIPELINE_LOADS = r"""
import os, sys
from pathlib import Path
import spacy
loads = []
original = spacy.load
def counting_load(*args, **kwargs):
    loads.append(os.getpid())
    with open(sys.argv[2], "a") as out:
        out.write(f"{os.getpid()}\n")
    return original(*args, **kwargs)
spacy.load = counting_load
from rolelint.config import load_config
from rolelint.engine import check
from rolelint.parallel import start_method
root = Path(sys.argv[1])
assert start_method() == "fork"
check([], load_config(cwd=root), cwd=root, jobs=2)
print(os.getpid())
"""


def test_forked_workers_load_no_pipeline_of_their_own(mixed_repo, tmp_path):
    if not sys.platform.startswith("linux"):
        pytest.skip("workers are spawned here, and each loads the pipeline")
    loads = tmp_path / "loads.txt"
    run = subprocess.run(
        [sys.executable, "-c", _COUNT_PIPELINE_LOADS, str(mixed_repo), str(loads)],
        capture_output=True,
        text=True,
        timeout=600,
    )
    assert run.returncode == 0, run.stderr
    assert loads.read_text().split() == [run.stdout.strip()]  # one load, in the parent


_COUNT_DETECTOR_LOADS = r"""
import os, sys
from pathlib import Path
import rolelint.language as language
original = language.load_identifier
def counting_load(*args, **kwargs):
    with open(sys.argv[2], "a") as out:
        out.write(f"{os.getpid()}\n")
    return original(*args, **kwargs)
language.load_identifier = counting_load
from rolelint.config import load_config
from rolelint.engine import check
from rolelint.parallel import start_method
root = Path(sys.argv[1])
assert start_method() == "fork"
result = check([], load_config(cwd=root), cwd=root, jobs=2)
print(os.getpid(), sum(d.code == "RL210" for d in result.diagnostics))
"""


def test_forked_workers_share_the_parents_language_detector(repo, tmp_path):
    """The parent loads the detector before forking (beside the pipeline); the workers, which
    each need it for a bilingual advert, use that copy and load none of their own."""
    if not sys.platform.startswith("linux"):
        pytest.skip("workers are spawned here, and each loads the detector when it needs it")
    from test_language import ENGLISH_HALF, WELSH_HALF

    for i in range(6):
        write(repo, f"adverts/advert-{i}.md", ENGLISH_HALF + "\n" + WELSH_HALF + f"\nReference {i}.\n")
    loads = tmp_path / "loads.txt"
    run = subprocess.run(
        [sys.executable, "-c", _COUNT_DETECTOR_LOADS, str(repo), str(loads)],
        capture_output=True,
        text=True,
        timeout=600,
    )
    assert run.returncode == 0, run.stderr
    parent, notices = run.stdout.split()
    assert loads.read_text().split() == [parent]  # one load, in the parent
    assert int(notices) == 6  # and every advert's Welsh half was still detected, in the workers


def test_spawned_workers_find_what_one_process_finds(mixed_repo):
    config = load_config(cwd=mixed_repo)
    catalogue = load_catalogue(config)
    from rolelint.discovery import discover
    from rolelint.engine import Selection, is_enabled
    from rolelint.filestage import lint_chunk

    active = {code for code, rule in catalogue.rules.items() if is_enabled(code, rule.enabled, config, Selection())}
    entries, _ = discover([mixed_repo], config, cwd=mixed_repo)
    entries = [e for e in entries if e.display.endswith((".md", ".txt"))][:8]
    here = lint_chunk(entries, config, catalogue, active, keep_documents=False)
    with WorkerPool(config, catalogue, active, workers=1, method="spawn") as pool:
        there = pool.run([entries[:4], entries[4:]], keep_documents=False, progress=lambda n: None)
    assert [(o.display, o.findings) for o in there] == [(o.display, o.findings) for o in here]


def test_an_interrupted_run_leaves_no_worker_running(mixed_repo):
    import multiprocessing

    config = load_config(cwd=mixed_repo)
    catalogue = load_catalogue(config)
    from rolelint.discovery import discover

    entries, _ = discover([mixed_repo], config, cwd=mixed_repo)

    def interrupt(done: int) -> None:
        raise KeyboardInterrupt

    before = set(multiprocessing.active_children())  # earlier tests' processes (a Dask cluster's) are not ours

    with pytest.raises(KeyboardInterrupt):
        lint_in_workers(
            entries, config, catalogue, set(catalogue.text_rules), workers=2, keep_documents=False, progress=interrupt
        )
    # Only the pool's workers: a Dask nanny left by an earlier test may start a process of its own meanwhile.
    from concurrent.futures.process import _process_worker

    left = [
        p for p in set(multiprocessing.active_children()) - before if getattr(p, "_target", None) is _process_worker
    ]
    assert left == []
    # Nor its manager thread, which the interpreter's exit would otherwise race (a stray OSError).
    from concurrent.futures.process import _ExecutorManagerThread

    assert [t for t in threading.enumerate() if isinstance(t, _ExecutorManagerThread)] == []


@pytest.mark.skipif(not hasattr(signal, "pthread_sigmask"), reason="POSIX signal masks")
def test_ctrl_c_while_workers_are_forked_arrives_after_the_fork():
    # Python's own Ctrl-C handler: a shell that starts a job in the background (as CI may) ignores SIGINT.
    before = signal.signal(signal.SIGINT, signal.default_int_handler)
    reached = False
    try:
        with pytest.raises(KeyboardInterrupt):
            with signals_held():
                # To this thread: a signal sent to the process may go to any thread that does not hold
                # it (earlier tests leave threads), and Python would then raise it here at once.
                signal.pthread_kill(threading.get_ident(), signal.SIGINT)
                time.sleep(0.05)  # held: were it delivered here, Python would ignore it in a fork callback
                reached = True
    finally:
        signal.signal(signal.SIGINT, before)
    assert reached


def test_chunks_cover_every_file_once_in_order():
    entries = [FileEntry(Path(f"/r/{i}.md"), f"{i}.md", f"{i}.md") for i in range(103)]
    chunks = chunks_for(entries, workers=2)
    assert [e for chunk in chunks for e in chunk] == entries
    assert len(chunks) >= 2


@pytest.mark.slow
def test_cli_jobs_output_is_identical_over_the_corpus(corpus, tmp_path):
    folder = corpus / "moj-job-descriptions"
    if not folder.is_dir():
        pytest.skip("the MoJ part of the corpus is absent")

    def run(jobs: str) -> subprocess.CompletedProcess:
        return subprocess.run(
            [sys.executable, "-m", "rolelint", "check", "--no-cache", "--format", "json", "--jobs", jobs, str(folder)],
            cwd=tmp_path,
            capture_output=True,
            text=True,
            timeout=900,
        )

    one, two = run("1"), run("2")
    assert one.returncode in (0, 1), one.stderr
    assert two.stdout == one.stdout
    assert two.returncode == one.returncode


# --- the progress bar --------------------------------------------------------------------------


class _Terminal:
    def __init__(self, tty: bool):
        self.tty = tty

    def isatty(self) -> bool:
        return self.tty


@pytest.mark.parametrize(
    "files, tty, environ, wanted",
    [
        (100, True, {}, True),
        (100, True, {"CI": "true"}, False),
        (100, True, {"CI": "1"}, False),
        (100, True, {"CI": "false"}, True),
        (100, False, {}, False),
        (PROGRESS_THRESHOLD - 1, True, {}, False),
    ],
)
def test_progress_only_for_many_files_on_a_terminal_outside_ci(files, tty, environ, wanted):
    assert progress_wanted(files, stream=_Terminal(tty), environ=environ) is wanted


def _stderr_of_a_run_on_a_terminal(root: Path, environ: dict) -> str:
    """Run rolelint with stderr on a pseudo-terminal and return what it wrote there."""
    import os
    import pty

    controller, terminal = pty.openpty()
    try:
        subprocess.run(
            [sys.executable, "-m", "rolelint", "check", "--select", "RL0", "--no-cache"],
            cwd=root,
            stdout=subprocess.DEVNULL,
            stderr=terminal,
            env={**os.environ, **environ},
            timeout=300,
        )
        os.close(terminal)
        chunks = []
        while True:
            try:
                chunk = os.read(controller, 65536)
            except OSError:  # the terminal side is closed and drained
                break
            if not chunk:
                break
            chunks.append(chunk)
        return b"".join(chunks).decode("utf-8", "replace")
    finally:
        os.close(controller)


@pytest.fixture
def many_roles(repo: Path) -> Path:
    for i in range(PROGRESS_THRESHOLD + 5):
        write(
            repo,
            f"roles/r{i:03d}.yaml",
            f"kind: role\nid: r{i}\ntitle: Role {i}\nframework: pm\nlevels: [{{level: a}}]\n",
        )
    return repo


@pytest.mark.skipif(sys.platform == "win32", reason="needs a pseudo-terminal")
def test_a_terminal_gets_a_progress_bar(many_roles):
    output = _stderr_of_a_run_on_a_terminal(many_roles, {"CI": ""})
    assert "Linting" in output and f"{PROGRESS_THRESHOLD + 5}/{PROGRESS_THRESHOLD + 5}" in output


@pytest.mark.skipif(sys.platform == "win32", reason="needs a pseudo-terminal")
def test_ci_gets_no_progress_bar_even_on_a_terminal(many_roles):
    assert "Linting" not in _stderr_of_a_run_on_a_terminal(many_roles, {"CI": "true"})


def test_piped_stderr_gets_no_progress_bar(many_roles):
    run = subprocess.run(
        [sys.executable, "-m", "rolelint", "check", "--select", "RL0", "--no-cache"],
        cwd=many_roles,
        capture_output=True,
        text=True,
        timeout=300,
    )
    assert run.stderr == ""


_KILL_PARENT_MIDWAY = r"""
import multiprocessing, os, signal, sys
from pathlib import Path
from rolelint.config import load_config
from rolelint.discovery import discover
from rolelint.parallel import lint_in_workers
from rolelint.registry import load_catalogue

root = Path(sys.argv[1])
config = load_config(cwd=root)
catalogue = load_catalogue(config)
entries, _ = discover([root], config, cwd=root)

def die(done):
    print(" ".join(str(p.pid) for p in multiprocessing.active_children()), flush=True)
    os.kill(os.getpid(), signal.SIGKILL)

lint_in_workers(entries, config, catalogue, set(catalogue.text_rules), workers=2, keep_documents=False, progress=die)
"""


@pytest.mark.skipif(not sys.platform.startswith("linux"), reason="a parent's death signal is Linux's")
def test_workers_end_when_their_parent_is_killed(mixed_repo):
    import time

    run = subprocess.run(
        [sys.executable, "-c", _KILL_PARENT_MIDWAY, str(mixed_repo)], capture_output=True, text=True, timeout=300
    )
    assert run.returncode == -9, run.stderr
    workers = [int(pid) for pid in run.stdout.split()]
    assert workers

    def alive(pid: int) -> bool:
        try:
            with open(f"/proc/{pid}/stat") as handle:
                return handle.read().rsplit(")", 1)[1].split()[0] != "Z"
        except OSError:
            return False

    deadline = time.monotonic() + 10
    while any(alive(pid) for pid in workers) and time.monotonic() < deadline:
        time.sleep(0.05)
    assert not any(alive(pid) for pid in workers)


def test_workers_place_findings_and_the_parent_adds_the_profession_rules(repo):
    """Workers place their files' findings and read their suppression comments; the profession
    rules' findings, made in the parent, are placed there and suppressed by the same comments."""
    write(repo, "frameworks/pm.yaml", "kind: framework\nid: pm\nname: PM\nlevels:\n  - {id: a, title: Associate}\n")
    names_no_role = (
        "---\nkind: advert\nframework: pm\nrole: nobody\n---\n# Product manager\n\nYou will lead discovery.\n"
    )
    write(repo, "adverts/kept.md", names_no_role)
    write(
        repo, "adverts/hidden.md", names_no_role.replace("# Product", "<!-- rolelint-disable-file RL301 -->\n# Product")
    )
    write(repo, "adverts/unused.md", "# Designer\n\n<!-- rolelint-disable-next-line RL104 -->\nYou will draw.\n")
    for i in range(8):
        write(repo, f"adverts/more-{i}.md", ADVERTS[i % 4])
    single, two = _run(repo, 1), _run(repo, 2)
    assert _snapshot(two) == _snapshot(single)
    codes = {(d.path, d.code) for d in two.diagnostics}
    assert ("adverts/kept.md", "RL301") in codes and ("adverts/hidden.md", "RL301") not in codes
    assert ("adverts/unused.md", "RL009") in codes

    config = load_config(cwd=repo)
    catalogue = load_catalogue(config)
    active = set(catalogue.rules)
    entries = [
        FileEntry(path, path.relative_to(repo).as_posix(), path.relative_to(repo).as_posix())
        for path in sorted((repo / "adverts").glob("*.md"))
    ]
    outcomes = lint_in_workers(
        entries,
        config,
        catalogue,
        active,
        workers=2,
        keep_documents=False,
        progress=lambda n: None,
        place=True,
        keep_findings=False,
    )
    kept = next(o for o in outcomes if o.display == "adverts/more-0.md")
    assert kept.findings == [] and kept.placed is not None
    assert {d.code for d in kept.placed.diagnostics} >= {"RL101"} and kept.placed.diagnostics[0].line >= 1
    hidden = next(o for o in outcomes if o.display == "adverts/hidden.md")
    assert [s.codes for s in hidden.placed.suppressions] == [("RL301",)]
