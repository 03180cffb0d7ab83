"""The IID arithmetic: the SID divisor MAX(d, n), monotonic in accepted evidence, bounded
0–100, the year's own divisor, the predikat's band edges exact."""

from __future__ import annotations

from dataclasses import replace
from decimal import Decimal

from hypothesis import given, settings
from hypothesis import strategies as st

from services.innovations import iid_index, iid_structure
from services.innovations.iid_seed import structure_2023
from services.innovations.iid_structure import SID, SPD

YEAR = structure_2023()
SID_NOS = [i.no for i in YEAR.of_set(SID)]
SPD_NOS = [i.no for i in YEAR.of_set(SPD)]

answers = st.dictionaries(st.sampled_from(SID_NOS), st.integers(1, 3))
spd_answers = st.dictionaries(st.sampled_from(SPD_NOS), st.integers(1, 3))


def test_the_2023_seed_is_a_valid_structure_of_15_spd_and_20_sid_indicators() -> None:
    assert iid_structure.problems(YEAR) == {}
    assert (len(SPD_NOS), len(SID_NOS)) == (15, 20)
    assert list(range(16, 36)) == SID_NOS
    assert list(range(1, 16)) == SPD_NOS
    assert iid_structure.reachable(YEAR) == Decimal(100)
    assert iid_structure.from_json(iid_structure.to_json(YEAR)) == YEAR


@given(st.lists(answers, min_size=0, max_size=25))
def test_fewer_than_d_innovations_divide_by_d(innovations: list[dict[int, int]]) -> None:
    found = iid_index.index(YEAR, {}, innovations)
    assert found.divisor == max(10, len(innovations))
    total = sum((iid_index.innovation_score(YEAR, a) for a in innovations), Decimal(0))
    expected = total / max(10, len(innovations)) + iid_index.count_score(YEAR, len(innovations))
    if total:
        assert found.sid == iid_index.rounded(expected)


@given(st.lists(answers, min_size=1, max_size=15), st.integers(1, 30))
def test_the_years_own_divisor_is_used(innovations: list[dict[int, int]], floor: int) -> None:
    year = replace(YEAR, divisor_floor=floor)
    assert iid_index.index(year, {}, innovations).divisor == max(floor, len(innovations))


@settings(max_examples=200)
@given(spd_answers, st.lists(answers, max_size=12), st.data())
def test_adding_accepted_evidence_never_lowers_the_index(
    spd: dict[int, int], innovations: list[dict[int, int]], data: st.DataObject
) -> None:
    before = iid_index.index(YEAR, spd, innovations)
    if innovations and data.draw(st.booleans()):
        j = data.draw(st.integers(0, len(innovations) - 1))
        no = data.draw(st.sampled_from(SID_NOS))
        more = dict(innovations[j])
        more[no] = max(more.get(no, 0), data.draw(st.integers(1, 3)))
        after = iid_index.index(YEAR, spd, [*innovations[:j], more, *innovations[j + 1 :]])
    else:
        no = data.draw(st.sampled_from(SPD_NOS))
        raised = {**spd, no: max(spd.get(no, 0), data.draw(st.integers(1, 3)))}
        after = iid_index.index(YEAR, raised, innovations)
    assert after.iid >= before.iid


@given(spd_answers, st.lists(answers, max_size=30))
def test_the_index_stays_between_0_and_100(
    spd: dict[int, int], innovations: list[dict[int, int]]
) -> None:
    found = iid_index.index(YEAR, spd, innovations)
    assert Decimal(0) <= found.iid <= Decimal(100)
    assert found.iid == found.iid.quantize(Decimal("0.01"))


def test_everything_at_the_top_for_20_innovations_is_100() -> None:
    top = {no: 3 for no in SID_NOS}
    found = iid_index.index(YEAR, {no: 3 for no in SPD_NOS}, [top] * 20)
    assert found.iid == Decimal("100.00")
    assert found.band.name == "Sangat Inovatif"


def test_band_edges_are_exact() -> None:
    def name(value: str) -> str:
        return iid_index.predikat(YEAR, Decimal(value)).name

    assert name("35.00") == "Inovatif"
    assert name("34.99") == "Kurang Inovatif"
    assert name("60.00") == "Inovatif"
    assert name("60.01") == "Sangat Inovatif"
    assert name("0.01") == "Kurang Inovatif"
    assert name("34.994") == "Kurang Inovatif"  # half-up to 34.99
    assert name("34.995") == "Inovatif"  # half-up to 35.00
    assert iid_index.predikat(YEAR, Decimal(0)).disclaimer
    assert iid_index.predikat(YEAR, Decimal(50), reported=False).disclaimer


def test_nothing_reported_is_the_disclaimer() -> None:
    found = iid_index.index(YEAR, {}, [{}, {}])
    assert found.iid == Decimal("0.00")
    assert found.band.disclaimer


@given(spd_answers, st.lists(answers, min_size=1, max_size=12))
def test_a_missing_items_gain_is_what_accepting_it_adds(
    spd: dict[int, int], innovations: list[dict[int, int]]
) -> None:
    by_id = dict(enumerate(innovations, start=1))
    before = iid_index.index(YEAR, spd, innovations)
    for missing in iid_index.gains(YEAR, spd, {}, by_id, {}):
        if missing.units == (0,):
            after = iid_index.index(YEAR, {**spd, missing.indicator_no: 1}, innovations)
        else:
            filled = {j: {**a, missing.indicator_no: 1} if j in missing.units else a
                      for j, a in by_id.items()}  # fmt: skip
            after = iid_index.index(YEAR, spd, list(filled.values()))
        # The counting score may start once something is reported; the rest is exact.
        assert abs((after.exact - before.exact) - missing.gain) <= Decimal("0.005") + (
            iid_index.count_score(YEAR, len(innovations)) if not before.exact else 0
        )


def test_gains_come_largest_first() -> None:
    found = iid_index.gains(YEAR, {}, {}, {1: {}, 2: {16: 3}}, {1: {32: 3}})
    assert [m.gain for m in found] == sorted((m.gain for m in found), reverse=True)
    kemanfaatan = next(m for m in found if m.indicator_no == 32)
    assert kemanfaatan.units == (1, 2)
    assert kemanfaatan.gain == iid_index.rounded((Decimal("3.6") + Decimal("1.2")) / 10)
