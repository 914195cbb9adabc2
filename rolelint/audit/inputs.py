"""The adverts an audit reads, cut into partitions that a worker can read by itself.

An input is a folder of advert files, a JSON Lines, CSV or Parquet file of adverts (a text column
and metadata columns), or schema.org JobPosting JSON-LD (a file, or a folder of them). A partition
names what to read (a file's byte range, a Parquet row group, a list of files, or records read by
the client) so that a worker with the same file system reads it itself, and has a stable name, so
that a re-run can skip the partitions whose output exists.

A record that cannot be read (a line that is not JSON, a CSV row with the wrong number of fields, a
record without the text column) becomes a ``RecordError`` of its own; the rest of the partition
goes on.
"""

from __future__ import annotations

import csv
import html
import json
import re
from dataclasses import dataclass, field
from html.parser import HTMLParser
from pathlib import Path
from typing import Any, Iterator

# Metadata every advert row carries (empty when the input has no such column).
METADATA = ("organisation", "title", "level", "profession", "date", "salary")
# Where an advert file's metadata (Markdown front matter, a YAML advert's keys, an HTML page's
# JobPosting as `rolelint check` reads it) holds each METADATA field, first filled first: the advert
# schema's key, then a key a site's own front matter (one without `kind:`) uses. The profession is
# the framework's id, the key the profession index and the roles use for it. A `.jsonld` file's
# metadata is its JobPosting's, read as a JSON-LD input reads it (``jobposting_metadata``).
FILE_KEYS: dict[str, tuple[str, ...]] = {
    "organisation": ("organisation", "organization"),
    "title": ("title",),
    "level": ("level",),
    "profession": ("framework", "profession"),
    "date": ("closing_date", "date"),
    "salary": ("salary",),
}
# Keys that are rolelint's advert schema's only in a file that says `kind: advert`: a site's own
# `framework:` (a Jekyll site's "React") names the software the job uses, not the profession.
ADVERT_ONLY_KEYS = frozenset({"framework"})
INPUT_FORMATS = ("folder", "jsonl", "csv", "parquet", "jsonld")
JSONLD_SUFFIXES = (".jsonld", ".json")


def folder_suffixes() -> tuple[str, ...]:
    """The files a folder input reads: those `rolelint check` picks up in a folder (every input
    format's default globs, ``**/*.md`` … ``**/*.docx``)."""
    from rolelint.formats import default_include

    return tuple(dict.fromkeys(glob.rpartition("*")[2].lower() for glob in default_include()))


class AuditInputError(Exception):
    """An input the audit cannot read at all (exit 2): missing, of an unknown format, or without
    the text column."""


@dataclass(frozen=True)
class Columns:
    """Which input column holds each field: ``text``, ``id`` and the METADATA names."""

    text: str = "text"
    id: str = "id"
    metadata: tuple[tuple[str, str], ...] = tuple((name, name) for name in METADATA)

    def with_overrides(self, overrides: dict[str, str]) -> Columns:
        unknown = set(overrides) - {"text", "id", *METADATA}
        if unknown:
            raise AuditInputError(
                f"--column: unknown field {sorted(unknown)[0]!r}; fields are text, id, {', '.join(METADATA)}"
            )
        metadata = tuple((name, overrides.get(name, source)) for name, source in self.metadata)
        return Columns(text=overrides.get("text", self.text), id=overrides.get("id", self.id), metadata=metadata)


@dataclass(frozen=True)
class Advert:
    id: str
    text: str
    where: str  # file:line, file:row or the file, for messages
    metadata: tuple[tuple[str, str], ...]  # (name, value) for each METADATA name
    data: bytes | None = field(default=None, repr=False)  # a file's bytes, linted as `rolelint check` reads them

    @property
    def content(self) -> str | bytes:
        return self.data if self.data is not None else self.text


@dataclass(frozen=True)
class RecordError:
    where: str
    message: str


