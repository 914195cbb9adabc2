"""A repo's config cannot reach outside the repo, delete what rolelint did not write, or raise the
size limits past their ceilings (issue 13; docs/security.md)."""

from __future__ import annotations

import os
import time
from pathlib import Path

import pytest

from rolelint import __version__
from rolelint.cache import DAY, MARKER, PRUNE_STAMP, owned
from rolelint.cachesign import sign
from rolelint.rulepacks import MAX_PACK_FILES, MAX_RULE_FILE_BYTES
from tests.conftest import REPO, write, write_small_profession
from tests.hostile.helpers import CONFIG, WITNESS, WITNESS_PATH, run_main


@pytest.fixture
def repo(tmp_path: Path, monkeypatch) -> Path:
    """A repo one level down in ``tmp_path``, so that ``tmp_path/elsewhere`` is outside it."""
    root = tmp_path / "repo"
    write(root, ".rolelint.yaml", CONFIG)
    write(root, WITNESS_PATH, WITNESS)
    monkeypatch.chdir(root)
    return root


def _entry_like(folder: Path, days: float = 400) -> list[Path]:
    """Files named as rolelint names its cache files, as a victim's folder might hold them."""
    files = [
        write(folder, name, '{"body": "{}", "mac": "%s"}' % ("0" * 64))
        for name in (
            "index-0.0.1.json",
            "v2/ab/" + "ab" * 32 + ".json",
            "v2/ab/.tmp-1.json",
            ".index-0.0.1.json.x.tmp",
            PRUNE_STAMP,
            "CACHEDIR.TAG",
        )
    ]
    stamp = time.time() - days * DAY
    for path in files:
        os.utime(path, (stamp, stamp))
    return files


def _check(repo: Path, capsys, *args: str) -> tuple[int, str, str]:
    return run_main(["check", "--format", "json", "--select", "RL0,RL3", *args], capsys, repo)


# --- paths the config names ----------------------------------------------------------------------


@pytest.mark.parametrize("value", ["../elsewhere", "{outside}", "link-out", "link-out/sub"])
def test_a_cache_dir_outside_the_repo_is_refused_and_nothing_is_written_there(repo, capsys, value):
    elsewhere = repo.parent / "elsewhere"
    victims = _entry_like(elsewhere)
    (repo / "link-out").symlink_to(elsewhere)
    write(repo, ".rolelint.yaml", CONFIG + f"cache_dir: '{value.format(outside=elsewhere)}'\n")
    before = sorted(p.relative_to(elsewhere) for p in elsewhere.rglob("*"))
    for command in (["check"], ["cache", "clear"], ["cache", "prune", "--max-age-days", "1"], ["pathway"]):
        code, out, err = run_main(command, capsys, repo)
        assert code == 2, (command, out, err)
        assert "`cache_dir`" in err and "outside the repository" in err and "Traceback" not in err
    assert sorted(p.relative_to(elsewhere) for p in elsewhere.rglob("*")) == before
    assert all(path.exists() for path in victims)


def test_a_committed_cache_folder_that_links_out_of_the_repo_is_refused(repo, capsys):
    elsewhere = repo.parent / "elsewhere"
    _entry_like(elsewhere)
    (repo / ".rolelint_cache").symlink_to(elsewhere)
    code, _out, err = _check(repo, capsys)
    assert code == 2 and "`cache_dir`" in err
    assert len(list(elsewhere.rglob("*.json"))) == 3


def test_a_trusted_path_on_the_command_line_lets_the_cache_live_outside(repo, capsys):
    elsewhere = repo.parent / "shared-cache"
    write(repo, ".rolelint.yaml", CONFIG + f"cache_dir: {elsewhere}\n")
    code, _out, err = _check(repo, capsys, "--trusted-path", str(elsewhere))
    assert code == 1, err
    assert owned(elsewhere) and list(elsewhere.glob("v*/*/*.json"))


