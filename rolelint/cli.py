"""The command line: parse arguments, build a run, execute it. Exit codes: 0 clean, 1 findings, 2 errors."""

from __future__ import annotations

import errno
import json
import os
import re
import signal
import sys
import traceback
from dataclasses import dataclass, replace
from pathlib import Path

import click

from rolelint import (
    REPORT_FORMATS,
    Linter,
    LintResult,
    ReportOptions,
    RuleInfo,
    Severity,
    __version__,
    apply_baseline,
    fix_diff,
    fix_files,
    render_report,
    rule_statistics,
    write_baseline,
)
from rolelint.api import OPTION_FLAGS
from rolelint.config import FAIL_ON, Config, ConfigError, load_config
from rolelint.display import visible
from rolelint.stdoutpipe import quiet_when_the_reader_leaves
from rolelint.terminal import color_wanted

EXIT_CLEAN, EXIT_FINDINGS, EXIT_ERROR = 0, 1, 2
STDIN_DEFAULT_NAME = "advert.md"  # what `rolelint check -` reads standard input as, without --stdin-filename


def _codes(values: tuple[str, ...]) -> tuple[str, ...]:
    """`--select RL1,RL201 --select RL3` -> ("RL1", "RL201", "RL3")."""
    codes: list[str] = []
    for value in values:
        codes.extend(part.strip().upper() for part in value.split(",") if part.strip())
    return tuple(codes)


def exit_code_for(severities: list[Severity], fail_on: str) -> int:
    if fail_on == "never":
        return EXIT_CLEAN
    threshold = Severity.parse(fail_on)
    return EXIT_FINDINGS if any(s >= threshold for s in severities) else EXIT_CLEAN


@click.group(context_settings={"help_option_names": ["-h", "--help"]})
@click.version_option(__version__, prog_name="rolelint")
@click.option("--debug", is_flag=True, envvar="ROLELINT_DEBUG", help="Show tracebacks for internal errors.")
def cli(debug: bool) -> None:
    """rolelint: lint career frameworks, role definitions and job adverts."""
    # --debug is read by main() before click parses anything, so that it covers every error.


def _load(config_path: Path | None, trusted_paths: tuple[Path, ...] = ()) -> Config:
    return load_config(config_path, trusted_paths=trusted_paths)


def trusted_path_option(command):
    """`--trusted-path DIR` (repeatable): a location outside the repository that its config may name."""
    return click.option(
        "--trusted-path",
        "trusted_paths",
        multiple=True,
        type=click.Path(path_type=Path),
        metavar="DIR",
        help="Let the config name paths in DIR (cache_dir, rule_packs, nlp.model) "
        "although it lies outside the repository (repeatable).",
    )(command)


