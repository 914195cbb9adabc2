"""Find, read and validate the configuration (`.rolelint.yaml` or `[tool.rolelint]`)."""

from __future__ import annotations

import difflib
import sys
from dataclasses import dataclass, field
from pathlib import Path
from typing import TYPE_CHECKING, Any

from rolelint.diagnostics import Severity
from rolelint.formats import default_include
from rolelint.globs import matches
from rolelint.loaders import LoadOptions
from rolelint.resources import load_schema

if TYPE_CHECKING:
    import jsonschema

CONFIG_NAMES = (".rolelint.yaml", ".rolelint.yml", "rolelint.yaml")
DEFAULT_INCLUDE = default_include()
DEFAULT_EXCLUDE = (
    ".git/**",
    "node_modules/**",
    ".venv/**",
    "venv/**",
    ".tox/**",
    ".rolelint_cache/**",
    "**/.pre-commit-config.yaml",
    "**/.pre-commit-hooks.yaml",
    "**/.github/**",
    "**/pyproject.toml",
    "**/CHANGELOG.md",
    "**/.rolelint.yaml",
    "**/.rolelint.yml",
    "**/rolelint.yaml",
    "**/README.md",
    "**/CONTRIBUTING.md",
    "**/CODE_OF_CONDUCT.md",
    "**/LICENSE*",
    "**/SECURITY.md",
    "**/requirements*.txt",
    "**/constraints*.txt",
    "**/robots.txt",
    "**/CMakeLists.txt",
)
FAIL_ON = ("error", "warning", "info", "never")
DEFAULT_CACHE_MAX_AGE_DAYS = 30
DEFAULT_MAX_FILE_SIZE = 5_000_000
# Hard ceiling: a config (written by whoever opens a pull request) may lower the limit, never raise
# it past this. A 50 MB advert took 165 s and 7.4 GB; 10 MB stays within a few GB.
MAX_FILE_SIZE_CEILING = 10_000_000


class ConfigError(Exception):
    """A configuration or usage mistake: the CLI prints the message and exits 2. ``problems`` are its
    separate problems (a schema check finds several), each of which names its key; by default the
    message is the one problem."""

    def __init__(self, message: str, *, problems: tuple[str, ...] = ()) -> None:
        super().__init__(message)
        self.problems = problems or (message,)


@dataclass(frozen=True)
class RuleSettings:
    enabled: bool | None = None
    severity: Severity | None = None
    options: dict[str, Any] = field(default_factory=dict)


@dataclass
class Config:
    root: Path
    path: Path | None = None
    include: tuple[str, ...] = DEFAULT_INCLUDE
    exclude: tuple[str, ...] = DEFAULT_EXCLUDE
    respect_gitignore: bool = True
    force_exclude: bool = False
    kinds: dict[str, tuple[str, ...]] = field(default_factory=dict)
    select: tuple[str, ...] = ()
    ignore: tuple[str, ...] = ()
    fail_on: str = "warning"
    rules: dict[str, RuleSettings] = field(default_factory=dict)
    per_file_ignores: dict[str, tuple[str, ...]] = field(default_factory=dict)
    rule_packs: tuple[Path, ...] = ()
    model: str | None = None
    max_file_size: int = DEFAULT_MAX_FILE_SIZE
    encoding_fallback: str | None = None
    cache_dir: str = ".rolelint_cache"
    cache_max_age_days: int | None = DEFAULT_CACHE_MAX_AGE_DAYS  # None: never prune
    # Report front-matter keys rolelint does not know (RL011) even where they are a site's own metadata
    strict_front_matter: bool = False
    raw: dict[str, Any] = field(default_factory=dict)
    # Directories the user trusted on the command line (--trusted-path): config paths may lead there.
    trusted_paths: tuple[Path, ...] = ()

    @property
    def cache_directory(self) -> Path:
        """The resolved cache folder; a ConfigError when `cache_dir` leads outside the repository
        and every trusted path (see rolelint.trust)."""
        return _confined(self.cache_dir, self.root, self.trusted_paths, "cache_dir", self.path)

    @property
    def load_options(self) -> LoadOptions:
        return LoadOptions(max_file_size=self.max_file_size, encoding_fallback=self.encoding_fallback)

    @property
    def places_adverts(self) -> bool:
        """Whether `kinds.advert` says where adverts are: then a Markdown or text file elsewhere is an
        advert only when it says `kind: advert` itself."""
        return bool(self.kinds.get("advert"))

    def kind_for(self, relative: str) -> str | None:
        for kind, patterns in self.kinds.items():
            if matches(relative, patterns):
                return kind
        return None

    def ignored_codes_for(self, relative: str) -> tuple[str, ...]:
        codes: list[str] = []
        for pattern, ignored in self.per_file_ignores.items():
            if matches(relative, [pattern]):
                codes.extend(ignored)
        return tuple(codes)


