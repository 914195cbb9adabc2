"""The profession index: what it finds, what wins, and how its cache is kept honest."""

from __future__ import annotations

import json
from pathlib import Path

from rolelint import __version__
from rolelint.config import load_config
from rolelint.loaders import load_file
from rolelint.profession.index import build_index
from tests.conftest import write

FRAMEWORK = """
kind: framework
id: craft
name: Craft
levels: [{id: one, title: One}, {id: two, title: Two}]
"""
ROLE = """
kind: role
id: maker
title: Maker
framework: craft
levels: [{level: one}]
"""


def _repo(tmp_path: Path) -> Path:
    write(tmp_path, ".rolelint.yaml", "kinds:\n  framework: ['frameworks/**']\n  role: ['roles/**']\n")
    write(tmp_path, "frameworks/craft.yaml", FRAMEWORK)
    write(tmp_path, "roles/maker.yaml", ROLE)
    write(
        tmp_path, "notes/other.yaml", "kind: role\nid: stray\ntitle: Stray\nframework: craft\nlevels: [{level: one}]\n"
    )
    return tmp_path


def _cache_file(root: Path) -> Path:
    return root / ".rolelint_cache" / f"index-{__version__}.json"


def _read_cache(root: Path) -> dict:
    return json.loads(json.loads(_cache_file(root).read_text())["body"])


def _write_cache(root: Path, raw: dict) -> None:
    """Rewrite the index cache, signed as this user's rolelint would sign it."""
    from rolelint.cachesign import sign

    body = json.dumps(raw)
    _cache_file(root).write_text(json.dumps({"body": body, "mac": sign(body.encode("utf-8"))}))


def test_index_holds_the_files_its_kinds_globs_place_and_only_those(tmp_path):
    root = _repo(tmp_path)
    index = build_index([], load_config(cwd=root), cwd=root)
    assert set(index.frameworks) == {"craft"}
    assert [r.id for r in index.roles.values()] == ["maker"]
    assert index.roles[("craft", "maker")].display == "roles/maker.yaml"


def test_given_documents_win_over_their_copy_on_disk(tmp_path):
    root = _repo(tmp_path)
    config = load_config(cwd=root)
    path = root / "roles/maker.yaml"
    loaded = load_file(path, "roles/maker.yaml", kind_hint="role", options=config.load_options)
    loaded.document.data["title"] = "Edited maker"
    index = build_index([loaded.document], config, cwd=root)
    assert index.roles[("craft", "maker")].title == "Edited maker"
    assert [e.display for e in index.targets] == ["roles/maker.yaml"]


def test_display_paths_are_relative_to_the_working_directory(tmp_path):
    root = _repo(tmp_path)
    index = build_index([], load_config(cwd=root), cwd=root / "roles")
    assert set(index.entries) == {"../frameworks/craft.yaml", "maker.yaml"} or set(index.entries) == {
        (root / "frameworks/craft.yaml").as_posix(),
        "maker.yaml",
    }


def test_second_run_reads_the_cache_and_a_changed_file_is_parsed_again(tmp_path):
    root = _repo(tmp_path)
    config = load_config(cwd=root)
    first = build_index([], config, cwd=root)
    assert first.stats["cache_misses"] == 2 and _cache_file(root).is_file()
    second = build_index([], config, cwd=root)
    assert second.stats == {"files": 2, "cache_hits": 2, "cache_misses": 0}
    write(root, "roles/maker.yaml", ROLE.replace("title: Maker", "title: Renamed maker"))
    third = build_index([], config, cwd=root)
    assert third.stats["cache_misses"] == 1
    assert third.roles[("craft", "maker")].title == "Renamed maker"


def test_cache_from_another_version_or_corrupt_is_ignored(tmp_path):
    root = _repo(tmp_path)
    config = load_config(cwd=root)
    build_index([], config, cwd=root)
    cache = _cache_file(root)
    raw = _read_cache(root)
    raw["version"] = "0.0.0-old"
    for entry in raw["entries"].values():
        entry["data"] = {"id": "poisoned"}
    _write_cache(root, raw)
    index = build_index([], config, cwd=root)
    assert index.stats["cache_hits"] == 0 and "craft" in index.frameworks
    cache.write_text("{not json")
    assert "craft" in build_index([], config, cwd=root).frameworks


