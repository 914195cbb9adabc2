"""Turn the paths given on the command line into the files to lint."""

from __future__ import annotations

import os
from dataclasses import dataclass
from pathlib import Path

from rolelint.config import Config
from rolelint.globs import matches


@dataclass(frozen=True)
class FileEntry:
    path: Path  # absolute
    display: str  # what reports show: relative to the working directory when possible
    relative: str  # POSIX path relative to the config root, for globs


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


def discover(paths: list[Path], config: Config, *, cwd: Path) -> tuple[list[FileEntry], list[DiscoveryProblem]]:
    """Files under ``paths`` that the config includes and does not exclude, each once, in a stable order.

    A file named explicitly is linted even when the include globs would not pick it (pre-commit passes
    exactly the files it wants checked); exclude globs still apply to it.
    """
    entries: dict[Path, FileEntry] = {}
    problems: list[DiscoveryProblem] = []
    for given in paths or [cwd]:
        absolute = (cwd / given) if not given.is_absolute() else given
        absolute = Path(os.path.abspath(absolute))
        if absolute.is_symlink() and not absolute.exists():
            problems.append(DiscoveryProblem(display_path(absolute, cwd), "broken symbolic link"))
            continue
        if absolute.is_file():
            relative = _relative(absolute, config.root)
            if not matches(relative, config.exclude):
                entries.setdefault(absolute, FileEntry(absolute, display_path(absolute, cwd), relative))
            continue
        if absolute.is_dir():
            _walk(absolute, config, cwd, entries, problems)
            continue
        problems.append(DiscoveryProblem(display_path(absolute, cwd), "no such file or directory"))
    ordered = sorted(entries.values(), key=lambda e: e.display)
    return ordered, problems


def _walk(top: Path, config: Config, cwd: Path, entries: dict[Path, FileEntry],
          problems: list[DiscoveryProblem]) -> None:
    seen_dirs: set[tuple[int, int]] = set()

    def on_error(error: OSError) -> None:
        where = Path(error.filename) if error.filename else top
        problems.append(DiscoveryProblem(display_path(where, cwd), f"cannot read directory: {error.strerror}"))

    for dirpath, dirnames, filenames in os.walk(top, onerror=on_error, followlinks=True):
        directory = Path(dirpath)
        try:
            stat = directory.stat()
        except OSError:
            dirnames[:] = []
            continue
        key = (stat.st_dev, stat.st_ino)
        if key in seen_dirs:  # a loop of symbolic links: each real directory is walked once
            problems.append(DiscoveryProblem(display_path(directory, cwd),
                                             "symbolic link loop: directory already visited; skipped"))
            dirnames[:] = []
            continue
        seen_dirs.add(key)
        kept = []
        for name in sorted(dirnames):
            relative = _relative(directory / name, config.root)
            if not matches(relative + "/", config.exclude) and not matches(relative, config.exclude):
                kept.append(name)
        dirnames[:] = kept
        for name in sorted(filenames):
            path = directory / name
            relative = _relative(path, config.root)
            if not matches(relative, config.include) or matches(relative, config.exclude):
                continue
            if path.is_symlink() and not path.exists():
                problems.append(DiscoveryProblem(display_path(path, cwd), "broken symbolic link"))
                continue
            resolved = Path(os.path.abspath(path))
            entries.setdefault(resolved, FileEntry(resolved, display_path(resolved, cwd), relative))
