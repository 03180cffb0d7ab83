"""Jinja template + context → PDF/A-3b bytes, deterministically, through WeasyPrint.

Only I/O: reading our own templates and packaged assets. Templates are autoescaped, so text
from users (titles, summaries) is printed as text and can never become markup or a URL.
The same (template, context, created) always gives byte-identical PDF bytes, so a document's
SHA-256 is reproducible: the PDF dates and the embedded font subsets' timestamps come from
`created`, not from the clock (see `_font_timestamps`), and the PDF identifier is a hash of
the content. The document's source data travels inside it as a JSON attachment
(`sumber.json`, relationship Source), as PDF/A-3 allows, so the file explains itself years later.

The house stylesheet and its fonts are parsed and loaded once per process (`house_style`), not
per document: Fontconfig's set-up and the @font-face files cost more than laying out a one-page
letter. `warm_up` does that, and compiles the templates, before a worker forks its render
children, so that each child starts warm.
"""

from __future__ import annotations

import os
import threading
import warnings
from collections.abc import Iterator, Mapping
from contextlib import contextmanager
from dataclasses import dataclass
from datetime import UTC, date, datetime
from functools import cache
from pathlib import Path
from typing import Any

from jinja2 import Environment, FileSystemLoader, StrictUndefined, pass_context, select_autoescape
from jinja2.runtime import Context

from services.documents import codes, wording
from services.documents.errors import RenderError
from services.documents.fetcher import SCHEME, AssetFetcher
from services.documents.weasy import (
    CSS,
    HTML,
    Attachment,
    FatalURLFetchingError,
    FontConfiguration,
)
from shared import formats

__all__ = [
    "PDF_VARIANT",
    "RenderError",
    "house_style",
    "html_to_pdf",
    "render_html",
    "render_pdf",
    "warm_up",
]
PDF_VARIANT = "pdf/a-3b"
SOURCE_NAME = "sumber.json"
HOUSE_STYLE = f"{SCHEME}pdf.css"

TEMPLATES = Path(__file__).parent / "templates" / "pdf"

_environment = Environment(
    loader=FileSystemLoader(TEMPLATES),
    # On for every template, whatever its extension: no PDF template ever takes raw HTML.
    autoescape=select_autoescape(default=True, default_for_string=True),
    undefined=StrictUndefined,
    trim_blocks=True,
    lstrip_blocks=True,
)


@pass_context
def _verify_url(context: Context, code: str) -> str:
    return codes.verify_url(str(context["doc"]["base_url"]), code)


_environment.globals.update(verify_url=_verify_url, qr=codes.qr_png, pretty_code=codes.pretty_code)
# Every fixed word: Indonesian, then its English gloss, from the catalogue (see wording.py).
_environment.globals.update(
    both=wording.both,
    both_or=wording.both_or,
    label=wording.label,
    footer_css=wording.footer_css,
    main=wording.main,
)
# Official documents are written in Indonesian: "7,27", "15 %".
_environment.filters.update(
    number=lambda value, digits=None: formats.number(value, "id", digits),
    percent=lambda value, digits=None: formats.percent(value, "id", digits),
    # an ISO date of the source data, for an English gloss: "Monday, 21 December 2020"
    day=lambda iso, language="id": formats.day(date.fromisoformat(iso), language, weekday=True),
)


# Serialises renders in a threaded process: `_font_timestamps` sets a process-wide variable.
_render_lock = threading.Lock()


def w3c_date(moment: datetime) -> str:
    """`2020-12-07T07:30:00Z`: the form WeasyPrint turns into the PDF's CreationDate."""
    if moment.tzinfo is None:
        moment = moment.replace(tzinfo=UTC)
    return moment.astimezone(UTC).replace(microsecond=0).strftime("%Y-%m-%dT%H:%M:%SZ")


@contextmanager
def _font_timestamps(moment: datetime) -> Iterator[None]:
    """Without HarfBuzz-subset, WeasyPrint subsets fonts with fontTools, which stamps each
    subset's `head.modified` with the clock unless SOURCE_DATE_EPOCH is set (the
    reproducible-builds convention, read at every save). Pin it to the document's date."""
    previous = os.environ.get("SOURCE_DATE_EPOCH")
    os.environ["SOURCE_DATE_EPOCH"] = str(int(moment.timestamp()))
    try:
        yield
    finally:
        if previous is None:
            del os.environ["SOURCE_DATE_EPOCH"]
        else:
            os.environ["SOURCE_DATE_EPOCH"] = previous


