"""`rolelint pathway`: a role's career pathway as a table of levels x skills, with its problems marked."""

from __future__ import annotations

import difflib
import html
import re
from dataclasses import dataclass, field
from pathlib import Path

from rolelint.config import Config, ConfigError
from rolelint.diagnostics import Diagnostic
from rolelint.profession.checks._helpers import ordered_levels
from rolelint.profession.index import ProfessionIndex, build_index
from rolelint.profession.issues import PathwayIssue
from rolelint.profession.model import Band, Framework, Role

FORMATS = ("text", "markdown", "html")


@dataclass
class Column:
    level: str
    title: str
    salary: Band | None
    experience: Band | None
    marks: list[int] = field(default_factory=list)  # issue numbers shown on the whole level
    band_marks: dict[str, list[int]] = field(default_factory=dict)  # "salary"/"experience" -> issue numbers


@dataclass
class Cell:
    proficiency: str | None
    rank: int | None
    marks: list[int] = field(default_factory=list)


@dataclass
class Row:
    skill: str
    name: str
    cells: list[Cell]


@dataclass
class Track:
    name: str
    columns: list[Column]
    rows: list[Row]


@dataclass
class Pathway:
    framework: Framework
    role: Role
    tracks: list[Track]
    issues: list[PathwayIssue]  # numbered from 1 in this order


def find_roles(index: ProfessionIndex, name: str | None) -> list[Role]:
    """Roles named by ``name``: a role id or title, or a framework id or name (all its roles)."""
    roles = sorted(index.roles.values(), key=lambda r: (r.framework, r.id))
    if not name:
        return roles
    wanted = name.strip().lower()
    by_role = [r for r in roles if wanted in (r.id, r.title.lower())]
    if by_role:
        return by_role
    by_framework = [
        r
        for r in roles
        if wanted in (r.framework, index.frameworks[r.framework].name.lower())
        if r.framework in index.frameworks
    ]
    if by_framework:
        return by_framework
    choices = sorted({r.id for r in roles} | set(index.frameworks))
    hint = difflib.get_close_matches(wanted, choices, n=1)
    message = f"no role or framework called {name!r} in the index"
    if hint:
        message += f"; did you mean {hint[0]!r}?"
    elif choices:
        message += f" (known: {', '.join(choices[:12])}{', ...' if len(choices) > 12 else ''})"
    else:
        message += " (it has no roles: check the config's `kinds:` globs)"
    raise ConfigError(message)


_LEVEL_FIELD = re.compile(r"^levels\[(\d+)\](?:\.skills\.([^.]+))?")
_SKILL_FIELD = re.compile(r"^skills\[(\d+)\]")


def pathway_findings(
    config: Config, roles: list[Role], index: ProfessionIndex, *, cwd: Path, use_cache: bool = True
) -> list[Diagnostic]:
    """The profession rules' findings on the files that define ``roles`` and their frameworks, as
    `rolelint check --select RL3` gives them (the config's ignores, severities and suppressions apply)."""
    from rolelint.engine import Selection, check

    displays = dict.fromkeys([r.display for r in roles] + [index.frameworks[r.framework].display for r in roles])
    paths = [Path(d) for d in displays if (cwd / d).is_file()]
    if not paths:
        return []
    result = check(paths, config, selection=Selection(select=("RL3",)), cwd=cwd, use_cache=use_cache)
    return [d for d in result.diagnostics if d.code.startswith("RL3")]


def place(diagnostic: Diagnostic, role: Role, framework: Framework) -> PathwayIssue | None:
    """The finding as an issue of ``role``'s pathway, at the level (and skill) its field names; None when
    it is about something else (another role of the file, a level or skill the role does not have)."""
    field_path = diagnostic.field_path or ""
    level = skill = None
    if diagnostic.path == role.display:
        if role.path:
            if not field_path.startswith(role.path + "."):
                if diagnostic.path != framework.display or field_path.startswith("roles["):
                    return None
                return _framework_issue(diagnostic, role, framework)
            field_path = field_path[len(role.path) + 1 :]
        match = _LEVEL_FIELD.match(field_path)
        if match:
            index = int(match.group(1))
            role_level = next((lv for lv in role.levels if lv.path.endswith(f"levels[{index}]")), None)
            level = role_level.level if role_level else None
            skill = match.group(2)
        return _issue(diagnostic, level, skill)
    if diagnostic.path == framework.display:
        return _framework_issue(diagnostic, role, framework)
    return None


