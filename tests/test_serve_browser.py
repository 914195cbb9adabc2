"""`rolelint serve` in a real browser: Debian's Chromium driven by Playwright, against the real command.

Paste, type, fix, upload, download, choose a role level, hostile text, keyboard only, and axe-core's
WCAG 2.2 AA check. The screenshots in docs/images/ come from here: set ROLELINT_UPDATE_SCREENSHOTS=1
to write them (otherwise they go to a temporary folder, so a test run leaves the checkout clean).
"""

from __future__ import annotations

import json
import os
import re
import time

import pytest
from serve_helpers import CHROMIUM_ARGS, REPO, chromium_or_skip, running_server

pytestmark = pytest.mark.slow

playwright_api = pytest.importorskip("playwright.sync_api")
axe_api = pytest.importorskip("axe_playwright_python.sync_playwright")

WCAG_22_AA = ["wcag2a", "wcag2aa", "wcag21a", "wcag21aa", "wcag22a", "wcag22aa"]
SKETCHY = (
    "# Rockstar developer\n\nHey guys, our chairman needs a ninja who can hit the ground running.\n\n"
    "## Salary\n\n[Insert amount]\n"
)


@pytest.fixture(scope="module")
def browser():
    executable = chromium_or_skip()
    with playwright_api.sync_playwright() as driver:
        launched = driver.chromium.launch(executable_path=executable, args=CHROMIUM_ARGS)
        try:
            yield launched
        finally:
            launched.close()


@pytest.fixture(scope="module")
def server():
    with running_server() as running:
        yield running


@pytest.fixture(scope="module")
def repo_server():
    with running_server("--repo", "examples") as running:
        yield running


@pytest.fixture
def page(browser):
    context = browser.new_context(viewport={"width": 1360, "height": 1000}, accept_downloads=True)
    opened = context.new_page()
    problems: list[str] = []
    opened.on("pageerror", lambda error: problems.append(f"page error: {error}"))
    opened.on(
        "console",
        lambda message: problems.append(f"console {message.type}: {message.text}") if message.type == "error" else None,
    )
    opened.on("dialog", lambda dialog: (problems.append(f"dialog: {dialog.message}"), dialog.dismiss()))
    opened.problems = problems
    try:
        yield opened
    finally:
        context.close()


def _check(page, text: str) -> None:
    """Paste ``text`` into the advert box and wait for its findings."""
    page.fill("#advert", text)
    _wait_checked(page)


def _until(page, expression: str, timeout: float = 60) -> None:
    """Wait until ``expression`` is true in the page. (Playwright's wait_for_function builds its
    predicate with eval, which the page's Content-Security-Policy rightly forbids.)"""
    deadline = time.monotonic() + timeout
    while not page.evaluate(expression):
        if time.monotonic() > deadline:
            raise AssertionError(f"timed out waiting for {expression}")
        page.wait_for_timeout(50)


def _wait_checked(page) -> None:
    _until(page, "document.getElementById('status').textContent.startsWith('Checked')")


def _marks(page) -> list[dict]:
    return page.eval_on_selector_all(
        "#marked mark[data-ids]",
        "marks => marks.map(m => ({text: m.textContent, ids: m.dataset.ids, cls: m.className}))",
    )


def _finding_ids(page, code: str) -> list[str]:
    return page.eval_on_selector_all(f"#findings li[data-code='{code}']", "items => items.map(i => i.id.slice(8))")


def _axe(page) -> None:
    results = axe_api.Axe().run(page, options={"runOnly": {"type": "tag", "values": WCAG_22_AA}})
    assert results.violations_count == 0, results.generate_report()


# --- paste, type, fix ---------------------------------------------------------------------


