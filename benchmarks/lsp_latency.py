"""Editor latency of `rolelint lsp`: from didChange to publishDiagnostics, and the server's memory.

    python benchmarks/lsp_latency.py [--edits 200] [--debounce 0] [--no-ddat]

A workspace is made in a temporary folder: a copy of examples/ and, when ../shared/corpus is there,
the DDaT capability framework imported with `rolelint import ddat` (53 files), under one config.
The server is started as an editor starts it (`rolelint lsp` on stdio, driven by pygls' client). A
1,000-word advert of our own words, claiming a role level of the examples' framework, is opened;
then, after start-up, it is edited `--edits` times (one word inserted or removed at a random place
of its body, as typing does), each edit waiting for its diagnostics: p50/p95/max of the time from
sending the change to receiving the diagnostics of that version, and the server's CPU time per edit
(user + system, from /proc). The peer, in the same run: the same edits linted in this process by
`Linter.lint_text` alone (no LSP, no worker thread), so the ratio is the server's own overhead.

Then every file of the workspace is opened in the server, and its resident memory read (VmRSS, VmHWM).
Load averages are printed before and after: on a shared machine, wall times swell and CPU times hold.
"""

from __future__ import annotations

import argparse
import asyncio
import os
import random
import shutil
import statistics
import subprocess
import sys
import tempfile
import time
from pathlib import Path

from lsprotocol import types
from pygls.lsp.client import LanguageClient

REPO = Path(__file__).resolve().parents[1]
DDAT = REPO.parent / "shared" / "corpus" / "ddat-capability-framework" / "official-csv"
sys.path.insert(0, str(REPO / "benchmarks"))

from generate import NOUNS, PEOPLE, VERBS  # noqa: E402

CONFIG = """kinds:
  framework: ["frameworks/**/*.yaml", "ddat/frameworks/**/*.yaml"]
  role: ["roles/**/*.yaml", "ddat/roles/**/*.yaml"]
  advert: ["adverts/**/*.md", "adverts/**/*.yaml"]
"""
SECTIONS = [
    "About the role",
    "What you'll do",
    "Essential criteria",
    "Desirable criteria",
    "Pay and benefits",
    "How to apply",
]


def advert(words: int, seed: int = 7) -> str:
    """A Markdown advert of about ``words`` words, written from the generator's small vocabularies."""
    rng = random.Random(seed)
    lines = [
        "---",
        "kind: advert",
        "title: Senior product manager",
        "framework: product-management",
        "role: product-manager",
        "level: senior",
        "salary: {min: 55000, max: 61000, currency: GBP, period: year}",
        "location: Leeds",
        "---",
        "# Senior product manager",
        "",
    ]
    count = 0
    section = 0
    while count < words:
        lines += [f"## {SECTIONS[section % len(SECTIONS)]}", ""]
        section += 1
        for _ in range(4):
            if section % 2:
                sentence = (
                    f"You will {rng.choice(VERBS).lower()} the {rng.choice(NOUNS)} with "
                    f"{rng.choice(PEOPLE)}, and {rng.choice(VERBS).lower()} the {rng.choice(NOUNS)} "
                    f"so that {rng.choice(PEOPLE)} can {rng.choice(VERBS).lower()} it."
                )
                lines.append(sentence)
            else:
                sentence = f"- {rng.choice(VERBS)} the {rng.choice(NOUNS)} with {rng.choice(PEOPLE)}"
                lines.append(sentence)
            count += len(sentence.split())
        lines.append("")
    return "\n".join(lines) + "\n"


def workspace(root: Path, *, ddat: bool) -> Path:
    shutil.copytree(REPO / "examples", root, dirs_exist_ok=True)
    (root / ".rolelint.yaml").write_text(CONFIG, encoding="utf-8")
    if ddat and DDAT.is_dir():
        subprocess.run(
            [
                sys.executable,
                "-m",
                "rolelint",
                "import",
                "ddat",
                str(DDAT / "roles.csv"),
                str(DDAT / "skills.csv"),
                "-o",
                str(root / "ddat"),
            ],
            check=True,
            capture_output=True,
        )
    return root


