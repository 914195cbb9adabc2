"""HTML pages: an advert as published (rolelint.htmltext reads its text with positions in the source).

A schema.org JobPosting in a `<script type="application/ld+json">` gives the advert's metadata
(salary, location, closing date …; see formats/jsonld.py), and its description is the advert's text
when the page shows none of its own.
"""

from __future__ import annotations

from rolelint.diagnostics import Finding
from rolelint.documents import Document
from rolelint.formats.base import Format
from rolelint.formats.common import kind_of
from rolelint.formats.jsonld import job_posting_in_page
from rolelint.htmltext import read_html
from rolelint.source import SourceText


def parse_html(source: SourceText, kind_hint: str | None) -> tuple[Document, list[Finding]]:
    document = Document(source=source, kind=None, format="html")
    findings: list[Finding] = []
    page = read_html(source.text)
    posting = job_posting_in_page(page.scripts, source.text)
    findings.extend(posting.findings)
    document.data = posting.data
    document.nodes = posting.nodes
    document.key_nodes = posting.key_nodes
    document.kind, document.kind_source = kind_of(document.data, kind_hint, default="advert")
    document.body_start = 0
    if page.spans:
        document.sections = page.sections
        document.spans = page.spans
    elif posting.spans:  # a page whose advert is only in its JSON-LD (shown by a script)
        document.sections = posting.sections
        document.spans = posting.spans
    else:
        findings.append(Finding("RL003", "the page has no text to lint", 0, 0))
        document.kind = None
    return document, findings


HTML = Format(
    name="html",
    suffixes=(".html", ".htm", ".xhtml"),
    parse=parse_html,
    suppressions="html",
    description="HTML: an advert as a web page (headings, lists and paragraphs; JSON-LD JobPosting metadata)",
    default_globs=("**/*.html", "**/*.htm"),
    fixable=False,
)