@cli.command()
@click.argument("paths", nargs=-1, type=click.Path(path_type=Path))
@click.option(
    "--format",
    "output_format",
    default="text",
    show_default=True,
    type=click.Choice(list(REPORT_FORMATS)),
    help="Output format (to stdout).",
)
@click.option(
    "--output-file",
    "output_files",
    multiple=True,
    metavar="FORMAT:PATH",
    help="Also write the report in FORMAT to PATH, e.g. sarif:results.sarif (repeatable).",
)
@click.option("--select", multiple=True, metavar="CODES", help="Only these rule codes or prefixes (comma-separated).")
@click.option("--ignore", multiple=True, metavar="CODES", help="Skip these rule codes or prefixes (comma-separated).")
@click.option(
    "--extend-select", multiple=True, metavar="CODES", help="Also run these codes, on top of the config's or --select."
)
@click.option(
    "--extend-ignore", multiple=True, metavar="CODES", help="Also skip these codes, on top of the config's or --ignore."
)
@click.option(
    "--fail-on",
    type=click.Choice(FAIL_ON),
    default=None,
    help="Lowest severity that makes the exit code 1 [default: warning, or the config's fail_on].",
)
@click.option(
    "--config",
    "config_path",
    type=click.Path(path_type=Path, dir_okay=False),
    help="Config file (default: nearest .rolelint.yaml or pyproject.toml [tool.rolelint]).",
)
@click.option(
    "--color/--no-color",
    default=None,
    help="Colour the text output [default: on a terminal, unless NO_COLOR is set or TERM=dumb; FORCE_COLOR forces it].",
)
@click.option(
    "--fix",
    "apply_fixes",
    is_flag=True,
    help="Apply safe fixes in place (atomic writes), print what changed to stderr, report what remains.",
)
@click.option(
    "--baseline",
    "baseline_file",
    type=click.Path(path_type=Path, dir_okay=False),
    help="Report (and fail on) only findings that this baseline file does not record.",
)
@click.option(
    "--write-baseline",
    "write_baseline_file",
    type=click.Path(path_type=Path, dir_okay=False),
    help="Record every current finding in this file and exit 0.",
)
@click.option("--no-cache", is_flag=True, help="Neither read nor write the result cache (`cache_dir`).")
@click.option(
    "--force-exclude",
    is_flag=True,
    default=None,
    help="Apply the config's include and exclude to files named on the command line too "
    "(the pre-commit hooks pass it) [default: the config's force_exclude].",
)
@click.option(
    "-j",
    "--jobs",
    type=click.IntRange(min=1),
    default=None,
    help="Worker processes [default: from the amount of text to lint, one per 256 kB up to all cores].",
)
@click.option(
    "--stdin-filename",
    metavar="NAME",
    default=None,
    help=f"With PATH `-`: the file standard input stands for; its suffix chooses the format and its "
    f"folder the config [default: {STDIN_DEFAULT_NAME}].",
)
@trusted_path_option
@click.option(
    "--annotations-severity",
    type=click.Choice(["error", "warning", "info"]),
    default="info",
    show_default=True,
    help="--format github: the lowest severity to annotate.",
)
@click.option(
    "--annotations-limit",
    type=click.IntRange(min=0),
    default=None,
    help="--format github: annotate at most N findings, the most severe first [default: all].",
)
@click.option(
    "-q", "--quiet", is_flag=True, help="Print the findings only: no summary line, no progress bar, no notes on stderr."
)
@click.option(
    "--statistics",
    is_flag=True,
    help="Print how many findings each rule made instead of the findings (text, concise or json).",
)
@click.option(
    "--diff",
    "show_diff",
    is_flag=True,
    help="Print a diff of what --fix would change, write nothing; exit 1 if there is any.",
)
def check(
    paths: tuple[Path, ...],
    output_format: str,
    select: tuple[str, ...],
    ignore: tuple[str, ...],
    extend_select: tuple[str, ...],
    extend_ignore: tuple[str, ...],
    fail_on: str | None,
    config_path: Path | None,
    color: bool | None,
    apply_fixes: bool = False,
    output_files: tuple[str, ...] = (),
    baseline_file: Path | None = None,
    write_baseline_file: Path | None = None,
    no_cache: bool = False,
    jobs: int | None = None,
    stdin_filename: str | None = None,
    trusted_paths: tuple[Path, ...] = (),
    force_exclude: bool | None = None,
    annotations_severity: str = "info",
    annotations_limit: int | None = None,
    quiet: bool = False,
    statistics: bool = False,
    show_diff: bool = False,
) -> None:
    """Lint PATHS (files or directories; default: the current directory; `-`: standard input)."""
    request = CheckRequest(
        paths=paths,
        output_format=output_format,
        targets=tuple(_output_target(v) for v in output_files),
        select=_codes(select),
        ignore=_codes(ignore),
        extend_select=_codes(extend_select),
        extend_ignore=_codes(extend_ignore),
        fail_on=fail_on,
        config_path=config_path,
        color=color,
        apply_fixes=apply_fixes,
        baseline_file=baseline_file,
        write_baseline_file=write_baseline_file,
        use_cache=not no_cache,
        jobs=jobs,
        stdin_filename=stdin_filename,
        trusted_paths=tuple(trusted_paths),
        force_exclude=force_exclude,
        annotations_severity=annotations_severity,
        annotations_limit=annotations_limit,
        quiet=quiet,
        statistics=statistics,
        show_diff=show_diff,
    )
    _check_stdin_request(request)
    check_combinations(request)
    sys.exit(execute_check(request, build_linter(request)))


def _check_stdin_request(request: CheckRequest) -> None:
    """`-` stands alone, and `--fix` has no file to write back into."""
    reads_stdin = Path("-") in request.paths
    if reads_stdin and len(request.paths) > 1:
        raise ConfigError("`-` (standard input) cannot be combined with other paths")
    if reads_stdin and request.apply_fixes:
        raise ConfigError("--fix cannot write back into standard input; lint a file to fix it")
    if request.stdin_filename is not None and not reads_stdin:
        raise ConfigError("--stdin-filename names standard input: give `-` as the path")
    if request.stdin_filename is not None and not request.stdin_filename.strip():
        raise ConfigError("--stdin-filename must be a file name such as adverts/draft.md")


