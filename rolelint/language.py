"""Which language each prose span of a document is written in, so that English wording rules skip the
rest (the Welsh half of a bilingual advert) and the run can say that they did.

Most spans are plainly English, and a cheap test says so: enough of their words are English function
words ("the", "and", "with", "you" ...). Only the spans that fail it go to a language detector,
py3langid (a naive Bayes model over byte n-grams, shipped inside the package, offline), and only
when they hold enough words between them to make a language worth reporting; the detector is
loaded on first use. Short spans (headings, short list items) are too short to tell, so they take
the language of the nearest long span: a heading the next one's, anything else the previous one's.
A language other than English counts only when it holds enough of the document's words; spans
detected as any other language are English as far as the rules are concerned.
"""

from __future__ import annotations

import hashlib
import os
import re
import threading
import zipfile
from array import array
from collections import Counter
from dataclasses import dataclass
from pathlib import Path
from stat import S_ISREG
from typing import Any

from rolelint.safefiles import remove_leftovers, temporary_prefix, user_cache_folder

ENGLISH = "en"
# Words a span must have for its own language to be told; shorter spans take a neighbour's.
MIN_WORDS = 5
# A span at least this share of whose words are English function words is English.
ENGLISH_SHARE = 0.2
# The detector's probability a span's language needs; below it the span stays English.
MIN_CONFIDENCE = 0.9
# Words a document needs in another language before that language counts at all.
MIN_LANGUAGE_WORDS = 25
# The detector runs only when the spans that fail the cheap test hold this share of a document's
# words: in English adverts they are tables and skill lists, a tenth of the words (median over the
# shared corpus; 95th percentile 22%), while a bilingual advert is half another language.
DOUBTFUL_SHARE = 0.25

# Frequent English function words that are not also common words of languages UK and European
# adverts are written in ("a", "i", "am", "an", "o", "y", "on", "de", "en" are left out: Welsh,
# French, Spanish and Dutch use them too).
_FUNCTION_WORDS = frozenset(
    """
    the and of to in is are was were be been being will would can could should may might must shall
    you your yours we our ours us they their them he she his her it its this that these those which who
    whom whose what when where why how with for from by at as about into onto over under between
    through during before after than then there here also not but or if so such very more most
    some any all each every other only just both either neither nor while because although though
    have has had having do does did done get gets got work working team role job help need needs
    want like make makes across within without up out new good well our you'll we'll we're you're
    it's don't isn't aren't won't can't
""".split()
)

_WORD = re.compile(r"[^\W\d_]+(?:['’][^\W\d_]+)?")


@dataclass(frozen=True)
class Languages:
    """A document's languages: ``spans[i]`` is span ``i``'s language (ISO 639-1), ``words`` the
    words in each language that counts, English included."""

    spans: tuple[str, ...]
    words: tuple[tuple[str, int], ...]

    @property
    def others(self) -> tuple[tuple[str, int], ...]:
        """The languages other than English that count, with their words, most first."""
        return tuple((code, count) for code, count in self.words if code != ENGLISH)


def _words(text: str) -> list[str]:
    return _WORD.findall(text.lower())


def looks_english(words: list[str]) -> bool:
    """The cheap test: enough of the words are English function words."""
    return bool(words) and sum(1 for w in words if w in _FUNCTION_WORDS) >= ENGLISH_SHARE * len(words)


class _Detector:
    """py3langid's identifier, loaded once per process on first use (``load_identifier``; ~70 MB of
    memory), or before a --jobs parent forks its workers (``load_detector_in_background``); shared
    by threads."""

    _lock = threading.Lock()
    _identifier = None

    @classmethod
    def _load(cls):
        """The identifier; the caller holds the lock."""
        if cls._identifier is None:
            cls._identifier = load_identifier()
        return cls._identifier

    @classmethod
    def load(cls) -> None:
        with cls._lock:
            cls._load()

    @classmethod
    def classify(cls, text: str) -> tuple[str, float]:
        with cls._lock:
            code, probability = cls._load().classify(text)
        return code, float(probability)


# py3langid ships its model LZMA-compressed (4.5 MB; 68 MB unpacked), and decompressing it is most
# of what loading the detector costs. It is unpacked once per machine into the user's cache folder
# and read from there: the same arrays, so the same verdicts.
_MODEL_ARRAYS = ("ptc", "pc", "classes", "nextmove", "nextmove_row", "out_feat")
_UNPACKED_FORMAT = 1
_UNPACKED_LIMIT = 1 << 30
_UNPACKED_GLOB = "language-model-*.npz"


def load_identifier(packed: Path | None = None, cache_folder: Path | None = None):
    """py3langid's identifier (normalised probabilities) for its model file ``packed`` (default: the
    one it ships), read from the copy unpacked in ``cache_folder`` (default: the user's cache folder,
    ``rolelint.safefiles.user_cache_folder``), which is made first when it is not there."""
    from py3langid.langid import MODEL_DIR, MODEL_FILE, LanguageIdentifier

    arrays = unpacked_model(
        packed or MODEL_DIR / MODEL_FILE, user_cache_folder() if cache_folder is None else cache_folder
    )
    return LanguageIdentifier(
        arrays["ptc"],
        arrays["pc"],
        arrays["classes"].tolist(),
        _uint_array(arrays["nextmove"]),
        arrays["out_feat"].tolist(),
        norm_probs=True,
        tk_row=_uint_array(arrays["nextmove_row"]),
    )


