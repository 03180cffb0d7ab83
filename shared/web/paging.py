"""Pages of a long list: `?page=` and `?per_page=` read safely, a `Page` value for templates and
APIs, and the one way to cut a SQLAlchemy select into a page (a count, then OFFSET/LIMIT).

Pure except `paginate`, which takes the session it reads through. A page number that is not a
positive whole number reads as page 1, a `per_page` outside 1..`MAX_PER_PAGE` is brought inside
it: a bad link never costs the user a 500. `shared/web/templates/_pager.html` draws a `Page`;
`link_header` and `total_header` carry the same to an API client without changing its body.
"""

from __future__ import annotations

from collections.abc import Callable, Iterable, Mapping, Sequence
from dataclasses import dataclass, field, replace
from typing import Any, Generic, TypeVar
from urllib.parse import urlencode

from sqlalchemy import ColumnElement, Select, false, func, select
from sqlalchemy.orm import QueryableAttribute, Session

T = TypeVar("T")
U = TypeVar("U")

DEFAULT_PER_PAGE = 50
MAX_PER_PAGE = 200
PAGE_ARGS = ("page", "per_page")
_DIGITS = 7  # "page=9999999" is the deepest anyone can ask for; longer text reads as page 1


@dataclass(frozen=True)
class Window:
    """Which page was asked for (1-based) and how many rows a page holds."""

    page: int = 1
    per_page: int = DEFAULT_PER_PAGE

    @property
    def offset(self) -> int:
        return (self.page - 1) * self.per_page


def _whole(text: object) -> int | None:
    raw = str(text).strip() if text is not None else ""
    if not raw.isascii() or not raw.isdigit() or len(raw) > _DIGITS:
        return None
    return int(raw)


def window_of(
    args: Mapping[str, Any],
    default: int = DEFAULT_PER_PAGE,
    maximum: int = MAX_PER_PAGE,
    *,
    prefix: str = "",
) -> Window:
    """The window `args` (a query string's values) ask for: a bad or missing `page` is 1, a
    missing or bad `per_page` is `default`, a too small one 1 and a too large one `maximum`.
    `prefix` names a second list's arguments on one page (`ranking_page`)."""
    page = _whole(args.get(f"{prefix}page"))
    per_page = _whole(args.get(f"{prefix}per_page"))
    size = default if per_page is None else min(max(per_page, 1), maximum)
    return Window(page=page if page and page > 0 else 1, per_page=size)