def find_config(start: Path) -> Path | None:
    """The nearest config file at or above ``start``: `.rolelint.yaml` first, then a pyproject with
    a `[tool.rolelint]` table."""
    for directory in [start, *start.parents]:
        for name in CONFIG_NAMES:
            candidate = directory / name
            if candidate.is_file():
                return candidate
        pyproject = directory / "pyproject.toml"
        if pyproject.is_file() and _has_rolelint_table(pyproject):
            return pyproject
    return None


def _has_rolelint_table(pyproject: Path) -> bool:
    """Whether ``pyproject`` holds a `[tool.rolelint]` table. One that is not valid TOML counts when
    its text names the table, so that loading it reports the error instead of linting with defaults."""
    try:
        return "rolelint" in _read_pyproject(pyproject).get("tool", {})
    except ConfigError:
        try:
            return b"tool.rolelint" in pyproject.read_bytes()
        except OSError:
            return False


def _read_pyproject(path: Path) -> dict:
    if sys.version_info >= (3, 11):
        import tomllib
    else:  # pragma: no cover - exercised on 3.10 only
        import tomli as tomllib
    try:
        with path.open("rb") as handle:
            return tomllib.load(handle)
    except (OSError, UnicodeDecodeError, tomllib.TOMLDecodeError) as exc:
        raise ConfigError(f"{path}: cannot read TOML: {exc}") from None


def load_config(
    explicit: Path | None = None, *, cwd: Path | None = None, trusted_paths: tuple[Path, ...] = ()
) -> Config:
    """Read and validate a config; with no file anywhere, the defaults rooted at ``cwd``.
    ``trusted_paths``: directories outside the repository that the config may name (the user's
    --trusted-path); every other path the config names must lie inside the repository."""
    cwd = (cwd or Path.cwd()).resolve()
    trusted_paths = tuple(Path(p).resolve() for p in trusted_paths)
    path = explicit if explicit is not None else find_config(cwd)
    if path is None:
        config = Config(root=cwd, trusted_paths=trusted_paths)
        config.cache_directory  # noqa: B018 - a .rolelint_cache that links out of the tree stops here
        return config
    path = path.resolve()
    if not path.is_file():
        raise ConfigError(f"config file {path} does not exist")
    if path.name == "pyproject.toml":
        raw = _read_pyproject(path).get("tool", {}).get("rolelint", {})
    else:
        raw = _read_yaml_config(path)
    raw = raw or {}
    if not isinstance(raw, dict):
        raise ConfigError(f"{path}: the config must be a mapping of keys, not a {type(raw).__name__}")
    validate_config(raw, path)
    fallback = raw.get("encoding_fallback")
    if fallback is not None and not _is_text_encoding(fallback):
        raise ConfigError(
            f"{path}: `encoding_fallback` is {fallback!r}, which Python does not know as a text "
            "encoding; use a name such as cp1252, latin-1 or shift_jis"
        )
    return build_config(raw, path, trusted_paths=trusted_paths)


def _confined(
    value: str, root: Path, trusted: tuple[Path, ...], key: str, path: Path | None, *, allow_absolute: bool = True
) -> Path:
    from rolelint.trust import PathOutside, confine

    try:
        return confine(value, root=root, trusted=trusted, key=key, allow_absolute=allow_absolute)
    except PathOutside as exc:
        raise ConfigError(f"{path}: {exc}" if path is not None else str(exc)) from None


def _model(value: str | None, root: Path, trusted: tuple[Path, ...], path: Path) -> str | None:
    """`nlp.model`: an installed package's name as given; a path (it has a separator or starts with
    a dot) resolved, and only inside the repository or a trusted location."""
    if value is None or not any(mark in value for mark in ("/", "\\")) and not value.startswith((".", "~")):
        return value
    return str(_confined(value, root, trusted, "nlp.model", path))


def _is_text_encoding(name: str) -> bool:
    import codecs

    try:
        return getattr(codecs.lookup(name), "_is_text_encoding", True)
    except LookupError:
        return False


def _read_yaml_config(path: Path) -> Any:
    """The config's data through rolelint's own YAML loader: no tags constructed, aliases and nesting
    bounded, duplicate keys refused; any problem is a ConfigError at its line and column."""
    from rolelint.source import DecodeError, SourceText
    from rolelint.yamlpos import load_yaml

    try:
        source = SourceText.from_bytes(str(path), path.read_bytes())
    except OSError as exc:
        raise ConfigError(f"{path}: cannot read config: {exc.strerror or exc}") from None
    except DecodeError as exc:
        # the reason without its advice to set `encoding_fallback`, which applies to linted files only
        reason = str(exc).split(";")[0]
        raise ConfigError(f"{path}:{exc.line}:{exc.column}: cannot read config: {reason}; save it as UTF-8") from None
    result = load_yaml(source.text)
    if result.problems:
        problem = result.problems[0]
        line, column = source.position(problem.start)
        message = problem.message if problem.message.startswith("invalid YAML") else f"invalid YAML: {problem.message}"
        raise ConfigError(f"{path}:{line}:{column}: {message.replace('invalid YAML', 'invalid YAML in config', 1)}")
    return result.data