@dataclass(frozen=True)
class CheckRequest:
    """`rolelint check` as parsed from the command line."""

    paths: tuple[Path, ...]
    output_format: str = "text"
    targets: tuple[tuple[str, Path], ...] = ()  # --output-file FORMAT:PATH
    select: tuple[str, ...] = ()
    ignore: tuple[str, ...] = ()
    extend_select: tuple[str, ...] = ()
    extend_ignore: tuple[str, ...] = ()
    fail_on: str | None = None
    config_path: Path | None = None
    color: bool | None = None
    apply_fixes: bool = False
    baseline_file: Path | None = None
    write_baseline_file: Path | None = None
    use_cache: bool = True
    jobs: int | None = None
    stdin_filename: str | None = None  # with paths `-`: the file standard input stands for
    trusted_paths: tuple[Path, ...] = ()  # --trusted-path: locations outside the repo the config may name
    force_exclude: bool | None = None  # None: the config's force_exclude
    annotations_severity: str = "info"
    annotations_limit: int | None = None
    quiet: bool = False
    statistics: bool = False
    show_diff: bool = False

    @property
    def stdin_name(self) -> str | None:
        """The name standard input is linted as, or None when the paths are files."""
        return (self.stdin_filename or STDIN_DEFAULT_NAME) if self.paths == (Path("-"),) else None


def check_combinations(request: CheckRequest) -> None:
    """Flags that cannot go together are a usage error (exit 2), named."""
    if request.show_diff and request.apply_fixes:
        raise click.UsageError("--diff previews what --fix would write; give one of them, not both")
    if request.statistics and request.output_format not in ("text", "concise", "json"):
        raise click.UsageError(f"--statistics prints text or json, not --format {request.output_format}")


def missing_paths(paths: tuple[Path, ...]) -> list[Path]:
    """Paths given that do not exist at all (a dangling link exists, and is reported as RL002; `-` is
    standard input)."""
    return [path for path in paths if str(path) != "-" and not os.path.lexists(path)]


def build_linter(request: CheckRequest) -> Linter:
    """The Linter for a check: config found from the first path, select/ignore codes checked (exit 2)."""
    paths = (Path(request.stdin_name),) if request.stdin_name else request.paths  # NAME's folder: its config
    linter = Linter.for_paths(
        paths,
        config_path=request.config_path,
        select=request.select,
        ignore=request.ignore,
        extend_select=request.extend_select,
        extend_ignore=request.extend_ignore,
        use_cache=request.use_cache,
        option_names=OPTION_FLAGS,
        trusted_paths=request.trusted_paths,
    )
    if request.force_exclude:
        linter.config.force_exclude = True
    # The reports this run writes are rolelint's own output, never its input: a second run of the
    # same command (as docs/ci.md gives it) neither lints them nor counts them as files it cannot read.
    linter.config.exclude = (*linter.config.exclude, *_own_reports(request.targets, linter.config.root))
    return linter


def _own_reports(targets: tuple[tuple[str, Path], ...], root: Path) -> list[str]:
    """Exclude patterns, from the config's ``root``, for the --output-file paths below it."""
    patterns = []
    for _name, target in targets:
        try:
            relative = Path(os.path.abspath(target)).relative_to(os.path.abspath(root))
        except ValueError:
            continue  # outside the config's root, where no exclude pattern reaches
        patterns.append("/" + re.sub(r"([\\*?\[\]!#])", r"\\\1", relative.as_posix()))
    return patterns


def execute_check(request: CheckRequest, linter: Linter) -> int:
    """Lint, fix, baseline and report as asked; the exit code."""

    def lint() -> LintResult:
        if request.stdin_name:
            # without --stdin-filename the text is a draft that names no place in the repo: an advert,
            # whatever `kinds:` says (as Linter.lint_text without a name)
            kind = None if request.stdin_filename else "advert"
            return lint_stdin(linter, request.stdin_name, sys.stdin.buffer.read(), kind=kind)
        return linter.lint_paths(request.paths, jobs=request.jobs, show_progress=not request.quiet)

    def note(line: str) -> None:
        if not request.quiet:
            click.echo(line, err=True)

    missing = missing_paths(request.paths)
    result = lint()
    fix_failed = False
    if request.apply_fixes:
        result, fix_failed = fix_files(
            result,
            relint=lint,
            cwd=Path.cwd(),
            encoding_fallback=linter.config.encoding_fallback,
            echo=lambda line: (
                click.echo(visible(line), err=True) if not line.startswith("rolelint: applied") else note(visible(line))
            ),
        )
    if request.write_baseline_file is not None:
        try:
            count = write_baseline(result, request.write_baseline_file, cwd=Path.cwd())
        except OSError as exc:
            why = _why_not_written(request.write_baseline_file, exc)
            raise ConfigError(f"cannot write the baseline to {request.write_baseline_file}: {why}") from None
        note(f"rolelint: recorded {count} finding{'s' if count != 1 else ''} in {request.write_baseline_file}")
        return EXIT_CLEAN
    if request.baseline_file is not None:
        result, hidden = apply_baseline(result, request.baseline_file, cwd=Path.cwd())
        if hidden:
            note(
                f"rolelint: {hidden} finding{'s' if hidden != 1 else ''} recorded in {request.baseline_file} "
                "not reported"
            )
    if request.show_diff:
        return _print_diff(result, note, missing)
    use_color = color_wanted(request.color, request.output_format)
    options = report_options(request, linter)
    for name, target in request.targets:
        _write_report(name, target, result, options)
    if request.statistics:
        click.echo(rule_statistics(result, as_json=request.output_format == "json"), nl=False)
    else:
        click.echo(
            render_report(request.output_format, result, color=use_color, options=options), nl=False, color=use_color
        )
    if fix_failed or _report_missing(missing):
        return EXIT_ERROR
    return exit_code_for([d.severity for d in result.diagnostics], request.fail_on or linter.config.fail_on)


