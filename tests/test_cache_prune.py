"""Cache housekeeping: a hit refreshes its entry, a run that writes prunes what has gone unused (at
most once a day), `cache_max_age_days` and its errors, `rolelint cache clear` / `prune`, and the
profession index surviving all of it."""

from __future__ import annotations

import dataclasses
import os
import sys
import time
from pathlib import Path

import pytest
from conftest import write, write_small_profession

from rolelint import __version__
from rolelint.cache import DAY, PRUNE_STAMP
from rolelint.cachesign import sign
from rolelint.cli import main
from rolelint.config import load_config
from rolelint.engine import Selection, check
from rolelint.profession.index import build_index
from rolelint.registry import load_catalogue

CONFIG = "kinds: {framework: ['frameworks/**'], role: ['roles/**']}\n"
ROLE = "kind: role\nid: {id}\ntitel: Product manager\nframework: pm\nlevels: [{{level: a}}]\n"
SCHEMA_ONLY = Selection(select=("RL0",))  # no spaCy: these tests are about the files, not the findings


@pytest.fixture
def roles_repo(repo: Path) -> Path:
    write(repo, ".rolelint.yaml", CONFIG)
    write(repo, "roles/pm.yaml", ROLE.format(id="pm"))
    write(repo, "roles/dm.yaml", ROLE.format(id="dm"))
    return repo


def _run(root: Path, *, selection: Selection = SCHEMA_ONLY, use_cache: bool = True):
    config = load_config(cwd=root)
    return check([], config, selection=selection, cwd=root, use_cache=use_cache, catalogue=load_catalogue(config))


def _cache(root: Path) -> Path:
    return root / ".rolelint_cache"


def _entries(root: Path) -> set[Path]:
    return set(_cache(root).glob("v*/*/*.json"))


def _age(path: Path, days: float) -> float:
    stamp = time.time() - days * DAY
    os.utime(path, (stamp, stamp))
    return stamp


def _planted(root: Path, relative: str, days: float, *, signed: bool = True) -> Path:
    """A file in the cache folder, last used ``days`` ago: signed with this user's secret (as
    rolelint signs what it writes) unless ``signed`` is false."""
    mac = sign(b"{}") if signed else "0" * 64
    path = write(_cache(root), relative, '{"body": "{}", "mac": "' + mac + '"}')
    _age(path, days)
    return path


def _edit(root: Path, ident: str = "pm") -> None:
    """Change a role so that the next run writes a cache entry."""
    path = root / "roles" / f"{ident}.yaml"
    path.write_text(path.read_text(encoding="utf-8") + "# edited\n", encoding="utf-8")


def _cli(monkeypatch, capsys, *args: str) -> tuple[int, str, str]:
    monkeypatch.setattr(sys, "argv", ["rolelint", *args])
    with pytest.raises(SystemExit) as exited:
        main()
        raise SystemExit(0)  # a subcommand that returns normally exits 0
    out, err = capsys.readouterr()
    return exited.value.code, out, err


def test_a_hit_refreshes_an_entry_used_more_than_a_day_ago_and_leaves_a_recent_one(roles_repo):
    _run(roles_repo)
    old, recent = sorted(_entries(roles_repo))
    _age(old, 10)
    recent_mtime = _age(recent, 0.1)
    _run(roles_repo)
    assert time.time() - old.stat().st_mtime < 60, "a hit did not mark its entry as used"
    assert recent.stat().st_mtime == pytest.approx(recent_mtime, abs=1e-3), "a recent entry was touched again"