def unpacked_model(packed: Path, folder: Path) -> dict[str, Any]:
    """The arrays of the model file ``packed`` (an LZMA-compressed .npz), read from its unpacked copy
    in ``folder`` when there is a whole one of a file with these very bytes (named by their hash:
    every installation of the same py3langid, a project's and pre-commit's, shares one copy), else
    unpacked, and kept there when the folder can be written."""
    try:
        digest = hashlib.sha256(packed.read_bytes()).hexdigest()
    except OSError:
        target = None
    else:
        what = f"{_UNPACKED_FORMAT}\0{digest}"
        target = folder / f"language-model-{hashlib.sha256(what.encode()).hexdigest()[:16]}.npz"
        arrays = _read_unpacked(target)
        if arrays is not None:
            return arrays
    return _unpack(packed, target)


def _read_unpacked(path: Path) -> dict[str, Any] | None:
    """The arrays of an unpacked model; None when it is absent, not a regular file (a link is not
    followed), too big, unreadable or not a consistent model."""
    import numpy as np

    try:
        descriptor = os.open(path, os.O_RDONLY | getattr(os, "O_CLOEXEC", 0) | getattr(os, "O_NOFOLLOW", 0))
    except OSError:
        return None
    with os.fdopen(descriptor, "rb") as file:
        info = os.fstat(descriptor)
        if not S_ISREG(info.st_mode) or info.st_size > _UNPACKED_LIMIT:
            return None
        try:
            with np.load(file, allow_pickle=False) as data:
                arrays = {name: data[name] for name in _MODEL_ARRAYS}
        except (OSError, ValueError, KeyError, EOFError, zipfile.BadZipFile):
            return None
    return arrays if _consistent(arrays) else None


def _consistent(arrays: dict[str, Any]) -> bool:
    """Whether the arrays fit together as a model does, so that classifying can index none out of
    bounds (a torn or altered file is read as no file)."""
    ptc, pc, classes = arrays["ptc"], arrays["pc"], arrays["classes"]
    nextmove, rows, out = arrays["nextmove"], arrays["nextmove_row"], arrays["out_feat"]
    return (
        ptc.ndim == 2
        and pc.ndim == classes.ndim == nextmove.ndim == rows.ndim == out.ndim == 1
        and ptc.shape[1] == len(pc) == len(classes)
        and classes.dtype.kind == "U"
        and nextmove.dtype.kind == rows.dtype.kind == "u"
        and out.dtype.kind == "i"
        and nextmove.size % 256 == 0
        and len(rows) == len(out) > 0
        and int(rows.max()) < nextmove.size // 256
        and int(nextmove.max()) < len(rows)
        and int(out.max()) < ptc.shape[0]
    )


def _unpack(packed: Path, target: Path | None) -> dict[str, Any]:
    """Decompress ``packed`` and read its arrays; the decompressed file becomes ``target`` when its
    folder can be written (any failure there only means that the next process unpacks it again)."""
    import lzma
    import shutil
    import tempfile

    import numpy as np

    temporary = None
    try:
        if target is None:
            raise OSError("no place to keep it")
        target.parent.mkdir(parents=True, exist_ok=True)
        remove_leftovers(target)
        descriptor, temporary = tempfile.mkstemp(dir=target.parent, prefix=temporary_prefix(target), suffix=".tmp")
        out = os.fdopen(descriptor, "w+b")
    except OSError:
        out = tempfile.TemporaryFile(suffix=".npz")
    try:
        with out:
            with lzma.open(packed) as source:
                shutil.copyfileobj(source, out, length=1 << 20)
            out.seek(0)
            with np.load(out, allow_pickle=False) as data:
                arrays = {name: data[name] for name in _MODEL_ARRAYS}
        if temporary is not None and target is not None:
            os.replace(temporary, target)
            temporary = None
            _remove_other_models(target)
    finally:
        if temporary is not None:
            try:
                os.unlink(temporary)
            except OSError:
                pass
    return arrays


def _remove_other_models(kept: Path) -> None:
    """Remove the unpacked models of other model files (an upgraded py3langid's old one) beside ``kept``."""
    for path in kept.parent.glob(_UNPACKED_GLOB):
        try:
            info = os.lstat(path)
            if path.name != kept.name and S_ISREG(info.st_mode) and info.st_uid == os.geteuid():
                os.unlink(path)
        except OSError:
            continue


def _uint_array(values) -> array:
    """An unsigned integer numpy array as the standard library's ``array``, which the identifier
    indexes (one element at a time, faster than numpy's)."""
    import numpy as np

    out = array({2: "H", 4: "I", 8: "L" if array("L").itemsize == 8 else "Q"}[values.dtype.itemsize])
    out.frombytes(np.ascontiguousarray(values).data.cast("B"))
    return out