@dataclass(frozen=True)
class Page(Generic[T]):
    """One page of a list: its rows, where it sits in the whole and how to reach the others.

    `path` and `query` (the request's other query arguments, in order) make `href`; they are
    empty until `linked` sets them. `prefix` starts the names of its own arguments when a page
    shows two lists (`ranking_page`)."""

    items: Sequence[T]
    total: int
    page: int
    per_page: int
    path: str = ""
    query: tuple[tuple[str, str], ...] = field(default=())
    prefix: str = ""

    @property
    def pages(self) -> int:
        """How many pages the list has; an empty list still has one (empty) page."""
        return max(1, -(-self.total // self.per_page))

    @property
    def has_prev(self) -> bool:
        return self.page > 1

    @property
    def has_next(self) -> bool:
        return self.page < self.pages

    @property
    def first(self) -> int:
        """The 1-based position of the first row shown (0 when the page is empty)."""
        return (self.page - 1) * self.per_page + 1 if self.items else 0

    @property
    def last(self) -> int:
        """The 1-based position of the last row shown (0 when the page is empty)."""
        return self.first + len(self.items) - 1 if self.items else 0

    def map(self, view: Callable[[T], U]) -> Page[U]:
        """The same page with each row turned into what the reader sees."""
        return Page([view(item) for item in self.items], self.total, self.page, self.per_page,
                    self.path, self.query, self.prefix)  # fmt: skip

    def linked(self, path: str, args: Iterable[tuple[str, str]], prefix: str = "") -> Page[T]:
        """This page, able to link to the others at `path`, keeping `args` but its own (named
        with `prefix`)."""
        own = {f"{prefix}{name}" for name in PAGE_ARGS}
        kept = tuple((k, v) for k, v in args if k not in own)
        return replace(self, path=path, query=kept, prefix=prefix)

    def href(self, number: int) -> str:
        """The address of page `number`, the other query arguments kept as they were."""
        extra: list[tuple[str, str]] = []
        if number > 1:
            extra.append((f"{self.prefix}page", str(number)))
        if self.per_page != DEFAULT_PER_PAGE:
            extra.append((f"{self.prefix}per_page", str(self.per_page)))
        query = urlencode([*self.query, *extra])
        return f"{self.path}?{query}" if query else self.path or "?"

    def numbers(self, around: int = 2) -> list[int | None]:
        """The page numbers to offer: the first, the last and `around` either side of this one;
        None marks a gap ("…")."""
        wanted = {1, self.pages, *range(self.page - around, self.page + around + 1)}
        shown = sorted(n for n in wanted if 1 <= n <= self.pages)
        out: list[int | None] = []
        for n in shown:
            if out and n - (out[-1] or 0) > 1:
                out.append(None)
            out.append(n)
        return out


def settle(window: Window, total: int, clamp: bool) -> Window:
    """With `clamp`, a page past the end is the last page (a person following an old link);
    without it (an API client walking the pages) it stays, and is empty."""
    pages = max(1, -(-total // window.per_page))
    return replace(window, page=pages) if clamp and window.page > pages else window


def paginate(
    session: Session,
    query: Select[*tuple[Any, ...]],
    window: Window,
    *,
    clamp: bool = True,
    scalars: bool = True,
    key: QueryableAttribute[Any] | ColumnElement[Any] | None = None,
    total: int | None = None,
) -> Page[Any]:
    """One page of `query` (which must be ordered, with a unique tie-breaker last): the total
    counted without the ordering, then the rows by OFFSET/LIMIT. `scalars=False` keeps each
    row a tuple (a select of several entities).

    With `key` (the rows' primary key) the page's keys are found first, ordering and skipping
    only (order columns, key) instead of whole rows, then only those rows are read: a deep page
    of wide rows no longer drags every row before it through the sort and the OFFSET.

    `total`, when the caller has counted the rows already (a list that counts them by status for
    its tabs), saves counting them again."""
    if total is None:
        counted = select(func.count()).select_from(query.order_by(None).subquery())
        total = int(session.scalar(counted) or 0)
    settled = settle(window, total, clamp)
    cut = query.offset(settled.offset).limit(settled.per_page)
    if key is not None:
        keys = list(session.scalars(cut.with_only_columns(key)))
        cut = query.where(key.in_(keys)) if keys else query.where(false())
    rows: Sequence[Any] = session.scalars(cut).all() if scalars else session.execute(cut).all()
    return Page(list(rows), total, settled.page, settled.per_page)


def slice_page(items: Sequence[T], window: Window, *, clamp: bool = True) -> Page[T]:
    """One page of a list already in memory (merged from several sources)."""
    settled = settle(window, len(items), clamp)
    cut = items[settled.offset : settled.offset + settled.per_page]
    return Page(list(cut), len(items), settled.page, settled.per_page)


def link_header(page: Page[Any], base_url: str, args: Iterable[tuple[str, str]]) -> str:
    """RFC 8288 `Link` header: first, prev, next and last pages at `base_url` (the request's
    address without its query), each keeping the request's other arguments `args` (its search
    and filters)."""
    links = {"first": 1, "last": page.pages}
    if page.has_prev:
        links["prev"] = min(page.page - 1, page.pages)
    if page.has_next:
        links["next"] = page.page + 1
    at = page.linked(base_url, args)
    parts = []
    for rel in ("first", "prev", "next", "last"):
        if rel in links:
            parts.append(f'<{at.href(links[rel])}>; rel="{rel}"')
    return ", ".join(parts)


def headers(page: Page[Any], base_url: str, args: Iterable[tuple[str, str]]) -> dict[str, str]:
    """The headers an API list answers with: `X-Total-Count`, `Link`, and the page it is."""
    return {
        "X-Total-Count": str(page.total),
        "X-Page": str(page.page),
        "X-Per-Page": str(page.per_page),
        "Link": link_header(page, base_url, args),
    }
