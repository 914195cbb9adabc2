"""Measure rolelint on hostile inputs: wall time, peak memory and what it answered, one run each.

    python tests/hostile/measure.py [NAME ...]        # all cases, or only those named

Each case builds its input in a temporary directory and runs the real console entry point
(`python -m rolelint check --format json --no-cache`) in a child process; the child's own CPU time
and peak resident memory come from os.wait4 (CPU time is the steadier figure on a shared machine;
worker processes, if a run starts any, are not counted). The table it prints is the one in
tests/hostile/README.md.
"""

from __future__ import annotations

import json
import os
import subprocess
import sys
import tempfile
import time
from collections import Counter
from pathlib import Path

CORPUS = Path(__file__).resolve().parents[3] / "shared" / "corpus"
CONFIG = "kinds:\n  role: ['roles/**']\n  framework: ['frameworks/**']\n"
ROLE = "kind: role\nid: r{n}\ntitle: Role {n}\nframework: pm\nlevels: [{{level: one}}]\n"
ADVERT = CORPUS / "gds-service-manual-job-descriptions" / "developer-jd.md"


def _write(root: Path, name: str, content: str | bytes) -> None:
    path = root / name
    path.parent.mkdir(parents=True, exist_ok=True)
    path.write_bytes(content if isinstance(content, bytes) else content.encode("utf-8"))


def _advert_text() -> str:
    return ADVERT.read_text(encoding="utf-8") if ADVERT.is_file() else "We want a product manager. " * 200 + "\n"