def load_detector_in_background() -> threading.Thread:
    """Start loading the detector on a thread of its own and return the thread, for a caller with
    other start-up work to do meanwhile (most of the load is LZMA decompression, which runs outside
    the GIL). A parent about to fork workers joins it before forking: the workers then share one
    detector instead of each loading its own when a document first needs it."""
    import py3langid.langid  # noqa: F401 - imported here, not on the thread, so no import runs concurrently

    thread = threading.Thread(target=_Detector.load, name="rolelint-language-detector", daemon=True)
    thread.start()
    return thread


def classify(text: str) -> tuple[str, float]:
    """The detector's language for ``text`` and its probability."""
    return _Detector.classify(text)


def span_languages(texts: list[str], headings: list[bool]) -> Languages:
    """The language of each of a document's prose spans, given their texts in document order and
    whether each is a heading."""
    words = [_words(text) for text in texts]
    told: list[str | None] = [None] * len(texts)
    doubtful = []
    for i, found in enumerate(words):
        if len(found) < MIN_WORDS:
            continue
        if looks_english(found):
            told[i] = ENGLISH
        else:
            doubtful.append(i)
    # Only a document with enough doubtful words could have another language that counts.
    doubtful_words = sum(len(words[i]) for i in doubtful)
    if doubtful_words >= max(MIN_LANGUAGE_WORDS, DOUBTFUL_SHARE * sum(len(found) for found in words)):
        for i in doubtful:
            code, probability = classify(texts[i])
            told[i] = code if probability >= MIN_CONFIDENCE else ENGLISH
    else:
        for i in doubtful:
            told[i] = ENGLISH
    # Languages that hold enough words count; a span in any other is English to the rules.
    tally: Counter[str] = Counter()
    for i, code in enumerate(told):
        if code is not None:
            tally[code] += len(words[i])
    counting = {code for code, count in tally.items() if code == ENGLISH or count >= MIN_LANGUAGE_WORDS}
    told = [code if code is None or code in counting else ENGLISH for code in told]
    spans = _fill_short(told, headings)
    totals: Counter[str | None] = Counter()
    for code, found in zip(spans, words):
        totals[code] += len(found)
    ordered = sorted(((code, count) for code, count in totals.items() if count), key=lambda item: (-item[1], item[0]))
    return Languages(tuple(spans), tuple(ordered))


def document_languages(document) -> Languages:
    """``span_languages`` of a Document's spans, worked out once and kept on it."""
    if document.languages is None:
        document.languages = span_languages(
            [span.text for span in document.spans], [span.block == "heading" for span in document.spans]
        )
    return document.languages


def written_in(document, code: str) -> Languages:
    """Say that all of ``document`` is in the language ``code`` (a rule pack's examples are)."""
    count = sum(len(_words(span.text)) for span in document.spans)
    document.languages = Languages(tuple(code for _ in document.spans), ((code, count),) if count else ())
    return document.languages


def _fill_short(told: list[str | None], headings: list[bool]) -> list[str]:
    """Short spans take the language of the nearest long span: a heading the next one's (it heads
    it), anything else the previous one's; with no long span on that side, the other side's."""
    previous: list[str | None] = []
    last = None
    for code in told:
        last = code if code is not None else last
        previous.append(last)
    following: list[str | None] = [None] * len(told)
    after = None
    for i in range(len(told) - 1, -1, -1):
        after = told[i] if told[i] is not None else after
        following[i] = after
    out = []
    for i, code in enumerate(told):
        if code is None:
            first, second = (following[i], previous[i]) if headings[i] else (previous[i], following[i])
            code = first or second or ENGLISH
        out.append(code)
    return out


_NAMES = {
    "cy": "Welsh",
    "ga": "Irish",
    "gd": "Scottish Gaelic",
    "fr": "French",
    "de": "German",
    "es": "Spanish",
    "it": "Italian",
    "nl": "Dutch",
    "pt": "Portuguese",
    "pl": "Polish",
    "sv": "Swedish",
    "da": "Danish",
    "no": "Norwegian",
    "nb": "Norwegian",
    "fi": "Finnish",
    "ro": "Romanian",
    "cs": "Czech",
    "hu": "Hungarian",
    "el": "Greek",
    "ru": "Russian",
    "uk": "Ukrainian",
    "tr": "Turkish",
    "ar": "Arabic",
    "zh": "Chinese",
    "ja": "Japanese",
    "ko": "Korean",
    "hi": "Hindi",
    "ur": "Urdu",
    "pa": "Punjabi",
    "bn": "Bengali",
    "en": "English",
    "ca": "Catalan",
    "eu": "Basque",
    "gl": "Galician",
    "lt": "Lithuanian",
    "lv": "Latvian",
    "et": "Estonian",
    "sk": "Slovak",
    "sl": "Slovenian",
    "hr": "Croatian",
    "sr": "Serbian",
    "bg": "Bulgarian",
}


def language_name(code: str) -> str:
    """`cy` -> "Welsh"; a code rolelint has no name for is shown as itself."""
    return _NAMES.get(code, code)