def test_pasted_advert_highlights_sit_on_the_right_words(server, page):
    page.goto(server.url)
    _check(page, SKETCHY)
    marks = _marks(page)
    for code, words in (
        ("RL104", ["Rockstar", "ninja"]),
        ("RL109", ["guys", "chairman"]),
        ("RL118", ["hit the ground running"]),
        ("RL101", ["[Insert amount]"]),
    ):
        ids = set(_finding_ids(page, code))
        placed = sorted(m["text"] for m in marks if ids & set(m["ids"].split()))
        assert placed == sorted(words), (code, placed)
    error = next(m for m in marks if m["text"] == "[Insert amount]")
    assert "hl-error" in error["cls"]
    # Not colour alone: each highlight ends in a text label naming its severity and number.
    labels = page.eval_on_selector_all("#marked sup.tag", "tags => tags.map(t => t.textContent)")
    assert all(re.fullmatch(r"[EWI]\d+", label) for label in labels) and "E1" in labels
    assert page.locator("#findings li").first.locator(".badge").text_content() == "error"
    assert not page.problems


def test_the_summary_shows_each_measure_and_the_caveat_on_coded_words(server, page):
    page.goto(server.url)
    # (Before the salary section: there "competitive" is also RL121's vague pay, marked as a warning.)
    _check(page, SKETCHY.replace("Hey guys", "You are assertive and competitive. Hey guys"))
    summary = " ".join(page.locator("#summary").inner_text().split())
    for shown in (
        "shorter than 300",  # length against the 300-700 words that work best
        "(Flesch-Kincaid)",
        "not stated",
        "add a pay range",
        "Pay transparency laws",
        "how to apply",  # a core section missing
        "2 masculine-coded (assertive, competitive), 0 feminine-coded",
        "small effects on who applies",  # guidance, as the evidence supports, not a score
        "not a score to chase",
    ):
        assert shown in summary, (shown, summary)
    assert not page.locator("#marked mark.hl-coded").count()
    page.click("#toggle-coded")
    coded = page.eval_on_selector_all("#marked mark.hl-coded", "ms => ms.map(m => m.textContent)")
    assert coded == ["assertive", "competitive"]
    assert not page.problems


def test_a_benefits_section_without_pay_is_shown_as_what_is_offered_not_pay(server, page):
    page.goto(server.url)
    _check(page, "# Product designer\n\nYou will design the forms nurses use.\n\n## Benefits\n\nA pension.\n")
    chips = page.eval_on_selector_all("#summary .chip.found", "cs => cs.map(c => c.textContent)")
    assert "\u2713 what is offered (found)" in chips and not [c for c in chips if "pay" in c], chips
    assert "not stated" in page.locator("#summary").inner_text()


def test_highlights_stay_on_the_words_after_an_emoji(server, page):
    page.goto(server.url)
    _check(page, "# Lead 🚀🚀 rockstar\n\nHey 👋 guys!\n")
    texts = {m["text"] for m in _marks(page)}
    assert {"rockstar", "guys"} <= texts


def test_typing_rechecks_without_reloading_and_without_a_request_per_key(server, page):
    page.goto(server.url)
    _check(page, "# Product manager\n\nYou will run discovery.\n")
    page.evaluate("window.__sameDocument = true")
    checks: list[str] = []
    page.on("request", lambda request: checks.append(request.url) if request.url.endswith("/api/check") else None)
    page.focus("#advert")
    page.keyboard.press("End")
    page.keyboard.press("Control+End")
    page.keyboard.type(" We need a rockstar.", delay=40)
    _until(page, "[...document.querySelectorAll('#marked mark')].some(m => m.textContent === 'rockstar')")
    assert page.evaluate("window.__sameDocument") is True
    assert 1 <= len(checks) <= 4, checks  # debounced: not one request per key
    assert not page.problems


def test_one_click_applies_a_safe_fix(server, page):
    page.goto(server.url)
    _check(page, SKETCHY)
    page.get_by_role("button", name="Replace with “chair”").click()
    _until(page, "document.getElementById('status').textContent.startsWith('Replaced')")
    value = page.input_value("#advert")
    assert "our chair needs" in value and "chairman" not in value
    assert "chairman" not in {m["text"] for m in _marks(page)}


def test_apply_all_safe_fixes(server, page):
    page.goto(server.url)
    _check(page, "# Sales\n\nOur chairman wants a salesman who knows java script.\n")
    assert page.locator("#fix-all").text_content() == "Apply all safe fixes (3)"
    page.click("#fix-all")
    _until(page, "document.getElementById('status').textContent.startsWith('Applied')")
    assert page.input_value("#advert") == "# Sales\n\nOur chair wants a salesperson who knows JavaScript.\n"
    assert page.locator("#fix-all").is_disabled()
    assert page.locator("#status").text_content().startswith("Applied 3 safe fixes."), page.locator(
        "#status"
    ).text_content()