def _report_missing(missing: list[Path]) -> bool:
    """Say which paths given do not exist (exit 2 follows: a usage error, not a finding)."""
    for path in missing:
        click.echo(visible(f"rolelint: error: {path}: no such file or directory"), err=True)
    return bool(missing)


def _print_diff(result: LintResult, note, missing: list[Path]) -> int:
    """`--diff`: what --fix would change, as a unified diff on stdout; exit 1 when there is any."""
    diff, count = fix_diff(result)
    click.echo(diff, nl=False)
    note(
        f"rolelint: {count} fix{'es' if count != 1 else ''} would be applied by --fix"
        if count
        else "rolelint: nothing to fix"
    )
    if _report_missing(missing):
        return EXIT_ERROR
    return EXIT_FINDINGS if count else EXIT_CLEAN


def report_options(request: CheckRequest, linter: Linter) -> ReportOptions:
    """What the reporters need beyond the findings: the fail threshold (JUnit fails as the exit code
    does) and which findings to annotate (GitHub)."""
    return ReportOptions(
        fail_on=request.fail_on or linter.config.fail_on,
        annotations_severity=request.annotations_severity,
        annotations_limit=request.annotations_limit,
        quiet=request.quiet,
    )


def lint_stdin(linter: Linter, name: str, data: bytes, *, kind: str | None = None) -> LintResult:
    """Standard input linted as the file ``name`` (as given, relative to the working directory): its
    suffix chooses the format, its place under the config's root the kinds (unless ``kind`` names one)
    and per-file ignores, and reports show ``name``."""
    root = linter.config.root.resolve()
    absolute = Path(os.path.normpath(Path.cwd() / name))
    try:
        relative = absolute.relative_to(root).as_posix()
    except ValueError:
        relative = Path(name).name
    result = linter.lint_bytes(data, name=relative, kind=kind)
    shown = {display: name for display in (*result.files, *result.left_alone)}
    return replace(
        result,
        diagnostics=tuple(replace(d, path=shown.get(d.path, d.path)) for d in result.diagnostics),
        files=tuple(shown.get(f, f) for f in result.files),
        left_alone=tuple(shown.get(f, f) for f in result.left_alone),
        sources={shown.get(k, k): replace(v, path=shown.get(k, k)) for k, v in result.sources.items()},
    )


def _write_report(name: str, target: Path, result: LintResult, options: ReportOptions) -> None:
    _write_output(f"the {name} report", target, render_report(name, result, options=options).encode("utf-8"))


def _write_output(what: str, target: Path, data: bytes) -> None:
    """Write a file the user named (a report, a pathway), its folders made as needed; a failure is a
    usage error that names the file."""
    from rolelint.safefiles import atomic_write

    try:
        target.parent.mkdir(parents=True, exist_ok=True)
        # a full disk or an interrupt leaves the old file (or none), never a torn one
        atomic_write(target, data)
    except OSError as exc:
        raise ConfigError(f"cannot write {what} to {target}: {_why_not_written(target, exc)}") from None


def _why_not_written(target: Path, exc: OSError) -> str:
    parent = target.parent
    if parent.exists() and not parent.is_dir():
        return f"{parent} is a file, not a directory"
    return exc.strerror or str(exc)


def _output_target(value: str) -> tuple[str, Path]:
    """`sarif:results.sarif` -> ("sarif", Path("results.sarif"))."""
    name, _, path = value.partition(":")
    if name not in REPORT_FORMATS or not path:
        raise click.BadParameter(
            f"{value!r} is not FORMAT:PATH with FORMAT one of {', '.join(REPORT_FORMATS)}", param_hint="--output-file"
        )
    return name, Path(path)


