"""The only way a PDF template reaches a resource: the project's own packaged assets.

WeasyPrint sends every URL it meets (stylesheets, fonts, images, SVG references) through the
fetcher. Ours serves `sipinda-asset:<name>` from a fixed registry (services/documents/assets/
plus the font files shipped inside the `font_caladea` and `font_source_sans_pro` packages), and
`data:` URLs only for PNG, JPEG and SVG images. Everything else — file://, http(s)://, other data:
types, path traversal, unknown names — raises, and `fail_on_errors` makes that stop the render:
an official document must never come out with a silently missing font or logo.
Lookups are by exact key in a registry built from directory listings, so a crafted name
(`../x`, `%2e%2e/x`, `fonts/../../etc`) can never resolve to a path outside it.
"""

from __future__ import annotations

import base64
import binascii
from functools import cache
from importlib import resources
from importlib.resources.abc import Traversable
from typing import Any
from urllib.parse import unquote_to_bytes

from services.documents.weasy import URLFetcher, URLFetcherResponse

SCHEME = "sipinda-asset:"
CONTENT_TYPES = {
    ".css": "text/css; charset=utf-8",
    ".svg": "image/svg+xml",
    ".png": "image/png",
    ".ttf": "font/ttf",
    ".otf": "font/otf",
}
DATA_IMAGE_TYPES = frozenset({"image/png", "image/jpeg", "image/svg+xml"})
FONT_PACKAGES = ("font_caladea", "font_source_sans_pro")


class AssetRefusedError(ValueError):
    """A template asked for a URL outside the project's own assets."""


def _files(folder: Traversable, prefix: str = "") -> dict[str, Traversable]:
    found: dict[str, Traversable] = {}
    for entry in folder.iterdir():
        if entry.is_dir():
            found |= _files(entry, f"{prefix}{entry.name}/")
        elif any(entry.name.endswith(ext) for ext in CONTENT_TYPES):
            found[prefix + entry.name] = entry
    return found


@cache
def registry() -> dict[str, Traversable]:
    """Asset name → packaged file: `pdf.css`, `logo.svg`, `fonts/Caladea-Regular.ttf`, …"""
    assets = _files(resources.files("services.documents").joinpath("assets"))
    for package in FONT_PACKAGES:
        fonts = _files(resources.files(package).joinpath("files"))
        assets |= {f"fonts/{name}": file for name, file in fonts.items() if "/" not in name}
    return assets


def _content_type(name: str) -> str:
    return next(t for ext, t in CONTENT_TYPES.items() if name.endswith(ext))


def _data_url(url: str) -> tuple[bytes, str]:
    header, comma, payload = url.removeprefix("data:").partition(",")
    media_type, *params = header.split(";")
    if not comma or media_type.strip().lower() not in DATA_IMAGE_TYPES:
        raise AssetRefusedError(f"refused data: URL of type {media_type!r}")
    try:
        if "base64" in (p.strip().lower() for p in params):
            return base64.b64decode(payload, validate=True), media_type.strip().lower()
        return unquote_to_bytes(payload), media_type.strip().lower()
    except (binascii.Error, ValueError) as exc:
        raise AssetRefusedError("malformed data: URL") from exc


class AssetFetcher(URLFetcher):  # type: ignore[misc]  # WeasyPrint ships no type hints
    """A WeasyPrint URL fetcher that serves packaged assets and nothing else.

    `requested` lists every URL WeasyPrint asked for, `refused` those it did not get. WeasyPrint
    swallows some errors (a failing reference inside an SVG only drops the image), so the
    renderer also checks `refused` after rendering and fails the document if it is not empty.
    """

    def __init__(self) -> None:
        # No protocol is allowed to the inherited urllib machinery, and no redirects: even if
        # WeasyPrint ever bypassed `fetch`, the parent class would refuse every URL.
        super().__init__(allowed_protocols=(), allow_redirects=False, fail_on_errors=True)
        self.requested: list[str] = []
        self.refused: list[str] = []

    def fetch(self, url: str, headers: Any = None) -> URLFetcherResponse:
        self.requested.append(url)
        try:
            body, content_type = _serve(url)
        except AssetRefusedError:
            self.refused.append(url)
            raise
        return URLFetcherResponse(url, body, {"Content-Type": content_type})


def _serve(url: str) -> tuple[bytes, str]:
    if url.startswith("data:"):
        return _data_url(url)
    if not url.startswith(SCHEME):
        raise AssetRefusedError(f"refused URL outside the project's assets: {url[:80]!r}")
    name = url.removeprefix(SCHEME)
    asset = registry().get(name)
    if asset is None:
        raise AssetRefusedError(f"unknown asset: {name[:80]!r}")
    return asset.read_bytes(), _content_type(name)
