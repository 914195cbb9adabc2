"""The public API: lint files or texts, list the rules, check texts against a roles repo loaded once.

Every front end uses it: the command line, the web page (`rolelint serve`), the editor server
(`rolelint lsp`) and the corpus audit (`rolelint audit`). A ``Linter`` loads the config, the rule
catalogue, and on first use the spaCy pipeline and the profession index, then lints as many texts
as it is given. Inputs and results are immutable; a Linter holds no global state, and its methods may
be called from several threads (they take turns: spaCy's pipeline is not shared between threads).

    >>> import rolelint
    >>> linter = rolelint.Linter()                       # config found from the working directory
    >>> result = linter.lint_text("We need a rockstar ninja.", name="adverts/draft.md")
    >>> [(d.line, d.column, d.code) for d in result.diagnostics]  # doctest: +SKIP
    [(1, 1, 'RL207'), (1, 1, 'RL208'), (1, 1, 'RL209'), (1, 11, 'RL104')]
"""

from __future__ import annotations

import os
import threading
from dataclasses import dataclass, field
from pathlib import Path
from types import MappingProxyType
from typing import TYPE_CHECKING, Any, Iterable, Mapping, Sequence

from rolelint.config import Config, ConfigError, load_config
from rolelint.diagnostics import Diagnostic, Fix, Severity
from rolelint.discovery import FileEntry, display_path
from rolelint.documents import KINDS, ROLE_LEVEL_KEYS, Document, InferredRoleLevel
from rolelint.engine import RunResult, Selection, active_codes, check_entries
from rolelint.engine import check as check_paths
from rolelint.nlp.state import keeping_annotations
from rolelint.registry import RuleCatalogue, check_code_prefix, load_catalogue
from rolelint.source import SourceText

if TYPE_CHECKING:
    from rolelint.summary import AdvertSummary


@dataclass(frozen=True)
class RuleInfo:
    """One rule as users see it: ``rolelint rules`` and ``rolelint rule CODE``."""

    code: str
    name: str
    severity: Severity
    enabled: bool  # on by default
    kind: str  # engine, phrase, pattern, regex, metric, named, profession
    fixable: bool
    summary: str
    docs: Mapping[str, Any]  # what, why, example, use_instead, references
    text: str  # the rule's documentation as `rolelint rule CODE` prints it
    markdown: str = ""  # the same as Markdown, examples fenced (SARIF's help.markdown)
    help_uri: str = ""  # the rule's section of docs/rules.md at this version's release tag


@dataclass(frozen=True)
class LintResult:
    """What one lint call found: ``diagnostics`` sorted by path and position; ``files`` the files
    (or texts) linted, in order; ``sources`` the text of each, by display path, as rolelint read it;
    ``documents`` the parsed documents of the files a profession rule read (may be empty); ``rules``
    the catalogue the run used, for reporters that describe the rules (SARIF); ``left_alone`` the
    files (or texts) given that are not rolelint's to lint, because the config's `kinds:` globs say
    where adverts are and do not place them (docs/discovery.md): they are not in ``files``."""

    diagnostics: tuple[Diagnostic, ...]
    files: tuple[str, ...]
    sources: Mapping[str, SourceText]
    documents: tuple[Document, ...] = ()
    rules: Mapping[str, RuleInfo] = field(default_factory=lambda: MappingProxyType({}))  # by code
    # files found in folders that no input format reads, by suffix (reported once, in the summary)
    skipped: Mapping[str, int] = field(default_factory=lambda: MappingProxyType({}))
    left_alone: tuple[str, ...] = ()

    def worst(self) -> Severity | None:
        """The highest severity found, or None when nothing was."""
        return max((d.severity for d in self.diagnostics), default=None)

    def fixed_text(self, path: str | None = None, *, only: Iterable[Diagnostic] | None = None) -> str:
        """The text of ``path`` (default: the first file) with its safe fixes applied: every one, or
        those of the diagnostics ``only``; of overlapping fixes the first wins, as with
        `rolelint check --fix`. Nothing is written anywhere."""
        from rolelint.fixes import apply_fixes, choose_fixes

        path = path if path is not None else (self.files or self.left_alone)[0]
        candidates = [d for d in (self.diagnostics if only is None else only) if d.path == path]
        chosen, _ = choose_fixes(candidates)
        return apply_fixes(self.sources[path].text, [d.fix for d in chosen])

    def fails(self, fail_on: str) -> bool:
        """Whether a run with this ``--fail-on`` (error, warning, info or never) would exit 1."""
        if fail_on == "never":
            return False
        threshold = Severity.parse(fail_on)
        return any(d.severity >= threshold for d in self.diagnostics)