@pytest.mark.parametrize("value", ["/proc", "/", "../team-rules", "link-out"])
def test_a_rule_pack_outside_the_repo_is_refused(repo, capsys, value):
    write(repo.parent / "team-rules", "README.md", "not a rule\n")
    (repo / "link-out").symlink_to(repo.parent / "team-rules")
    write(repo, ".rolelint.yaml", CONFIG + f"rule_packs: ['{value}']\n")
    started = time.monotonic()
    code, _out, err = _check(repo, capsys)
    assert time.monotonic() - started < 30
    assert code == 2 and "`rule_packs[0]`" in err and "Traceback" not in err


def test_an_absolute_rule_pack_path_is_refused_even_inside_the_repo(repo, capsys):
    pack = repo / "team-rules"
    pack.mkdir()
    write(repo, ".rolelint.yaml", CONFIG + f"rule_packs: ['{pack}']\n")
    code, _out, err = _check(repo, capsys)
    assert code == 2 and "absolute path" in err
    code, _out, err = _check(repo, capsys, "--trusted-path", str(pack))
    assert code == 1, err


def test_a_model_path_outside_the_repo_is_refused(repo, capsys):
    write(repo, ".rolelint.yaml", CONFIG + "nlp: {model: ../models/evil}\n")
    code, _out, err = _check(repo, capsys)
    assert code == 2 and "`nlp.model`" in err


def test_a_model_name_is_not_read_as_a_folder_of_the_repo(repo, capsys):
    write(repo, "evil_model/config.cfg", '[nlp]\nlang = "en"\npipeline = []\n')
    write(repo, ".rolelint.yaml", CONFIG + "nlp: {model: evil_model}\n")
    write(repo, "adverts/a.md", "# Role\n\nWe need a rockstar.\n")
    code, _out, err = run_main(["check", "--no-cache", "--select", "RL104"], capsys, repo)
    assert code == 2
    assert "cannot load spaCy model 'evil_model': no installed package has that name" in err


# --- rule pack bounds ----------------------------------------------------------------------------


def _rule_text(code: str) -> str:
    source = next(iter((REPO / "rules").rglob("RL101*.yaml"))).read_text(encoding="utf-8")
    return source.replace("code: RL101", f"code: {code}")


def test_a_pack_with_too_many_rule_files_is_refused_before_any_is_read(repo, capsys):
    pack = repo / "team"
    pack.mkdir()
    for n in range(MAX_PACK_FILES + 1):
        (pack / f"X{n:04d}.yaml").write_text("not: read\n", encoding="utf-8")
    write(repo, ".rolelint.yaml", CONFIG + "rule_packs: [team]\n")
    code, _out, err = _check(repo, capsys)
    assert code == 2 and f"more than {MAX_PACK_FILES:,} rule files" in err


def test_a_huge_rule_file_is_refused(repo, capsys):
    write(repo, "team/XX901-big.yaml", "# " + "x" * MAX_RULE_FILE_BYTES + "\n")
    write(repo, ".rolelint.yaml", CONFIG + "rule_packs: [team]\n")
    code, _out, err = _check(repo, capsys)
    assert code == 2 and "over the 256,000-byte limit" in err


def test_a_rule_file_that_links_out_of_its_pack_is_refused(repo, capsys):
    secret = write(repo.parent, "secret.yaml", "password: hunter2\n")
    (repo / "team").mkdir()
    (repo / "team" / "XX901-leak.yaml").symlink_to(secret)
    write(repo, ".rolelint.yaml", CONFIG + "rule_packs: [team]\n")
    code, out, err = _check(repo, capsys)
    assert code == 2 and "symbolic link out of the rule pack" in err and "hunter2" not in out + err


# --- sizes ---------------------------------------------------------------------------------------


@pytest.mark.parametrize("where", ["yaml", "pyproject"])
def test_max_file_size_cannot_be_raised_past_its_ceiling(repo, capsys, where):
    if where == "yaml":
        write(repo, ".rolelint.yaml", CONFIG + "max_file_size: 50000000\n")
    else:
        (repo / ".rolelint.yaml").unlink()
        write(repo, "pyproject.toml", "[tool.rolelint]\nmax_file_size = 50000000\n")
    code, _out, err = _check(repo, capsys)
    assert code == 2 and "max_file_size" in err and "10,000,000" in err