def edits(text: str, count: int, seed: int = 11):
    """``count`` successive (start, end, new text, resulting text) edits inside the advert's body:
    a word typed in, or the last typed word taken out again."""
    rng = random.Random(seed)
    body = text.index("# Senior product manager")
    typed = None
    for number in range(count):
        if typed is not None and number % 2:
            start, word = typed
            new = text[:start] + text[start + len(word) :]
            yield start, start + len(word), "", new
            text, typed = new, None
            continue
        spaces = [i for i in range(body, len(text)) if text[i] == " "]
        at = rng.choice(spaces)
        word = f" {rng.choice(NOUNS).split()[0]}"
        new = text[:at] + word + text[at:]
        yield at, at, word, new
        text, typed = new, (at, word)


def position(text: str, offset: int) -> types.Position:
    line = text.count("\n", 0, offset)
    return types.Position(line, offset - (text.rfind("\n", 0, offset) + 1))  # ASCII text: characters = units


def cpu_seconds(pid: int) -> float:
    fields = Path(f"/proc/{pid}/stat").read_text().rsplit(")", 1)[1].split()
    return (int(fields[11]) + int(fields[12])) / os.sysconf("SC_CLK_TCK")


def memory(pid: int) -> dict[str, float]:
    out = {}
    for line in Path(f"/proc/{pid}/status").read_text().splitlines():
        if line.startswith(("VmRSS:", "VmHWM:")):
            out[line.split(":")[0]] = int(line.split()[1]) / 1024
    return out


def percentile(values: list[float], share: float) -> float:
    ordered = sorted(values)
    return ordered[min(len(ordered) - 1, round(share * (len(ordered) - 1)))]


async def measure(root: Path, text: str, changes: list, *, debounce: int) -> dict:
    client = LanguageClient("bench", "1")
    arrived: dict[tuple[str, int | None], float] = {}

    @client.feature(types.TEXT_DOCUMENT_PUBLISH_DIAGNOSTICS)
    def diagnostics(params: types.PublishDiagnosticsParams):
        arrived[(params.uri, params.version)] = time.perf_counter()

    await client.start_io(sys.executable, "-m", "rolelint", "lsp")
    pid = client._server.pid
    try:
        await client.initialize_async(
            types.InitializeParams(
                capabilities=types.ClientCapabilities(),
                process_id=os.getpid(),
                root_uri=root.as_uri(),
                workspace_folders=[types.WorkspaceFolder(root.as_uri(), "bench")],
                initialization_options={"debounce": debounce},
            )
        )
        client.initialized(types.InitializedParams())

        async def wait(uri: str, version: int | None, timeout: float = 600.0) -> float:
            deadline = time.perf_counter() + timeout
            while (uri, version) not in arrived:
                if time.perf_counter() > deadline:
                    raise TimeoutError(f"no diagnostics for {uri} version {version}")
                await asyncio.sleep(0.0005)
            return arrived[(uri, version)]

        uri = (root / "adverts" / "bench.md").as_uri()
        started = time.perf_counter()
        client.text_document_did_open(
            types.DidOpenTextDocumentParams(
                types.TextDocumentItem(uri=uri, language_id="markdown", version=1, text=text)
            )
        )
        first = await wait(uri, 1) - started
        latencies = []
        cpu_before = cpu_seconds(pid)
        current = text
        for version, (start, end, new_text, after) in enumerate(changes, start=2):
            change = types.TextDocumentContentChangePartial(
                range=types.Range(position(current, start), position(current, end)), text=new_text
            )
            sent = time.perf_counter()
            client.text_document_did_change(
                types.DidChangeTextDocumentParams(
                    types.VersionedTextDocumentIdentifier(uri=uri, version=version), [change]
                )
            )
            latencies.append(await wait(uri, version) - sent)
            current = after
            await asyncio.sleep(0.01)
        cpu = cpu_seconds(pid) - cpu_before

        files = sorted(p for p in root.rglob("*") if p.suffix in (".yaml", ".md") and p.name != ".rolelint.yaml")
        for path in files:
            language = "markdown" if path.suffix == ".md" else "yaml"
            client.text_document_did_open(
                types.DidOpenTextDocumentParams(
                    types.TextDocumentItem(
                        uri=path.as_uri(), language_id=language, version=1, text=path.read_text(encoding="utf-8")
                    )
                )
            )
        for path in files:
            await wait(path.as_uri(), 1)
        mem = memory(pid)
        await client.shutdown_async(None)
        client.exit(None)
    finally:
        await client.stop()
    return {"first": first, "latencies": latencies, "cpu": cpu, "memory": mem, "files": len(files)}