@dataclass(frozen=True)
class RoleLevelInfo:
    """One level of one role of a roles repo (``Linter.role_levels``): ids as an advert's front matter
    names them (``framework``, ``role``, ``level``), the title advertised at that level, and its pay
    band and experience range described in words (None when the framework gives none)."""

    framework: str
    framework_name: str
    role: str
    role_title: str
    level: str
    title: str
    salary: str | None = None
    experience: str | None = None


# What ``role_level`` takes: a RoleLevelInfo, or ids by key (framework, role, level), or None.
RoleLevelChoice = RoleLevelInfo | Mapping[str, str] | None


def _role_level_values(choice: RoleLevelChoice) -> tuple[tuple[str, str], ...]:
    """``role_level`` as ((key, value), ...) in ROLE_LEVEL_KEYS order; ValueError for anything else."""
    if choice is None:
        return ()
    if isinstance(choice, RoleLevelInfo):
        return (("framework", choice.framework), ("role", choice.role), ("level", choice.level))
    if not isinstance(choice, Mapping):
        raise ValueError(
            f"role_level must be a RoleLevelInfo or a mapping of framework, role and level, not {choice!r}"
        )
    unknown = sorted(str(key) for key in choice if key not in ROLE_LEVEL_KEYS)
    if unknown:
        raise ValueError(f"role_level takes the keys {', '.join(ROLE_LEVEL_KEYS)}; not {', '.join(unknown)}")
    values = tuple((key, choice[key]) for key in ROLE_LEVEL_KEYS if key in choice)
    if not any(key in ("role", "level") for key, _ in values):
        raise ValueError("role_level must name a role or a level (and may name a framework)")
    for key, value in values:
        if not isinstance(value, str) or not value.strip():
            raise ValueError(f"role_level's {key} must be a non-empty string, not {value!r}")
    return values


@dataclass(frozen=True)
class Choice:
    """A value the roles repo defines for a key (see ``Linter.defined``): ``value`` as a file writes it,
    ``title`` its name in words, ``path`` the file that defines it (relative to the config's root),
    ``framework`` the framework it belongs to."""

    value: str
    title: str
    path: str
    framework: str


@dataclass(frozen=True)
class RelatedPlace:
    """A place in another file (or the same one) that a finding was checked against: ``path`` relative
    to the config's root; line and columns as in a Diagnostic (1-based, ``end_column`` exclusive)."""

    path: str
    line: int
    column: int
    end_line: int
    end_column: int
    message: str


@dataclass(frozen=True)
class FixedText:
    """What ``fix_text`` made: ``text`` with the safe fixes of ``applied`` made (the text unchanged when
    none could be), and why the others were not (``skipped``)."""

    text: str
    applied: tuple[Diagnostic, ...]
    skipped: tuple[str, ...]


# How a bad code in each selection list is named in the error (the command line passes its flags).
OPTION_NAMES = ("select", "ignore", "extend_select", "extend_ignore")
OPTION_FLAGS = ("--select", "--ignore", "--extend-select", "--extend-ignore")


