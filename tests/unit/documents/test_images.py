"""The logo check: PNG and JPEG that decode whole are taken; anything else is refused with its
reason, whatever the file is called."""

from __future__ import annotations

import io

import pytest
from PIL import Image

from services.documents import images


def encoded(kind: str, size: tuple[int, int] = (40, 30)) -> bytes:
    out = io.BytesIO()
    Image.new("RGB", size, (10, 120, 60)).save(out, kind)
    return out.getvalue()


@pytest.mark.parametrize(("kind", "media_type"), [("PNG", images.PNG), ("JPEG", images.JPEG)])
def test_a_png_or_jpeg_is_taken_with_its_size(kind: str, media_type: str) -> None:
    assert images.check_logo(encoded(kind)) == images.Logo(media_type, 40, 30)


@pytest.mark.parametrize(
    ("data", "reason"),
    [
        (b"", "empty"),
        (b"%PDF-1.7\n%%EOF\n", "not_image"),
        (b"Ini teks biasa, bukan gambar.\n", "not_image"),
        (b"MZ\x90\x00" + b"\x00" * 60, "not_image"),
        (b'<?xml version="1.0"?>\n<svg xmlns="http://www.w3.org/2000/svg"></svg>', "svg"),
        (b'  <svg xmlns="http://www.w3.org/2000/svg"><script>alert(1)</script></svg>', "svg"),
        (b"\x89PNG\r\n\x1a\n" + b"\x00" * 40, "broken"),  # the signature, then nothing
        (b"\xff\xd8\xff\xe0" + b"\x00" * 40, "broken"),
        (encoded("GIF"), "not_image"),
        (encoded("PNG") + b"\x00" * images.MAX_BYTES, "too_big"),
    ],
)
def test_anything_else_is_refused_with_its_reason(data: bytes, reason: str) -> None:
    with pytest.raises(images.LogoRefused) as refused:
        images.check_logo(data)
    assert refused.value.reason == reason


def test_a_truncated_png_is_broken() -> None:
    data = encoded("PNG", (200, 200))
    with pytest.raises(images.LogoRefused) as refused:
        images.check_logo(data[: len(data) // 2])
    assert refused.value.reason == "broken"


def test_an_image_larger_than_4000_pixels_a_side_is_refused() -> None:
    with pytest.raises(images.LogoRefused) as refused:
        images.check_logo(encoded("PNG", (4001, 2)))
    assert refused.value.reason == "too_large"