@dataclass(frozen=True)
class Partition:
    """What one task reads. ``records`` holds adverts read by the client (CSV), else it is empty
    and the worker reads ``path`` from ``start`` for ``length`` bytes (JSON Lines), row group
    ``start`` (Parquet) or the files in ``files`` (a folder)."""

    name: str
    source: str  # jsonl, csv, parquet, files, jsonld
    path: str = ""
    start: int = 0
    length: int = 0
    files: tuple[str, ...] = ()
    records: tuple[Advert | RecordError, ...] = field(default=(), repr=False)


# --- planning ---------------------------------------------------------------------------------


def detect_format(path: Path) -> str:
    if not path.exists():  # before its suffix: a missing folder has none, and --input-format would not help
        raise AuditInputError(f"{path}: no such file or folder")
    if path.is_dir():
        suffixes = {p.suffix.lower() for p in _files_below(path)}
        if suffixes & set(JSONLD_SUFFIXES) and not suffixes & (set(folder_suffixes()) - set(JSONLD_SUFFIXES)):
            return "jsonld"  # JobPosting files only: one advert per posting, with its metadata
        return "folder"
    suffix = path.suffix.lower()
    found = {
        ".jsonl": "jsonl",
        ".ndjson": "jsonl",
        ".csv": "csv",
        ".parquet": "parquet",
        ".jsonld": "jsonld",
        ".json": "jsonld",
    }.get(suffix)
    if found is None:
        raise AuditInputError(
            f"{path}: cannot tell the input format from the suffix {suffix or '(none)'}; "
            f"give --input-format ({', '.join(INPUT_FORMATS)})"
        )
    return found


def plan(path: Path, fmt: str, columns: Columns, *, partition_size: int) -> list[Partition]:
    """The partitions of an input, in a stable order with stable names."""
    if not path.exists():
        raise AuditInputError(f"{path}: no such file or folder")
    if fmt == "jsonl":
        return _plan_lines(path, columns, partition_size)
    if fmt == "csv":
        return _plan_csv(path, columns, partition_size)
    if fmt == "parquet":
        return _plan_parquet(path, columns)
    if fmt == "folder":
        files = [p for p in _files_below(path) if p.suffix.lower() in folder_suffixes()]
        return _plan_files(files, "files", partition_size)
    if fmt == "jsonld":
        files = [path] if path.is_file() else [p for p in _files_below(path) if p.suffix.lower() in JSONLD_SUFFIXES]
        return _plan_files(files, "jsonld", partition_size)
    raise AuditInputError(f"unknown input format {fmt!r}; one of {', '.join(INPUT_FORMATS)}")


def skipped_files(path: Path, fmt: str) -> dict[str, int]:
    """The files below a folder input that the audit does not read, counted by suffix (hidden files
    and folders left out), as `rolelint check` counts the files no input format reads."""
    if not path.is_dir() or fmt not in ("folder", "jsonld"):
        return {}
    read = folder_suffixes() if fmt == "folder" else JSONLD_SUFFIXES
    skipped: dict[str, int] = {}
    for file in _files_below(path):
        if file.suffix.lower() not in read:
            suffix = file.suffix.lower() or "(no suffix)"
            skipped[suffix] = skipped.get(suffix, 0) + 1
    return dict(sorted(skipped.items(), key=lambda item: (-item[1], item[0])))


def _files_below(folder: Path) -> list[Path]:
    """The files below ``folder``, in a stable order, without hidden files and folders (``.git``)."""
    return sorted(
        p
        for p in folder.rglob("*")
        if p.is_file() and not any(part.startswith(".") for part in p.relative_to(folder).parts)
    )


def _plan_files(files: list[Path], source: str, size: int) -> list[Partition]:
    return [
        Partition(f"part-{n:05d}", source, files=tuple(str(p) for p in files[i : i + size]))
        for n, i in enumerate(range(0, len(files), size))
    ]


