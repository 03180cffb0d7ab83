"""What a PDF carries, read by qpdf: every filter chain and every object (pure)."""

from __future__ import annotations

import io
from collections.abc import Callable

import pikepdf
import pytest

from shared.uploads import pdf_content
from shared.uploads.pdf_content import Verdict
from tests.support import hostile_pdfs
from tests.support.submission import pdf_bytes


@pytest.mark.parametrize("filters", ["hex", "hex+flate", "a85"])
def test_script_in_an_object_stream_is_found_whatever_its_filters(filters: str) -> None:
    assert pdf_content.inspect(hostile_pdfs.script_in_object_stream(filters)) is Verdict.ACTIVE


@pytest.mark.parametrize(
    "build",
    [
        hostile_pdfs.embedded_html,
        hostile_pdfs.script_on_an_annotation,
        hostile_pdfs.script_in_the_names_tree,
        hostile_pdfs.xfa_form,
        hostile_pdfs.script_link,
    ],
)
def test_active_parts_are_found(build: Callable[[], bytes]) -> None:
    assert pdf_content.inspect(build()) is Verdict.ACTIVE


@pytest.mark.parametrize("data", [pdf_bytes(), hostile_pdfs.plain_with_a_link()])
def test_a_printed_document_with_links_is_clean(data: bytes) -> None:
    assert pdf_content.inspect(data) is Verdict.CLEAN


def test_an_object_stream_past_the_budget_is_not_unpacked() -> None:
    assert pdf_content.inspect(hostile_pdfs.object_stream_bomb()) is Verdict.UNREADABLE


def test_a_file_qpdf_cannot_read_is_unreadable() -> None:
    assert pdf_content.inspect(b"%PDF-1.7\n" + bytes(200)) is Verdict.UNREADABLE


@pytest.mark.parametrize("action", ["/Launch", "/SubmitForm", "/ImportData", "/GoToR", "/GoToE"])
@pytest.mark.parametrize("where", ["annotation", "open-action"])
def test_an_action_that_runs_sends_or_opens_another_file_is_found(action: str, where: str) -> None:
    with pikepdf.open(io.BytesIO(pdf_bytes())) as pdf:
        act = pikepdf.Dictionary(S=pikepdf.Name(action), F=pikepdf.String("lain.pdf"))
        if where == "annotation":
            link = pikepdf.Dictionary(
                Type=pikepdf.Name.Annot, Subtype=pikepdf.Name.Link, Rect=[0, 0, 9, 9], A=act
            )
            pdf.pages[0].Annots = pikepdf.Array([pdf.make_indirect(link)])
        else:
            pdf.Root.OpenAction = pdf.make_indirect(act)
        out = io.BytesIO()
        pdf.save(out)
    assert pdf_content.inspect(out.getvalue()) is Verdict.ACTIVE