def _repeat_to(text: str, size: int) -> str:
    return (text * (size // len(text) + 1))[:size]


def case_corpus(root: Path) -> list[str]:
    return [str(CORPUS)]


def case_largest_advert(root: Path) -> list[str]:
    _write(root, "adverts/huge.md", _repeat_to(_advert_text() + "\n\n", 4_900_000))
    return ["adverts/huge.md"]


def case_1mb_advert(root: Path) -> list[str]:
    _write(root, "adverts/big.md", _repeat_to(_advert_text() + "\n\n", 1_000_000))
    return ["adverts/big.md"]


def case_over_limit(root: Path) -> list[str]:
    _write(root, "adverts/huge.md", b"x" * 6_000_000)
    return ["adverts/huge.md"]


def case_random_bytes(root: Path) -> list[str]:
    _write(root, "adverts/noise.md", os.urandom(4_900_000))
    return ["adverts/noise.md"]


def case_long_line(root: Path) -> list[str]:
    _write(root, "adverts/line.md", "We build services that people use. " * 140_000 + "[Insert amount]\n")
    return ["adverts/line.md"]


def case_billion_laughs(root: Path) -> list[str]:
    lines = ["kind: role", "a: &a [lol, lol, lol, lol, lol, lol, lol, lol, lol]"]
    for previous, name in zip("abcdefgh", "bcdefghi"):
        lines.append(f"{name}: &{name} [" + ", ".join([f"*{previous}"] * 9) + "]")
    _write(root, "roles/bomb.yaml", "\n".join(lines) + "\n")
    return ["roles/bomb.yaml"]


def case_text_alias_bomb(root: Path) -> list[str]:
    paragraph = "We want a product manager. " * 4_000
    _write(root, "roles/bomb.yaml", f"kind: role\na: &a {paragraph}\nb: [" + ", ".join(["*a"] * 1000) + "]\n")
    return ["roles/bomb.yaml"]


def case_deep_nesting(root: Path) -> list[str]:
    _write(root, "roles/deep.yaml", "kind: role\nx: " + "[" * 1_000_000 + "]" * 1_000_000 + "\n")
    return ["roles/deep.yaml"]


def case_many_values(root: Path) -> list[str]:
    _write(root, "roles/many.yaml", "kind: role\nx: [" + "1, " * 1_600_000 + "1]\n")
    return ["roles/many.yaml"]


def case_largest_yaml(root: Path) -> list[str]:
    levels = "".join(
        f"  - level: l{n}\n    title: Level {n} product manager\n    responsibilities:\n"
        f"      - Lead discovery for team {n} and report to the chairman\n"
        for n in range(30_000)
    )
    _write(root, "roles/big.yaml", "kind: role\nid: pm\ntitle: PM\nframework: pm\nlevels:\n" + levels)
    return ["roles/big.yaml"]


def case_unclosed_comments(root: Path) -> list[str]:
    _write(root, "adverts/comments.md", "<!--" * 1_200_000)
    return ["adverts/comments.md"]


def case_link_openers(root: Path) -> list[str]:
    _write(root, "adverts/links.md", "[" * 4_900_000)
    return ["adverts/links.md"]


def case_link_openers_1mb(root: Path) -> list[str]:
    _write(root, "adverts/links.md", "[" * 1_000_000)
    return ["adverts/links.md"]


def case_bracket_words_1mb(root: Path) -> list[str]:
    _write(root, "adverts/words.md", "[ " * 500_000)
    return ["adverts/words.md"]


def case_headings(root: Path) -> list[str]:
    _write(root, "adverts/headings.md", "# Responsibilities\n" * 250_000)
    return ["adverts/headings.md"]


def case_suppressions(root: Path) -> list[str]:
    used = "<!-- rolelint-disable-next-line RL101 -->\nSalary: [Insert amount]\n" * 30_000
    unused = "<!-- rolelint-disable-next-line RL101 -->\nSalary: agreed\n" * 30_000
    _write(root, "adverts/suppressed.md", used + unused)
    return ["adverts/suppressed.md"]


def case_link_to_root(root: Path) -> list[str]:
    _write(root, "roles/pm.yaml", ROLE.format(n=1))
    os.symlink("/", root / "roles" / "everything")
    os.symlink("loop", root / "roles" / "loop.md")
    return ["."]


def case_fifo(root: Path) -> list[str]:
    _write(root, "roles/pm.yaml", ROLE.format(n=1))
    os.mkfifo(root / "roles" / "pipe.yaml")
    return ["."]


def case_tree(count: int):
    def build(root: Path) -> list[str]:
        for n in range(count):
            directory = root / "roles" / f"group-{n // 500:03}"
            if n % 500 == 0:
                directory.mkdir(parents=True)
            (directory / f"role-{n % 500:03}.yaml").write_text(ROLE.format(n=n))
        return ["."]

    return build


def case_advert_tree(count: int):
    def build(root: Path) -> list[str]:
        text = _advert_text()
        for n in range(count):
            _write(root, f"adverts/group-{n // 500:03}/advert-{n % 500:03}.md", text)
        return ["."]

    return build


# name -> (what it is, how to build it, extra arguments)
PACK_RULE = """code: XX101
name: team-rule
severity: warning
kind: regex
message: "'{{match}}' found"
regex:
  pattern: '{pattern}'
docs: {{what: x, why: x, example: x, use_instead: x, references: []}}
examples: {{fail: [x], pass: [y]}}
"""


def case_pack_regex(pattern: str, size: int):
    def build(root: Path) -> list[str]:
        _write(root, ".rolelint.yaml", CONFIG + "rule_packs: [team]\n")
        _write(root, "team/XX101-team-rule.yaml", PACK_RULE.format(pattern=pattern))
        _write(root, "adverts/a.md", "# About the role\n\n" + _repeat_to(" ".join(["alpaca" * 20] * 13), size) + "\n")
        return ["adverts/a.md"]

    return build


PATTERN_RULE = """\
code: XX101
name: team-rule
severity: warning
kind: pattern
message: found
pattern:
  - {tokens}
docs: {{what: x, why: x, example: x, use_instead: x, references: []}}
examples: {{fail: [x], pass: [y]}}
"""
ANY_A = '{OP: "*"}, {LOWER: a}, '


def case_pack_pattern(tokens: str, words: int):
    def build(root: Path) -> list[str]:
        _write(root, ".rolelint.yaml", CONFIG + "rule_packs: [team]\n")
        _write(root, "team/XX101-team-rule.yaml", PATTERN_RULE.format(tokens=tokens))
        _write(root, "adverts/a.md", "# About the role\n\n" + " ".join(["a"] * words) + " b\n")
        return ["adverts/a.md"]

    return build


def case_evasion(root: Path) -> list[str]:
    sys.path.insert(0, str(Path(__file__).resolve().parents[2]))
    from tests.hostile.test_evasion import VARIANTS

    lines = [f"We want a {written} for the team." for _, written, _, _ in VARIANTS]
    _write(root, "adverts/evasive.md", "# About the role\n\n" + "\n\n".join(lines) + "\n")
    return ["adverts/evasive.md"]


def case_config(setting: str, files: dict[str, str | bytes] | None = None):
    def build(root: Path) -> list[str]:
        _write(root, ".rolelint.yaml", CONFIG + setting + "\n")
        for name, content in (files or {"adverts/a.md": "# About the role\n\nWe want a rockstar.\n"}).items():
            _write(root, name, content)
        return ["."]

    return build


def case_escapes(root: Path) -> list[str]:
    osc52 = "\x1b]52;c;cm0gLXJmIH4=\x07"
    _write(root, "adverts/a.md", f"# About the role {osc52}\n\nWe want a rockstar \x1b[2J\x9b31m now.\n")
    _write(root, f"adverts/name{osc52}.md", "# About the role\n\nA ninja.\n")
    return ["adverts"]


CASES = {
    "corpus": ("../shared/corpus: 821 real frameworks, roles and adverts", case_corpus, []),
    "advert-1mb": ("a real GDS advert repeated to 1 MB", case_1mb_advert, []),
    "advert-4.9mb": ("a real GDS advert repeated to 4.9 MB (just under max_file_size)", case_largest_advert, []),
    "over-limit": ("6 MB file", case_over_limit, []),
    "random-bytes": ("4.9 MB of random bytes named .md", case_random_bytes, []),
    "long-line": ("one 4.9 MB line of prose ending in a placeholder", case_long_line, []),
    "yaml-4.9mb": ("4.9 MB role with 30,000 levels", case_largest_yaml, []),
    "billion-laughs": ("9-level billion laughs (10^9 values)", case_billion_laughs, []),
    "text-alias-bomb": ("1,000 aliases of a 108 kB paragraph (108 MB of text)", case_text_alias_bomb, []),
    "deep-nesting": ("1,000,000 nested `[`", case_deep_nesting, []),
    "many-values": ("a 4.8 MB flow list of 1.6 million values", case_many_values, []),
    "unclosed-comments": ("1.2 million unclosed `<!--` (4.8 MB)", case_unclosed_comments, []),
    "link-openers": ("4.9 MB of `[`", case_link_openers, []),
    "link-openers-1mb": ("1 MB of `[` (a million one-character tokens)", case_link_openers_1mb, []),
    "bracket-words-1mb": ("1 MB of `[ ` (half a million tokens, 10,000-character pieces)", case_bracket_words_1mb, []),
    "headings": ("250,000 headings (4.8 MB)", case_headings, []),
    "suppressions": ("60,000 suppressions over 30,000 findings", case_suppressions, []),
    "link-to-root": ("a link to / and a link loop in the tree", case_link_to_root, []),
    "fifo": ("a named pipe called pipe.yaml", case_fifo, []),
    "tree-100k": ("100,000 role files (RL0 rules)", case_tree(100_000), ["--select", "RL0"]),
    "tree-100k-all": ("100,000 role files (all rules)", case_tree(100_000), []),
    "adverts-2k": ("2,000 copies of a real advert (all rules)", case_advert_tree(2_000), []),
    "pack-regex-1.5kb": (
        "a pack regex `\\w*a\\w*a\\w*a\\w*a\\w*b` over a 1.5 kB paragraph (issue 13)",
        case_pack_regex(r"\w*a\w*a\w*a\w*a\w*b", 1_500),
        ["--select", "XX"],
    ),
    "pack-regex-bounded-1mb": (
        "a pack regex of three `[a-z]{0,400}` and `q` over 1 MB of words",
        case_pack_regex("[a-z]{0,400}[a-z]{0,400}[a-z]{0,400}q", 1_000_000),
        ["--select", "XX"],
    ),
    "pack-pattern-issue": (
        'the pack token pattern `[{OP: "*"}, {LOWER: a}] x 3 + [{LOWER: b}]` over 600 tokens of `a` (issue 13)',
        case_pack_pattern("[" + ANY_A * 3 + "{LOWER: b}]", 600),
        ["--select", "XX"],
    ),
    "pack-pattern-costly": (
        'a costly pack token pattern that is accepted, `[{OP: "*"}, {LOWER: a}] x 2 + [{LOWER: b}]`, '
        "over 20,000 tokens of `a`",
        case_pack_pattern("[" + ANY_A * 2 + "{LOWER: b}]", 20_000),
        ["--select", "XX"],
    ),
    "evasion": ("232 flagged words written to evade the rules (tests/hostile/test_evasion.py)", case_evasion, []),
    "cache-dir-outside": ("config `cache_dir: ../elsewhere`", case_config("cache_dir: ../elsewhere"), []),
    "rule-pack-root": ("config `rule_packs: [/]`", case_config("rule_packs: ['/']"), []),
    "max-file-size-50mb": (
        "config `max_file_size: 50000000` and a 50 MB advert",
        case_config("max_file_size: 50000000", {"adverts/a.md": b"We want a rockstar. " * 2_500_000}),
        [],
    ),
    "padded-6mb": (
        "a 6 MB advert padding a rockstar past the limit",
        case_config("", {"adverts/a.md": "We want a rockstar." + " " * 6_000_000}),
        ["--fail-on", "error"],
    ),
    "escape-sequences": (
        "OSC 52 and CSI sequences in a file and a file name (text output)",
        case_escapes,
        ["--format", "text"],
    ),
}


MEMORY_CAP = 12 * 1024**3  # a runaway case fails alone instead of waking the OOM killer on a shared machine


def _cap_memory() -> None:
    import resource

    resource.setrlimit(resource.RLIMIT_AS, (MEMORY_CAP, MEMORY_CAP))


def measure(name: str) -> dict:
    what, build, extra = CASES[name]
    with tempfile.TemporaryDirectory() as directory:
        root = Path(directory)
        _write(root, ".rolelint.yaml", CONFIG)
        paths = build(root)
        command = [sys.executable, "-m", "rolelint", "check", "--format", "json", "--no-cache", *extra, *paths]
        started = time.monotonic()
        with tempfile.TemporaryFile() as out, tempfile.TemporaryFile() as err:
            child = subprocess.Popen(command, cwd=root, stdout=out, stderr=err, preexec_fn=_cap_memory)
            _, status, usage = os.wait4(child.pid, 0)
            child.returncode = os.waitstatus_to_exitcode(status)
            elapsed = time.monotonic() - started
            out.seek(0)
            err.seek(0)
            stdout, stderr = out.read().decode("utf-8", "replace"), err.read().decode("utf-8", "replace")
    try:
        diagnostics = json.loads(stdout)["diagnostics"]
    except ValueError:
        diagnostics = []
    if not diagnostics and stdout.strip() and not stdout.lstrip().startswith("{"):  # a text report
        safe = "no raw escape character in the output" if "\x1b" not in stdout + stderr else "RAW ESCAPES IN OUTPUT"
        return {
            "name": name,
            "what": what,
            "seconds": elapsed,
            "cpu": usage.ru_utime + usage.ru_stime,
            "peak_mb": usage.ru_maxrss / 1024,
            "exit": child.returncode,
            "answer": f"{safe}; {stdout.strip().splitlines()[-1]}",
            "example": next((line for line in stdout.splitlines() if "\\x1b" in line), ""),
        }
    codes = Counter(d["code"] for d in diagnostics)
    first = next((d for d in diagnostics if d["code"].startswith("RL0")), diagnostics[0] if diagnostics else None)
    answer = ", ".join(f"{code} x{count:,}" if count > 1 else code for code, count in sorted(codes.items()))
    return {
        "name": name,
        "what": what,
        "seconds": elapsed,
        "cpu": usage.ru_utime + usage.ru_stime,
        "peak_mb": usage.ru_maxrss / 1024,
        "exit": child.returncode,
        "answer": answer or "no findings",
        "example": f"{first['path']}:{first['line']}:{first['column']} {first['code']} {first['message']}"
        if first
        else stderr.strip().splitlines()[-1]
        if stderr.strip()
        else "",
    }


def main(names: list[str]) -> None:
    print("| input | wall | CPU | peak memory | exit | answer |")
    print("|---|---:|---:|---:|---:|---|")
    for name in names or list(CASES):
        row = measure(name)
        example = row["example"][:160].replace("|", "\\|")
        print(
            f"| {row['what']} | {row['seconds']:.1f} s | {row['cpu']:.1f} s | {row['peak_mb']:,.0f} MB | {row['exit']} | "
            f"{row['answer']}; e.g. `{example}` |",
            flush=True,
        )


if __name__ == "__main__":
    main(sys.argv[1:])