class Linter:
    """A config, its rule catalogue and (loaded when first needed) the spaCy pipeline and the roles
    repo's profession index, to lint many texts with.

    ``config``: a loaded Config; else the file ``config_path``; else the nearest `.rolelint.yaml` or
    `pyproject.toml` from ``start`` (default: the working directory). ``select``/``ignore`` replace
    the config's, as the command line's `--select`/`--ignore` do; ``extend_select``/``extend_ignore``
    add to the lists in force, as `--extend-select`/`--extend-ignore` do. ``use_cache``: ``lint_paths`` reads
    and writes the config's result cache (texts are never cached). A bad config, option or code raises
    ``ConfigError`` here, before anything is linted; ``option_names`` is how that error names the
    select, ignore, extend-select and extend-ignore options (the command line passes its flags). ``trusted_paths``: directories
    outside the repository that its config may name (the command line's `--trusted-path`; see
    docs/security.md); every other path the config names must lie inside the repository.
    """

    def __init__(
        self,
        config: Config | None = None,
        *,
        config_path: Path | str | None = None,
        start: Path | str | None = None,
        select: Sequence[str] = (),
        ignore: Sequence[str] = (),
        use_cache: bool = False,
        option_names: tuple[str, ...] = OPTION_NAMES,
        trusted_paths: Sequence[Path | str] = (),
        extend_select: Sequence[str] = (),
        extend_ignore: Sequence[str] = (),
    ):
        if config is None:
            config = load_config(
                Path(config_path) if config_path else None,
                cwd=Path(start) if start is not None else Path.cwd(),
                trusted_paths=tuple(Path(p) for p in trusted_paths),
            )
        self.config = config
        self.catalogue: RuleCatalogue = load_catalogue(config)
        known = sorted(self.catalogue.rules)
        lists = (select, ignore, extend_select, extend_ignore)
        names = tuple(option_names) + OPTION_NAMES[len(option_names) :]
        for option, codes in zip(names, lists):
            for code in codes:
                check_code_prefix(code.upper(), known, option)
        self.selection = Selection(*(tuple(c.upper() for c in codes) for codes in lists))
        self.active: frozenset[str] = frozenset(active_codes(self.catalogue, config, self.selection))
        self.use_cache = use_cache
        self._lock = threading.RLock()
        self._index = None  # the profession index, loaded by the first text that needs it
        self._rule_infos = _RuleInfos(self.catalogue.rules)

    @classmethod
    def for_paths(
        cls,
        paths: Sequence[Path | str],
        *,
        config_path: Path | str | None = None,
        select: Sequence[str] = (),
        ignore: Sequence[str] = (),
        use_cache: bool = False,
        option_names: tuple[str, ...] = OPTION_NAMES,
        trusted_paths: Sequence[Path | str] = (),
        extend_select: Sequence[str] = (),
        extend_ignore: Sequence[str] = (),
    ) -> Linter:
        """A Linter whose config is found as `rolelint check PATHS` finds it: from the first path (so
        `rolelint check examples/` uses `examples/.rolelint.yaml`), else the working directory."""
        return cls(
            config_path=config_path,
            start=_config_start([Path(p) for p in paths]),
            select=select,
            ignore=ignore,
            use_cache=use_cache,
            option_names=option_names,
            trusted_paths=trusted_paths,
            extend_select=extend_select,
            extend_ignore=extend_ignore,
        )

    # --- linting ---------------------------------------------------------------------------

    def lint_paths(
        self,
        paths: Iterable[Path | str],
        *,
        cwd: Path | str | None = None,
        jobs: int | None = 1,
        show_progress: bool = False,
    ) -> LintResult:
        """Lint files and folders as `rolelint check PATHS` does (folders through the config's
        include/exclude). ``jobs`` None: all cores for a large run."""
        with self._lock:
            run = check_paths(
                [Path(p) for p in paths],
                self.config,
                selection=self.selection,
                cwd=Path(cwd) if cwd is not None else None,
                catalogue=self.catalogue,
                use_cache=self.use_cache,
                jobs=jobs,
                show_progress=show_progress,
            )
        return self._result(run)

    def lint_text(
        self, text: str, *, name: str | None = None, kind: str | None = None, role_level: RoleLevelChoice = None
    ) -> LintResult:
        """Lint ``text`` as if it were the file ``name`` (relative to the config's root): the name's
        suffix chooses the format (rolelint.formats), and the config's globs, unless ``kind`` (framework,
        role or advert) says, its kind. A name the globs do not place, when they say where adverts
        are, is not rolelint's to lint, as `rolelint check` leaves that file alone: the result has no
        findings and names it in ``left_alone``. Profession rules check it against the roles repo under the
        config's root, loaded once; the text replaces a repo file of the same name. ``role_level``: the
        role level an advert is for (a RoleLevelInfo from ``role_levels``, or a mapping of
        ``framework``, ``role``, ``level`` ids), for an advert whose own metadata names none — in any
        format, a Word document or plain text as well as Markdown front matter. Without ``name`` the text
        is a Markdown advert draft, ``advert.md``, whatever the globs say (it names no place in the repo)."""
        if name is None:
            name, kind = "advert.md", kind or "advert"
        return self._lint_many([(name, text)], kind=kind, role_level=role_level)

    def lint_bytes(
        self, data: bytes, *, name: str, kind: str | None = None, role_level: RoleLevelChoice = None
    ) -> LintResult:
        """``lint_text`` for a file's bytes, decoded as its format does (a `.docx`, or text in the
        config's fallback encoding)."""
        return self._lint_many([(name, bytes(data))], kind=kind, role_level=role_level)

    def lint_texts(
        self, texts: Iterable[tuple[str, str | bytes]], *, kind: str | None = None, role_level: RoleLevelChoice = None
    ) -> LintResult:
        """Several (name, text) pairs in one call: one batch through spaCy, one profession pass. A
        text given as bytes is decoded as ``lint_bytes`` decodes it (a byte-order mark, an encoding).
        ``role_level``, as for ``lint_text``, applies to every advert among them."""
        return self._lint_many(list(texts), kind=kind, role_level=role_level)

    def _lint_many(
        self, items: list[tuple[str, str | bytes]], *, kind: str | None, role_level: RoleLevelChoice = None
    ) -> LintResult:
        if kind is not None and kind not in KINDS:
            raise ValueError(f"kind must be one of {', '.join(KINDS)}, not {kind!r}")
        given = _role_level_values(role_level)
        root = self.config.root.resolve()
        entries = [self._entry(name, content, root, kind, given) for name, content in items]
        with self._lock, keeping_annotations():
            run = check_entries(
                entries,
                self.config,
                selection=self.selection,
                cwd=root,
                catalogue=self.catalogue,
                jobs=1,
                profession=self._profession,
            )
        return self._result(run)

    def _entry(
        self,
        name: str,
        content: str | bytes,
        root: Path,
        kind: str | None,
        role_level: tuple[tuple[str, str], ...] = (),
    ) -> FileEntry:
        relative = Path(name)
        if relative.is_absolute() or ".." in relative.parts or not name.strip():
            raise ValueError(f"name must be a relative file name such as 'advert.md', not {name!r}")
        path = Path(os.path.normpath(root / relative))
        return FileEntry(
            path, display_path(path, root), relative.as_posix(), content=content, kind=kind, role_level=role_level
        )

    def _profession(self, documents: list[Document], active: set[str]) -> dict:
        from rolelint.profession import run_against

        rules = {code: rule for code, rule in self.catalogue.profession_rules.items() if code in active}
        if not rules or not documents:
            return {}
        return run_against(self._profession_index(), documents, rules, self.config)

    def summarise(
        self, result: LintResult, path: str | None = None, *, kind: str | None = None
    ) -> AdvertSummary | None:
        """The summary of an advert this Linter linted (``path``: one of ``result.files``, default the
        first; ``kind``: the kind it was linted as, if the lint call named one): its length, reading grade, whether a salary is stated, its core sections found and
        missing, and its gender-coded words, each measured as the rule that reports on it measures
        it (RL207, RL206, RL208, RL209, RL112) with the config's options. None for a framework or a
        role, or a text that could not be read."""
        from rolelint.summary import summarise

        path = path if path is not None else (result.files[0] if result.files else None)
        document = self._document_of(result, path, kind=kind)
        if document is None:
            return None
        rules = {code: rule for code, rule in self.catalogue.text_rules.items()}
        options = {code: settings.options for code, settings in self.config.rules.items() if settings.options}
        needs = set().union(*(rule.needs for code, rule in rules.items() if code in self.active))
        with self._lock:
            return summarise(document, rules, options, model=self.config.model, pipeline_needs=needs)

    def role_levels(self) -> tuple[RoleLevelInfo, ...]:
        """Every role level of the roles repo under the config's root (loaded once, as profession
        rules load it), in framework, role and level order: what an advert can be written for."""
        with self._lock:
            index = self._profession_index()
        found = []
        for framework_id in sorted(index.frameworks):
            framework = index.frameworks[framework_id]
            order = {level.id: n for n, level in enumerate(framework.levels)}
            for role in sorted(index.roles_of(framework_id), key=lambda r: (r.title.lower(), r.id)):
                for level in sorted(role.levels, key=lambda lv: order.get(lv.level, len(order))):
                    salary, experience = framework.salary_of(level), framework.experience_of(level)
                    found.append(
                        RoleLevelInfo(
                            framework=framework.id,
                            framework_name=framework.name,
                            role=role.id,
                            role_title=role.title,
                            level=level.level,
                            title=framework.effective_title(level),
                            salary=salary.describe() if salary else None,
                            experience=experience.describe() if experience else None,
                        )
                    )
        return tuple(found)

    def _profession_index(self):
        from rolelint.profession import load_index

        if self._index is None:
            self._index = load_index(self.config, cwd=self.config.root.resolve())
        return self._index

    def reload_profession(self) -> None:
        """Forget the profession index: the next text re-reads the roles repo (after a framework or
        role file changed on disk)."""
        with self._lock:
            self._index = None

    def refresh_profession(self, names: Iterable[str]) -> None:
        """Read the files ``names`` (relative to the config's root) of the roles repo again, after they
        were saved, created or deleted, and keep the rest of the loaded index: faster than
        ``reload_profession`` for a few files. Nothing happens before the index is first loaded."""
        from rolelint.profession.index import refreshed

        names = [Path(name).as_posix() for name in names]
        for name in names:
            self._entry(name, "", self.config.root, None)  # the same check of the name as lint_text's
        with self._lock:
            if self._index is not None and names:
                self._index = refreshed(self._index, self.config, cwd=self.config.root.resolve(), changed=names)

    def defined(self, what: str, *, framework: str | None = None, role: str | None = None) -> tuple[Choice, ...]:
        """The values the roles repo defines for ``what``: ``framework`` ids, ``role`` ids, ``level``
        ids, ``skill`` ids or ``proficiency`` steps, in the repo's order (what an editor completes).
        ``framework`` keeps those of one framework; for levels, ``role`` gives that role's own levels.
        Loads the profession index if it is not loaded yet."""
        from rolelint.profession.lookup import defined_values

        with self._lock:
            values = defined_values(self._profession_index(), what, framework=framework, role=role)
        return tuple(Choice(v.value, v.title, v.display, v.framework) for v in values)

    def related(self, result: LintResult) -> Mapping[Diagnostic, tuple[RelatedPlace, ...]]:
        """For each profession finding of ``result`` (a result of this Linter), the places it was
        checked against: the role level an advert names or is taken to be for, the framework level
        for pay, experience and titles, the first definition of a duplicated id. Other findings have
        none. The places' files are read from disk, so their lines are those of the saved files."""
        from rolelint.profession.lookup import place_range, related_places

        wanted = [d for d in result.diagnostics if d.code in self.catalogue.profession_rules]
        if not wanted:
            return MappingProxyType({})
        documents: dict[str, Document | None] = {}
        root = self.config.root.resolve()
        found: dict[Diagnostic, tuple[RelatedPlace, ...]] = {}
        with self._lock:
            index = self._profession_index()
            for diagnostic in wanted:
                if diagnostic.path not in documents:
                    documents[diagnostic.path] = self._document_of(result, diagnostic.path)
                document = documents[diagnostic.path]
                if document is None:
                    continue
                places = []
                for place in related_places(index, document, diagnostic.code):
                    where = place_range(root, place.display, place.field, options=self.config.load_options)
                    if where is not None:
                        places.append(RelatedPlace(place.display, *where, place.message))
                if places:
                    found[diagnostic] = tuple(places)
        return MappingProxyType(found)

    def inferred_role_levels(self, result: LintResult, path: str | None = None) -> tuple[InferredRoleLevel, ...]:
        """The role levels the advert ``path`` of ``result`` (a result of this Linter; default its first
        file) was taken to be for when its metadata named none, as the profession rules inferred them
        (RL316 reports them): the one it was read as, or each of those it fits equally well. Empty when
        its metadata (or the ``role_level`` given) names one, nothing in it names one, or no profession
        rule read it."""
        from rolelint.profession.lookup import inferred_role_levels

        path = path if path is not None else (result.files[0] if result.files else None)
        document = self._document_of(result, path)
        if document is None:
            return ()
        with self._lock:
            return inferred_role_levels(self._profession_index(), document)

    def _document_of(self, result: LintResult, path: str | None, kind: str | None = None) -> Document | None:
        """The parsed document of ``path`` in ``result``: the one the run kept, or, where it kept none
        (a run whose profession findings came from the cache keeps no documents), its text parsed
        again; None for a path the result has no text of."""
        from rolelint.formats import format_for
        from rolelint.loaders import parse_source

        document = next((d for d in result.documents if d.path == path), None)
        if document is not None or path is None or path in result.left_alone:
            return document
        source = result.sources.get(path)
        if source is None:
            return None
        parsed, _ = parse_source(source, fmt=format_for(path), kind_hint=kind or self.config.kind_for(path))
        return parsed

    def excluded(self, name: str) -> bool:
        """Whether the config's ``exclude`` leaves out the file ``name`` (relative to the config's root),
        as `rolelint check` leaves it out even when it is named."""
        from rolelint.globs import matches

        return matches(Path(name).as_posix(), self.config.exclude)

    # --- rules -----------------------------------------------------------------------------

    def rules(self) -> tuple[RuleInfo, ...]:
        """Every rule of the catalogue (built-in and the config's packs), by code."""
        return tuple(self._rule_infos.values())

    def rule(self, code: str) -> RuleInfo:
        """One rule by code (or name); KeyError when there is none."""
        if code.upper() in self._rule_infos:
            return self._rule_infos[code.upper()]
        found = next((r for r in self.catalogue.rules.values() if r.name == code), None)
        if found is None:
            raise KeyError(code)
        return self._rule_infos[found.code]

    def _result(self, run: RunResult) -> LintResult:
        return LintResult(
            diagnostics=tuple(run.diagnostics),
            files=tuple(run.files),
            sources=MappingProxyType(dict(run.sources)),
            documents=tuple(run.documents),
            rules=self._rule_infos,
            skipped=MappingProxyType(dict(run.skipped)),
            left_alone=tuple(run.left_alone),
        )