def _plan_lines(path: Path, columns: Columns, size: int) -> list[Partition]:
    """Byte ranges of about ``size`` lines each (measured on the file's first lines), cut at line ends."""
    _require_text_column_in_first_record(path, columns)
    total = path.stat().st_size
    with path.open("rb") as handle:
        sample = [len(line) for _, line in zip(range(200), handle)]
    block = max(1, int(sum(sample) / max(1, len(sample)) * size))
    partitions, start, n = [], 0, 0
    with path.open("rb") as handle:
        while start < total:
            handle.seek(min(total, start + block))
            handle.readline()  # to the end of the line the cut fell in
            end = min(total, handle.tell()) if start + block < total else total
            partitions.append(Partition(f"part-{n:05d}", "jsonl", path=str(path), start=start, length=end - start))
            start, n = end, n + 1
    return partitions


def _require_text_column_in_first_record(path: Path, columns: Columns) -> None:
    with path.open("rb") as handle:
        for line in handle:
            if not line.strip():
                continue
            try:
                record = json.loads(line)
            except ValueError:
                return  # reported per record
            if isinstance(record, dict) and columns.text not in record:
                raise AuditInputError(_missing_column(path, columns.text, list(record)))
            return


def _missing_column(path: Path, column: str, present: list[str]) -> str:
    have = ", ".join(str(c) for c in present[:20]) or "none"
    return (
        f"{path}: no column {column!r} (the advert text); its columns are: {have}. "
        f"Name the text column with --column text=NAME"
    )


def _plan_csv(path: Path, columns: Columns, size: int) -> list[Partition]:
    """CSV rows may hold line breaks inside quotes, so the file cannot be cut by bytes: the client
    reads it once and sends each partition its records."""
    partitions: list[Partition] = []
    batch: list[Advert | RecordError] = []
    with path.open(newline="", encoding="utf-8", errors="replace") as handle:
        reader = csv.reader(handle)
        try:
            header = next(reader)
        except StopIteration:
            return []
        if columns.text not in header:
            raise AuditInputError(_missing_column(path, columns.text, header))
        for row in reader:
            where = f"{path.name}:{reader.line_num}"
            if not any(cell.strip() for cell in row):
                continue
            if len(row) != len(header):
                batch.append(RecordError(where, f"has {len(row)} fields, the header {len(header)}"))
            else:
                batch.append(
                    advert_from(dict(zip(header, row)), columns, where, f"{path.stem}-{len(partitions)}-{len(batch)}")
                )
            if len(batch) >= size:
                partitions.append(Partition(f"part-{len(partitions):05d}", "csv", path=str(path), records=tuple(batch)))
                batch = []
    if batch:
        partitions.append(Partition(f"part-{len(partitions):05d}", "csv", path=str(path), records=tuple(batch)))
    return partitions


def _plan_parquet(path: Path, columns: Columns) -> list[Partition]:
    import pyarrow.parquet as pq

    files = [path] if path.is_file() else sorted(path.rglob("*.parquet"))
    partitions = []
    for number, file in enumerate(files):
        meta = pq.ParquetFile(file)
        names = meta.schema_arrow.names
        if columns.text not in names:
            raise AuditInputError(_missing_column(file, columns.text, names))
        for group in range(meta.num_row_groups):
            partitions.append(Partition(f"part-{number:03d}-{group:05d}", "parquet", path=str(file), start=group))
    return partitions


# --- reading (in the worker) ------------------------------------------------------------------


def read(partition: Partition, columns: Columns) -> list[Advert | RecordError]:
    if partition.records:
        return list(partition.records)
    if partition.source == "jsonl":
        return list(_read_lines(partition, columns))
    if partition.source == "parquet":
        return list(_read_parquet(partition, columns))
    if partition.source == "files":
        return [_read_file(Path(p)) for p in partition.files]
    if partition.source == "jsonld":
        return [item for p in partition.files for item in _read_jsonld(Path(p))]
    return []


