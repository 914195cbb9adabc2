"""Turn the paths given on the command line into the files to lint."""

from __future__ import annotations

import errno
import os
import stat
from collections import Counter
from dataclasses import dataclass, field
from pathlib import Path

from rolelint.config import Config
from rolelint.formats import has_format
from rolelint.gitignore import GitIgnore
from rolelint.globs import has_negation, matches
from rolelint.loaders import not_regular


@dataclass(frozen=True)
class FileEntry:
    path: Path  # absolute
    display: str  # what reports show: relative to the working directory when possible
    relative: str  # POSIX path relative to the config root, for globs
    # The file's content when it does not come from disk (standard input, an editor's buffer, a web
    # form): text as given, or bytes to decode as the path's format would be.
    content: str | bytes | None = field(default=None, compare=False, repr=False)
    kind: str | None = field(default=None, compare=False)  # the caller's word, over the config's globs
    # The role level the caller says an advert is for, as ((key, value), ...) over framework, role and
    # level; it applies when the advert's own metadata names none (rolelint.documents.give_role_level).
    role_level: tuple[tuple[str, str], ...] = field(default=(), compare=False)


@dataclass(frozen=True)
class DiscoveryProblem:
    display: str
    message: str


def display_path(path: Path, cwd: Path) -> str:
    try:
        return path.relative_to(cwd).as_posix()
    except ValueError:
        return path.as_posix()


def _relative(path: Path, root: Path) -> str:
    try:
        return path.relative_to(root).as_posix()
    except ValueError:
        return path.as_posix().lstrip("/")


def _child_prefix(posix: str) -> str:
    """What goes before a name to make the path of an entry of the directory whose POSIX path (from
    ``_relative`` or ``display_path``) is ``posix``: nothing for the directory itself ("."), or for
    the file system's root outside the config's (""), else the path and a slash."""
    if posix in (".", ""):
        return ""
    return posix if posix.endswith("/") else posix + "/"


def selected(relative: str, config: Config) -> bool:
    """Whether the config's `include` picks ``relative`` and its `exclude` does not drop it."""
    return matches(relative, config.include) and not matches(relative, config.exclude)


def discover(
    paths: list[Path], config: Config, *, cwd: Path, skipped: Counter | None = None, force_exclude: bool | None = None
) -> tuple[list[FileEntry], list[DiscoveryProblem]]:
    """Files under ``paths`` that the config includes and does not exclude, each once, in a stable order.
    A directory's walk also leaves out what git ignores (`respect_gitignore`).

    A file named explicitly is linted even when the include patterns would not pick it, and exclude
    patterns still apply to it; with ``force_exclude`` (default: the config's `force_exclude`, and
    what the pre-commit hooks pass) both `include` and `exclude` apply to it, so that the files
    pre-commit names are filtered as a folder's walk would be.

    ``skipped`` (when given) counts, by suffix, the files found in folders that no input format reads
    (`.pdf`, `.doc` …): a run reports them once, in its summary.
    """
    force = config.force_exclude if force_exclude is None else force_exclude
    entries: dict[Path, FileEntry] = {}
    problems: list[DiscoveryProblem] = []
    for given in paths or [cwd]:
        absolute = (cwd / given) if not given.is_absolute() else given
        absolute = Path(os.path.abspath(absolute))
        try:
            mode = absolute.stat().st_mode
        except OSError as exc:
            problems.append(DiscoveryProblem(display_path(absolute, cwd), _unreachable(absolute, exc)))
            continue
        if stat.S_ISREG(mode):
            relative = _relative(absolute, config.root)
            if selected(relative, config) if force else not matches(relative, config.exclude):
                entries.setdefault(absolute, FileEntry(absolute, display_path(absolute, cwd), relative))
            continue
        if stat.S_ISDIR(mode):
            _walk(absolute, config, cwd, entries, problems, skipped)
            continue
        problems.append(DiscoveryProblem(display_path(absolute, cwd), not_regular(mode)))
    ordered = sorted(entries.values(), key=lambda e: e.display)
    return ordered, problems


