"""PDFs that carry something a viewer would run, built the ways an attacker hides it: script in
an object stream behind other filters than Flate, embedded files, actions on annotations, the
names tree, XFA forms."""

from __future__ import annotations

import base64
import io
import struct
import zlib
from collections.abc import Callable

import pikepdf

JS_ACTION = b"<< /S /JavaScript /JS (app.alert(1)) >>"


def _encoded(content: bytes, filters: str) -> tuple[bytes, bytes]:
    """(stream data, /Filter value) for `content` under the named filter chain."""
    if filters == "hex":
        return content.hex().encode() + b">", b"/ASCIIHexDecode"
    if filters == "hex+flate":
        return zlib.compress(content).hex().encode() + b">", b"[/ASCIIHexDecode /FlateDecode]"
    if filters == "a85":
        return base64.a85encode(content) + b"~>", b"/ASCII85Decode"
    raise ValueError(filters)


def script_in_object_stream(filters: str) -> bytes:
    """A well-formed PDF 1.5 (cross-reference stream) whose open action, object 4, lives in an
    object stream encoded with `filters`."""
    header = b"4 0 "
    data, filter_value = _encoded(header + JS_ACTION, filters)
    bodies = {
        1: b"<< /Type /Catalog /Pages 2 0 R /OpenAction 4 0 R >>",
        2: b"<< /Type /Pages /Kids [] /Count 0 >>",
        3: b"<< /Type /ObjStm /N 1 /First %d /Filter %s /Length %d >>\nstream\n%s\nendstream"
        % (len(header), filter_value, len(data), data),
    }
    out = bytearray(b"%PDF-1.7\n%\xe2\xe3\xcf\xd3\n")
    offsets: dict[int, int] = {}
    for number, body in bodies.items():
        offsets[number] = len(out)
        out += b"%d 0 obj\n%s\nendobj\n" % (number, body)
    offsets[5] = len(out)
    rows = [struct.pack(">BIH", 0, 0, 65535)]
    rows += [struct.pack(">BIH", 1, offsets[n], 0) for n in (1, 2, 3)]
    rows += [struct.pack(">BIH", 2, 3, 0), struct.pack(">BIH", 1, offsets[5], 0)]
    table = b"".join(rows)
    out += b"5 0 obj\n<< /Type /XRef /Size 6 /W [1 4 2] /Root 1 0 R /Length %d >>\nstream\n" % len(
        table
    )
    out += table + b"\nendstream\nendobj\nstartxref\n%d\n%%%%EOF\n" % offsets[5]
    return bytes(out)


def _saved(build: Callable[[pikepdf.Pdf], None]) -> bytes:
    pdf = pikepdf.new()
    pdf.add_blank_page()
    build(pdf)
    out = io.BytesIO()
    pdf.save(out, object_stream_mode=pikepdf.ObjectStreamMode.generate)
    return out.getvalue()


def embedded_html() -> bytes:
    def build(pdf: pikepdf.Pdf) -> None:
        spec = pikepdf.AttachedFileSpec(pdf, b"<p>halo</p>", mime_type="text/plain")
        pdf.attachments["catatan.txt"] = spec

    return _saved(build)


def script_on_an_annotation() -> bytes:
    def build(pdf: pikepdf.Pdf) -> None:
        action = pikepdf.Dictionary(S=pikepdf.Name.JavaScript, JS=pikepdf.String("app.alert(1)"))
        link = pikepdf.Dictionary(
            Type=pikepdf.Name.Annot,
            Subtype=pikepdf.Name.Link,
            Rect=[0, 0, 100, 100],
            A=pdf.make_indirect(action),
        )
        pdf.pages[0].Annots = pdf.make_indirect(pikepdf.Array([pdf.make_indirect(link)]))

    return _saved(build)


def script_in_the_names_tree() -> bytes:
    def build(pdf: pikepdf.Pdf) -> None:
        action = pdf.make_indirect(
            pikepdf.Dictionary(S=pikepdf.Name.JavaScript, JS=pikepdf.String("app.alert(1)"))
        )
        tree = pikepdf.Dictionary(Names=pikepdf.Array([pikepdf.String("a"), action]))
        pdf.Root.Names = pikepdf.Dictionary(JavaScript=pdf.make_indirect(tree))

    return _saved(build)


def xfa_form() -> bytes:
    def build(pdf: pikepdf.Pdf) -> None:
        xfa = pdf.make_stream(b"<xdp:xdp xmlns:xdp='http://ns.adobe.com/xdp/'/>")
        pdf.Root.AcroForm = pikepdf.Dictionary(Fields=pikepdf.Array(), XFA=xfa)

    return _saved(build)


def _linked(uri: str) -> bytes:
    """A page with one link annotation whose action opens `uri`."""

    def build(pdf: pikepdf.Pdf) -> None:
        action = pikepdf.Dictionary(S=pikepdf.Name.URI, URI=pikepdf.String(uri))
        link = pikepdf.Dictionary(
            Type=pikepdf.Name.Annot, Subtype=pikepdf.Name.Link, Rect=[0, 0, 9, 9], A=action
        )
        pdf.pages[0].Annots = pikepdf.Array([pdf.make_indirect(link)])

    return _saved(build)


def script_link() -> bytes:
    return _linked("javascript:alert(1)")


def plain_with_a_link() -> bytes:
    """Clean: an ordinary web link, as a word processor writes it."""
    return _linked("https://cilegon.go.id")


def object_stream_bomb() -> bytes:
    """An object stream that unpacks to 64 MB of blanks."""
    packed = zlib.compress(b" " * (64 * 1024 * 1024), 9)
    return (
        b"%PDF-1.7\n1 0 obj\n<< /Type /ObjStm /N 1 /First 4 /Filter /FlateDecode /Length "
        + str(len(packed)).encode()
        + b" >>\nstream\n"
        + packed
        + b"\nendstream\nendobj\n%%EOF\n"
    )


def page_opening() -> bytes:
    """Clean: opens on its first page, fitted (`/OpenAction [page /Fit]`)."""

    def build(pdf: pikepdf.Pdf) -> None:
        pdf.Root.OpenAction = pikepdf.Array([pdf.pages[0].obj, pikepdf.Name.Fit])

    return _saved(build)


def padded(size: int) -> bytes:
    """Clean, about `size` bytes: a page whose content stream is that long, uncompressed."""
    pdf = pikepdf.new()
    pdf.add_blank_page()
    pdf.pages[0].Contents = pdf.make_stream(b"%" + b" " * size + b"\n")
    out = io.BytesIO()
    pdf.save(out, compress_streams=False)
    return out.getvalue()