def test_a_run_that_writes_removes_what_went_unused_for_30_days(roles_repo):
    _run(roles_repo)
    live = _entries(roles_repo)
    stale = _planted(roles_repo, "v2/ab/" + "ab" * 32 + ".json", 31)
    kept = _planted(roles_repo, "v2/cd/" + "cd" * 32 + ".json", 29)
    old_format = _planted(roles_repo, "v1/ef/" + "ef" * 32 + ".json", 31)
    crashed_write = _planted(roles_repo, "v2/ab/.tmp-x1y2.json", 2)
    old_index = _planted(roles_repo, "index-0.0.1.json", 31)
    old_memo = _planted(roles_repo, f"index-{__version__}-findings-{'0' * 40}.json", 31)
    recent_memo = _planted(roles_repo, f"index-{__version__}-findings-{'1' * 40}.json", 1)
    this_index = _planted(roles_repo, f"index-{__version__}.json", 400)  # never pruned: see the profession test
    foreign = _planted(roles_repo, "notes.txt", 400)
    foreign_in_bucket = _planted(roles_repo, "v2/ab/README", 400)
    for path in live:
        _age(path, 40)  # used by the next run, which must refresh rather than prune them
    _age(_cache(roles_repo) / PRUNE_STAMP, 2)

    _edit(roles_repo)
    _run(roles_repo)

    for path in (stale, old_format, crashed_write, old_index, old_memo):
        assert not path.exists(), f"{path.name} was not pruned"
    assert not (_cache(roles_repo) / "v1").exists(), "an emptied folder was left"
    for path in (kept, foreign, foreign_in_bucket, recent_memo, this_index):
        assert path.exists(), f"{path.name} was pruned"
    dm_entry = [p for p in live if p.exists()]
    assert len(dm_entry) == 1, "the unchanged file's entry (a hit) was pruned"
    assert time.time() - (_cache(roles_repo) / PRUNE_STAMP).stat().st_mtime < 60
    assert dataclasses.asdict(_run(roles_repo)) == dataclasses.asdict(_run(roles_repo, use_cache=False))


def test_the_walk_happens_at_most_once_a_day(roles_repo):
    _run(roles_repo)  # the first run prunes (an empty cache) and sets the stamp
    stale = _planted(roles_repo, "v2/ab/" + "ab" * 32 + ".json", 31)
    _edit(roles_repo)
    _run(roles_repo)
    assert stale.exists(), "pruned again within a day"
    _age(_cache(roles_repo) / PRUNE_STAMP, 1.1)
    _edit(roles_repo)
    _run(roles_repo)
    assert not stale.exists()


def test_a_run_that_writes_nothing_does_not_prune(roles_repo):
    _run(roles_repo)
    stale = _planted(roles_repo, "v2/ab/" + "ab" * 32 + ".json", 31)
    _age(_cache(roles_repo) / PRUNE_STAMP, 2)
    _run(roles_repo)  # every file a hit
    assert stale.exists()
    _run(roles_repo, use_cache=False)
    assert stale.exists()


@pytest.mark.parametrize(
    ("setting", "unused_for", "pruned"),
    [
        ("cache_max_age_days: 5", 6, True),
        ("cache_max_age_days: 5", 4, False),
        ("cache_max_age_days: null", 4000, False),
    ],
)
def test_cache_max_age_days(roles_repo, setting, unused_for, pruned):
    write(roles_repo, ".rolelint.yaml", CONFIG + setting + "\n")
    _run(roles_repo)
    planted = _planted(roles_repo, "v2/ab/" + "ab" * 32 + ".json", unused_for)
    _planted(roles_repo, PRUNE_STAMP, 2)  # a prune is due (with null, no stamp was ever written)
    _edit(roles_repo)
    _run(roles_repo)
    assert planted.exists() is not pruned


def test_changing_cache_settings_does_not_invalidate_entries(roles_repo):
    _run(roles_repo)
    before = _entries(roles_repo)
    write(roles_repo, ".rolelint.yaml", CONFIG + "cache_max_age_days: 7\n")
    _run(roles_repo)
    assert _entries(roles_repo) == before


@pytest.mark.parametrize(
    "value", ["0", "-3", "'30'", "1.5", "true", "36501", "1000000000000000000000000", "[30]", ".inf", "{days: 3}"]
)
def test_a_bad_cache_max_age_days_exits_2_naming_the_key(roles_repo, monkeypatch, capsys, value):
    write(roles_repo, ".rolelint.yaml", CONFIG + f"cache_max_age_days: {value}\n")
    for command in (["check"], ["cache", "clear"], ["cache", "prune"]):
        code, out, err = _cli(monkeypatch, capsys, *command)
        assert code == 2, (command, out, err)
        assert "cache_max_age_days" in err and "Traceback" not in err + out


def test_a_misspelt_cache_key_is_named(roles_repo, monkeypatch, capsys):
    write(roles_repo, ".rolelint.yaml", CONFIG + "cache_max_age: 3\n")
    code, _out, err = _cli(monkeypatch, capsys, "check")
    assert code == 2
    assert "unknown key `cache_max_age`; did you mean `cache_max_age_days`?" in err