def _read_lines(partition: Partition, columns: Columns) -> Iterator[Advert | RecordError]:
    path = Path(partition.path)
    with path.open("rb") as handle:
        handle.seek(0)
        line_number = _count_lines(handle, partition.start)
        data = handle.read(partition.length)
    for offset, raw in enumerate(data.splitlines()):
        number = line_number + offset + 1
        where = f"{path.name}:{number}"
        if not raw.strip():
            continue
        try:
            record = json.loads(raw.decode("utf-8"))
        except (UnicodeDecodeError, ValueError) as exc:
            yield RecordError(where, f"not a JSON object: {first_line(exc)}")
            continue
        if not isinstance(record, dict):
            yield RecordError(where, f"a JSON {type(record).__name__}, not an object")
            continue
        yield advert_from(record, columns, where, f"{path.stem}-{number}")


def _count_lines(handle, upto: int) -> int:
    count, done = 0, 0
    while done < upto:
        chunk = handle.read(min(1 << 20, upto - done))
        if not chunk:
            break
        count += chunk.count(b"\n")
        done += len(chunk)
    return count


def _read_parquet(partition: Partition, columns: Columns) -> Iterator[Advert | RecordError]:
    import pyarrow.parquet as pq

    file = pq.ParquetFile(partition.path)
    wanted = [
        c
        for c in (columns.text, columns.id, *(source for _, source in columns.metadata))
        if c in file.schema_arrow.names
    ]
    table = file.read_row_group(partition.start, columns=list(dict.fromkeys(wanted)))
    name = Path(partition.path).name
    first = sum(file.metadata.row_group(g).num_rows for g in range(partition.start))
    for offset, record in enumerate(table.to_pylist()):
        row = first + offset + 1
        yield advert_from(record, columns, f"{name}:row {row}", f"{Path(partition.path).stem}-{row}")


def _read_file(path: Path) -> Advert | RecordError:
    try:
        data = path.read_bytes()
    except OSError as exc:
        return RecordError(str(path), f"cannot be read: {exc.strerror or exc}")
    from rolelint.formats import format_for
    from rolelint.formats.frontmatter import read_front_matter

    fmt = format_for(path)
    if fmt.name in ("markdown", "text"):
        text = data.decode("utf-8-sig", errors="replace")
        # Front matter as `rolelint check` reads it: YAML, TOML or JSON, in Markdown only.
        metadata = file_metadata(read_front_matter(text).data if fmt.name == "markdown" else {})
    else:
        text, keys = _prose_and_data(fmt, path, data)
        # a JobPosting file's metadata as a JSON-LD input gives it, not as check's advert keys
        metadata = _jsonld_file_metadata(data) if fmt.name == "jsonld" else file_metadata(keys)
    return Advert(id=str(path), text=text, where=str(path), metadata=metadata, data=data)


def file_metadata(data: dict[str, Any]) -> tuple[tuple[str, str], ...]:
    """An advert file's metadata fields, each from the first of its FILE_KEYS that holds a value
    (ADVERT_ONLY_KEYS only when the file says `kind: advert`)."""
    read = [key for key in data if data.get("kind") == "advert" or key not in ADVERT_ONLY_KEYS]
    return tuple(
        (name, next((value for value in (_plain(data.get(k)) for k in FILE_KEYS[name] if k in read) if value), ""))
        for name in METADATA
    )


def _jsonld_file_metadata(data: bytes) -> tuple[tuple[str, str], ...]:
    """The metadata of a `.jsonld` file's JobPosting, the first as `rolelint check` reads it; none
    when the file holds none (the lint reports why)."""
    from rolelint.formats.jsonld import find_posting

    try:
        found = find_posting(json.loads(data.decode("utf-8-sig")))
    except (UnicodeDecodeError, ValueError):
        found = None
    return jobposting_metadata(found[1]) if found else tuple((name, "") for name in METADATA)