@dataclass(frozen=True)
class HouseStyle:
    stylesheet: Any  # weasyprint.CSS
    fonts: Any  # weasyprint.text.fonts.FontConfiguration
    fetcher: AssetFetcher  # what loading them asked for


@cache
def house_style() -> HouseStyle:
    """`pdf.css` parsed, with its @font-face fonts loaded, once per process."""
    fetcher, fonts = AssetFetcher(), FontConfiguration()
    stylesheet = CSS(url=HOUSE_STYLE, url_fetcher=fetcher, font_config=fonts)
    return HouseStyle(stylesheet, fonts, fetcher)


def warm_up() -> None:
    """Compile every template, read the catalogues, and render a small page with every face of
    the house fonts, so that what forks from this process renders warm."""
    for name in _environment.list_templates():
        _environment.get_template(name)
    wording.warm_up()
    html_to_pdf(
        "<h1>SIPINDA</h1><p>Aa <b>Bb</b> <i>Cc</i> <b><i>Dd</i></b></p>"
        "<p style=\"font-family: 'Source Sans Pro'\">Ee <b>Ff</b> <i>Gg</i></p>",
        created=datetime(2020, 1, 1, tzinfo=UTC),
        source_json="{}",
    )


def render_html(template_name: str, context: Mapping[str, Any]) -> str:
    return _environment.get_template(template_name).render(context)


def render_pdf(
    template_name: str,
    context: Mapping[str, Any],
    *,
    created: datetime,
    fetcher: AssetFetcher | None = None,
    source_json: str | None = None,
    title: str | None = None,
) -> bytes:
    """Render `templates/pdf/<template_name>` with `context` to PDF bytes.

    `created` becomes the PDF's creation and modification date. `fetcher` is for tests that
    want to see what was requested; by default a fresh `AssetFetcher`. `source_json` is
    embedded as the attachment `sumber.json`.
    """
    try:
        html = render_html(template_name, context)
        return html_to_pdf(
            html, created=created, fetcher=fetcher, source_json=source_json, title=title
        )
    except RenderError as exc:
        raise RenderError(f"{template_name}: {exc}") from exc.__cause__


def html_to_pdf(
    html: str,
    *,
    created: datetime,
    fetcher: AssetFetcher | None = None,
    source_json: str | None = None,
    title: str | None = None,
) -> bytes:
    """HTML (from our own templates) to PDF/A-3b bytes; raises `RenderError` on any refused
    URL."""
    fetcher = fetcher or AssetFetcher()
    if created.tzinfo is None:
        created = created.replace(tzinfo=UTC)
    attachments = []
    if source_json is not None:
        attachments.append(
            Attachment(
                string=source_json.encode(),
                url_fetcher=fetcher,
                name=SOURCE_NAME,
                description="Data sumber dokumen (JSON)",
                created=created.astimezone(UTC),
                modified=created.astimezone(UTC),
                relationship="Source",
            )
        )
    try:
        # No base_url: every asset URL in a template is absolute (`sipinda-asset:…`), and a
        # relative one fails instead of resolving against the working directory.
        with _render_lock, _font_timestamps(created):
            style = house_style()
            document = HTML(string=html, url_fetcher=fetcher).render(
                stylesheets=[style.stylesheet], font_config=style.fonts
            )
            document.metadata.created = document.metadata.modified = w3c_date(created)
            if title is not None:
                document.metadata.title = title
            # `True` = an identifier hashed from the file's own bytes: fixed for fixed input.
            with warnings.catch_warnings():
                # WeasyPrint 70 opens its packaged sRGB profile for the PDF/A output intent and
                # leaves closing it to the garbage collector, which warns right away.
                warnings.simplefilter("ignore", ResourceWarning)
                pdf: bytes = document.write_pdf(
                    pdf_identifier=True, pdf_variant=PDF_VARIANT, attachments=attachments
                )
    except FatalURLFetchingError as exc:  # a BaseException in WeasyPrint: narrow it here
        raise RenderError(str(exc.__cause__ or exc)) from exc
    if fetcher.refused:  # refusals WeasyPrint caught and logged instead of stopping
        raise RenderError(f"refused {fetcher.refused[0][:80]!r}")
    return pdf