def validate_config(raw: dict, path: Path) -> None:
    import jsonschema  # only when there is a config file to validate

    schema = load_schema("config")
    validator = jsonschema.Draft202012Validator(schema)
    errors = sorted(validator.iter_errors(raw), key=lambda e: (len(e.absolute_path), list(map(str, e.absolute_path))))
    if not errors:
        return
    messages = [describe_config_error(error, schema) for error in errors[:5]]
    raise ConfigError(f"{path}: invalid config:\n  " + "\n  ".join(messages), problems=tuple(messages))


def describe_config_error(error: jsonschema.ValidationError, schema: dict) -> str:
    location = ".".join(str(p) for p in error.absolute_path)
    if error.validator == "additionalProperties":
        allowed = sorted(_allowed_keys(error.schema))
        unknown = sorted(set(error.instance) - set(allowed)) if isinstance(error.instance, dict) else []
        parts = []
        for key in unknown:
            if any(key.startswith(p) for p in ("x-",)):
                continue
            where = f"{location}.{key}" if location else key
            hint = difflib.get_close_matches(key, allowed, n=1)
            parts.append(
                f"unknown key `{where}`"
                + (f"; did you mean `{hint[0]}`?" if hint else "")
                + f" (accepted: {', '.join(allowed)})"
            )
        if parts:
            return "; ".join(parts)
    where = f"`{location}`" if location else "the config"
    if error.validator == "enum":
        accepted = ", ".join(str(v) for v in error.validator_value)
        return f"{where} is {error.instance!r}; accepted values: {accepted}"
    if error.validator == "maximum":
        return (
            f"{where} is {error.instance!r}; the most rolelint accepts is {error.validator_value:,} (a config "
            "may lower this limit, not raise it past that)"
        )
    if error.validator == "type":
        return f"{where} must be of type {error.validator_value}, not {type(error.instance).__name__}"
    return f"{where}: {error.message}"


def _allowed_keys(schema: dict) -> list[str]:
    return list(schema.get("properties", {}))


def build_config(raw: dict, path: Path, *, trusted_paths: tuple[Path, ...] = ()) -> Config:
    root = path.parent
    max_file_size = int(raw.get("max_file_size", DEFAULT_MAX_FILE_SIZE))
    if max_file_size > MAX_FILE_SIZE_CEILING:  # the schema says so too; a config built by hand is checked here
        raise ConfigError(
            f"{path}: `max_file_size` is {max_file_size:,}; the most rolelint accepts is "
            f"{MAX_FILE_SIZE_CEILING:,} (a config may lower this limit, not raise it past that)"
        )
    packs = tuple(
        _confined(str(p), root, trusted_paths, f"rule_packs[{i}]", path, allow_absolute=False)
        for i, p in enumerate(raw.get("rule_packs") or ())
    )
    rules: dict[str, RuleSettings] = {}
    for code, settings in (raw.get("rules") or {}).items():
        settings = settings or {}
        severity = settings.get("severity")
        rules[code] = RuleSettings(
            enabled=settings.get("enabled"),
            severity=Severity.parse(severity) if severity else None,
            options=dict(settings.get("options") or {}),
        )
    nlp = raw.get("nlp") or {}
    config = Config(
        root=root,
        path=path,
        include=tuple(raw.get("include") or DEFAULT_INCLUDE),
        exclude=tuple(DEFAULT_EXCLUDE) + tuple(raw.get("exclude") or ()),
        respect_gitignore=bool(raw.get("respect_gitignore", True)),
        force_exclude=bool(raw.get("force_exclude", False)),
        kinds={k: tuple(v) for k, v in (raw.get("kinds") or {}).items()},
        select=tuple(code.upper() for code in raw.get("select") or ()),
        ignore=tuple(code.upper() for code in raw.get("ignore") or ()),
        fail_on=raw.get("fail_on", "warning"),
        rules=rules,
        per_file_ignores={k: tuple(code.upper() for code in v) for k, v in (raw.get("per_file_ignores") or {}).items()},
        rule_packs=packs,
        model=_model(nlp.get("model"), root, trusted_paths, path),
        max_file_size=max_file_size,
        encoding_fallback=raw.get("encoding_fallback"),
        cache_dir=raw.get("cache_dir", ".rolelint_cache"),
        cache_max_age_days=(
            None if (days := raw.get("cache_max_age_days", DEFAULT_CACHE_MAX_AGE_DAYS)) is None else int(days)
        ),
        strict_front_matter=bool(raw.get("strict_front_matter", False)),
        raw=raw,
        trusted_paths=tuple(trusted_paths),
    )
    config.cache_directory  # noqa: B018 - stops a config whose cache_dir leads out of the repository
    return config