def test_applying_one_safe_fix_of_all_says_fix_in_the_singular(server, page):
    page.goto(server.url)
    _check(page, "# Sales\n\nOur chairman is hiring.\n")
    page.click("#fix-all")
    _until(page, "document.getElementById('status').textContent.startsWith('Applied')")
    assert page.locator("#status").text_content().startswith("Applied 1 safe fix."), page.locator(
        "#status"
    ).text_content()


def test_downloads_give_the_revised_text_and_a_printable_report(server, page, tmp_path):
    page.goto(server.url)
    _check(page, SKETCHY)
    findings = page.locator("#findings li").count()
    with page.expect_download() as text_download:
        page.click("#download-md")
    saved = tmp_path / "advert.md"
    text_download.value.save_as(saved)
    assert text_download.value.suggested_filename == "advert-revised.md"
    assert saved.read_text(encoding="utf-8") == SKETCHY
    with page.expect_download() as plain_download:
        page.click("#download-txt")
    assert plain_download.value.suggested_filename == "advert-revised.txt"
    with page.expect_download() as report_download:
        page.click("#download-report")
    report = tmp_path / "report.html"
    report_download.value.save_as(report)
    page.goto(report.as_uri())
    assert page.locator("h1").text_content() == "Advert report"
    assert page.locator("table.findings tbody tr").count() == findings
    assert "RL104" in page.content() and page.locator("mark").count() >= 4


# --- uploads ----------------------------------------------------------------------------------


def test_an_uploaded_markdown_file_is_shown_and_checked(server, page):
    page.goto(server.url)
    page.set_input_files(
        "#upload",
        files=[{"name": "draft.md", "mimeType": "text/markdown", "buffer": b"# Ninja wanted\r\n\r\nHey guys.\r\n"}],
    )
    _until(page, "document.getElementById('status').textContent.startsWith('Read draft.md')")
    assert page.input_value("#advert") == "# Ninja wanted\n\nHey guys.\n"
    assert {"Ninja", "guys"} <= {m["text"] for m in _marks(page)}


def test_a_windows_text_file_is_read_and_the_hint_names_its_encoding(server, page):
    page.goto(server.url)
    text = "Product designer\r\n\r\nSalary: £40,000 a year. Café on site; hey guys.\r\n"
    _upload(page, "notepad.txt", text.encode("cp1252"))
    _until(page, "document.getElementById('status').textContent.startsWith('Read notepad.txt')")
    assert page.input_value("#advert") == text.replace("\r\n", "\n")
    hint = page.locator("#advert-hint").text_content()
    assert hint.startswith("Read as plain text, from notepad.txt (its text is in Windows-1252, not UTF-8)."), hint
    assert "guys" in {m["text"] for m in _marks(page)}
    assert page.locator("#error").is_hidden()


def test_a_phrase_across_markup_in_an_uploaded_web_page_is_highlighted(server, page):
    page.goto(server.url)
    html = b"<html><body>\n<h1>Product designer</h1>\n<p>We are a <b>young and dynamic</b> team.</p>\n</body></html>\n"
    _upload(page, "advert.html", html, "text/html")
    _until(page, "document.getElementById('status').textContent.startsWith('Read advert.html')")
    ids = set(_finding_ids(page, "RL113"))
    # one highlight, in as many pieces as other findings overlap it ("dynamic team" is RL130's too)
    assert "".join(m["text"] for m in _marks(page) if ids & set(m["ids"].split())) == "young and dynamic</b> team"
    assert page.locator("#findings li[data-code='RL113'] .where").text_content() == "line 3, column 16"


def test_an_unreadable_upload_is_a_message_on_the_page(server, page):
    page.goto(server.url)
    page.set_input_files(
        "#upload", files=[{"name": "advert.pdf", "mimeType": "application/pdf", "buffer": b"%PDF-1.4 not an advert"}]
    )
    error = page.locator("#error")
    error.wait_for(state="visible", timeout=60_000)
    assert "this is .pdf" in error.text_content() and "Traceback" not in page.content()
    assert error.get_attribute("role") == "alert"


