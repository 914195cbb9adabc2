"""The shape of the package, as docs/architecture.md describes it: checked, so that it stays true."""

from __future__ import annotations

import ast
from pathlib import Path

import rolelint

PACKAGE = Path(rolelint.__file__).resolve().parent


def _modules() -> dict[str, Path]:
    found = {}
    for path in PACKAGE.rglob("*.py"):
        parts = path.relative_to(PACKAGE.parent).with_suffix("").parts
        name = ".".join(parts[:-1] if parts[-1] == "__init__" else parts)
        found[name] = path
    return found


MODULES = _modules()


def _owner(name: str) -> str | None:
    """The module a dotted name is, or is defined in."""
    while name and name not in MODULES:
        name = name.rpartition(".")[0]
    return name or None


def _imports(module: str, path: Path):
    """(imported module, imported names) for every import in ``module``, at any depth (an import
    inside a function is still a dependency)."""
    package = module if path.name == "__init__.py" else module.rpartition(".")[0]
    for node in ast.walk(ast.parse(path.read_text(encoding="utf-8"))):
        if isinstance(node, ast.Import):
            for alias in node.names:
                yield alias.name, ()
        elif isinstance(node, ast.ImportFrom):
            base = node.module or ""
            if node.level:
                anchor = package.split(".")[: len(package.split(".")) - node.level + 1]
                base = ".".join(anchor + ([base] if base else []))
            yield base, tuple(alias.name for alias in node.names)


def _graph() -> dict[str, set[str]]:
    graph: dict[str, set[str]] = {name: set() for name in MODULES}
    for module, path in MODULES.items():
        for base, names in _imports(module, path):
            if not base.startswith("rolelint"):
                continue
            targets = [_owner(f"{base}.{n}") if f"{base}.{n}" in MODULES else _owner(base) for n in names] or [
                _owner(base)
            ]
            for target in targets:
                # a module's own packages are imported before it anyway: not an edge of the graph
                if target and target != module and not module.startswith(target + "."):
                    graph[module].add(target)
    return graph


def _cycles(graph: dict[str, set[str]]) -> list[list[str]]:
    """Strongly connected components of more than one module (Tarjan, iteratively)."""
    index: dict[str, int] = {}
    low: dict[str, int] = {}
    stack: list[str] = []
    on_stack: set[str] = set()
    found: list[list[str]] = []
    counter = 0
    for root in graph:
        if root in index:
            continue
        work = [(root, iter(sorted(graph[root])))]
        index[root] = low[root] = counter
        counter += 1
        stack.append(root)
        on_stack.add(root)
        while work:
            node, children = work[-1]
            child = next(children, None)
            if child is not None:
                if child not in index:
                    index[child] = low[child] = counter
                    counter += 1
                    stack.append(child)
                    on_stack.add(child)
                    work.append((child, iter(sorted(graph[child]))))
                elif child in on_stack:
                    low[node] = min(low[node], index[child])
                continue
            work.pop()
            if work:
                low[work[-1][0]] = min(low[work[-1][0]], low[node])
            if low[node] == index[node]:
                component = []
                while True:
                    member = stack.pop()
                    on_stack.discard(member)
                    component.append(member)
                    if member == node:
                        break
                if len(component) > 1:
                    found.append(sorted(component))
    return found


def test_the_import_graph_has_no_cycles():
    assert _cycles(_graph()) == []


def test_the_cycle_finder_finds_a_cycle():
    assert _cycles({"a": {"b"}, "b": {"c"}, "c": {"a"}, "d": {"a"}}) == [["a", "b", "c"]]


def test_no_module_imports_another_modules_private_names():
    offences = []
    for module, path in MODULES.items():
        for base, names in _imports(module, path):
            if base.startswith("rolelint") and _owner(base) != module:
                offences += [
                    f"{module} imports {base}.{name}"
                    for name in names
                    if name.startswith("_") and not name.startswith("__")
                ]
    assert offences == []


def test_measurement_scripts_live_outside_the_package():
    assert not [name for name in MODULES if name.rpartition(".")[2] in ("evaluate", "benchmark", "measure")]


def test_the_public_api_is_what_the_package_exports():
    import rolelint.actions
    import rolelint.api

    assert set(rolelint.__all__) - {"__version__"} <= set(rolelint.api.__all__) | set(rolelint.actions.__all__)


def test_every_named_check_module_is_in_the_table_under_its_own_name():
    """One check a module, named as the check: a module that declares a ``CHECK`` and is missing
    from ``CHECKS`` would never run, and a table line under another name would mislead."""
    import importlib

    from rolelint.checks.named import CHECKS

    folder = PACKAGE / "checks" / "named"
    declared = {}
    for path in sorted(folder.glob("*.py")):
        module = importlib.import_module(f"rolelint.checks.named.{path.stem}")
        if hasattr(module, "CHECK") and path.stem != "__init__":
            declared[path.stem] = module.CHECK
    assert declared == CHECKS
    assert all(name == check.name for name, check in CHECKS.items())


def test_every_named_check_is_used_by_a_builtin_rule():
    from rolelint.checks.named import CHECKS
    from rolelint.rulepacks import builtin_rules_dir, load_rules

    used = {rule.spec["name"] for rule in load_rules([builtin_rules_dir()]).values() if rule.kind == "check"}
    assert used == set(CHECKS)


def test_cache_files_are_signed_in_one_place():
    """Every cache file is keyed, signed and read back by rolelint.cache (cache_key, write_signed,
    read_signed): no other module makes or checks a signature itself."""
    graph = _graph()
    assert sorted(module for module, targets in graph.items() if "rolelint.cachesign" in targets) == ["rolelint.cache"]


# The command line's own modules: what it prints and how it writes a report file.
CLI_OWN = {"rolelint", "rolelint.display", "rolelint.terminal", "rolelint.safefiles"}
CHECK_PATH = ("execute_check", "_print_diff", "report_options", "lint_stdin", "_write_report", "build_linter")


def test_rolelint_check_goes_through_the_public_api_only():
    """`rolelint check` (lint, --fix, --diff, baselines, reports) imports nothing of rolelint but the
    public API and the command line's own modules (docs/api.md)."""
    tree = ast.parse((PACKAGE / "cli.py").read_text(encoding="utf-8"))
    functions = {node.name: node for node in ast.walk(tree) if isinstance(node, ast.FunctionDef)}
    assert set(CHECK_PATH) <= set(functions)
    used = {
        node.module
        for name in CHECK_PATH
        for node in ast.walk(functions[name])
        if isinstance(node, ast.ImportFrom) and node.module and node.module.startswith("rolelint")
    }
    assert used <= CLI_OWN, used - CLI_OWN
    top = {
        alias.name
        for node in tree.body
        if isinstance(node, ast.ImportFrom) and node.module == "rolelint"
        for alias in node.names
    }
    assert {"Linter", "fix_files", "fix_diff", "apply_baseline", "write_baseline", "render_report"} <= top