def _unreachable(path: Path, error: OSError) -> str:
    """Why ``path`` cannot be reached, in words: a loop or dangling link, a missing path, permissions."""
    if error.errno == errno.ELOOP:
        return "symbolic link loop: the link leads back to itself; not read"
    if path.is_symlink():
        try:
            target = os.readlink(path)
        except OSError:
            target = "?"
        return f"broken symbolic link: it points to {target}, which does not exist"
    if error.errno == errno.ENOENT:
        return "no such file or directory"
    return f"cannot read: {error.strerror or error}"


def _inside(path: Path, top_real: str) -> bool:
    real = os.path.realpath(path)
    return real == top_real or real.startswith(top_real.rstrip(os.sep) + os.sep)


def _walk(
    top: Path,
    config: Config,
    cwd: Path,
    entries: dict[Path, FileEntry],
    problems: list[DiscoveryProblem],
    skipped: Counter | None = None,
) -> None:
    """Walk ``top``, following symbolic links that stay inside it. A link out of the tree is reported and
    not followed: a link to ``/`` would walk the whole machine, and a link to a secret would print its
    lines in a CI log. Naming the target on the command line lints it."""
    seen_dirs: set[tuple[int, int]] = set()
    top_real = os.path.realpath(top)
    git = GitIgnore(top) if config.respect_gitignore else None
    # A directory the exclude patterns match can be skipped whole, unless a `!` pattern may re-include
    # something inside it.
    prune_excluded = not has_negation(config.exclude)

    def on_error(error: OSError) -> None:
        where = Path(error.filename) if error.filename else top
        problems.append(DiscoveryProblem(display_path(where, cwd), f"cannot read directory: {error.strerror}"))

    for dirpath, dirnames, filenames in os.walk(top, onerror=on_error, followlinks=True):
        directory = Path(dirpath)
        try:
            info = directory.stat()
        except OSError:
            dirnames[:] = []
            continue
        key = (info.st_dev, info.st_ino)
        if key in seen_dirs:  # a loop of symbolic links: each real directory is walked once
            problems.append(
                DiscoveryProblem(display_path(directory, cwd), "symbolic link loop: directory already visited; skipped")
            )
            dirnames[:] = []
            continue
        seen_dirs.add(key)
        # A child's paths are its directory's and its name: worked out once per directory.
        relative_in, shown_in = (
            _child_prefix(_relative(directory, config.root)),
            _child_prefix(display_path(directory, cwd)),
        )
        kept = []
        for name in sorted(dirnames):
            relative = relative_in + name
            if prune_excluded and matches(relative + "/", config.exclude):
                continue
            if git is not None and git.ignored(directory / name, is_dir=True):
                continue
            if (directory / name).is_symlink() and not _inside(directory / name, top_real):
                problems.append(DiscoveryProblem(display_path(directory / name, cwd), _outside(directory / name)))
                continue
            kept.append(name)
        dirnames[:] = kept
        for name in sorted(filenames):
            path = directory / name
            relative = relative_in + name
            if git is not None and git.ignored(path, is_dir=False):
                continue
            if not selected(relative, config):
                if (
                    skipped is not None
                    and not has_format(name)
                    and not name.startswith(".")
                    and not matches(relative, config.exclude)
                ):
                    skipped[Path(name).suffix.lower() or "(no suffix)"] += 1
                continue
            try:
                mode = path.stat().st_mode
            except OSError as exc:
                problems.append(DiscoveryProblem(display_path(path, cwd), _unreachable(path, exc)))
                continue
            if path.is_symlink() and not _inside(path, top_real):
                problems.append(DiscoveryProblem(display_path(path, cwd), _outside(path)))
                continue
            if not stat.S_ISREG(mode):  # a named pipe would make every later reader (cache, index) wait for ever
                problems.append(DiscoveryProblem(display_path(path, cwd), not_regular(mode)))
                continue
            entries.setdefault(path, FileEntry(path, shown_in + name, relative))


def _outside(link: Path) -> str:
    return (
        f"symbolic link to {os.path.realpath(link)}, outside the linted directory; not followed "
        "(name it on the command line to lint it, or exclude the link)"
    )
