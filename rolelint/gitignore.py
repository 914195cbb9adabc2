"""What git ignores: the `.gitignore` files of a walked tree and its parents, and `.git/info/exclude`.

As git reads them: a `.gitignore` applies to paths below its own directory, relative to it; a deeper
file's patterns win over a shallower one's; the repository's `.git/info/exclude` comes first of all;
and nothing inside an ignored directory can be re-included. Parent directories are read up to the
repository's root (the nearest directory holding `.git`), so outside a repository only the
`.gitignore` files inside the walked tree count. The user's global excludes file is not read.
"""

from __future__ import annotations

import os
from pathlib import Path

import pathspec

from rolelint.globs import gitignore_spec


def repository_root(start: Path) -> Path | None:
    """The nearest directory at or above ``start`` that holds `.git` (a directory, or a worktree's file)."""
    for directory in [start, *start.parents]:
        if os.path.exists(directory / ".git"):
            return directory
    return None


class GitIgnore:
    """Answers "does git ignore this path?" for the paths under one walked directory."""

    def __init__(self, top: Path):
        top = Path(os.path.abspath(top))
        self.root = repository_root(top)
        self._specs: dict[Path, list[pathspec.GitIgnoreSpec]] = {}
        self._chains: dict[Path, list[tuple[Path, pathspec.GitIgnoreSpec]]] = {}
        self._prefixed: dict[str, list[tuple[str, pathspec.GitIgnoreSpec]]] = {}
        self._top = top

    def _read(self, path: Path) -> pathspec.GitIgnoreSpec | None:
        try:
            lines = path.read_text(encoding="utf-8", errors="replace").splitlines()
        except OSError:
            return None
        try:
            spec = gitignore_spec(lines)
        except (ValueError, TypeError):  # a pattern git would also refuse; git skips it, so the file counts as empty
            return None
        return spec if spec.patterns else None

    def _own(self, directory: Path) -> list[pathspec.GitIgnoreSpec]:
        """The specs read in ``directory`` itself, in the order git applies them (later wins)."""
        found = self._specs.get(directory)
        if found is None:
            found = []
            if directory == self.root:
                exclude = self._read(directory / ".git" / "info" / "exclude")
                if exclude is not None:
                    found.append(exclude)
            spec = self._read(directory / ".gitignore")
            if spec is not None:
                found.append(spec)
            self._specs[directory] = found
        return found

    def _chain(self, directory: Path) -> list[tuple[Path, pathspec.GitIgnoreSpec]]:
        """Every spec that applies to entries of ``directory``, deepest last."""
        chain = self._chains.get(directory)
        if chain is not None:
            return chain
        first = self.root if self.root is not None else self._top
        if directory == first or first not in directory.parents:
            parent_chain: list[tuple[Path, pathspec.GitIgnoreSpec]] = []
        else:
            parent_chain = self._chain(directory.parent)
        chain = parent_chain + [(directory, spec) for spec in self._own(directory)]
        self._chains[directory] = chain
        return chain

    def ignored(self, path: Path, *, is_dir: bool) -> bool:
        """Whether git ignores ``path`` (absolute, under the walked tree), judged by its own name: the
        caller does not descend into ignored directories, so a path's parents are not ignored."""
        parent, name = os.path.split(os.path.abspath(path))
        if name == ".git":
            return True
        suffix = name + ("/" if is_dir else "")
        for prefix, spec in self._prefixed_chain(parent):
            decided = spec.check_file(prefix + suffix).include
            if decided is not None:
                return decided
        return False

    def _prefixed_chain(self, directory: str) -> list[tuple[str, pathspec.GitIgnoreSpec]]:
        """``_chain`` of ``directory``, deepest first, each spec with the POSIX path of ``directory``
        relative to the spec's own directory ("" for that directory itself, else ending in "/"): an
        entry's path relative to a spec is the prefix and the entry's name."""
        found = self._prefixed.get(directory)
        if found is None:
            at = Path(directory)
            found = []
            for base, spec in reversed(self._chain(at)):
                inner = at.relative_to(base).as_posix()
                found.append(("" if inner == "." else inner + "/", spec))
            self._prefixed[directory] = found
        return found
