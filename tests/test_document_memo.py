"""Document.worked_out: what rules work out from a document, kept while its basis is the same."""

from __future__ import annotations

from rolelint.loaders import document_from_string


def _document():
    return document_from_string("# Developer\n\nYou will build tools.\n", fmt="markdown")


def _counter():
    """A piece of work that returns how many times it has been done."""
    calls: list[int] = []

    def work() -> int:
        calls.append(1)
        return len(calls)

    return work


def test_work_is_done_once_while_the_basis_is_the_same_objects():
    document, work = _document(), _counter()
    assert document.worked_out("n", (document.data, document.spans), work) == 1
    assert document.worked_out("n", (document.data, document.spans), work) == 1


def test_work_is_done_again_when_any_part_of_the_basis_is_replaced_or_its_length_changes():
    document, work = _document(), _counter()
    document.worked_out("n", (document.data, document.spans), work)
    document.spans = list(document.spans)  # equal, but another object
    assert document.worked_out("n", (document.data, document.spans), work) == 2
    assert document.worked_out("n", (document.data, document.spans, None), work) == 3
    assert document.worked_out("other", (document.data, document.spans, None), work) == 4