def peer(root: Path, text: str, changes: list) -> dict:
    """The same edits linted in this process by the API alone."""
    import rolelint

    linter = rolelint.Linter(start=root)
    linter.lint_text(text, name="adverts/bench.md")
    walls = []
    cpu = time.process_time()
    for _, _, _, after in changes:
        started = time.perf_counter()
        linter.lint_text(after, name="adverts/bench.md")
        walls.append(time.perf_counter() - started)
    return {"latencies": walls, "cpu": time.process_time() - cpu}


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--edits", type=int, default=200)
    parser.add_argument("--words", type=int, default=1000)
    parser.add_argument("--debounce", type=int, default=0, help="the server's debounce, ms (0: every edit at once)")
    parser.add_argument("--no-ddat", action="store_true", help="the examples only, not the imported DDaT framework")
    args = parser.parse_args()
    from rolelint.nlp import one_blas_thread

    one_blas_thread()  # as the command line (and so the server) does, for the peer in this process
    text = advert(args.words)
    changes = list(edits(text, args.edits))
    load_before = os.getloadavg()
    with tempfile.TemporaryDirectory() as folder:
        root = workspace(Path(folder), ddat=not args.no_ddat)
        server = asyncio.run(measure(root, text, changes, debounce=args.debounce))
        alone = peer(root, text, changes)
    load_after = os.getloadavg()
    lat = [1000 * v for v in server["latencies"]]
    api = [1000 * v for v in alone["latencies"]]
    n = len(lat)
    rows = [
        ("advert", f"{len(text.split())} words, {len(text):,} characters; {n} edits"),
        (
            "workspace",
            f"examples/{' + DDaT import' if not args.no_ddat and DDAT.is_dir() else ''}; {server['files']} files opened for the memory row",
        ),
        ("first diagnostics after didOpen (loads spaCy and the index)", f"{server['first']:.2f} s"),
        ("didChange -> publishDiagnostics p50", f"{statistics.median(lat):.1f} ms"),
        ("didChange -> publishDiagnostics p95 (target <= 50 ms)", f"{percentile(lat, 0.95):.1f} ms"),
        ("didChange -> publishDiagnostics max", f"{max(lat):.1f} ms"),
        ("server CPU per edit (user + system)", f"{1000 * server['cpu'] / n:.1f} ms"),
        (
            "peer: Linter.lint_text in-process p50 / p95",
            f"{statistics.median(api):.1f} / {percentile(api, 0.95):.1f} ms",
        ),
        ("peer CPU per edit", f"{1000 * alone['cpu'] / n:.1f} ms"),
        ("server p50 / peer p50", f"{statistics.median(lat) / statistics.median(api):.2f}x"),
        ("server CPU / peer CPU per edit", f"{server['cpu'] / alone['cpu']:.2f}x"),
        (
            "server memory with every file open: VmRSS / VmHWM",
            f"{server['memory'].get('VmRSS', 0):.0f} / {server['memory'].get('VmHWM', 0):.0f} MB",
        ),
        (
            "load average before / after (1 min)",
            f"{load_before[0]:.1f} / {load_after[0]:.1f} on {os.cpu_count()} cores",
        ),
    ]
    print("| measure | value |\n|---|---|")
    for name, value in rows:
        print(f"| {name} | {value} |")


if __name__ == "__main__":
    main()