def test_an_unreadable_file_is_a_plain_message_with_the_reason_folded_away(server, page):
    page.goto(server.url)
    _upload(page, "advert.txt", b"\x00\x01\x02 binary")
    error = page.locator("#error")
    error.wait_for(state="visible", timeout=60_000)
    assert error.locator("p").first.text_content() == (
        "This file is not a text, Word or web page file rolelint can read. Save it as .docx, .txt or .html "
        "and try again."
    )
    detail = error.locator("details")
    assert detail.locator("summary").text_content() == "Technical detail"
    assert not detail.locator("p").is_visible()
    detail.locator("summary").click()
    assert "NUL bytes" in detail.locator("p").text_content()


def test_a_text_too_long_for_the_page_is_a_message(server, page):
    page.goto(server.url)
    page.fill("#advert", "word " * 25_000)
    page.locator("#error").wait_for(state="visible", timeout=60_000)
    assert "characters long" in page.locator("#error").text_content()


def test_emptying_the_box_clears_a_message_about_the_text_that_was_there(server, page):
    page.goto(server.url)
    page.fill("#advert", "x" * 150_000)
    page.locator("#error").wait_for(state="visible", timeout=60_000)
    assert "150,000 characters" in page.locator("#error").text_content()
    page.fill("#advert", "")
    page.locator("#error").wait_for(state="hidden", timeout=10_000)
    assert page.locator("#error").text_content() == ""


def _upload(page, name: str, data: bytes, mime: str = "text/plain") -> None:
    page.set_input_files("#upload", files=[{"name": name, "mimeType": mime, "buffer": data}])


DEFAULT_HINT = "Markdown or plain text. Findings update as you type."


def test_a_failed_upload_leaves_no_hint_naming_an_earlier_file(server, page):
    page.goto(server.url)
    _upload(page, "empty.md", b"", "text/markdown")
    _until(page, "document.getElementById('status').textContent.startsWith('Read empty.md')")
    assert "empty.md" not in page.locator("#advert-hint").text_content()
    _upload(page, "scan.pdf", b"%PDF-1.4", "application/pdf")
    page.locator("#error").wait_for(state="visible", timeout=60_000)
    assert page.locator("#advert-hint").text_content() == DEFAULT_HINT


def test_a_failed_upload_says_the_box_still_holds_the_earlier_file(server, page):
    page.goto(server.url)
    _upload(page, "draft.txt", b"Product designer\n\nHey guys.\n")
    _until(page, "document.getElementById('status').textContent.startsWith('Read draft.txt')")
    assert page.locator("#advert-hint").text_content().startswith("Read as plain text, from draft.txt.")
    _upload(page, "scan.pdf", b"%PDF-1.4", "application/pdf")
    page.locator("#error").wait_for(state="visible", timeout=60_000)
    hint = page.locator("#advert-hint").text_content()
    assert hint == "scan.pdf was not read. The box still holds the text of draft.txt, read as plain text.", hint


# --- the role level (--repo) ----------------------------------------------------------------


def test_an_advert_is_checked_against_the_role_level_chosen(repo_server, page):
    page.goto(repo_server.url)
    text = (
        "# Senior product manager\n\nYou need 12+ years of experience in product management.\n\n"
        "## Salary\n\n£90,000 to £95,000 a year.\n"
    )
    _check(page, text)
    note = page.locator("#role-note").text_content()
    assert "Senior product manager" in note and "worked out from the title" in note
    messages = page.eval_on_selector_all("#findings .message", "ms => ms.map(m => m.textContent)")
    assert any("4-8 years" in m for m in messages), messages
    page.select_option("#role", "product-management/product-manager/associate")
    _until(page, "document.getElementById('role-note').textContent.includes('Associate product manager')")
    messages = page.eval_on_selector_all("#findings .message", "ms => ms.map(m => m.textContent)")
    assert any("0-2 years expected of Associate product manager" in m for m in messages), messages
    assert any("band of Associate product manager" in m for m in messages), messages
    band = set(_finding_ids(page, "RL306"))
    assert [m["text"] for m in _marks(page) if band & set(m["ids"].split())] == ["£90,000 to £95,000 a year"]
    assert page.input_value("#advert") == text  # the choice is not written into the person's text


