"""WeasyPrint, imported once, in one place.

Without the system library HarfBuzz-subset (libharfbuzz-subset0), WeasyPrint 70 warns with a
DeprecationWarning at import and subsets fonts with fontTools instead: slower, still correct
(rendering.py keeps its output reproducible). The warning is not ours to act on at run time and
would turn into an error wherever warnings are errors (the test suite), so it is silenced here,
for this import only. Install libharfbuzz-subset0 in images to get the fast path.
"""

from __future__ import annotations

import warnings

with warnings.catch_warnings():
    warnings.filterwarnings("ignore", message="HarfBuzz-Subset", category=DeprecationWarning)
    from weasyprint import CSS, HTML, Attachment
    from weasyprint.text.fonts import FontConfiguration
    from weasyprint.urls import FatalURLFetchingError, URLFetcher, URLFetcherResponse

__all__ = [
    "CSS",
    "HTML",
    "Attachment",
    "FatalURLFetchingError",
    "FontConfiguration",
    "URLFetcher",
    "URLFetcherResponse",
]