def _prose_and_data(fmt, path: Path, data: bytes) -> tuple[str, dict[str, Any]]:
    """The prose of a file in another format (HTML, Word, YAML, JSON-LD), for its length and reading
    grade, and its metadata, read through its format as `rolelint check` reads it; ('', {}) when
    it cannot be read (the lint reports why)."""
    from rolelint.formats import Unreadable

    try:
        document, _ = fmt.parse(fmt.decode(data, str(path), None), "advert")
    except Unreadable:
        return "", {}
    metadata = dict(document.data) if isinstance(document.data, dict) else {}
    return "\n".join(span.text for span in document.spans), metadata


def _kind_of(value: Any) -> str:
    """What a JSON, CSV or Parquet value is, in the words of the file rather than Python's."""
    if isinstance(value, bool):
        return "true or false"
    if isinstance(value, (int, float)):
        return "a number"
    if isinstance(value, (list, tuple)):
        return "a list"
    if isinstance(value, dict):
        return "an object"
    return f"a value of type {type(value).__name__}"


def advert_from(record: dict, columns: Columns, where: str, fallback_id: str) -> Advert | RecordError:
    text = record.get(columns.text)
    if text is None or (isinstance(text, float) and text != text):  # missing, or a NaN from pandas
        return RecordError(where, f"no {columns.text!r} value")
    if not isinstance(text, str):
        return RecordError(where, f"{columns.text!r} is {_kind_of(text)}, not text")
    ident = record.get(columns.id)
    return Advert(
        id=_plain(ident) or fallback_id,
        text=text,
        where=where,
        metadata=tuple((name, _plain(record.get(source))) for name, source in columns.metadata),
    )


def _plain(value: Any) -> str:
    """A metadata value as one line of text ('' for none)."""
    if value is None or (isinstance(value, float) and value != value):
        return ""
    if isinstance(value, dict):
        if "min" in value or "max" in value:
            return "-".join(str(value[k]) for k in ("min", "max") if k in value) + (
                f" {value['currency']}" if "currency" in value else ""
            )
        return json.dumps(value, sort_keys=True, default=str)
    if isinstance(value, (list, tuple)):
        return ", ".join(_plain(v) for v in value)
    return " ".join(str(value).split())


def first_line(exc: BaseException) -> str:
    return str(exc).strip().splitlines()[0] if str(exc).strip() else type(exc).__name__


# --- schema.org JobPosting --------------------------------------------------------------------

# JobPosting properties that hold advert prose, each a section of the Markdown the audit lints.
_JOBPOSTING_SECTIONS = (
    ("description", None),
    ("responsibilities", "Responsibilities"),
    ("qualifications", "Essential criteria"),
    ("skills", "Skills"),
    ("experienceRequirements", "Experience"),
    ("educationRequirements", "Education"),
    ("jobBenefits", "Benefits"),
)


def _read_jsonld(path: Path) -> list[Advert | RecordError]:
    try:
        data = json.loads(path.read_text(encoding="utf-8"))
    except (OSError, UnicodeDecodeError, ValueError) as exc:
        return [RecordError(str(path), f"not JSON-LD: {first_line(exc)}")]
    postings = [item for item in _nodes(data) if _is_jobposting(item)]
    if not postings:
        return [RecordError(str(path), "holds no schema.org JobPosting")]
    return [
        jobposting_advert(item, f"{path}" + (f"#{n + 1}" if len(postings) > 1 else ""))
        for n, item in enumerate(postings)
    ]


def _nodes(data: Any) -> Iterator[Any]:
    if isinstance(data, list):
        for item in data:
            yield from _nodes(item)
    elif isinstance(data, dict):
        yield data
        if isinstance(data.get("@graph"), list):
            yield from _nodes(data["@graph"])


def _is_jobposting(item: dict) -> bool:
    kind = item.get("@type")
    return kind == "JobPosting" or (isinstance(kind, list) and "JobPosting" in kind)


