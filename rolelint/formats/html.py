"""HTML pages: an advert as published (rolelint.htmltext reads its text with positions in the source).

A schema.org JobPosting in a `<script type="application/ld+json">` gives the advert's metadata
(salary, location, closing date …; see formats/jsonld.py), and its description is the advert's text
when the page shows none of its own.
"""

from __future__ import annotations

import re

from rolelint.diagnostics import Finding
from rolelint.documents import Document
from rolelint.formats.base import Format
from rolelint.formats.common import kind_of
from rolelint.formats.frontmatter import FrontMatter, is_site_metadata, read_front_matter
from rolelint.formats.jsonld import job_posting_in_page
from rolelint.formats.markdown import NO_BODY
from rolelint.htmltext import read_html
from rolelint.source import SourceText

_BLANK = re.compile(r"[^\r\n]")


def parse_html(source: SourceText, kind_hint: str | None) -> tuple[Document, list[Finding]]:
    document = Document(source=source, kind=None, format="html")
    findings: list[Finding] = []
    text = source.text
    # a page a static-site generator renders (Jekyll, Hugo) may open with front matter, as Markdown
    # does: its metadata, not the page's text
    front = read_front_matter(text) if text.startswith(("---", "+++")) else FrontMatter()
    if front.syntax is not None and not front.body_start:
        # a fence never closed: an HTML page that opens with a rule of dashes, not front matter
        front = FrontMatter()
    if front.syntax is not None:
        findings.extend(front.findings)
        document.front_matter = front.syntax
        # the page read with its front matter blanked, so that positions stay the file's
        text = _BLANK.sub(" ", text[: front.body_start]) + text[front.body_start :]
    page = read_html(text)
    posting = job_posting_in_page(page.scripts, text)
    findings.extend(posting.findings)
    # the JSON-LD posting is the page's own statement of the job: its keys win over the front matter's
    document.data = {**front.data, **posting.data}
    document.nodes = {**front.nodes, **posting.nodes}
    document.key_nodes = {**front.key_nodes, **posting.key_nodes}
    document.kind, document.kind_source = kind_of(document.data, kind_hint, default="advert")
    if document.kind == "advert" and front.data and is_site_metadata(front.data):
        document.site_metadata = True  # the site's own keys (`layout`, `permalink` …), as in Markdown
    document.spans.extend(front.spans)
    document.body_start = front.body_start
    if page.spans:
        document.sections = page.sections
        document.spans.extend(page.spans)
    elif posting.spans:  # a page whose advert is only in its JSON-LD (shown by a script)
        document.sections = posting.sections
        document.spans.extend(posting.spans)
    elif front.syntax is not None:
        # front matter and no page: a layout renders the front matter's fields, as in Markdown (the
        # finding is withdrawn where a site's own keys hold the advert's prose)
        findings.append(Finding("RL003", NO_BODY, max(front.body_start - 1, 0), max(front.body_start - 1, 0)))
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