def test_the_inferred_level_is_said_in_plain_words_without_front_matter(repo_server, page):
    page.goto(repo_server.url)
    _check(page, "# Senior product manager\n\nYou will own the roadmap.\n")
    note = page.locator("#findings li[data-code='RL316']")
    assert note.locator(".message").text_content() == "Read as: Senior product manager"
    note.locator("summary").click()
    shown = note.inner_text()
    assert "If that is not the job, choose its role and level above." in shown
    assert "---" not in shown and "role:" not in shown and "`" not in shown, shown


def _word_draft(*, title: str = "Senior product manager") -> bytes:
    """A hiring manager's Word draft as python-docx writes it: styled headings, no metadata."""
    import io

    import docx

    document = docx.Document()
    document.add_heading(title, 1)
    document.add_paragraph("You will own the roadmap for our payments product.")
    document.add_heading("Experience", 2)
    document.add_paragraph("You need 12+ years of experience in product management.")
    document.add_heading("Salary", 2)
    document.add_paragraph("£90,000 to £95,000 a year.")
    out = io.BytesIO()
    document.save(out)
    return out.getvalue()


def _upload_word_draft(page, name: str = "draft.docx") -> None:
    page.set_input_files(
        "#upload",
        files=[
            {
                "name": name,
                "buffer": _word_draft(),
                "mimeType": "application/vnd.openxmlformats-officedocument.wordprocessingml.document",
            }
        ],
    )
    _until(page, f"document.getElementById('status').textContent.startsWith('Read {name}')")


def _messages(page) -> list[str]:
    return page.eval_on_selector_all("#findings .message", "ms => ms.map(m => m.textContent)")


def test_an_uploaded_word_draft_is_checked_against_the_role_level_chosen(repo_server, page):
    page.goto(repo_server.url)
    page.select_option("#role", "product-management/product-manager/associate")
    _upload_word_draft(page)
    note = page.locator("#role-note").text_content()
    assert "Associate product manager" in note and "chosen above" in note, note
    messages = _messages(page)
    assert any("0-2 years expected of Associate product manager" in m for m in messages), messages
    assert any("band of Associate product manager" in m for m in messages), messages
    band = set(_finding_ids(page, "RL306"))
    assert [m["text"] for m in _marks(page) if band & set(m["ids"].split())] == ["£90,000 to £95,000 a year"]
    # choosing another level re-checks the uploaded text against it
    page.select_option("#role", "product-management/product-manager/senior")
    _until(page, "document.getElementById('role-note').textContent.includes('Senior product manager')")
    assert any("4-8 years expected of Senior product manager" in m for m in _messages(page)), _messages(page)


def _formats_sent(page) -> list[str]:
    sent: list[str] = []
    page.on(
        "request",
        lambda request: (
            sent.append(json.loads(request.post_data)["format"]) if request.url.endswith("/api/check") else None
        ),
    )
    return sent


def test_text_pasted_over_an_uploaded_file_is_read_as_a_new_markdown_advert(repo_server, page):
    page.context.grant_permissions(["clipboard-read", "clipboard-write"])
    page.goto(repo_server.url)
    sent = _formats_sent(page)
    _upload_word_draft(page)
    assert "from draft.docx" in page.locator("#advert-hint").text_content()
    pasted = "---\nrole: product-manager\nlevel: senior\n---\n# Product manager\n\nYou need 12+ years of experience.\n"
    page.evaluate("text => navigator.clipboard.writeText(text)", pasted)
    page.focus("#advert")
    page.keyboard.press("ControlOrMeta+A")
    page.keyboard.press("ControlOrMeta+V")
    _until(page, "document.getElementById('role-note').textContent.includes('front matter')")
    assert page.input_value("#advert") == pasted
    assert sent[-1] == "md", sent
    assert "from draft.docx" not in page.locator("#advert-hint").text_content()