def _framework_issue(diagnostic: Diagnostic, role: Role, framework: Framework) -> PathwayIssue | None:
    field_path = diagnostic.field_path or ""
    if field_path.startswith("roles["):
        return None  # another role defined in the framework file
    level = skill = None
    match = _LEVEL_FIELD.match(field_path)
    if match:
        position = int(match.group(1))
        defined = next((lv for lv in framework.levels if lv.position == position), None)
        if defined is None or role.level(defined.id) is None:
            return None
        level = defined.id
    match = _SKILL_FIELD.match(field_path)
    if match:
        position = int(match.group(1))
        skill = next((s.id for s in framework.skills.values() if s.path == f"skills[{position}]"), None)
        if skill is None or not any(skill in lv.skills for lv in role.levels):
            return None
    return _issue(diagnostic, level, skill)


def _issue(diagnostic: Diagnostic, level: str | None, skill: str | None) -> PathwayIssue:
    return PathwayIssue(
        diagnostic.code,
        diagnostic.full_message,
        diagnostic.path,
        diagnostic.field_path or "",
        level,
        skill,
        line=diagnostic.line,
        severity=diagnostic.severity.label,
    )


def build_pathway(index: ProfessionIndex, role: Role, findings: list[Diagnostic]) -> Pathway:
    framework = index.frameworks[role.framework]
    issues = [issue for d in findings if (issue := place(d, role, framework)) is not None]
    tracks = []
    for track_name, levels in ordered_levels(role, framework).items():
        columns = []
        for role_level in levels:
            level = framework.level(role_level.level)
            columns.append(
                Column(
                    role_level.level,
                    framework.effective_title(role_level),
                    role_level.salary or level.salary,
                    role_level.experience or level.experience,
                )
            )
        skill_ids: list[str] = [s for s in framework.skills if any(s in lv.skills for lv in levels)]
        skill_ids += [s for lv in levels for s in lv.skills if s not in framework.skills and s not in skill_ids]
        rows = []
        for skill in skill_ids:
            cells = []
            for role_level in levels:
                proficiency = role_level.skills.get(skill)
                cells.append(
                    Cell(proficiency if isinstance(proficiency, str) else None, framework.proficiency_rank(proficiency))
                )
            name = framework.skills[skill].name if skill in framework.skills else f"{skill} (not in catalogue)"
            rows.append(Row(skill, name, cells))
        tracks.append(Track(track_name, columns, rows))
    for number, issue in enumerate(issues, 1):
        for track in tracks:
            for i, column in enumerate(track.columns):
                if column.level != issue.level:
                    continue
                row = next((r for r in track.rows if r.skill == issue.skill), None) if issue.skill else None
                band = issue.path.rsplit(".", 1)[-1] if issue.path else ""
                if row is not None:
                    row.cells[i].marks.append(number)
                elif band in ("salary", "experience"):
                    column.band_marks.setdefault(band, []).append(number)
                else:
                    column.marks.append(number)
    return Pathway(framework, role, tracks, issues)


def build_pathways(config: Config, name: str | None, *, cwd: Path, use_cache: bool = True) -> list[Pathway]:
    """The pathways of the roles ``name`` names (every role when None), each with its findings."""
    index = build_index([], config, cwd=cwd, use_cache=use_cache)
    roles = [r for r in find_roles(index, name) if r.framework in index.frameworks]
    if not roles:
        raise ConfigError("no role in the index belongs to a framework that is defined in it")
    findings = pathway_findings(config, roles, index, cwd=cwd, use_cache=use_cache)
    return [build_pathway(index, role, findings) for role in roles]


