"""Pages of a long list: the query string read safely, the page's arithmetic, its links, and a
SQLAlchemy select cut into pages that together hold every row once."""

from __future__ import annotations

from collections.abc import Iterator

import pytest
from sqlalchemy import Integer, String, create_engine, event, insert, select
from sqlalchemy.orm import DeclarativeBase, Mapped, Session, mapped_column

from shared.web import paging
from shared.web.paging import Page, Window, window_of


@pytest.mark.parametrize(
    ("args", "expected"),
    [
        ({}, Window(1, 50)),
        ({"page": "3"}, Window(3, 50)),
        ({"page": "3", "per_page": "20"}, Window(3, 20)),
        ({"page": "0"}, Window(1, 50)),
        ({"page": "-2"}, Window(1, 50)),
        ({"page": "abc"}, Window(1, 50)),
        ({"page": "1.5"}, Window(1, 50)),
        ({"page": ""}, Window(1, 50)),
        ({"page": "٣"}, Window(1, 50)),  # a non-ASCII digit is not a page number
        ({"page": "9" * 40}, Window(1, 50)),  # nor is a number too long to mean anything
        ({"per_page": "100000"}, Window(1, 200)),
        ({"per_page": "0"}, Window(1, 1)),
        ({"per_page": "x"}, Window(1, 50)),
    ],
)
def test_bad_page_arguments_read_as_page_one_and_a_bounded_size(
    args: dict[str, str], expected: Window
) -> None:
    assert window_of(args) == expected


def test_the_default_and_maximum_size_are_the_caller_s() -> None:
    assert window_of({}, default=20, maximum=30) == Window(1, 20)
    assert window_of({"per_page": "99"}, default=20, maximum=30) == Window(1, 30)
    assert Window(3, 20).offset == 40


def test_a_page_knows_where_it_sits_in_the_whole() -> None:
    page = Page(items=list(range(50)), total=20_000, page=2, per_page=50)
    assert (page.first, page.last, page.pages) == (51, 100, 400)
    assert (page.has_prev, page.has_next) == (True, True)
    last = Page(items=[1, 2], total=102, page=3, per_page=50)
    assert (last.first, last.last, last.has_next) == (101, 102, False)
    empty: Page[int] = Page(items=[], total=0, page=1, per_page=50)
    assert (empty.pages, empty.first, empty.last, empty.has_prev, empty.has_next) == (
        1, 0, 0, False, False,
    )  # fmt: skip


def test_page_numbers_show_the_ends_and_the_neighbourhood_with_gaps() -> None:
    assert Page([0], 20_000, 1, 50).numbers() == [1, 2, 3, None, 400]
    assert Page([0], 20_000, 200, 50).numbers() == [1, None, 198, 199, 200, 201, 202, None, 400]
    assert Page([0], 120, 2, 50).numbers() == [1, 2, 3]
    assert Page([0], 20_000, 4, 50).numbers() == [1, 2, 3, 4, 5, 6, None, 400]


def test_links_keep_the_other_query_arguments_and_drop_the_old_page() -> None:
    page = Page([0], 500, 2, 50).linked(
        "/proposals", [("status", "submitted"), ("page", "2"), ("q", "air bersih")]
    )
    assert page.href(3) == "/proposals?status=submitted&q=air+bersih&page=3"
    assert page.href(1) == "/proposals?status=submitted&q=air+bersih"
    sized = Page([0], 500, 2, 20).linked("/x", [("per_page", "20")])
    assert sized.href(3) == "/x?page=3&per_page=20"
    assert Page([0], 500, 2, 50).linked("/x", []).href(1) == "/x"


def test_a_second_list_on_the_page_has_arguments_of_its_own() -> None:
    args = [("page", "3"), ("ranking_page", "2"), ("ranking_per_page", "20")]
    assert window_of(dict(args), prefix="ranking_") == Window(2, 20)
    assert window_of(dict(args)) == Window(3, 50)
    ranking = Page([0], 500, 2, 20).linked("/call", args, prefix="ranking_").map(str)
    assert ranking.href(4) == "/call?page=3&ranking_page=4&ranking_per_page=20"
    listing = Page([0], 500, 3, 50).linked("/call", args)
    assert listing.href(1) == "/call?ranking_page=2&ranking_per_page=20"


def test_a_mapped_page_keeps_its_place_and_links() -> None:
    page = Page([1, 2], 102, 3, 50).linked("/x", [("a", "b")]).map(str)
    assert page.items == ["1", "2"]
    assert (page.total, page.page, page.href(1)) == (102, 3, "/x?a=b")