class _RuleInfos(Mapping[str, RuleInfo]):
    """A catalogue's rules as RuleInfo, by code, each made when first asked for (a run that reports
    no SARIF never needs their documentation)."""

    def __init__(self, rules: Mapping[str, object]):
        self._rules = rules
        self._infos: dict[str, RuleInfo] = {}

    def __getitem__(self, code: str) -> RuleInfo:
        info = self._infos.get(code)
        if info is None:
            info = self._infos[code] = rule_info(self._rules[code])
        return info

    def __iter__(self):
        return iter(sorted(self._rules))

    def __len__(self) -> int:
        return len(self._rules)


def rule_info(rule) -> RuleInfo:
    from rolelint.ruledocs import help_uri, rule_markdown, rule_text, summary

    return RuleInfo(
        code=rule.code,
        name=rule.name,
        severity=rule.severity,
        enabled=bool(rule.enabled),
        kind=rule.kind,
        fixable=bool(getattr(rule, "fixable", False)),
        summary=summary(rule),
        docs=MappingProxyType(dict(getattr(rule, "docs", {}) or {})),
        text=rule_text(rule),
        markdown=rule_markdown(rule),
        help_uri=help_uri(rule),
    )


# --- one-call helpers ------------------------------------------------------------------------


def lint_paths(
    paths: Iterable[Path | str],
    *,
    config_path: Path | str | None = None,
    select: Sequence[str] = (),
    ignore: Sequence[str] = (),
    jobs: int | None = 1,
) -> LintResult:
    """Lint files and folders once (config found from the first path, as the command line does)."""
    paths = [Path(p) for p in paths]
    linter = Linter.for_paths(paths, config_path=config_path, select=select, ignore=ignore)
    return linter.lint_paths(paths, jobs=jobs)