def render_pathway(config: Config, name: str | None, fmt: str, *, cwd: Path, use_cache: bool = True) -> str:
    return RENDERERS[fmt](build_pathways(config, name, cwd=cwd, use_cache=use_cache))


def _band(band: Band | None) -> str:
    return band.describe() if band else ""


def _band_row(label: str, columns: list[Column]) -> list[str]:
    """A row of bands; a unit shared by all of them moves into the label to keep the columns narrow."""
    key = label.lower()
    bands = [getattr(c, key) for c in columns]
    marks = [_marks(c.band_marks.get(key, [])) for c in columns]
    units = {b.unit for b in bands if b is not None}
    if len(units) == 1:
        unit = units.pop()
        return [f"{label} ({unit})"] + [
            (_band(Band(b.low, b.high, "")) if b else "-") + m for b, m in zip(bands, marks)
        ]
    return [label] + [(_band(b) or "-") + m for b, m in zip(bands, marks)]


def _marks(marks: list[int], style: str = "text") -> str:
    if not marks:
        return ""
    if style == "markdown":
        return " " + " ".join(f"⚠{n}" for n in marks)
    return " " + " ".join(f"!{n}" for n in marks)


def _wrap(text: str, width: int) -> list[str]:
    words, lines, line = text.split(), [], ""
    for word in words:
        if line and len(line) + 1 + len(word) > width:
            lines.append(line)
            line = word
        else:
            line = f"{line} {word}".strip()
    if line:
        lines.append(line)
    return lines or [""]


def render_text(pathways: list[Pathway]) -> str:
    out: list[str] = []
    for pathway in pathways:
        role, framework = pathway.role, pathway.framework
        out.append(f"{role.title} ({role.id}) - {framework.name}")
        out.append("=" * len(out[-1]))
        out.append(f"Proficiency scale: {' < '.join(framework.scale)}")
        for track in pathway.tracks:
            if len(pathway.tracks) > 1:
                out += ["", f"Track: {track.name}"]
            out.append("")
            body = [[r.name] + [(c.proficiency or "-") + _marks(c.marks) for c in r.cells] for r in track.rows]
            body.append(_band_row("Salary", track.columns))
            body.append(_band_row("Experience", track.columns))
            if any(c.marks for c in track.columns):
                body.append(["Level issues"] + [_marks(c.marks).strip() or "" for c in track.columns])
            first = max([len(r[0]) for r in body] + [5])
            first = min(first, 36)
            widths = [max(12, *(len(r[i + 1]) for r in body)) for i in range(len(track.columns))]
            headers = [_wrap(c.title, w) for c, w in zip(track.columns, widths)]
            for line in range(max(len(h) for h in headers)):
                cells = [(h[line] if line < len(h) else "").ljust(w) for h, w in zip(headers, widths)]
                out.append(("Skill" if line == 0 else "").ljust(first) + " | " + " | ".join(cells).rstrip())
            out.append("-" * first + "-+-" + "-+-".join("-" * w for w in widths))
            for row in body:
                label = row[0] if len(row[0]) <= first else row[0][: first - 1] + "…"
                out.append(
                    label.ljust(first) + " | " + " | ".join(v.ljust(w) for v, w in zip(row[1:], widths)).rstrip()
                )
        out.append("")
        if pathway.issues:
            out.append("Issues:")
            out += [f"  !{n} {i.code} {i.message} ({_where(i)})" for n, i in enumerate(pathway.issues, 1)]
        else:
            out.append("No pathway issues.")
        out.append("")
    return "\n".join(out)


def _where(issue: PathwayIssue) -> str:
    """file:line, and the field when there is one: where to make the fix."""
    place = f"{issue.display}:{issue.line}" if issue.line else issue.display
    return f"{place}, {issue.path}" if issue.path else place


