"""Where a config may point: inside its repository, or inside a location the user trusted.

The config is written by whoever can commit to the repo (see docs/security.md), so every path it
names is resolved, symbolic links followed, and must land inside the repository root (the config
file's directory) or inside a directory given with ``--trusted-path`` on the command line.
"""

from __future__ import annotations

import os
from pathlib import Path


class PathOutside(ValueError):
    """A path from the config resolves outside the repository and every trusted location."""


def real(path: Path) -> Path:
    """``path`` made absolute with every symbolic link resolved (the path need not exist)."""
    return Path(os.path.realpath(os.path.abspath(path)))


def is_inside(path: Path, top: Path) -> bool:
    """Whether the resolved ``path`` is ``top`` or below it (both taken as resolved)."""
    inner, outer = str(path), str(top)
    return inner == outer or inner.startswith(outer.rstrip(os.sep) + os.sep)


def confine(value: str, *, root: Path, trusted: tuple[Path, ...] = (), key: str, allow_absolute: bool = True) -> Path:
    """The resolved path that the config value ``value`` (relative to ``root``) names; raises
    PathOutside, naming ``key``, when it lies outside ``root`` and every ``trusted`` directory, or
    when it is absolute and ``allow_absolute`` is false (then only a trusted location may be
    named absolutely)."""
    given = Path(os.path.expanduser(value)) if value.startswith("~") else Path(value)
    resolved = real(root / given)
    trusted_real = [real(t) for t in trusted]
    if any(is_inside(resolved, t) for t in trusted_real):
        return resolved
    if given.is_absolute() and not allow_absolute:
        raise PathOutside(
            f"`{key}` is the absolute path {value!r}; the config may name only paths inside "
            f"the repository ({real(root)}), relative to it (or pass --trusted-path to trust a "
            "location outside it)"
        )
    if not is_inside(resolved, real(root)):
        raise PathOutside(
            f"`{key}` is {value!r}, which resolves to {resolved}, outside the repository "
            f"({real(root)}); a config may name only paths inside its repository (pass "
            "--trusted-path DIR on the command line to trust another location)"
        )
    return resolved