def test_editing_an_uploaded_word_draft_keeps_reading_it_a_paragraph_a_line(repo_server, page):
    page.goto(repo_server.url)
    sent = _formats_sent(page)
    _upload_word_draft(page)
    page.focus("#advert")
    page.keyboard.press("ControlOrMeta+End")
    page.keyboard.type("\nHey guys")
    _until(page, "[...document.querySelectorAll('#marked mark')].some(m => m.textContent === 'guys')")
    assert sent and set(sent) == {"docx"}, sent
    assert "from draft.docx" in page.locator("#advert-hint").text_content()
    # emptying the box starts a new advert, read as Markdown
    page.keyboard.press("ControlOrMeta+A")
    page.keyboard.press("Delete")
    page.keyboard.type("# Rockstar wanted")
    _until(page, "[...document.querySelectorAll('#marked mark')].some(m => m.textContent === 'Rockstar')")
    assert sent[-1] == "md", sent


# --- hostile text -------------------------------------------------------------------------------


HOSTILE = """# Engineer <script>window.__pwned = 1</script>

<img src=x onerror="window.__pwned = 2"> [apply here](javascript:window.__pwned=3)
<a href="javascript:window.__pwned=4">click</a> <iframe src="javascript:window.__pwned=5"></iframe>
</textarea><svg onload="window.__pwned=6"></svg> {{ 7*7 }} <style>body{display:none}</style>
Hey guys, we want a rockstar. <script>alert(1)</script>
"""


def test_hostile_advert_text_renders_inert(server, page, tmp_path):
    page.goto(server.url)
    _check(page, HOSTILE)
    assert page.evaluate("window.__pwned") is None
    for selector in ("script", "img", "iframe", "svg", "style", "a[href^='javascript']"):
        inside = page.locator(f"#marked {selector}, #findings {selector}, #summary {selector}").count()
        assert inside == 0, selector
    assert page.locator("a[href^='javascript']").count() == 0
    shown = page.locator("#marked").text_content()
    assert "<script>window.__pwned = 1</script>" in shown and "[apply here](javascript:window.__pwned=3)" in shown
    assert page.locator("body").is_visible()
    assert {"guys", "rockstar"} <= {m["text"] for m in _marks(page)}
    for mark in page.locator("#marked mark").all()[:10]:
        mark.click()
    with page.expect_download() as report_download:
        page.click("#download-report")
    report = tmp_path / "report.html"
    report_download.value.save_as(report)
    page.goto(report.as_uri())
    assert page.evaluate("window.__pwned") is None
    for selector in ("script", "img", "iframe", "svg", "a"):
        assert page.locator(selector).count() == 0, selector
    assert "<script>window.__pwned = 1</script>" in page.locator(".advert").text_content()
    assert not [p for p in page.problems if "dialog" in p]


# --- keyboard and accessibility ------------------------------------------------------------------


def _focused(page) -> dict:
    return page.evaluate("""() => { const e = document.activeElement;
        return {tag: e.tagName.toLowerCase(), id: e.id, text: (e.textContent || '').trim().slice(0, 60),
                cls: e.className || '', outline: getComputedStyle(e).outlineStyle}; }""")


def test_the_page_is_usable_by_keyboard_alone(server, page):
    page.goto(server.url)
    page.keyboard.press("Tab")
    assert _focused(page)["text"] == "Skip to the advert box"
    page.keyboard.press("Enter")
    if _focused(page)["id"] != "advert":
        page.keyboard.press("Tab")
    assert _focused(page)["id"] == "advert"
    page.keyboard.type("# Rockstar wanted\n\nOur chairman is hiring.\n")
    _wait_checked(page)
    seen = []
    for _ in range(80):
        page.keyboard.press("Tab")
        focused = _focused(page)
        seen.append(focused)
        assert focused["outline"] != "none", focused  # a visible focus indicator
        if focused["text"].startswith("Replace with"):
            break
    kinds = {f["id"] or f["text"] for f in seen}
    assert {"upload", "download-md", "download-report"} <= kinds, kinds
    assert any(re.fullmatch(r"RL\d{3}.*", f["text"]) for f in seen)  # rule links
    assert any(f["text"].startswith("Why it matters") for f in seen)
    assert any(f["text"].startswith("Show in text") for f in seen)
    assert seen[-1]["text"] == "Replace with “chair”"
    page.keyboard.press("Enter")
    _until(page, "document.getElementById('advert').value.includes('Our chair is')")
    # "Show in text" by keyboard moves focus to the highlighted words.
    show = page.get_by_role("button", name=re.compile("Show in text")).first
    show.focus()
    page.keyboard.press("Enter")
    _until(page, "document.activeElement.tagName === 'MARK'")
    assert "current" in _focused(page)["cls"]