def _md(text: str) -> str:
    return text.replace("|", "\\|")


def _band_cell_md(band: Band | None, marks: list[int]) -> str:
    text = _band(band) or "–"
    return (f"**{text}**" if marks else text) + _marks(marks, "markdown")


def render_markdown(pathways: list[Pathway]) -> str:
    out: list[str] = []
    for pathway in pathways:
        role, framework = pathway.role, pathway.framework
        out += [
            f"## {_md(role.title)} pathway",
            "",
            f"Framework: {_md(framework.name)} (`{framework.id}`). Role: `{role.id}`. "
            f"Proficiency scale: {' < '.join(framework.scale)}.",
            "",
        ]
        for track in pathway.tracks:
            if len(pathway.tracks) > 1:
                out += [f"### Track: {_md(track.name)}", ""]
            header = ["Skill"] + [f"{_md(c.title)}{_marks(c.marks, 'markdown')}" for c in track.columns]
            out.append("| " + " | ".join(header) + " |")
            out.append("|" + "---|" * len(header))
            for row in track.rows:
                cells = [
                    (f"**{c.proficiency}**" if c.marks else c.proficiency or "–") + _marks(c.marks, "markdown")
                    for c in row.cells
                ]
                out.append("| " + " | ".join([_md(row.name), *cells]) + " |")
            for label in ("salary", "experience"):
                cells = [_band_cell_md(getattr(c, label), c.band_marks.get(label, [])) for c in track.columns]
                out.append(f"| *{label.capitalize()}* | " + " | ".join(cells) + " |")
            out.append("")
        if pathway.issues:
            out += ["**Issues**", ""]
            out += [f"{n}. ⚠{n} `{i.code}` {_md(i.message)} — `{_where(i)}`" for n, i in enumerate(pathway.issues, 1)]
        else:
            out.append("No pathway issues.")
        out.append("")
    return "\n".join(out)


_CSS = """
body{font:15px/1.45 system-ui,-apple-system,"Segoe UI",Roboto,sans-serif;margin:2rem;color:#1d2125;background:#fff}
h1{font-size:1.5rem;margin:0 0 .25rem}h2{font-size:1.1rem;margin:1.5rem 0 .5rem}
p.meta{color:#555;margin:0 0 1rem}
table{border-collapse:collapse;margin:0 0 1rem;min-width:40rem}
th,td{border:1px solid #d0d4d9;padding:.35rem .6rem;text-align:left;vertical-align:top}
thead th{background:#f3f5f7;font-weight:600;min-width:7.5rem}
tbody th{font-weight:500;background:#fafbfc;max-width:18rem}
td.p0{background:#eef5fb}td.p1{background:#cfe3f4}td.p2{background:#9cc6ea}td.p3{background:#5b9bd5;color:#fff}
td.none{color:#9aa0a6}
td.issue,th.issue{outline:3px solid #d4351c;outline-offset:-3px}
sup.mark{color:#d4351c;font-weight:700;margin-left:.2rem}
tr.band td{background:#fff;color:#333;font-size:.9em}
ol.issues li{margin:.25rem 0}ol.issues code{background:#f3f5f7;padding:0 .2rem}
.legend span{display:inline-block;padding:.1rem .5rem;margin-right:.3rem;border:1px solid #d0d4d9}
"""


def _code(text: str) -> str:
    """Escape, and show `id` spans as code."""
    return re.sub(r"`([^`]+)`", r"<code>\1</code>", html.escape(text))


