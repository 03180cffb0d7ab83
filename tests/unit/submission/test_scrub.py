"""A blind reader's copy of a file (issue 22): a neutral name, and no author in a PDF's
document info or XMP, an image's EXIF, or an Office or OpenDocument file's properties."""

from __future__ import annotations

import io
import zipfile

import pikepdf
import pytest
from PIL import Image

from services.submission import scrub
from shared.uploads import sniff

AUTHOR = "Budi Santoso, Dinas Kesehatan"


def test_a_pdf_loses_its_author_and_xmp_and_keeps_its_pages() -> None:
    pdf = pikepdf.new()
    pdf.add_blank_page()
    pdf.docinfo["/Author"] = AUTHOR
    pdf.docinfo["/Title"] = "Laporan " + AUTHOR
    with pdf.open_metadata() as meta:
        meta["dc:creator"] = [AUTHOR]
    raw = io.BytesIO()
    pdf.save(raw)
    assert AUTHOR.encode() in raw.getvalue()
    clean = scrub.without_metadata(raw.getvalue(), sniff.PDF)
    assert AUTHOR.encode() not in clean
    with pikepdf.open(io.BytesIO(clean)) as read:
        assert len(read.pages) == 1
        assert "/Author" not in read.docinfo
        assert "/Metadata" not in read.Root


def test_an_image_loses_its_exif_and_keeps_its_pixels() -> None:
    image = Image.new("RGB", (8, 6), (200, 30, 30))
    exif = Image.Exif()
    exif[0x013B] = AUTHOR  # Artist
    raw = io.BytesIO()
    image.save(raw, format="JPEG", exif=exif.tobytes())
    assert AUTHOR.encode() in raw.getvalue()
    clean = scrub.without_metadata(raw.getvalue(), sniff.JPEG)
    assert AUTHOR.encode() not in clean
    with Image.open(io.BytesIO(clean)) as read:
        assert read.size == (8, 6)
        assert not read.getexif()


def test_an_office_file_loses_its_properties_and_keeps_its_parts() -> None:
    raw = io.BytesIO()
    with zipfile.ZipFile(raw, "w") as z:
        z.writestr("[Content_Types].xml", "<Types/>")
        z.writestr("docProps/core.xml", f"<cp:coreProperties><dc:creator>{AUTHOR}</dc:creator>"
                                        "</cp:coreProperties>")  # fmt: skip
        z.writestr("docProps/app.xml", f"<Properties><Company>{AUTHOR}</Company><Pages>1</Pages>"
                                       "</Properties>")  # fmt: skip
        z.writestr("word/document.xml", "<w:document>isi</w:document>")
    clean = scrub.without_metadata(raw.getvalue(), sniff.DOCX)
    with zipfile.ZipFile(io.BytesIO(clean)) as z:
        assert z.namelist() == ["[Content_Types].xml", "docProps/core.xml", "docProps/app.xml",
                                "word/document.xml"]  # fmt: skip
        assert AUTHOR not in z.read("docProps/core.xml").decode()
        assert z.read("docProps/app.xml") == b"<Properties><Pages>1</Pages></Properties>"
        assert z.read("word/document.xml") == b"<w:document>isi</w:document>"


def test_names_are_neutral_and_an_old_office_file_cannot_be_cleaned() -> None:
    assert scrub.neutral_name(42, sniff.PDF) == "lampiran-42.pdf"
    assert scrub.neutral_name(7, "application/x-unknown") == "lampiran-7"
    assert not scrub.scrubbable(sniff.OLE)
    with pytest.raises(ValueError, match="cannot clean"):
        scrub.without_metadata(b"x", sniff.OLE)
