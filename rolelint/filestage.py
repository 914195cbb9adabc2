"""The per-file stage of a run: load, validate and run text rules, one file's result independent of
every other file's — which is what makes it cacheable and parallel.

Which files go through it where (cached results, this process, worker processes) is decided by
rolelint.schedule. Profession rules, placing and suppressions come after, in the engine, because
they need the whole run.
"""

from __future__ import annotations

from dataclasses import dataclass

from rolelint.config import Config
from rolelint.diagnostics import Finding
from rolelint.discovery import FileEntry
from rolelint.documents import Document, give_role_level
from rolelint.formats import format_for
from rolelint.formats.markdown import NO_BODY
from rolelint.loaders import load_content, load_file
from rolelint.placing import PlacedFile, place_file
from rolelint.registry import RuleCatalogue
from rolelint.source import SourceText

# Files and bytes per text-rule pass: enough spans to keep spaCy's batches full, few enough that
# the pass stays a small part of memory. spaCy's memory grows with the tokens in flight (about 15 KB
# a token while tagging), so bytes are the bound that matters; one file is never split.
CHUNK_FILES = 64
CHUNK_BYTES = 64_000


@dataclass
class FileOutcome:
    """One file after the per-file stage. ``document`` is None when the file has no lintable
    document, or when nothing later needs it (no profession rule is active)."""

    display: str
    findings: list[Finding]
    source: SourceText | None
    document: Document | None = None
    kind: str | None = None  # the document's kind, kept when the document itself is dropped
    # Read from disk by this run, with the kind hint the profession index would give it, and holding
    # no document of a kind: the index, which reads such a file as this stage did, need not read it again.
    holds_no_kind: bool = False
    # The findings placed and the file's suppression comments read (``lint_chunk`` with ``place``):
    # the run adds the profession rules' findings and applies the suppressions.
    placed: PlacedFile | None = None
    # Not rolelint's to lint (``is_left_alone``): no findings, and the run names it as left alone.
    left_alone: bool = False


def is_left_alone(entry: FileEntry, document: Document | None, config: Config) -> bool:
    """Whether a file is not rolelint's to lint: the one rule every front end follows (`rolelint check`
    and its standard input, ``Linter.lint_text`` / ``lint_bytes``, the editor server), given the
    file's path relative to the config's root and its parsed ``document``.

    A Markdown, text, HTML, Word or JSON-LD file is an advert by default only where the config does
    not say where adverts are: with `kinds.advert`, a `docs/guide.md` or `adverts/page.html` that no
    `kinds:` glob places and that does not say `kind:` itself is left alone, and nothing is reported
    on it. A YAML file is never left alone (without a kind it gets RL006), and a kind the caller
    names (``FileEntry.kind``: a web page's upload, an untitled editor buffer) wins over the globs."""
    if (
        entry.kind
        or not config.places_adverts
        or format_for(entry.path).name == "yaml"
        or config.kind_for(entry.relative)
    ):
        return False
    return document is None or document.kind_source == "default"


def load_entry(entry: FileEntry, config: Config) -> FileOutcome:
    """Read and parse one file, decide its kind and validate it against its kind's schema."""
    kind_hint = entry.kind or config.kind_for(entry.relative)
    if entry.content is not None:
        loaded = load_content(
            entry.content, entry.display, fmt=format_for(entry.path), kind_hint=kind_hint, options=config.load_options
        )
    else:
        loaded = load_file(entry.path, entry.display, kind_hint=kind_hint, options=config.load_options)
    if is_left_alone(entry, loaded.document, config):
        return FileOutcome(entry.display, [], loaded.source, left_alone=True)
    findings = list(loaded.findings)
    document = loaded.document
    holds_no_kind = entry.content is None and not entry.kind and (document is None or document.kind is None)
    if document is not None and document.kind is None:
        if not any(f.code == "RL001" for f in loaded.findings) and document.data:
            findings.append(
                Finding(
                    "RL006",
                    "no `kind:` key and no `kinds:` glob in the config matches this "
                    "file, so it was skipped; add `kind: framework|role|advert`",
                    0,
                    0,
                )
            )
        document = None
    elif document is not None and (document.data or document.format == "yaml"):
        from rolelint.schema import site_prose, site_prose_is_text, validate_document  # a bare draft has no metadata

        if document.site_metadata:
            document.spans = site_prose(document.spans)
            if site_prose_is_text(document.spans):  # the rules read it: the advert is not without text
                findings = [f for f in findings if not (f.code == "RL003" and f.message == NO_BODY)]
        findings.extend(validate_document(document, strict_front_matter=config.strict_front_matter))
    if document is not None and entry.role_level:
        give_role_level(document, entry.role_level)  # after validation: it checks what the file says
    return FileOutcome(
        entry.display, findings, loaded.source, document, document.kind if document else None, holds_no_kind
    )


def lint_chunk(
    entries: list[FileEntry],
    config: Config,
    catalogue: RuleCatalogue,
    active: set[str],
    *,
    keep_documents: bool = True,
    place: bool = False,
    keep_findings: bool = True,
) -> list[FileOutcome]:
    """The per-file stage for ``entries``, with one batched text-rule pass over all of them.
    ``place``: also place each file's findings and read its suppression comments (``placed``), and
    keep the findings themselves only with ``keep_findings`` (the result cache stores them)."""
    outcomes = [load_entry(entry, config) for entry in entries]
    documents = [o.document for o in outcomes if o.document is not None]
    text_findings = catalogue.run_text_rules(documents, active, config)
    for entry, outcome in zip(entries, outcomes):
        outcome.findings.extend(text_findings.get(outcome.display, ()))
        if not keep_documents:
            outcome.document = None
        if place:
            outcome.placed = place_file(
                outcome.findings, outcome.source, entry, outcome.display, active, catalogue, config
            )
            if not keep_findings:
                outcome.findings = []
    return outcomes


def file_size(entry: FileEntry) -> int:
    try:
        return entry.path.stat().st_size
    except OSError:
        return 0


def chunk_entries(
    entries: list[FileEntry], *, max_files: int = CHUNK_FILES, max_bytes: int = CHUNK_BYTES
) -> list[list[FileEntry]]:
    """Consecutive runs of entries, each at most ``max_files`` long and ``max_bytes`` big (or one file)."""
    chunks: list[list[FileEntry]] = []
    current: list[FileEntry] = []
    size = 0
    for entry in entries:
        length = file_size(entry)
        if current and (len(current) >= max_files or size + length > max_bytes):
            chunks.append(current)
            current, size = [], 0
        current.append(entry)
        size += length
    if current:
        chunks.append(current)
    return chunks