def test_api_headers_carry_the_total_and_the_neighbouring_pages() -> None:
    page = Page([0], 120, 2, 50)
    args = [("status", "draft"), ("page", "2")]  # the request's own: its page is not kept
    found = paging.headers(page, "http://h/api/v1/proposals", args)
    assert found["X-Total-Count"] == "120"
    assert found["Link"] == (
        '<http://h/api/v1/proposals?status=draft>; rel="first", '
        '<http://h/api/v1/proposals?status=draft>; rel="prev", '
        '<http://h/api/v1/proposals?status=draft&page=3>; rel="next", '
        '<http://h/api/v1/proposals?status=draft&page=3>; rel="last"'
    )
    assert 'rel="next"' not in paging.link_header(Page([0], 120, 3, 50), "/a", [])


class Base(DeclarativeBase):
    pass


class Row(Base):
    __tablename__ = "row"
    id: Mapped[int] = mapped_column(Integer, primary_key=True)
    name: Mapped[str] = mapped_column(String(20))


@pytest.fixture
def session() -> Iterator[Session]:
    engine = create_engine("sqlite://")
    Base.metadata.create_all(engine)
    with Session(engine) as s:
        s.execute(insert(Row), [{"id": i, "name": f"r{i % 7}"} for i in range(1, 238)])
        s.commit()
        yield s


def test_every_row_is_on_exactly_one_page(session: Session) -> None:
    query = select(Row).order_by(Row.name, Row.id.desc())
    first = paging.paginate(session, query, Window(1, 50))
    assert (first.total, first.pages) == (237, 5)
    seen = [r.id for n in range(1, 6) for r in paging.paginate(session, query, Window(n, 50)).items]
    assert len(seen) == len(set(seen)) == 237
    assert seen == [r.id for r in session.scalars(query)]


def test_pages_found_by_key_first_hold_the_same_rows_in_the_same_order(session: Session) -> None:
    query = select(Row).where(Row.id > 5).order_by(Row.name.desc(), Row.id)
    for n in (1, 3, 5, 6):
        plain = paging.paginate(session, query, Window(n, 50))
        keyed = paging.paginate(session, query, Window(n, 50), key=Row.id)
        assert [r.id for r in keyed.items] == [r.id for r in plain.items]
        assert (keyed.total, keyed.page) == (plain.total, plain.page)
    empty = paging.paginate(session, query.where(Row.id < 0), Window(1, 50), key=Row.id)
    assert (empty.items, empty.total) == ([], 0)


def test_a_page_past_the_end_is_the_last_for_people_and_empty_for_api_clients(
    session: Session,
) -> None:
    query = select(Row).where(Row.name == "r1").order_by(Row.id)
    people = paging.paginate(session, query, Window(99, 10))
    assert (people.page, people.total, len(people.items)) == (4, 34, 4)
    client = paging.paginate(session, query, Window(99, 10), clamp=False)
    assert (client.page, client.items, client.has_next) == (99, [], False)


def test_rows_of_several_columns_stay_tuples(session: Session) -> None:
    page = paging.paginate(session, select(Row.id, Row.name).order_by(Row.id), Window(2, 3),
                           scalars=False)  # fmt: skip
    assert [tuple(r) for r in page.items] == [(4, "r4"), (5, "r5"), (6, "r6")]


def test_a_list_in_memory_is_cut_the_same_way() -> None:
    page = paging.slice_page(list(range(1, 121)), Window(3, 50))
    assert (page.items, page.first, page.last) == (list(range(101, 121)), 101, 120)
    assert paging.slice_page([], Window(5, 50)).page == 1


def test_a_total_counted_already_is_taken_and_not_counted_again(session: Session) -> None:
    """The proposal list counts by status for its tabs, then hands the sum over (issue 25)."""
    query = select(Row).where(Row.name == "r1").order_by(Row.id)
    counted = paging.paginate(session, query, Window(99, 10))
    statements: list[str] = []
    listen = event.listens_for(session.bind, "before_cursor_execute")
    listen(lambda *args: statements.append(args[2]))
    given = paging.paginate(session, query, Window(99, 10), total=34)
    assert (given.page, given.total, [r.id for r in given.items]) == (
        counted.page, counted.total, [r.id for r in counted.items]
    )  # fmt: skip
    assert not any("count(" in sql for sql in statements)