def test_a_bad_max_age_days_flag_exits_2_naming_it(roles_repo, monkeypatch, capsys):
    code, _out, err = _cli(monkeypatch, capsys, "cache", "prune", "--max-age-days", "0")
    assert code == 2
    assert "--max-age-days" in err and "Traceback" not in err


def test_cache_prune_removes_unused_entries_now(roles_repo, monkeypatch, capsys):
    _run(roles_repo)  # the stamp is fresh: `rolelint check` would not prune today
    live = _entries(roles_repo)
    stale = _planted(roles_repo, "v2/ab/" + "ab" * 32 + ".json", 8)
    code, out, _err = _cli(monkeypatch, capsys, "cache", "prune", "--max-age-days", "7")
    assert code == 0
    assert "removed 1 cache file unused for 7 days" in out
    assert not stale.exists() and _entries(roles_repo) == live


def test_cache_prune_says_one_day_in_the_singular(roles_repo, monkeypatch, capsys):
    _run(roles_repo)
    code, out, _err = _cli(monkeypatch, capsys, "cache", "prune", "--max-age-days", "1")
    assert code == 0
    assert "unused for 1 day from" in out


def test_cache_clear_removes_only_rolelints_own_files(roles_repo, monkeypatch, capsys):
    _run(roles_repo)
    cache = _cache(roles_repo)
    live = _entries(roles_repo)
    index = _planted(roles_repo, f"index-{__version__}.json", 0)
    foreign = write(cache, "notes.txt", "mine\n")
    foreign_dir = write(cache, "v2/other/keep.json", "{}\n")
    code, out, _err = _cli(monkeypatch, capsys, "cache", "clear")
    assert code == 0 and "removed 3 cache files" in out
    assert len(live) == 2 and not any(p.exists() for p in live) and not index.exists()
    for name in (PRUNE_STAMP, "CACHEDIR.TAG", ".gitignore"):
        assert not (cache / name).exists(), name
    assert foreign.read_text() == "mine\n" and foreign_dir.exists()

    foreign.unlink()
    foreign_dir.unlink()
    foreign_dir.parent.rmdir()
    (cache / ".gitignore").write_text("# my own\n*.json\n", encoding="utf-8")
    _run(roles_repo)  # rolelint does not replace a .gitignore it finds there
    assert _cli(monkeypatch, capsys, "cache", "clear")[0] == 0
    assert (cache / ".gitignore").read_text() == "# my own\n*.json\n"
    (cache / ".gitignore").unlink()
    _run(roles_repo)
    assert _cli(monkeypatch, capsys, "cache", "clear")[0] == 0
    assert not cache.exists(), "an emptied cache folder was left"
    code, out, _err = _cli(monkeypatch, capsys, "cache", "clear")
    assert code == 0 and "removed 0 cache files" in out


def test_a_warm_profession_run_survives_pruning(roles_repo):
    write_small_profession(roles_repo)
    selection = Selection(select=("RL0", "RL3"))
    uncached = dataclasses.asdict(_run(roles_repo, selection=selection, use_cache=False))["diagnostics"]
    assert any(d["code"].startswith("RL3") for d in uncached), "the example needs a profession finding"
    _run(roles_repo, selection=selection)
    index = _cache(roles_repo) / f"index-{__version__}.json"
    assert index.is_file()
    for path in _cache(roles_repo).rglob("*"):
        if path.is_file():
            _age(path, 60)
    index_mtime = index.stat().st_mtime
    write(roles_repo, "notes/data.yaml", "a: 1\n")  # a new file of no kind: an entry written, the index unchanged
    uncached = dataclasses.asdict(_run(roles_repo, selection=selection, use_cache=False))["diagnostics"]

    assert dataclasses.asdict(_run(roles_repo, selection=selection))["diagnostics"] == uncached
    assert time.time() - (_cache(roles_repo) / PRUNE_STAMP).stat().st_mtime < 60, "no prune happened"
    assert index.stat().st_mtime == index_mtime, "the index was rewritten, so this test proves nothing"
    config = load_config(cwd=roles_repo)
    warm = build_index([], config, cwd=roles_repo, save=False)
    assert warm.stats == {"files": 3, "cache_hits": 3, "cache_misses": 0}
    assert dataclasses.asdict(_run(roles_repo, selection=selection))["diagnostics"] == uncached
