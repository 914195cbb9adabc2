"""Gitignore-style patterns (pathspec's ``GitIgnoreSpec``) matched against POSIX relative paths.

A list of patterns reads as a ``.gitignore`` does: ``**`` spans directories, a pattern without a slash
matches at any depth, a trailing ``/`` matches a directory and everything in it, and ``!pattern``
negates (the last pattern that matches a path decides).
"""

from __future__ import annotations

from functools import lru_cache

import pathspec


@lru_cache(maxsize=256)
def compile_patterns(patterns: tuple[str, ...]) -> pathspec.GitIgnoreSpec:
    # "./adverts/**" means "adverts/**" from the config's root, as users write it.
    cleaned = [p.strip()[2:] if p.strip().startswith("./") else p.strip() for p in patterns]
    return gitignore_spec([p for p in cleaned if p])


def gitignore_spec(lines: list[str]) -> pathspec.GitIgnoreSpec:
    """A compiled ``.gitignore``-style spec. The pure-Python backend, not RE2: file names that are
    not UTF-8 reach us with surrogate escapes, which RE2 cannot encode."""
    return pathspec.GitIgnoreSpec.from_lines(lines, backend="simple")


def matches(path: str, patterns: list[str] | tuple[str, ...]) -> bool:
    """Whether the gitignore-style ``patterns`` select ``path`` (the last matching pattern decides)."""
    if not patterns:
        return False
    return compile_patterns(tuple(patterns)).match_file(path)


def has_negation(patterns: list[str] | tuple[str, ...]) -> bool:
    """Whether any pattern re-includes (``!``): then a matched directory may still hold selected files."""
    return any(p.strip().startswith("!") for p in patterns)


def check_patterns(patterns: list[str] | tuple[str, ...]) -> str | None:
    """Why ``patterns`` cannot be compiled, or None."""
    try:
        compile_patterns(tuple(patterns))
    except (ValueError, TypeError) as exc:
        return str(exc)
    return None