def test_no_cache_neither_reads_nor_writes(tmp_path):
    root = _repo(tmp_path)
    index = build_index([], load_config(cwd=root), cwd=root, use_cache=False)
    assert "craft" in index.frameworks
    assert not _cache_file(root).exists()


def test_deleted_files_leave_the_cache(tmp_path):
    root = _repo(tmp_path)
    config = load_config(cwd=root)
    build_index([], config, cwd=root)
    (root / "roles/maker.yaml").unlink()
    index = build_index([], config, cwd=root)
    assert not index.roles
    assert "roles/maker.yaml" not in _read_cache(root)["entries"]


def test_without_kinds_every_yaml_file_with_a_kind_is_indexed(tmp_path, monkeypatch):
    write(tmp_path, "a/craft.yaml", FRAMEWORK)
    write(tmp_path, "b/maker.yaml", ROLE)
    write(tmp_path, "c/readme.md", "# Notes\n")
    monkeypatch.chdir(tmp_path)
    index = build_index([], load_config(cwd=tmp_path), cwd=tmp_path)
    assert set(index.frameworks) == {"craft"} and len(index.roles) == 1


def test_given_files_keep_their_cache_entries(tmp_path):
    root = _repo(tmp_path)
    config = load_config(cwd=root)
    path = root / "roles/maker.yaml"
    loaded = load_file(path, "roles/maker.yaml", kind_hint="role", options=config.load_options)
    build_index([loaded.document], config, cwd=root)
    assert build_index([], config, cwd=root).stats["cache_misses"] == 0


def _features_run(root: Path):
    """Index the repo, ask for every role's profile and signature as RL312 and RL314 do, and save."""
    from rolelint.profession import features

    index = build_index([], load_config(cwd=root), cwd=root, save=False)
    features.role_profiles(index)
    for role in index.roles.values():
        features.minhash(index, role)
    index.save()
    return index


def test_role_features_are_cached_with_the_entry_and_not_computed_again(tmp_path, monkeypatch):
    root = _repo(tmp_path)
    write(root, "roles/maker.yaml", ROLE + "description: Makes things by hand, one at a time, with care and patience\n")
    first = _features_run(root)
    stored = _read_cache(root)["entries"]["roles/maker.yaml"]["features"]
    assert set(stored[""]) == {"v", "counts", "minhash"} and stored[""]["counts"]["hand"] == 1

    from rolelint.profession import features

    def no_tokenising(*args, **kwargs):
        raise AssertionError("an unchanged role was tokenised again")

    monkeypatch.setattr(features, "features", no_tokenising)
    monkeypatch.setattr(features, "shingles", no_tokenising)
    features._name_features.cache_clear()
    second = _features_run(root)
    assert features.role_profiles(second).counts == features.role_profiles(first).counts


def test_a_changed_role_gets_new_features(tmp_path):
    root = _repo(tmp_path)
    _features_run(root)
    write(root, "roles/maker.yaml", ROLE.replace("title: Maker", "title: Glassblower"))
    index = _features_run(root)
    assert "glassblower" in index.role_features(index.roles[("craft", "maker")])["counts"]


def test_features_from_a_tampered_cache_are_recomputed(tmp_path):
    root = _repo(tmp_path)
    _features_run(root)
    raw = _read_cache(root)
    raw["entries"]["roles/maker.yaml"]["features"][""].update(counts={"maker": "many"}, minhash="0f")
    _write_cache(root, raw)
    index = _features_run(root)
    stored = index.role_features(index.roles[("craft", "maker")])
    assert stored["counts"]["maker"] == 1 and stored["minhash"] is None  # too few shingles to compare


def test_an_index_cache_not_signed_by_this_user_is_ignored(tmp_path):
    root = _repo(tmp_path)
    config = load_config(cwd=root)
    build_index([], config, cwd=root)
    raw = _read_cache(root)
    for entry in raw["entries"].values():
        entry["data"] = {"id": "poisoned"}
    _cache_file(root).write_text(json.dumps({"body": json.dumps(raw), "mac": "0" * 64}))
    index = build_index([], config, cwd=root)
    assert index.stats["cache_hits"] == 0 and "craft" in index.frameworks