@cli.group(invoke_without_command=True)
@click.option(
    "--format",
    "output_format",
    type=click.Choice(["text", "json", "markdown"]),
    default="text",
    show_default=True,
    help="markdown: every rule's full documentation (docs/rules.md).",
)
@click.option("--config", "config_path", type=click.Path(path_type=Path, dir_okay=False))
@trusted_path_option
@click.pass_context
def rules(
    ctx: click.Context, output_format: str, config_path: Path | None, trusted_paths: tuple[Path, ...] = ()
) -> None:
    """List every rule (or `rules test` to run rule examples)."""
    if ctx.invoked_subcommand is not None:
        return
    linter = Linter(config_path=config_path, trusted_paths=trusted_paths)
    if output_format == "markdown":
        from rolelint.ruledocs import catalogue_markdown

        click.echo(visible(catalogue_markdown(linter.catalogue.rules)), nl=False)
        return
    rows = [_rule_row(rule) for rule in linter.rules()]
    if output_format == "json":
        click.echo(json.dumps({"rules": rows}, indent=2))
        return
    width = max(len(r["name"]) for r in rows)
    click.echo(f"{'CODE':<7} {'NAME':<{width}} {'SEVERITY':<8} {'KIND':<8} FIX  SUMMARY")
    for r in rows:
        on = "" if r["enabled"] else " (off by default)"
        click.echo(
            visible(
                f"{r['code']:<7} {r['name']:<{width}} {r['severity']:<8} {r['kind']:<8} "
                f"{'yes' if r['fixable'] else '   '}  {r['summary']}{on}"
            )
        )


def _rule_row(rule: RuleInfo) -> dict:
    return {
        "code": rule.code,
        "name": rule.name,
        "severity": rule.severity.label,
        "enabled": rule.enabled,
        "kind": rule.kind,
        "fixable": rule.fixable,
        "summary": rule.summary,
    }


@rules.command("test")
@click.argument("paths", nargs=-1, type=click.Path(path_type=Path, exists=True))
def rules_test_command(paths: tuple[Path, ...]) -> None:
    """Run the pass/fail examples of rule packs (default: the built-in packs)."""
    from rolelint.ruleexamples import rules_test
    from rolelint.rulemodel import RulePackError
    from rolelint.rulepacks import builtin_rules_dir

    try:
        results = rules_test(list(paths) or [builtin_rules_dir()])
    except RulePackError as exc:
        raise ConfigError(str(exc)) from None
    failed = [r for r in results if not r.passed]
    for result in failed:
        click.echo(visible(f"FAIL {result.describe()}"))
    click.echo(f"{len(results) - len(failed)} passed, {len(failed)} failed")
    sys.exit(EXIT_FINDINGS if failed else EXIT_CLEAN)


@cli.command()
@click.argument("code")
@click.option("--config", "config_path", type=click.Path(path_type=Path, dir_okay=False))
@trusted_path_option
def rule(code: str, config_path: Path | None, trusted_paths: tuple[Path, ...] = ()) -> None:
    """Show the documentation of rule CODE."""
    linter = Linter(config_path=config_path, trusted_paths=trusted_paths)
    try:
        click.echo(visible(linter.rule(code).text))
    except KeyError:
        from rolelint.registry import unknown_code

        raise ConfigError(unknown_code("CODE", code, sorted(linter.catalogue.rules))) from None


@cli.command()
@click.argument("name", type=click.Choice(["framework", "role", "advert", "config", "rule"]))
def schema(name: str) -> None:
    """Print a JSON Schema (for editors and other tools)."""
    from rolelint.resources import load_schema

    printed = load_schema(name)
    if name == "rule":  # with the keys each named check takes, declared beside the check
        from rolelint.checks.named.spec_schema import rule_schema_with_checks

        printed = rule_schema_with_checks(printed)
    click.echo(json.dumps(printed, indent=2))


@cli.command()
@click.argument("directory", type=click.Path(path_type=Path, file_okay=False), default=".")
@click.option("--force", is_flag=True, help="Overwrite existing files.")
def init(directory: Path, force: bool) -> None:
    """Scaffold a working roles repo in DIRECTORY."""
    from rolelint.scaffold import next_step, scaffold

    try:
        written = scaffold(directory, force=force)
    except FileExistsError as exc:
        raise ConfigError(f"{exc.filename} already exists; use --force to overwrite it") from None
    for path in written:
        click.echo(f"created {path}")
    click.echo(f"\nNext: {next_step(directory)}")


@cli.group("import")
def import_group() -> None:
    """Import a framework from another format."""