def lint_text(
    text: str,
    *,
    name: str | None = None,
    kind: str | None = None,
    config_path: Path | str | None = None,
    select: Sequence[str] = (),
    ignore: Sequence[str] = (),
) -> LintResult:
    """Lint one text once (config found from the working directory). To lint many, make a Linter."""
    return Linter(config_path=config_path, select=select, ignore=ignore).lint_text(text, name=name, kind=kind)


def list_rules(*, config_path: Path | str | None = None) -> tuple[RuleInfo, ...]:
    """Every rule: built-in, and the rule packs of the config."""
    return Linter(config_path=config_path).rules()


def find_config(start: Path | str) -> Path | None:
    """The config file `rolelint check` uses for files in the folder ``start``: the nearest
    `.rolelint.yaml` (or `.rolelint.yml`, `rolelint.yaml`), or `pyproject.toml` with a `[tool.rolelint]`
    table, at or above it; None when there is none (the defaults apply)."""
    from rolelint.config import find_config as find

    return find(Path(start).resolve())


def fix_text(text: str, diagnostics: Iterable[Diagnostic], *, name: str) -> FixedText:
    """``text`` (the file ``name``, as linted) with the safe fixes among ``diagnostics`` made, checked
    as `rolelint check --fix` checks them before writing a file: fixes that overlap an earlier one are
    left for another pass, a fix whose text is no longer there is skipped, and when the fixes together
    would change the document's structure (its YAML keys, its Markdown sections) none is made."""
    from rolelint.fixes import fix_source

    fixed, applied, skipped = fix_source(SourceText(name, text), list(diagnostics))
    return FixedText(fixed, tuple(applied), tuple(skipped))