def render_html(pathways: list[Pathway]) -> str:
    esc = html.escape
    title = ", ".join(p.role.title for p in pathways[:3]) + (" ..." if len(pathways) > 3 else "")
    parts = [
        f'<!DOCTYPE html>\n<html lang="en"><head><meta charset="utf-8">'
        f'<meta name="viewport" content="width=device-width, initial-scale=1">'
        f"<title>{esc(title)} - career pathway</title><style>{_CSS}</style></head><body>"
    ]
    for pathway in pathways:
        role, framework = pathway.role, pathway.framework
        scale = framework.scale
        parts.append(
            f"<section><h1>{esc(role.title)} pathway</h1>"
            f'<p class="meta">Framework: {esc(framework.name)} (<code>{esc(framework.id)}</code>) · role '
            f"<code>{esc(role.id)}</code> · {len(pathway.issues)} issue(s)</p>"
        )
        legend = "".join(
            f'<span class="p{_shade(i, len(scale))}" style="background:{_colour(i, len(scale))}">{esc(s)}</span>'
            for i, s in enumerate(scale)
        )
        parts.append(f'<p class="legend">Proficiency: {legend}</p>')
        for track in pathway.tracks:
            if len(pathway.tracks) > 1:
                parts.append(f"<h2>Track: {esc(track.name)}</h2>")
            head = "".join(
                f"<th{_issue_attrs(c.marks, pathway)}>{esc(c.title)}<br><small>{esc(c.level)}</small>"
                f"{_sup(c.marks, pathway)}</th>"
                for c in track.columns
            )
            parts.append(f"<table><thead><tr><th>Skill</th>{head}</tr></thead><tbody>")
            for row in track.rows:
                cells = []
                for cell in row.cells:
                    if cell.proficiency is None:
                        cells.append('<td class="none">–</td>')
                        continue
                    shade = _shade(cell.rank, len(scale)) if cell.rank is not None else 0
                    classes = f"p{shade}" + (" issue" if cell.marks else "")
                    cells.append(
                        f'<td class="{classes}"{_issue_attrs(cell.marks, pathway, attr_only=True)}>'
                        f"{esc(cell.proficiency)}{_sup(cell.marks, pathway)}</td>"
                    )
                parts.append(f'<tr><th scope="row">{esc(row.name)}</th>{"".join(cells)}</tr>')
            for label in ("salary", "experience"):
                cells = []
                for column in track.columns:
                    marks = column.band_marks.get(label, [])
                    attrs = f' class="issue"{_issue_attrs(marks, pathway, attr_only=True)}' if marks else ""
                    cells.append(f"<td{attrs}>{esc(_band(getattr(column, label))) or '–'}{_sup(marks, pathway)}</td>")
                parts.append(f'<tr class="band"><th scope="row">{label.capitalize()}</th>{"".join(cells)}</tr>')
            parts.append("</tbody></table>")
        if pathway.issues:
            parts.append('<h2>Issues</h2><ol class="issues">')
            parts += [
                f'<li id="{_anchor(pathway, n)}"><code>{esc(i.code)}</code> {_code(i.message)} '
                f"<small>(<code>{esc(_where(i))}</code>)</small></li>"
                for n, i in enumerate(pathway.issues, 1)
            ]
            parts.append("</ol>")
        else:
            parts.append("<p>No pathway issues.</p>")
        parts.append("</section>")
    parts.append("</body></html>\n")
    return "\n".join(parts)


def _shade(rank: int, size: int) -> int:
    return round(rank * 3 / max(size - 1, 1))


def _colour(rank: int, size: int) -> str:
    return ("#eef5fb", "#cfe3f4", "#9cc6ea", "#5b9bd5")[_shade(rank, size)]


def _anchor(pathway: Pathway, number: int) -> str:
    return f"{pathway.role.framework}-{pathway.role.id}-issue-{number}"


def _sup(marks: list[int], pathway: Pathway) -> str:
    return "".join(f'<sup class="mark"><a href="#{_anchor(pathway, n)}">{n}</a></sup>' for n in marks)


def _issue_attrs(marks: list[int], pathway: Pathway, *, attr_only: bool = False) -> str:
    if not marks:
        return ""
    tip = html.escape(" / ".join(pathway.issues[n - 1].message for n in marks), quote=True)
    return f' title="{tip}"' if attr_only else f' class="issue" title="{tip}"'


RENDERERS = {"text": render_text, "markdown": render_markdown, "html": render_html}