@import_group.command("ddat")
@click.argument("roles_csv", type=click.Path(path_type=Path, exists=True, dir_okay=False))
@click.argument("skills_csv", type=click.Path(path_type=Path, exists=True, dir_okay=False))
@click.option("-o", "--output", "out_dir", type=click.Path(path_type=Path, file_okay=False), required=True)
def import_ddat_command(roles_csv: Path, skills_csv: Path, out_dir: Path) -> None:
    """Convert the UK government DDaT capability framework's CSV export into rolelint files."""
    from rolelint.importers.ddat import NotAnExport, import_ddat

    try:
        report = import_ddat(roles_csv, skills_csv, out_dir)
    except NotAnExport as exc:
        raise ConfigError(str(exc)) from None
    except OSError as exc:
        reading = exc.filename is not None and Path(exc.filename) in (roles_csv, skills_csv)
        raise ConfigError(f"cannot {'read' if reading else 'write'} {exc.filename}: {exc.strerror}") from None
    click.echo(
        f"wrote {len(report.files)} files to {out_dir}: {report.families} families, {report.roles} roles, "
        f"{report.role_levels} role levels, {report.skills} skills"
    )
    for note in report.ambiguities:
        click.echo(f"note: {note}", err=True)


@cli.command()
@click.argument("profession", required=False)
@click.option(
    "--format",
    "output_format",
    type=click.Choice(["text", "markdown", "html"]),
    default="text",
    show_default=True,
    help="Terminal text, a Markdown table, or a self-contained HTML page.",
)
@click.option(
    "-o",
    "--output",
    "output",
    type=click.Path(path_type=Path, dir_okay=False),
    help="Write to FILE instead of standard output.",
)
@click.option("--config", "config_path", type=click.Path(path_type=Path, dir_okay=False))
@click.option("--no-cache", is_flag=True, help="Re-read every file instead of using the index cache.")
@click.option("--exit-zero", is_flag=True, help="Exit 0 even when the pathway lists findings.")
@trusted_path_option
def pathway(
    profession: str | None,
    output_format: str,
    output: Path | None,
    config_path: Path | None,
    no_cache: bool,
    exit_zero: bool,
    trusted_paths: tuple[Path, ...] = (),
) -> None:
    """Show the career pathway of PROFESSION (a role or framework id or name; default: every role):
    levels x skills with proficiency, pay bands, and every profession finding on them, marked where
    it applies. Exits 1 when it lists any finding (0 with --exit-zero), 2 on a usage error."""
    from rolelint.profession.pathway import RENDERERS, build_pathways

    pathways = build_pathways(_load(config_path, trusted_paths), profession, cwd=Path.cwd(), use_cache=not no_cache)
    text = RENDERERS[output_format](pathways)
    if output is None:
        click.echo(visible(text), nl=False)
    else:
        _write_output("the pathway", output, text.encode("utf-8", "surrogateescape"))
        click.echo(f"wrote {output}")
    listed = sum(len(p.issues) for p in pathways)
    if listed and not exit_zero:
        raise SystemExit(1)


@cli.command()
@click.option(
    "--tcp",
    metavar="[HOST:]PORT",
    default=None,
    help="Listen on a TCP port instead of standard input and output (one client).",
)
def lsp(tcp: str | None) -> None:
    """Run the language server for editors (LSP over standard input and output; see docs/editors.md)."""
    try:
        import pygls  # noqa: F401 - only to say what is missing before the server starts
    except ImportError:
        raise click.ClickException(
            "the language server needs the `lsp` extra: pip install 'rolelint[lsp]' (from a clone: pip install '.[lsp]')"
        ) from None
    if tcp is not None:
        _host, _, port = tcp.rpartition(":")
        if not port.isdigit() or not 0 < int(port) < 65536:
            raise click.BadParameter(f"{tcp!r} is not a port or HOST:PORT", param_hint="--tcp")
    from rolelint.lsp import serve

    serve(tcp=tcp, debug=bool(click.get_current_context().find_root().params.get("debug")))


@cli.group("cache")
def cache_group() -> None:
    """Look after the result cache (`cache_dir`, default .rolelint_cache/)."""


@cache_group.command("clear")
@click.option("--config", "config_path", type=click.Path(path_type=Path, dir_okay=False))
@trusted_path_option
def cache_clear_command(config_path: Path | None, trusted_paths: tuple[Path, ...] = ()) -> None:
    """Remove every cache file rolelint wrote (result entries, profession index); nothing else."""
    from rolelint.cache import cache_directory, clear

    directory = cache_directory(_load(config_path, trusted_paths))
    removed = clear(directory)
    click.echo(f"removed {removed} cache file{'s' if removed != 1 else ''} from {directory}")


