"""A card of figures that a service draws for a page of another (the admin's dashboard frames
each service's own card): the same origin may frame it, nobody else, and nobody caches it."""

from __future__ import annotations

from flask import Response

from shared.web.app import CSP

FRAMED_CSP = CSP.replace("frame-ancestors 'none'", "frame-ancestors 'self'")


def fragment(html: str) -> Response:
    """`html` (a page extending `_card.html`) as a response only this site's pages may frame."""
    response = Response(html, mimetype="text/html")
    response.headers["X-Frame-Options"] = "SAMEORIGIN"
    response.headers["Content-Security-Policy"] = FRAMED_CSP
    response.headers["Cache-Control"] = "private, no-store"
    return response