def test_a_file_over_the_limit_is_an_error_so_padding_cannot_pass_a_gate(repo, capsys):
    write(repo, ".rolelint.yaml", CONFIG + "max_file_size: 1000\n")
    write(repo, "adverts/padded.md", "We need a rockstar ninja. " + " " * 2000)
    code, out, _err = run_main(["check", "--no-cache", "--format", "json", "--fail-on", "error"], capsys, repo)
    assert code == 1
    assert '"code": "RL005"' in out and '"severity": "error"' in out


# --- the cache deletes only what it wrote ---------------------------------------------------------


def _prune_due(cache: Path) -> None:
    stamp = cache / PRUNE_STAMP
    if stamp.exists():
        old = time.time() - 2 * DAY
        os.utime(stamp, (old, old))


def test_a_cache_folder_rolelint_did_not_make_is_never_pruned(repo, capsys):
    cache = repo / ".rolelint_cache"
    victims = _entry_like(cache)  # committed into the repo, named like rolelint's files
    write(repo, "roles/a.yaml", "kind: role\nid: a\ntitle: A\nframework: pm\nlevels: [{level: one}]\n")
    assert _check(repo, capsys)[0] == 1
    assert not owned(cache)
    assert all(path.exists() for path in victims)
    code, out, _err = run_main(["cache", "clear"], capsys, repo)
    assert code == 0
    assert all(path.exists() for path in victims), "clear removed files rolelint cannot prove it wrote"


def test_in_its_own_folder_rolelint_removes_only_signed_entries(repo, capsys):
    assert _check(repo, capsys)[0] == 1
    cache = repo / ".rolelint_cache"
    assert owned(cache) and (cache / MARKER).is_file()
    forged = _entry_like(cache / "v2" / "cd")[:2]  # unsigned, named like entries
    signed = write(cache, "v2/ef/" + "ef" * 32 + ".json", '{"body": "{}", "mac": "' + sign(b"{}") + '"}')
    old = time.time() - 400 * DAY
    for path in [*forged, signed]:
        os.utime(path, (old, old))
    code, out, _err = run_main(["cache", "prune", "--max-age-days", "30"], capsys, repo)
    assert code == 0 and "removed 1 cache file" in out
    assert not signed.exists() and all(path.exists() for path in forged)


def test_a_marker_copied_from_another_folder_does_not_verify(repo, capsys, tmp_path):
    assert _check(repo, capsys)[0] == 1
    other = tmp_path / "other"
    other.mkdir()
    (other / MARKER).write_bytes((repo / ".rolelint_cache" / MARKER).read_bytes())
    assert owned(repo / ".rolelint_cache") and not owned(other)


def test_a_cache_file_that_links_to_an_endless_device_is_a_miss(repo, capsys):
    cache = repo / ".rolelint_cache"
    assert _check(repo, capsys)[0] == 1
    write_small_profession(repo)
    for entry in cache.glob("v*/*/*.json"):
        entry.unlink()
        entry.symlink_to("/dev/zero")
    index = cache / f"index-{__version__}.json"
    index.unlink(missing_ok=True)
    index.symlink_to("/dev/zero")
    started = time.monotonic()
    code, _out, err = _check(repo, capsys)
    assert code == 1, err
    assert time.monotonic() - started < 60


def test_committed_links_inside_the_cache_folder_lead_nothing_outside(repo, capsys):
    elsewhere = repo.parent / "elsewhere"
    elsewhere.mkdir()
    victim = write(repo.parent, "victim.txt", "keep me\n")
    assert _check(repo, capsys)[0] == 1
    cache = repo / ".rolelint_cache"
    for bucket in cache.glob("v*/*"):
        for entry in bucket.iterdir():
            entry.unlink()
        bucket.rmdir()
    (cache / "v2").rmdir()
    (cache / "v2").symlink_to(elsewhere)  # entries would be written outside the repo
    (cache / PRUNE_STAMP).unlink(missing_ok=True)
    (cache / PRUNE_STAMP).symlink_to(victim)  # the stamp would overwrite the victim
    write_small_profession(repo)
    _check(repo, capsys)
    assert list(elsewhere.iterdir()) == []
    assert victim.read_text() == "keep me\n"
