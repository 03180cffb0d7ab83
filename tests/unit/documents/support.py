"""Reading PDFs back with pypdf."""

from __future__ import annotations

import io
import json
from typing import Any

from pypdf import PdfReader


def reader(pdf: bytes) -> PdfReader:
    return PdfReader(io.BytesIO(pdf))


def text_of(pdf: bytes) -> str:
    return "\n".join(page.extract_text() for page in reader(pdf).pages)


def flat_text(pdf: bytes) -> str:
    """The text with all runs of white space as one space (line breaks fall anywhere)."""
    return " ".join(text_of(pdf).split())


def link_uris(pdf: bytes) -> list[str]:
    uris = []
    for page in reader(pdf).pages:
        for annot in page.get("/Annots") or []:
            action: Any = annot.get_object().get("/A")
            if action is not None and "/URI" in action:
                uris.append(str(action["/URI"]))
    return uris


def source_of(pdf: bytes) -> dict[str, Any]:
    """The embedded `sumber.json`."""
    attachments = reader(pdf).attachments
    assert list(attachments) == ["sumber.json"], list(attachments)
    data: dict[str, Any] = json.loads(attachments["sumber.json"][0])
    return data


def page_fonts(pdf: bytes) -> list[Any]:
    fonts: list[Any] = []
    for page in reader(pdf).pages:
        resources: Any = page["/Resources"]
        fonts += [ref.get_object() for ref in (resources.get("/Font") or {}).values()]
    return fonts