def suppression(text: str, *, name: str, code: str, line: int, whole_file: bool = False) -> Fix | None:
    """An edit to ``text`` (the file ``name``) that suppresses ``code`` on the 1-based ``line``, or with
    ``whole_file`` in the whole file, written in the comment syntax the file's format reads there
    (docs/formats.md); None when no comment can do it without changing the document (a YAML block
    scalar's line, say: suppress it for the file instead). A ``Fix``: characters ``start``..``end``
    become ``replacement``."""
    from rolelint.formats import format_for
    from rolelint.suppressions import suppression_edit

    found = suppression_edit(
        SourceText(name, text), format_for(name).suppressions, code.upper(), line, whole_file=whole_file
    )
    return Fix(*found) if found is not None else None


def _config_start(paths: Sequence[Path]) -> Path:
    """Where config discovery starts: the first path given (so `rolelint check examples/` uses
    `examples/.rolelint.yaml`), else the working directory."""
    if not paths:
        return Path.cwd()
    first = paths[0] if paths[0].is_absolute() else Path.cwd() / paths[0]
    return first if first.is_dir() else first.parent


__all__ = [
    "Choice",
    "ConfigError",
    "Diagnostic",
    "Fix",
    "FixedText",
    "InferredRoleLevel",
    "LintResult",
    "Linter",
    "RelatedPlace",
    "RoleLevelInfo",
    "RuleInfo",
    "Severity",
    "find_config",
    "fix_text",
    "lint_paths",
    "lint_text",
    "list_rules",
    "rule_info",
    "suppression",
]
