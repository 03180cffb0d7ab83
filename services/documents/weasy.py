"""WeasyPrint, imported once, in one place.

Without the system library HarfBuzz-subset (libharfbuzz-subset0), WeasyPrint 70 warns with a
DeprecationWarning at import and subsets fonts with fontTools instead: slower, still correct
(rendering.py keeps its output reproducible). The warning is not ours to act on at run time and
would turn into an error wherever warnings are errors (the test suite), so it is silenced here,
for this import only. Install libharfbuzz-subset0 in images to get the fast path.
"""

from __future__ import annotations

import re
import warnings
from typing import Any

from cffi import model

with warnings.catch_warnings():
    warnings.filterwarnings("ignore", message="HarfBuzz-Subset", category=DeprecationWarning)
    from weasyprint import CSS, HTML, Attachment
    from weasyprint.text.ffi import ffi, harfbuzz_subset
    from weasyprint.text.fonts import FontConfiguration
    from weasyprint.urls import FatalURLFetchingError, URLFetcher, URLFetcherResponse

# Whether fonts are subset by HarfBuzz (fast) rather than fontTools (pure Python: about twice the
# CPU per document, measured with bench/pdf.py on a 2-core machine).
FAST_FONT_SUBSETTING = harfbuzz_subset is not None


def font_subsetting() -> str:
    """How fonts are subset, for the benchmarks' reports."""
    if FAST_FONT_SUBSETTING:
        return "HarfBuzz (libharfbuzz-subset)"
    return "fontTools: libharfbuzz-subset0 is missing, PDFs render about twice as slowly"


_ARRAY = re.compile(r"(\w+)\[(\d+)\]")


class _ArrayTypes(dict[Any, Any]):
    """cffi's cache of parsed C types, answering `name[N]` without the C parser.

    WeasyPrint subsets each embedded font with `ffi.new(f"hb_codepoint_t[{n}]", ...)`: a new
    type string for every glyph count, which cffi parses with pycparser (milliseconds each) and
    caches in the process: here a forked render child that exits, so the cache never warms. Profiled
    in a documents worker (py-spy), the parsing was 11 % of its CPU. An array of a known item
    type is built here the way cffi builds it after parsing (`model.ArrayType`, its global type
    cache), so the result is the very type object the parser would have given."""

    def __init__(self, ffi: Any, parsed: dict[Any, Any]) -> None:
        super().__init__(parsed)
        self._ffi = ffi
        self._items: dict[str, Any] = {}

    def __missing__(self, key: Any) -> Any:
        match = _ARRAY.fullmatch(key) if isinstance(key, str) else None
        if match is None:
            raise KeyError(key)
        name, length = match[1], int(match[2])
        with self._ffi._lock:  # as cffi's own `_typeof_locked` holds it
            if name not in self._items:
                self._items[name] = self._ffi._parser.parse_type(name)
            btype = self._ffi._get_cached_btype(model.ArrayType(self._items[name], length))
        self[key] = (btype, False)
        return self[key]


def _fast_array_types(ffi: Any) -> bool:
    """Install `_ArrayTypes` on `ffi`; False where cffi's internals are not what it expects."""
    parsed = getattr(ffi, "_parsed_types", None)
    if type(parsed) is not dict or not hasattr(ffi, "_get_cached_btype"):
        return isinstance(parsed, _ArrayTypes)
    ffi._parsed_types = _ArrayTypes(ffi, parsed)
    return True


FAST_ARRAY_TYPES = _fast_array_types(ffi)

__all__ = [
    "CSS",
    "FAST_FONT_SUBSETTING",
    "HTML",
    "Attachment",
    "FatalURLFetchingError",
    "FontConfiguration",
    "URLFetcher",
    "URLFetcherResponse",
    "font_subsetting",
]