def jobposting_advert(item: dict, where: str) -> Advert:
    """A JobPosting as a Markdown advert: its title as the heading, its prose properties as
    sections (HTML turned to Markdown), its pay as a Pay section."""
    title = _plain(_text_of(item.get("title")))
    parts = [f"# {title}"] if title else []
    for key, heading in _JOBPOSTING_SECTIONS:
        value = item.get(key)
        if value in (None, "", []):
            continue
        body = html_to_markdown(_text_of(value))
        parts.append(f"## {heading}\n\n{body}" if heading else body)
    salary = _salary(item)
    if salary:
        parts.append(f"## Pay\n\n{salary}")
    ident = item.get("identifier")
    ident = ident.get("value") if isinstance(ident, dict) else ident
    return Advert(
        id=_plain(ident) or where,
        text="\n\n".join(parts) + "\n",
        where=where,
        metadata=jobposting_metadata(item),
    )


def jobposting_metadata(item: dict) -> tuple[tuple[str, str], ...]:
    """A JobPosting's METADATA fields, whether it came as a JSON-LD input or a `.jsonld` file in a
    folder: the date it was posted, else its closing date; its occupational category as the
    profession."""
    organisation = item.get("hiringOrganization")
    organisation = organisation.get("name") if isinstance(organisation, dict) else organisation
    metadata = {
        "organisation": organisation,
        "title": _text_of(item.get("title")),
        "level": "",
        "profession": _text_of(item.get("occupationalCategory")),
        "date": item.get("datePosted") or item.get("validThrough"),
        "salary": _salary(item),
    }
    return tuple((name, _plain(metadata.get(name))) for name in METADATA)


def _text_of(value: Any) -> str:
    if isinstance(value, list):
        return "\n".join(_text_of(v) for v in value)
    if isinstance(value, dict):
        return _text_of(value.get("name") or value.get("description") or value.get("value") or "")
    return "" if value is None else str(value)


def _salary(item: dict) -> str:
    """``baseSalary`` as words: '45000-52000 GBP per YEAR', '100000 USD'."""
    value = item.get("baseSalary")
    currency = item.get("salaryCurrency") or ""
    unit = ""
    if isinstance(value, dict):
        currency = value.get("currency") or currency
        inner = value.get("value")
        if isinstance(inner, dict):
            unit = inner.get("unitText") or ""
            low, high, exact = inner.get("minValue"), inner.get("maxValue"), inner.get("value")
            value = f"{low} to {high}" if low is not None and high is not None else (exact or low or high)
        else:
            value = inner
    if value in (None, ""):
        return ""
    return " ".join(str(x) for x in (value, currency, f"per {unit.lower()}" if unit else "") if x)


class _Markdown(HTMLParser):
    BLOCKS = {"p", "div", "section", "article", "ul", "ol", "table", "tr", "blockquote", "br"}

    def __init__(self):
        super().__init__(convert_charrefs=True)
        self.out: list[str] = []

    def handle_starttag(self, tag, attrs):
        if tag in self.BLOCKS:
            self.out.append("\n\n" if tag != "br" else "\n")
        elif tag == "li":
            self.out.append("\n- ")
        elif re.fullmatch(r"h[1-6]", tag):
            self.out.append("\n\n" + "#" * max(2, int(tag[1])) + " ")

    def handle_endtag(self, tag):
        if tag in self.BLOCKS or re.fullmatch(r"h[1-6]", tag):
            self.out.append("\n\n")

    def handle_data(self, data):
        self.out.append(re.sub(r"\s+", " ", data))


def html_to_markdown(value: str) -> str:
    """HTML prose (as JobPosting descriptions usually are) as Markdown paragraphs, lists and headings;
    plain text is kept as it is."""
    if "<" not in value:
        return html.unescape(value).strip()
    parser = _Markdown()
    parser.feed(value)
    parser.close()
    text = "".join(parser.out)
    lines = [line.strip() for line in text.splitlines()]
    return re.sub(r"\n{3,}", "\n\n", "\n".join(lines)).strip()
