"""Which config (and so which Linter) a document is linted with, and the configs that fail to load.

A project is one config file and the folder it sits in (its root), or a folder with no config: the
workspace folder holding the document, else the document's own folder. Each has one Linter, made on
first use and kept, so that the spaCy pipeline, the rules' memos and the profession index are loaded
once. A config that fails to load keeps its last good Linter (if it had one), and its error is shown
on the config file.
"""

from __future__ import annotations

import re
from dataclasses import dataclass, field
from pathlib import Path

from rolelint import ConfigError, Linter, find_config

CONFIG_NAMES = (".rolelint.yaml", ".rolelint.yml", "rolelint.yaml", "pyproject.toml")


@dataclass
class Project:
    root: Path
    config_path: Path | None
    linter: Linter | None = None
    error: str | None = None  # the config's error, as ConfigError gave it
    problems: tuple[str, ...] = ()  # its separate problems (ConfigError.problems)
    open_uris: set[str] = field(default_factory=set)

    @property
    def key(self) -> tuple[str | None, str]:
        return (str(self.config_path) if self.config_path else None, str(self.root))

    def name_of(self, path: Path) -> str:
        """``path`` relative to the root (the name ``Linter.lint_text`` takes)."""
        try:
            return path.relative_to(self.root).as_posix()
        except ValueError:
            return path.name


class Projects:
    """The projects of a workspace, by config file (or folder, without one)."""

    def __init__(self, folders: list[Path]):
        self.folders = [folder.resolve() for folder in folders]
        self._projects: dict[tuple[str | None, str], Project] = {}
        self._configs: dict[Path, Path | None] = {}  # folder -> its config file, as found

    def for_path(self, path: Path) -> Project:
        """The project of the file ``path`` (its Linter made here, if it has none yet)."""
        folder = path.parent
        if folder not in self._configs:
            self._configs[folder] = find_config(folder)
        config = self._configs[folder]
        if config is not None:
            root = config.parent
        else:
            root = next((f for f in self.folders if folder == f or f in folder.parents), folder)
        project = self._projects.get((str(config) if config else None, str(root)))
        if project is None:
            project = Project(root, config)
            self._projects[project.key] = project
        if project.linter is None and project.error is None:
            self.load(project)
        return project

    def default(self) -> Project:
        """The project of a document with no file (an untitled buffer): the first workspace folder's."""
        folder = self.folders[0] if self.folders else Path.cwd().resolve()
        return self.for_path(folder / "untitled")

    def load(self, project: Project) -> None:
        """(Re)make the project's Linter from its config; on a ConfigError keep the last good one."""
        try:
            if project.config_path is not None:
                linter = Linter(config_path=project.config_path)
            else:
                linter = Linter(start=project.root)
        except ConfigError as exc:
            project.error, project.problems = str(exc), exc.problems
            return
        except (OSError, ValueError) as exc:  # a config that vanished or cannot be read mid-way
            project.error = f"{project.config_path}: cannot read config: {exc}"
            project.problems = (project.error,)
            return
        project.linter, project.error, project.problems = linter, None, ()

    def config_changed(self) -> list[Project]:
        """After a config file was saved, created or deleted: find each folder's config again and load
        every config anew. Returns the projects as they are now (the documents move to their new ones)."""
        self._configs.clear()
        for project in self._projects.values():
            project.error, project.problems = None, ()
            if project.config_path is not None and project.config_path.exists():
                self.load(project)
            else:
                project.linter = None
        return list(self._projects.values())

    def all(self) -> list[Project]:
        return list(self._projects.values())


_PLACE = re.compile(r"^(?P<path>.+?):(?P<line>\d+):(?P<column>\d+): (?P<message>.*)$", re.S)
_KEY = re.compile(r"`([\w.*/-]+)`")


def error_place(message: str, config_path: Path, text: str) -> tuple[int, int, str]:
    """(1-based line, column, message) of a config error: where the message says, else the line of the
    first key it names, else the top of the file. The file's own path is left out of the message."""
    found = _PLACE.match(message)
    if found and Path(found.group("path")) == config_path:
        return int(found.group("line")), int(found.group("column")), found.group("message")
    prefix = f"{config_path}: "
    message = message[len(prefix) :] if message.startswith(prefix) else message
    for key in _KEY.findall(message):
        # The deepest part of a dotted key that starts a line: `rules.RL104.severity` in
        # `RL104: {severity: loud}` is shown at RL104.
        for part in reversed(key.split(".")):
            at = re.search(rf"^([ \t]*)['\"]?{re.escape(part)}['\"]?[ \t]*[:=]", text, re.M)
            if at:
                line = text.count("\n", 0, at.start()) + 1
                return line, len(at.group(1)) + 1, message
    if config_path.name == "pyproject.toml":
        at = re.search(r"^\[tool\.rolelint", text, re.M)
        if at:
            return text.count("\n", 0, at.start()) + 1, 1, message
    return 1, 1, message


def error_places(problems: tuple[str, ...], config_path: Path, text: str) -> list[tuple[int, int, str]]:
    """Each problem of a config error (``ConfigError.problems``) at its own place."""
    return [error_place(problem, config_path, text) for problem in problems]