@cache_group.command("prune")
@click.option(
    "--max-age-days",
    type=click.IntRange(min=1, max=36500),
    default=None,
    help="Remove what was unused for this many days [default: the config's cache_max_age_days, 30].",
)
@click.option("--config", "config_path", type=click.Path(path_type=Path, dir_okay=False))
@trusted_path_option
def cache_prune_command(
    max_age_days: int | None, config_path: Path | None, trusted_paths: tuple[Path, ...] = ()
) -> None:
    """Remove cache entries unused for a while now (`rolelint check` does it at most once a day)."""
    from rolelint.cache import cache_directory, prune
    from rolelint.config import DEFAULT_CACHE_MAX_AGE_DAYS

    config = _load(config_path, trusted_paths)
    days = max_age_days or config.cache_max_age_days or DEFAULT_CACHE_MAX_AGE_DAYS
    directory = cache_directory(config)
    removed = prune(directory, days)
    files = f"{removed} cache file{'s' if removed != 1 else ''}"
    click.echo(f"removed {files} unused for {days} day{'s' if days != 1 else ''} from {directory}")


@cli.command()
@click.option(
    "--repo",
    type=click.Path(exists=True, file_okay=False, path_type=Path),
    default=None,
    help="A roles repo: choose the role level an advert is for, and check it against the profession.",
)
@click.option(
    "--host",
    default="127.0.0.1",
    show_default=True,
    help="Address to serve on. Anything but this computer's own address prints a warning.",
)
@click.option(
    "--port",
    type=click.IntRange(0, 65535),
    default=8000,
    show_default=True,
    help="Port to serve on (0: any free port; the address is printed).",
)
@click.option("--open", "open_browser", is_flag=True, help="Open the page in the web browser once it is ready.")
def serve(repo: Path | None, host: str, port: int, open_browser: bool) -> None:
    """A local web page to check an advert: paste or upload it, see the findings in place, fix, download."""
    from rolelint.serve import ServeError, missing_dependencies, run

    missing = missing_dependencies()
    if missing:
        raise click.UsageError(
            f"`rolelint serve` needs {', '.join(missing)}: install them with `pip install 'rolelint[serve]'`"
        )
    try:
        run(repo=repo, host=host, port=port, open_browser=open_browser)
    except ServeError as exc:
        click.echo(f"rolelint: error: {exc}", err=True)
        sys.exit(EXIT_ERROR)


class Terminated(BaseException):
    """SIGTERM arrived: unwind like Ctrl-C (workers stopped, temporary files removed), then exit 143."""


def _terminate(signum, frame) -> None:
    raise Terminated


_STDOUT_ERRORS = (errno.EPIPE, errno.ENOSPC, errno.EIO, errno.EDQUOT, errno.EFBIG, errno.EBADF)


@cli.command()
@click.argument("source", type=click.Path(path_type=Path))
@click.option(
    "-o",
    "--out",
    type=click.Path(path_type=Path, file_okay=False),
    default=Path("rolelint-audit"),
    show_default=True,
    help="Folder for the per-advert findings and the report (re-runs resume in it).",
)
@click.option(
    "--repo",
    type=click.Path(path_type=Path, file_okay=False),
    help="A roles repo: profession rules check each advert against its frameworks and roles.",
)
@click.option(
    "--config",
    "config_path",
    type=click.Path(path_type=Path, dir_okay=False),
    help="Config file (default: the repo's, else the nearest .rolelint.yaml).",
)
@click.option(
    "--input-format",
    type=click.Choice(["folder", "jsonl", "csv", "parquet", "jsonld"]),
    help="Default: from SOURCE (a folder, or the file's suffix).",
)
@click.option(
    "--column",
    "columns",
    multiple=True,
    metavar="FIELD=COLUMN",
    help="Where a field is in the input, e.g. text=description, organisation=company (repeatable).",
)
@click.option("--select", multiple=True, metavar="CODES", help="Only these rule codes or prefixes (comma-separated).")
@click.option("--ignore", multiple=True, metavar="CODES", help="Skip these rule codes or prefixes (comma-separated).")
@click.option(
    "--extend-select", multiple=True, metavar="CODES", help="Also run these codes, on top of the config's or --select."
)
@click.option(
    "--extend-ignore", multiple=True, metavar="CODES", help="Also skip these codes, on top of the config's or --ignore."
)
@click.option("--scheduler", metavar="tcp://HOST:PORT", help="An existing Dask cluster [default: a LocalCluster here].")
@click.option("--workers", type=click.IntRange(min=1), help="LocalCluster worker processes [default: all cores].")
@click.option(
    "--partition-size", type=click.IntRange(min=1), default=200, show_default=True, help="Adverts (or files) per task."
)
@click.option("--title", default="Advert audit", show_default=True, help="The report's title.")
def audit(
    source: Path,
    out: Path,
    repo: Path | None,
    config_path: Path | None,
    input_format: str | None,
    columns: tuple[str, ...],
    select: tuple[str, ...],
    ignore: tuple[str, ...],
    extend_select: tuple[str, ...],
    extend_ignore: tuple[str, ...],
    scheduler: str | None,
    workers: int | None,
    partition_size: int,
    title: str,
) -> None:
    """Lint a corpus of adverts on Dask (SOURCE: a folder, .jsonl, .csv, .parquet or JobPosting JSON-LD)
    and write per-advert findings (Parquet, JSON Lines) and a report (HTML, CSV). Exit 0 when every
    partition ran, 1 when some failed (run again to retry them), 2 on a usage or input error."""
    from rolelint.audit.command import audit as run

    sys.exit(
        run(
            source,
            out=out,
            repo=repo,
            config_path=config_path,
            input_format=input_format,
            columns=columns,
            select=_codes(select),
            ignore=_codes(ignore),
            extend_select=_codes(extend_select),
            extend_ignore=_codes(extend_ignore),
            scheduler=scheduler,
            workers=workers,
            partition_size=partition_size,
            title=title,
        )
    )


