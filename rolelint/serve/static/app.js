// rolelint serve: the page's script. Plain JavaScript, no library, nothing loaded from elsewhere.
// Every piece of the advert and of the findings reaches the page as text (textContent), never as
// markup, so an advert holding <script> or javascript: links shows them as the words they are.
"use strict";

(function () {
  const DEBOUNCE_MS = 400;
  const SEVERITY_INITIAL = { error: "E", warning: "W", info: "I" };
  const SECTION_NOTE = "Sections are found by their headings (About the role, Responsibilities, Essential criteria, Salary, Location, How to apply) or labels such as \"Location:\".";
  const EXAMPLE = [
    "# Junior Growth Ninja",
    "",
    "Hey guys! We're a fast-growing startup and we need a rockstar who can hit the ground running. The successful candidate will be a digital native; he will own our funnel and leverage data to move the needle.",
    "",
    "## Responsibilities",
    "",
    "- Own the growth roadmap and report to the CEO",
    "- Run experiments across web and app",
    "- Other duties as required",
    "",
    "## Requirements",
    "",
    "- 10+ years of growth marketing experience",
    "- Native English speaker",
    "- Degree from a top university",
    "- Knows java script and SQL",
    "",
    "## What we offer",
    "",
    "Competitive salary [Insert salary], free snacks and a chairman who listens.",
    "",
  ].join("\n");

  // How the text in the box is read, by the format it came in (see docs/serve.md, "Paste or upload").
  const READINGS = {
    md: "Markdown",
    txt: "plain text",
    docx: "a Word document's text, one paragraph a line",
    html: "a web page (HTML)",
  };

  const $ = (id) => document.getElementById(id);
  const advert = $("advert");
  const advertHint = $("advert-hint");
  const DEFAULT_HINT = advertHint.textContent;
  const roleSelect = $("role");
  const upload = $("upload");
  const marked = $("marked");
  const list = $("findings");
  const summaryBox = $("summary");
  const statusLine = $("status");
  const errorBox = $("error");
  const countLine = $("count");
  const noFindings = $("no-findings");
  const fixAll = $("fix-all");
  const downloads = { md: $("download-md"), txt: $("download-txt"), report: $("download-report") };

  const state = { format: "md", fileName: null, result: null, seq: 0, controller: null, timer: null, showCoded: false, current: null };

  function el(tag, attrs, ...children) {
    const node = document.createElement(tag);
    for (const [key, value] of Object.entries(attrs || {})) {
      if (value === null || value === undefined || value === false) continue;
      if (key === "class") node.className = value;
      else if (key === "text") node.textContent = value;
      else if (key.startsWith("on")) node.addEventListener(key.slice(2), value);
      else node.setAttribute(key, value === true ? "" : String(value));
    }
    for (const child of children) {
      if (child === null || child === undefined || child === false) continue;
      node.append(child instanceof Node ? child : document.createTextNode(String(child)));
    }
    return node;
  }

  // ``detail``: what went wrong in rolelint's own terms, folded away under the plain message.
  function showError(message, detail) {
    if (message) {
      errorBox.replaceChildren(el("p", { class: "error-text", text: message }));
      if (detail) {
        errorBox.append(el("details", { class: "error-detail" },
          el("summary", { text: "Technical detail" }), el("p", { text: detail })));
      }
      errorBox.hidden = false;
    } else {
      errorBox.textContent = "";
      errorBox.hidden = true;
    }
  }

  function role() {
    return roleSelect ? roleSelect.value : "";
  }

  async function post(url, body, isForm) {
    if (state.controller) state.controller.abort();
    const controller = new AbortController();
    state.controller = controller;
    const seq = ++state.seq;
    const options = { method: "POST", signal: controller.signal, credentials: "omit", cache: "no-store" };
    if (isForm) {
      options.body = body;
    } else {
      options.headers = { "Content-Type": "application/json" };
      options.body = JSON.stringify(body);
    }
    let response;
    try {
      response = await fetch(url, options);
    } catch (err) {
      if (err.name === "AbortError") return null;
      throw new Error("The page could not reach rolelint: is `rolelint serve` still running?");
    }
    let data = null;
    try {
      data = await response.json();
    } catch (err) {
      data = null;
    }
    if (seq !== state.seq) return null; // a newer request has been sent since
    if (!response.ok || !data || data.error) {
      const failure = new Error((data && data.error) || "Something went wrong; the advert was not checked.");
      failure.detail = data && data.detail;
      throw failure;
    }
    return data;
  }

  function request(text) {
    return { text: text, format: state.format, role: role() };
  }

  async function check() {
    clearTimeout(state.timer);
    const text = advert.value;
    if (!text.trim()) {
      state.seq++;
      if (state.controller) state.controller.abort();
      state.result = null;
      showError(null); // a message about the text that was there no longer applies
      renderEmpty();
      return;
    }
    statusLine.textContent = "Checking…";
    const started = performance.now();
    try {
      const data = await post("/api/check", request(text));
      if (!data) return;
      if (advert.value !== text) return; // typed since: the next check is on its way
      showError(null);
      render(data);
      announce(data, performance.now() - started);
    } catch (err) {
      showError(err.message, err.detail);
      statusLine.textContent = "";
    }
  }

  function schedule() {
    clearTimeout(state.timer);
    state.timer = setTimeout(check, DEBOUNCE_MS);
  }

  function plural(n, word, many) {
    return n + " " + (n === 1 ? word : many || word + "s");
  }

  function announce(data, ms) {
    const c = data.counts;
    const total = c.error + c.warning + c.info;
    statusLine.textContent = total
      ? "Checked: " + plural(c.error, "error") + ", " + plural(c.warning, "warning") + ", " + c.info + " info."
      : "Checked: no findings.";
    statusLine.dataset.ms = String(Math.round(ms));
  }

  function renderEmpty() {
    marked.replaceChildren(el("p", { class: "empty", text: "Paste an advert above, upload one, or try the example: each problem rolelint finds is highlighted here, with a label saying how serious it is." }));
    list.replaceChildren();
    noFindings.hidden = false;
    noFindings.textContent = "No advert checked yet.";
    countLine.textContent = "";
    summaryBox.replaceChildren(el("p", { class: "empty", text: "Length, reading grade, salary, sections and gender-coded words appear here." }));
    statusLine.textContent = "";
    setButtons(null);
  }

  function setButtons(data) {
    const has = !!(data && data.text.trim());
    fixAll.disabled = !(data && data.fixable > 0);
    fixAll.textContent = data && data.fixable ? "Apply all safe fixes (" + data.fixable + ")" : "Apply all safe fixes";
    downloads.md.disabled = !has;
    downloads.txt.disabled = !has;
    downloads.report.disabled = !has;
  }

  function render(data) {
    state.result = data;
    renderMarked(data);
    renderFindings(data);
    renderSummary(data);
    setButtons(data);
  }

  // --- the highlighted advert ---------------------------------------------------------------

  function ranges(data) {
    const found = data.findings.filter((f) => f.start !== null && f.end > f.start)
      .map((f) => ({ start: f.start, end: f.end, severity: f.severity, id: f.id, finding: f }));
    if (state.showCoded && data.summary) {
      for (const w of data.summary.masculine.concat(data.summary.feminine)) {
        found.push({ start: w.start, end: w.end, severity: "coded", id: null, word: w });
      }
    }
    return found;
  }

  const RANK = { error: 0, warning: 1, info: 2, coded: 3 };

  function renderMarked(data) {
    const text = data.text;
    const items = ranges(data);
    const cuts = new Set([0, text.length]);
    for (const r of items) { cuts.add(r.start); cuts.add(r.end); }
    const points = Array.from(cuts).filter((p) => p >= 0 && p <= text.length).sort((a, b) => a - b);
    const endsAt = new Map();
    for (const r of items) {
      if (r.id === null) continue;
      if (!endsAt.has(r.end)) endsAt.set(r.end, []);
      endsAt.get(r.end).push(r);
    }
    const out = document.createDocumentFragment();
    for (let i = 0; i + 1 < points.length; i++) {
      const a = points[i], b = points[i + 1];
      const piece = text.slice(a, b);
      const covering = items.filter((r) => r.start <= a && r.end >= b);
      if (!covering.length) {
        out.append(document.createTextNode(piece));
      } else {
        covering.sort((x, y) => RANK[x.severity] - RANK[y.severity]);
        const worst = covering[0];
        const ids = covering.filter((r) => r.id !== null).map((r) => r.id);
        const title = covering.map((r) => r.id !== null
          ? r.id + ". " + r.severity + " " + r.finding.code + ": " + r.finding.message
          : r.word.word + ": " + (r.word.side || "") + "gender-coded").join("\n");
        out.append(el("mark", {
          class: "hl hl-" + worst.severity,
          "data-ids": ids.join(" "),
          "data-start": a,
          title: title,
          onclick: () => { if (ids.length) select(ids[0], true); },
        }, piece));
      }
      for (const r of (endsAt.get(b) || []).sort((x, y) => x.id - y.id)) {
        out.append(el("sup", { class: "tag tag-" + r.severity, "data-for": r.id, title: r.severity + " (finding " + r.id + ")" },
          SEVERITY_INITIAL[r.severity] + r.id));
      }
    }
    marked.replaceChildren(out);
  }

  function marksOf(id) {
    return Array.from(marked.querySelectorAll("mark[data-ids]"))
      .filter((m) => m.dataset.ids.split(" ").includes(String(id)));
  }

  function showInText(id) {
    for (const m of marked.querySelectorAll("mark.current")) { m.classList.remove("current"); m.removeAttribute("tabindex"); }
    const marks = marksOf(id);
    if (!marks.length) return;
    for (const m of marks) {
      m.classList.add("current");
      m.classList.remove("flash");
      void m.offsetWidth; // restart the animation
      m.classList.add("flash");
    }
    marks[0].setAttribute("tabindex", "-1");
    marks[0].focus({ preventScroll: true });
    marks[0].scrollIntoView({ block: "center", behavior: "smooth" });
  }

  function select(id, fromText) {
    for (const item of list.querySelectorAll(".finding.current")) item.classList.remove("current");
    const item = $("finding-" + id);
    if (!item) return;
    item.classList.add("current");
    state.current = id;
    if (fromText) {
      item.scrollIntoView({ block: "nearest", behavior: "smooth" });
      item.querySelector("button, a").focus({ preventScroll: true });
    }
  }

  // --- findings ------------------------------------------------------------------------------

  function where(f) {
    return f.line ? "line " + f.line + ", column " + f.column : "whole advert";
  }

  function renderFindings(data) {
    const c = data.counts;
    countLine.textContent = "(" + data.findings.length + ")";
    noFindings.hidden = data.findings.length > 0;
    noFindings.textContent = "No findings: nothing to fix.";
    const items = data.findings.map((f) => {
      const head = el("div", { class: "finding-head" },
        el("span", { class: "num", text: SEVERITY_INITIAL[f.severity] + f.id }),
        el("span", { class: "badge badge-" + f.severity, text: f.severity }),
        el("a", { class: "code", href: "/rules/" + encodeURIComponent(f.code), target: "_blank", rel: "noopener" },
          f.code, el("span", { class: "visually-hidden", text: " " + f.rule + " (opens in a new tab)" })),
        el("span", { class: "where", text: where(f) }));
      const message = el("p", { class: "message" }, f.message);
      const parts = [head, message];
      if (f.excerpt && f.excerpt.length <= 80 && !f.message.includes(f.excerpt)) {
        parts.push(el("p", { class: "suggestion" }, "At ", el("span", { class: "excerpt", text: f.excerpt })));
      }
      if (f.suggestion) parts.push(el("p", { class: "suggestion" }, f.suggestion));
      if (f.why || f.use_instead) {
        parts.push(el("details", {},
          el("summary", {}, "Why it matters", el("span", { class: "visually-hidden", text: " (finding " + f.id + ")" })),
          f.why ? el("p", {}, f.why) : null,
          f.use_instead ? el("p", {}, el("strong", { text: "Write instead: " }), f.use_instead) : null));
      }
      const actions = el("div", { class: "finding-actions" });
      if (f.start !== null) {
        actions.append(el("button", { type: "button", class: "button small", onclick: () => { select(f.id, false); showInText(f.id); } },
          "Show in text", el("span", { class: "visually-hidden", text: " (finding " + f.id + ")" })));
      }
      if (f.fix) {
        const label = f.fix.replacement ? "Replace with \u201c" + f.fix.replacement + "\u201d" : "Remove \u201c" + f.fix.before + "\u201d";
        actions.append(el("button", { type: "button", class: "button small primary fix", "data-id": f.id, onclick: () => applyFix(f) }, label));
      }
      if (actions.childNodes.length) parts.push(actions);
      return el("li", { class: "finding sev-" + f.severity, id: "finding-" + f.id, "data-code": f.code }, ...parts);
    });
    list.replaceChildren(...items);
    if (state.current !== null && $("finding-" + state.current)) select(state.current, false);
  }

  // --- summary -------------------------------------------------------------------------------

  function verdict(ok, good, bad) {
    return el("span", { class: "verdict " + (ok ? "ok" : "bad"), text: ok ? good : bad });
  }

  function uniqueWords(words) {
    const counts = new Map();
    for (const w of words) counts.set(w.word, (counts.get(w.word) || 0) + 1);
    return Array.from(counts, ([word, n]) => (n > 1 ? word + " \u00d7" + n : word)).join(", ");
  }

  function renderSummary(data) {
    const s = data.summary;
    const nodes = [];
    if (!s) {
      summaryBox.replaceChildren(el("p", { class: "empty", text: "No summary: this text is not an advert rolelint can read." }));
      return;
    }
    const dl = el("dl");
    const add = (term, ...desc) => dl.append(el("dt", { text: term }), el("dd", {}, ...desc));

    const lengthOk = s.length === "ok";
    const bar = el("div", { class: "bar", "aria-hidden": "true" });
    if (s.words_min !== null && s.words_max !== null) {
      const scale = Math.max(s.words_max * 1.3, s.words);
      bar.append(el("span", { class: "range", style: null }));
      bar.firstChild.style.left = (100 * s.words_min / scale) + "%";
      bar.firstChild.style.width = (100 * (s.words_max - s.words_min) / scale) + "%";
      const mark = el("span", { class: "value" });
      mark.style.left = "calc(" + Math.min(100, 100 * s.words / scale) + "% - 1px)";
      bar.append(mark);
    }
    add("Length", plural(s.words, "word"),
      s.words_min !== null ? verdict(lengthOk, "within " + s.words_min + "\u2013" + s.words_max, s.length === "short" ? "shorter than " + s.words_min : "longer than " + s.words_max) : null,
      bar);
    if (s.grade !== null) {
      const gradeOk = s.grade_max === null || s.grade <= s.grade_max;
      add("Reading grade", "grade " + s.grade + " (Flesch-Kincaid)",
        verdict(gradeOk, s.grade_max !== null ? "at most " + s.grade_max : "ok", "above " + s.grade_max));
    } else {
      add("Reading grade", "no prose to grade yet");
    }
    add("Salary", s.salary_stated ? "stated" : "not stated",
      verdict(s.salary_stated, "good", "add a pay range"),
      s.salary_stated ? null : el("div", { class: "hint", text: "Pay transparency laws require a salary range in the EU from June 2026 and in many US states." }));
    const chips = el("ul", { class: "chips", "aria-label": "Sections" });
    for (const name of s.sections_found) chips.append(el("li", { class: "chip found" }, "\u2713 ", name, el("span", { class: "visually-hidden", text: " (found)" })));
    for (const name of s.sections_missing) chips.append(el("li", { class: "chip missing" }, "\u2717 ", name, el("span", { class: "visually-hidden", text: " (missing)" })));
    add("Sections", s.sections_missing.length ? plural(s.sections_missing.length, "core section") + " missing" : "all core sections found", chips);
    const coded = el("span", {},
      s.masculine.length + " masculine-coded" + (s.masculine.length ? " (" + uniqueWords(s.masculine) + ")" : "") + ", " +
      s.feminine.length + " feminine-coded" + (s.feminine.length ? " (" + uniqueWords(s.feminine) + ")" : ""));
    const toggle = (s.masculine.length || s.feminine.length) ? el("button", {
      type: "button", class: "button small", "aria-pressed": state.showCoded ? "true" : "false", id: "toggle-coded",
      onclick: () => { state.showCoded = !state.showCoded; render(state.result); const t = $("toggle-coded"); if (t) t.focus(); },
    }, state.showCoded ? "Hide them in the text" : "Mark them in the text") : null;
    add("Gender-coded words", coded, toggle ? el("div", {}, toggle) : null);
    nodes.push(dl);
    nodes.push(el("p", { class: "caveat" },
      "Gender-coded words follow Gaucher, Friesen & Kay (2011). Field studies since find small effects on who applies, so take the count as a prompt to choose words with care, not a score to chase. " + SECTION_NOTE));
    const r = data.role;
    if (r && r.source !== "off") {
      let note = null;
      if (r.source === "chosen") note = ["Checked against ", el("strong", { text: r.title }), " (chosen above)."];
      else if (r.source === "inferred") note = ["Checked against ", el("strong", { text: r.title }), ", worked out from the title. Choose another above if that is wrong."];
      else if (r.source === "front matter") note = ["Checked against the role level named in the advert's front matter."];
      else note = ["No role level found in the title: choose one above to check pay, experience and skills against the roles repo."];
      nodes.push(el("p", { class: "role-note", id: "role-note" }, ...note));
    }
    summaryBox.replaceChildren(...nodes);
  }

  // --- fixes, uploads and downloads ------------------------------------------------------------

  async function applyFix(finding) {
    statusLine.textContent = "Applying the fix…";
    try {
      const data = await post("/api/fix", Object.assign(request(advert.value), { fix: finding.fix }));
      if (!data) return;
      replaceText(data.text);
      showError(null);
      state.current = null;
      render(data);
      statusLine.textContent = "Replaced \u201c" + finding.fix.before + "\u201d with \u201c" + finding.fix.replacement + "\u201d. " + plural(data.findings.length, "finding") + " left.";
      const next = list.querySelector("button.fix") || list.querySelector("button");
      if (next) next.focus({ preventScroll: true });
    } catch (err) {
      showError(err.message, err.detail);
      statusLine.textContent = "";
    }
  }

  async function applyAll() {
    statusLine.textContent = "Applying every safe fix…";
    try {
      const before = state.result ? state.result.fixable : 0;
      const data = await post("/api/fix", Object.assign(request(advert.value), { fix: "all" }));
      if (!data) return;
      replaceText(data.text);
      showError(null);
      render(data);
      statusLine.textContent = "Applied " + plural(before - data.fixable, "safe fix", "safe fixes") + ". " + plural(data.findings.length, "finding") + " left.";
    } catch (err) {
      showError(err.message, err.detail);
      statusLine.textContent = "";
    }
  }

  function replaceText(text) {
    const scroll = advert.scrollTop;
    advert.value = text;
    advert.scrollTop = scroll;
  }

  async function uploadFile() {
    const file = upload.files && upload.files[0];
    if (!file) return;
    const form = new FormData();
    form.append("file", file, file.name);
    form.append("role", role());
    statusLine.textContent = "Reading " + file.name + "…";
    try {
      const data = await post("/api/upload", form, true);
      if (!data) return;
      advert.value = data.text;
      showError(null);
      if (!data.text.trim()) {
        setFormat("md", null);
        state.result = null;
        renderEmpty();
        statusLine.textContent = "Read " + file.name + ": it holds no text to check.";
        return;
      }
      setFormat(data.format, file.name, data.encoding);
      render(data);
      announceAfter(data, "Read " + file.name + ". ");
    } catch (err) {
      showError(err.message, err.detail);
      statusLine.textContent = "";
      notRead(file.name);
    } finally {
      upload.value = "";
    }
  }

  // After a failed upload the box keeps what it held; the hint says what that is, never that the
  // text comes from a file it no longer holds.
  function notRead(name) {
    if (!advert.value.trim() || !state.fileName) {
      setFormat("md", null);
      return;
    }
    advertHint.textContent = name + " was not read. The box still holds the text of " + state.fileName +
      ", read as " + (READINGS[state.format] || state.format) + ".";
  }

  function announceAfter(data, prefix) {
    const c = data.counts;
    statusLine.textContent = prefix + plural(c.error, "error") + ", " + plural(c.warning, "warning") + ", " + c.info + " info.";
  }

  function save(blob, name) {
    const url = URL.createObjectURL(blob);
    const link = el("a", { href: url, download: name, hidden: true });
    document.body.append(link);
    link.click();
    link.remove();
    setTimeout(() => URL.revokeObjectURL(url), 1000);
  }

  function downloadText(kind) {
    save(new Blob([advert.value], { type: kind === "md" ? "text/markdown;charset=utf-8" : "text/plain;charset=utf-8" }),
      "advert-revised." + kind);
    statusLine.textContent = "Downloaded the text as advert-revised." + kind + ".";
  }

  async function downloadReport() {
    try {
      const response = await fetch("/api/report", {
        method: "POST", credentials: "omit", cache: "no-store",
        headers: { "Content-Type": "application/json" }, body: JSON.stringify(request(advert.value)),
      });
      if (!response.ok) {
        const failure = new Error("The report could not be made.");
        try {
          const answer = await response.json();
          failure.message = answer.error || failure.message;
          failure.detail = answer.detail;
        } catch (err) { /* keep the default */ }
        throw failure;
      }
      save(await response.blob(), "advert-report.html");
      statusLine.textContent = "Downloaded the report as advert-report.html: open it to read or print it.";
    } catch (err) {
      showError(err.message, err.detail);
    }
  }

  // The text of an uploaded file keeps being read in its format while it is edited (a Word
  // document's text is one paragraph a line: read as Markdown, its lines would run together). Text
  // that replaces all of it (pasted, dropped or typed over the whole box), or that starts in an
  // empty box, is a new advert, read as Markdown like any pasted text.
  // ``encoding``: the encoding the file's text was read in, when it is not UTF-8.
  function setFormat(format, fileName, encoding) {
    state.format = format;
    state.fileName = fileName;
    const written = encoding ? " (its text is in " + encoding + ", not UTF-8)" : "";
    advertHint.textContent = fileName
      ? "Read as " + (READINGS[format] || format) + ", from " + fileName + written + ". Findings update as you type; pasting over the whole text starts a new advert, read as Markdown."
      : DEFAULT_HINT;
  }

  advert.addEventListener("beforeinput", (event) => {
    if (state.format === "md" || !event.inputType.startsWith("insert")) return;
    const whole = advert.selectionStart === 0 && advert.selectionEnd === advert.value.length;
    if (whole || !advert.value.trim()) setFormat("md", null);
  });
  advert.addEventListener("input", () => {
    if (!advert.value.trim() && state.format !== "md") setFormat("md", null); // a new text starts as Markdown
    schedule();
  });
  if (roleSelect) roleSelect.addEventListener("change", check);
  upload.addEventListener("change", uploadFile);
  fixAll.addEventListener("click", applyAll);
  downloads.md.addEventListener("click", () => downloadText("md"));
  downloads.txt.addEventListener("click", () => downloadText("txt"));
  downloads.report.addEventListener("click", downloadReport);
  $("example").addEventListener("click", () => {
    advert.value = EXAMPLE;
    setFormat("md", null);
    check();
    advert.focus();
    advert.setSelectionRange(0, 0);
    advert.scrollTop = 0;
  });
  if (advert.value.trim()) check();
})();
