"""SVG charts: well-formed, proportional, deterministic, and hostile labels stay text."""

from __future__ import annotations

import xml.etree.ElementTree as ET

from hypothesis import given
from hypothesis import strategies as st

from shared.charts import Bar, bar_chart, histogram, progress_chart

SVG = "{http://www.w3.org/2000/svg}"


def parse(svg: str) -> ET.Element:
    return ET.fromstring(svg)  # noqa: S314 - our own output


def bar_widths(svg: str) -> list[float]:
    return [
        float(r.attrib["width"])
        for r in parse(svg).iter(f"{SVG}rect")
        if r.find(f"{SVG}title") is not None
    ]


def test_bars_are_proportional_to_their_values() -> None:
    svg = bar_chart([Bar("Dinkes", 10), Bar("Disdik", 5), Bar("Bappeda", 0)], "Usulan per OPD")
    wide, half, empty = bar_widths(svg)
    assert abs(half - wide / 2) < 0.2
    assert empty == 0
    root = parse(svg)
    assert root.find(f"{SVG}title").text == "Usulan per OPD"  # type: ignore[union-attr]
    assert "Dinkes: 10" in root.find(f"{SVG}desc").text  # type: ignore[operator, union-attr]


def test_hostile_labels_stay_text() -> None:
    evil = '<script>alert(1)</script><image href="http://127.0.0.1/x"/>&'
    svg = bar_chart([Bar(evil, 3)], evil)
    root = parse(svg)
    assert root.find(f".//{SVG}script") is None
    assert root.find(f".//{SVG}image") is None
    assert "<script>" not in svg
    assert not any("href" in k for e in root.iter() for k in e.attrib)
    assert evil in (root.find(f"{SVG}title").text or "")  # type: ignore[union-attr]


def test_same_numbers_same_bytes() -> None:
    made = [histogram([1, 2, 2.5, 9.9], "Nilai", low=0, high=10) for _ in range(2)]
    assert made[0] == made[1]


def test_histogram_counts_every_value_in_range() -> None:
    svg = histogram([0, 1, 1.5, 10, 10.0, 11, float("nan")], "Nilai", low=0, high=10, bins=5)
    desc = parse(svg).find(f"{SVG}desc").text or ""  # type: ignore[union-attr]
    assert "0–2: 3" in desc
    assert "8–10: 2" in desc


def test_progress_shows_done_of_total() -> None:
    svg = progress_chart([("Dr. Sari", 2, 4), ("Budi", 4, 4), ("Baru", 0, 0)], "Progres")
    fills = bar_widths(svg)
    assert fills[1] == 2 * fills[0]
    assert fills[2] == 0
    assert "2/4" in svg


def test_empty_charts_say_so() -> None:
    assert "Belum ada data" in bar_chart([], "Kosong")
    assert "Belum ada data" in progress_chart([], "Kosong")
    # In the caller's words; a histogram of nothing is not drawn as empty axes.
    assert "Belum ada penilaian" in progress_chart([], "Kosong", empty="Belum ada penilaian")
    nothing = histogram([], "Nilai", low=0, high=10, empty="Belum ada nilai <apa pun>")
    assert "Belum ada nilai &lt;apa pun&gt;" in nothing
    assert "<rect" not in nothing


@given(
    st.lists(st.tuples(st.text(max_size=40), st.floats(min_value=0, max_value=1e6)), max_size=30)
)
def test_any_labels_and_values_give_well_formed_svg(rows: list[tuple[str, float]]) -> None:
    parse(bar_chart([Bar(label, value) for label, value in rows], "Uji"))
    parse(progress_chart([(label, int(value), 10) for label, value in rows], "Uji"))