def test_a_file_read_with_the_fallback_encoding_is_found_in_the_cache(tmp_path):
    """The cache is checked against the file's text as the loader reads it, fallback encoding included."""
    write(tmp_path, ".rolelint.yaml", "encoding_fallback: cp1252\nkinds:\n  role: ['roles/**']\n")
    write(tmp_path, "roles/cafe.yaml", "kind: role\nid: cafe\ntitle: Caf\xe9 manager\nframework: x\n".encode("cp1252"))
    config = load_config(cwd=tmp_path)
    assert build_index([], config, cwd=tmp_path).stats["cache_misses"] == 1
    again = build_index([], config, cwd=tmp_path)
    assert again.stats == {"files": 1, "cache_hits": 1, "cache_misses": 0}
    assert [role.title for role in again.roles.values()] == ["Café manager"]


def test_a_run_does_not_read_again_the_files_it_found_no_kind_in(tmp_path, monkeypatch):
    """A YAML file with no `kind:` that the run read holds nothing the index keeps: the index skips it
    rather than reading it from disk a second time, and finds what it found before."""
    from rolelint import engine
    from rolelint.profession import index as index_module

    write(tmp_path, "frameworks/craft.yaml", FRAMEWORK)
    write(tmp_path, "roles/maker.yaml", ROLE)
    write(tmp_path, "notes/plain.yaml", "title: Not a role\nnotes: [one, two]\n")
    config = load_config(cwd=tmp_path)
    read: list[str] = []
    reading = index_module.load_file

    def counting(path, display, **kwargs):
        read.append(display)
        return reading(path, display, **kwargs)

    monkeypatch.setattr(index_module, "load_file", counting)
    built: list = []
    building = index_module.build_index

    def keeping(*args, **kwargs):
        built.append(building(*args, **kwargs))
        return built[-1]

    monkeypatch.setattr(index_module, "build_index", keeping)
    result = engine.check([tmp_path], config, cwd=tmp_path)
    assert any(d.code == "RL006" and d.path == "notes/plain.yaml" for d in result.diagnostics)
    assert read == []  # the framework and the role are given; the note was read once, by the run
    assert set(built[0].entries) == {"frameworks/craft.yaml", "roles/maker.yaml"}

    partial = engine.check([tmp_path / "roles"], config, cwd=tmp_path)  # not given: read from disk
    assert sorted(read) == ["frameworks/craft.yaml", "notes/plain.yaml"]
    assert set(built[1].entries) == {"frameworks/craft.yaml", "roles/maker.yaml"}
    assert [d.code for d in partial.diagnostics if d.path == "notes/plain.yaml"] == []


def test_a_run_over_the_root_does_not_walk_it_again_for_the_index(tmp_path, monkeypatch):
    from rolelint import engine
    from rolelint.profession import repo as repo_module

    root = _repo(tmp_path)
    config = load_config(cwd=root)
    walks: list[list] = []
    walking = repo_module.discover

    def counting(paths, *args, **kwargs):
        walks.append(list(paths))
        return walking(paths, *args, **kwargs)

    monkeypatch.setattr(repo_module, "discover", counting)
    whole = engine.check([root], config, cwd=root)
    assert walks == []
    again = engine.check([], config, cwd=root)  # no paths: the working directory, here the root
    assert walks == []
    part = engine.check([root / "roles"], config, cwd=root)
    assert walks == [[root.resolve()]]
    assert whole.diagnostics == again.diagnostics
    assert [d for d in whole.diagnostics if d.path.startswith("roles/")] == part.diagnostics


def test_a_role_key_with_no_roles_in_the_run_is_no_broken_reference(tmp_path):
    # a site's team page keeps its own `role:` (a category); with no framework in the run there is
    # nothing for RL301 to resolve it against, so it is not an error
    from rolelint.api import Linter

    write(tmp_path, "jobs/lab-manager.md", "---\nname: Hiring\nrole: manager\n---\n\n# Lab manager\n\nWe run a lab.\n")
    result = Linter(start=tmp_path, select=("RL301",)).lint_paths([tmp_path / "jobs"], cwd=tmp_path)
    assert [d.code for d in result.diagnostics] == []
    # with a framework that defines roles, the same key is checked (RL301's own cases)
