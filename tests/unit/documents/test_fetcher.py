"""The URL fetcher serves the project's packaged assets and refuses everything else."""

from __future__ import annotations

import base64
from datetime import UTC, datetime

import pytest

from services.documents.fetcher import AssetFetcher, AssetRefusedError, registry
from services.documents.rendering import RenderError, html_to_pdf

CREATED = datetime(2024, 5, 2, 3, 0, tzinfo=UTC)
PNG_1X1 = base64.b64decode(
    "iVBORw0KGgoAAAANSUhEUgAAAAEAAAABCAYAAAAfFcSJAAAADUlEQVR42mNk+M9QDwADhgGAWjR9aw"
    "AAAABJRU5ErkJggg=="
)


@pytest.mark.parametrize(
    ("url", "content_type"),
    [
        ("sipinda-asset:pdf.css", "text/css"),
        ("sipinda-asset:logo.svg", "image/svg+xml"),
        ("sipinda-asset:fonts/Caladea-Regular.ttf", "font/ttf"),
        ("sipinda-asset:fonts/SourceSansPro-Semibold.ttf", "font/ttf"),
        ("sipinda-asset:fonts/SourceSansPro-Regular.otf", "font/otf"),
    ],
)
def test_serves_packaged_assets_and_font_package_files(url: str, content_type: str) -> None:
    response = AssetFetcher().fetch(url)
    assert response.content_type == content_type
    assert len(response.read()) > 100


def test_fonts_are_read_from_the_font_packages_not_the_repository() -> None:
    caladea = registry()["fonts/Caladea-Regular.ttf"]
    assert "font_caladea" in str(caladea)


@pytest.mark.parametrize(
    "url",
    [
        "file:///etc/passwd",
        "FILE:///etc/passwd",
        "http://127.0.0.1/x.css",
        "https://example.com/font.ttf",
        "ftp://example.com/x",
        "data:text/html,<script>alert(1)</script>",
        "data:text/css,body{}",
        "data:,plain",
        "sipinda-asset:../x",
        "sipinda-asset:../../../../etc/passwd",
        "sipinda-asset:fonts/../pdf.css",
        "sipinda-asset:%2e%2e/models.py",
        "sipinda-asset:/etc/passwd",
        "sipinda-asset:unknown.css",
        "sipinda-asset:fonts/DejaVuSans.ttf",
        "sipinda-asset:APACHE-2.0.txt",
        "sipinda-asset:pdf.css?x=1",
        "pdf.css",
    ],
)
def test_refuses_anything_but_packaged_assets(url: str) -> None:
    fetcher = AssetFetcher()
    with pytest.raises(AssetRefusedError):
        fetcher.fetch(url)
    assert fetcher.requested == [url]


def test_allows_png_and_svg_data_urls() -> None:
    png = "data:image/png;base64," + base64.b64encode(PNG_1X1).decode()
    assert AssetFetcher().fetch(png).read() == PNG_1X1
    svg = AssetFetcher().fetch("data:image/svg+xml,%3Csvg%20xmlns%3D%22x%22%2F%3E")
    assert svg.content_type == "image/svg+xml"
    assert svg.read() == b'<svg xmlns="x"/>'


def test_refuses_malformed_base64_data_url() -> None:
    with pytest.raises(AssetRefusedError):
        AssetFetcher().fetch("data:image/png;base64,@@@")


def test_refused_url_stops_the_render_instead_of_printing_without_it() -> None:
    fetcher = AssetFetcher()
    with pytest.raises(RenderError, match="etc/passwd"):
        html_to_pdf('<p>x</p><img src="file:///etc/passwd">', created=CREATED, fetcher=fetcher)
    assert fetcher.refused == ["file:///etc/passwd"]


def test_refusal_inside_an_svg_fails_the_render_although_weasyprint_swallows_it() -> None:
    svg = (
        '<svg xmlns="http://www.w3.org/2000/svg" xmlns:xlink="http://www.w3.org/1999/xlink"'
        ' width="10" height="10"><image xlink:href="http://example.com/x.png" width="10"'
        ' height="10"/></svg>'
    )
    data_url = "data:image/svg+xml;base64," + base64.b64encode(svg.encode()).decode()
    with pytest.raises(RenderError, match=r"example\.com"):
        html_to_pdf(f'<img src="{data_url}">', created=CREATED)


def test_stylesheet_from_the_network_fails_the_render() -> None:
    with pytest.raises(RenderError):
        html_to_pdf('<link rel="stylesheet" href="https://example.com/x.css">', created=CREATED)


def test_png_data_url_renders() -> None:
    png = "data:image/png;base64," + base64.b64encode(PNG_1X1).decode()
    assert html_to_pdf(f'<img src="{png}">', created=CREATED).startswith(b"%PDF-")
