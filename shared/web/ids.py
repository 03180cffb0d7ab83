"""Ids in URLs: `<int:…>` matches only what an id column can hold.

Werkzeug's own `int` converter takes any number of digits, so `/proposals/99999999999999999999`
reached the database and overflowed it (SQLite: "Python int too large", PostgreSQL: integer out of
range), a 500. Here an id has at most nine digits (below PostgreSQL's INTEGER limit), so a longer
number matches no route: a 404. The limit is in the pattern, not a `max=`: werkzeug answers a
converter's refusal with a 405 when another method's rule shares the path.
"""

from __future__ import annotations

from typing import Annotated

from pydantic import Field
from werkzeug.routing import IntegerConverter

ID_DIGITS = 9
ID_MAX = 10**ID_DIGITS - 1


class IdConverter(IntegerConverter):
    regex = rf"\d{{1,{ID_DIGITS}}}"


Id = Annotated[int, Field(ge=1, le=ID_MAX)]
"""An id in a request body: a larger number would overflow the column (a 500 on PostgreSQL),
so it is a 422 naming the field instead."""