def main() -> None:
    """Console entry point: no traceback reaches a user unless --debug asks for it. Exits 130 on
    Ctrl-C and 143 on SIGTERM with one line; a full standard output is one line and exit 2. A reader
    that stops reading (`| head`) is normal: the rest of the output is dropped, silently, and the
    command exits as it would have (`check`: 1 on findings)."""
    debug = "--debug" in sys.argv[1:] or os.environ.get("ROLELINT_DEBUG", "").strip().lower() in (
        "1",
        "true",
        "t",
        "yes",
        "y",
        "on",
    )  # what click accepts for the --debug flag's envvar
    from rolelint.nlp import one_blas_thread, quieter_garbage_collector

    one_blas_thread()
    quieter_garbage_collector()
    try:
        signal.signal(signal.SIGTERM, _terminate)
    except ValueError:  # not the main thread (an embedding program): leave its handlers alone
        pass
    quiet_when_the_reader_leaves()
    code = _run(debug)
    try:
        # A report still in the buffer must reach a full stdout here, not at exit. A stdout closed by
        # us (the language server's transport closes it when the client says `exit`), or not open at
        # all (`>&-`), holds nothing more to write.
        if sys.stdout is not None and not sys.stdout.closed:
            sys.stdout.flush()
    except OSError as exc:
        code = _stdout_failed(exc)
    sys.exit(code)


def _run(debug: bool) -> int:
    """The command's exit code."""
    try:
        cli.main(standalone_mode=False)
        return EXIT_CLEAN
    except SystemExit as exc:
        return exc.code if isinstance(exc.code, int) else (EXIT_CLEAN if exc.code is None else EXIT_ERROR)
    except click.exceptions.Exit as exc:
        return exc.exit_code
    except click.exceptions.Abort as exc:
        if isinstance(exc.__context__, KeyboardInterrupt):  # click turns Ctrl-C into Abort
            return _say("Interrupted.", 130)
        return _say("Aborted.", EXIT_ERROR)
    except click.ClickException as exc:
        exc.show()
        return EXIT_ERROR
    except ConfigError as exc:
        return _say(f"rolelint: error: {visible(str(exc))}", EXIT_ERROR)
    except KeyboardInterrupt:
        return _say("Interrupted.", 130)
    except Terminated:
        return _say("Terminated.", 143)
    except OSError as exc:
        # writing a file names it (and rolelint's own writes say so); one that names none was stdout
        if exc.errno in _STDOUT_ERRORS and exc.filename is None:
            return _stdout_failed(exc)
        return _internal(exc, debug)
    except Exception as exc:  # noqa: BLE001 - the last line of defence for users
        return _internal(exc, debug)


def _say(line: str, code: int) -> int:
    try:
        click.echo(line, err=True)
    except OSError:
        pass
    return code


def _internal(exc: BaseException, debug: bool) -> int:
    if debug:
        traceback.print_exc()
        return EXIT_ERROR
    return _say(
        f"rolelint: internal error: {type(exc).__name__}: {visible(str(exc))} (run with --debug for the "
        "traceback, and please report it)",
        EXIT_ERROR,
    )


def _stdout_failed(exc: OSError) -> int:
    """One line for a standard output that cannot be written (full, or closed by us); the rest of the
    output is dropped. A pipe whose reader left is not an error (rolelint.stdoutpipe)."""
    try:
        devnull = os.open(os.devnull, os.O_WRONLY)
        os.dup2(devnull, sys.stdout.fileno())  # so that Python's own flush at exit finds nothing to write
    except (OSError, ValueError):
        pass
    why = "it was closed" if exc.errno in (errno.EPIPE, errno.EBADF) else (exc.strerror or str(exc)).lower()
    return _say(f"rolelint: error: cannot write to standard output: {why}", EXIT_ERROR)