def test_no_wcag_22_aa_violations_on_any_page(server, page):
    page.goto(server.url)
    _axe(page)
    _check(page, SKETCHY + "\nYou are assertive, competitive and supportive.\n")
    page.click("#toggle-coded")
    for details in page.locator("#findings details").all()[:3]:
        details.locator("summary").click()
    page.get_by_role("button", name=re.compile("Show in text")).first.click()
    _axe(page)
    page.set_input_files("#upload", files=[{"name": "x.pdf", "mimeType": "application/pdf", "buffer": b"%PDF"}])
    page.locator("#error").wait_for(state="visible", timeout=60_000)
    _axe(page)
    for path in ("/rules", "/rules/RL104", "/no-such-page"):
        page.goto(server.url.rstrip("/") + path)
        _axe(page)


def test_the_accessibility_check_can_fail_on_this_page(server, page):
    page.goto(server.url)
    page.evaluate("document.querySelector('#marked').append(document.createElement('img'))")  # no alt text
    with pytest.raises(AssertionError, match="image-alt"):
        _axe(page)


def test_no_wcag_22_aa_violations_with_the_role_chooser(repo_server, page):
    page.goto(repo_server.url)
    _axe(page)
    _check(page, "# Senior product manager\n\nYou will own the roadmap.\n")
    _axe(page)


def test_rule_codes_link_to_their_documentation_served_here(server, page):
    page.goto(server.url)
    _check(page, SKETCHY)
    link = page.locator("#findings li[data-code='RL104'] a.code").first
    assert link.get_attribute("href") == "/rules/RL104" and link.get_attribute("target") == "_blank"
    with page.context.expect_page() as opened:
        link.click()
    docs = opened.value
    docs.wait_for_load_state()
    assert docs.url.startswith(server.url) and "Why it matters" in docs.content()


# --- screenshots for docs/ and the README ------------------------------------------------------


def test_screenshots_of_the_page_empty_and_with_findings(repo_server, page, tmp_path):
    target = REPO / "docs" / "images" if os.environ.get("ROLELINT_UPDATE_SCREENSHOTS") else tmp_path
    target.mkdir(parents=True, exist_ok=True)
    page.set_viewport_size({"width": 1360, "height": 900})
    page.goto(repo_server.url)
    page.screenshot(path=str(target / "serve-empty.png"))
    page.set_viewport_size({"width": 1360, "height": 1500})
    page.click("#example")
    _wait_checked(page)
    page.select_option("#role", "product-management/product-manager/associate")
    _until(page, "document.getElementById('role-note').textContent.includes('Associate product manager')")
    page.locator("#findings li").nth(2).locator("summary").click()
    page.evaluate("window.scrollTo(0, 0)")
    page.screenshot(path=str(target / "serve-findings.png"))
    for name in ("serve-empty.png", "serve-findings.png"):
        assert (target / name).stat().st_size > 20_000


def test_an_uploaded_word_document_is_shown_and_checked(server, page):
    from test_serve import docx_bytes

    from rolelint.serve.analysis import page_formats

    if "docx" not in page_formats():
        pytest.skip("rolelint does not read .docx files yet (rolelint/formats)")
    page.goto(server.url)
    page.set_input_files(
        "#upload",
        files=[
            {
                "name": "advert.docx",
                "buffer": docx_bytes(["Rockstar developer", "Hey guys, join us."]),
                "mimeType": "application/vnd.openxmlformats-officedocument.wordprocessingml.document",
            }
        ],
    )
    _until(page, "document.getElementById('status').textContent.startsWith('Read advert.docx')")
    assert "Hey guys" in page.input_value("#advert")
    assert {"Rockstar", "guys"} <= {m["text"] for m in _marks(page)}
