"""One proposal at a time: the cached pool gives the same optimum as the exact solver."""

from __future__ import annotations

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from services.review import incremental
from services.review.incremental import NotEnoughEvaluators, affinity, assign_one, build_pool
from services.review.matching import Problem, Proposal, Reviewer, Rule, solve
from services.review.reasons import said

PARENTS: dict[str, str | None] = {"kel-a": "kec-x", "kel-b": "kec-x", "kec-x": None, "dinas": None}
OPDS = [None, "kel-a", "kel-b", "kec-x", "dinas"]
KINDS = ["academic", "practitioner", "government"]
WORDS = ["air", "bersih", "sekolah", "pasar", "digital", "lansia", "obat", "sampah"]
TOPICS = ["kesehatan", "pendidikan", "pu", "ekonomi"]


@st.composite
def instances(draw: st.DrawFn) -> tuple:
    n = draw(st.integers(1, 12))
    reviewers = [
        Reviewer(
            f"r{j}",
            draw(st.sampled_from(OPDS)),
            tuple(draw(st.lists(st.sampled_from(TOPICS), max_size=2, unique=True))),
            " ".join(draw(st.lists(st.sampled_from(WORDS), max_size=6))),
            draw(st.sampled_from(KINDS)),
            0,
            draw(st.integers(0, 3)),
        )
        for j in range(n)
    ]
    proposal = Proposal(
        "p",
        draw(st.sampled_from(OPDS)),
        tuple(draw(st.lists(st.sampled_from(TOPICS), max_size=2, unique=True))),
        " ".join(draw(st.lists(st.sampled_from([*WORDS, "baru", "asing"]), max_size=8))),
    )
    loads = {r.id: draw(st.integers(0, 3)) for r in reviewers}
    conflicts = frozenset(draw(st.lists(st.sampled_from([r.id for r in reviewers]), max_size=2)))
    k = draw(st.integers(1, 3))
    rules = draw(
        st.sampled_from(
            [(), (Rule("academic", 1),), (Rule("academic", 1), Rule("government", 0, 1))]
        )
    )
    return reviewers, proposal, loads, conflicts, k, rules


def related(a: str | None, b: str | None) -> bool:
    if a is None or b is None:
        return False
    return a == b or PARENTS.get(a) == b or PARENTS.get(b) == a


@settings(max_examples=150, deadline=None)
@given(instances())
def test_one_proposal_optimum_equals_the_exact_solver(case: tuple) -> None:
    reviewers, proposal, loads, conflicts, k, rules = case
    pool = build_pool(reviewers, PARENTS)
    score, _ = affinity(pool, proposal)
    # The reference: the flow solver over every reviewer, capacity = the room left.
    allowed = [
        (j, r)
        for j, r in enumerate(reviewers)
        if loads[r.id] < r.max_load and r.id not in conflicts and not related(r.opd, proposal.opd)
    ]
    reference = solve(
        Problem(
            k=k,
            proposals=[Proposal("p")],
            reviewers=[Reviewer(r.id, None, (), "", r.kind, 0, 1) for _, r in allowed],
            composition=rules,
            scores={("p", r.id): float(round(score[j], 9)) for j, r in allowed},
        )
    )
    try:
        picks = assign_one(pool, proposal, k, loads, conflicts, rules)
    except NotEnoughEvaluators:
        assert reference.status == "infeasible"
        return
    assert reference.status == "optimal"
    chosen = {p.reviewer for p in picks}
    assert len(chosen) == k
    by_id = {r.id: r for r in reviewers}
    for rid in chosen:
        r = by_id[rid]
        assert rid not in conflicts
        assert loads[rid] < r.max_load
        assert not related(r.opd, proposal.opd)
    for rule in rules:
        count = sum(1 for rid in chosen if by_id[rid].kind == rule.kind)
        assert count >= rule.min
        assert rule.max is None or count <= rule.max
    total = sum(round(float(score[[r.id for r in reviewers].index(rid)]), 9) for rid in chosen)
    assert total == pytest.approx(reference.objective, abs=1e-5)


def test_the_best_matching_expertise_comes_first_with_its_explanation() -> None:
    reviewers = [
        Reviewer("1", "dinas", ("pendidikan",), "sekolah guru kurikulum", "academic"),
        Reviewer("2", "dinas", ("kesehatan",), "puskesmas obat lansia posyandu", "academic"),
        Reviewer("3", None, ("kesehatan",), "obat apotek", "practitioner"),
        Reviewer("4", "kel-a", ("kesehatan",), "obat lansia puskesmas", "academic"),
    ]
    pool = build_pool(reviewers, PARENTS)
    proposal = Proposal("p", "kec-x", ("kesehatan",), "antar obat untuk lansia dari puskesmas")
    picks = assign_one(pool, proposal, 2, {})
    assert [p.reviewer for p in picks] == ["2", "3"]  # 4 sits in a kelurahan of kec-x
    assert said(picks[0].reasons)[0] == "topik sama: kesehatan"
    assert said(picks[0].reasons)[-1] == "1 evaluator dihindari karena konflik"


def test_too_few_names_the_reasons() -> None:
    reviewers = [Reviewer("1", "kel-a"), Reviewer("2", None, max_load=1), Reviewer("3")]
    pool = build_pool(reviewers, PARENTS)
    with pytest.raises(
        NotEnoughEvaluators, match="1 berkonflik instansi, 1 konflik dinyatakan, 1 beban penuh"
    ):
        assign_one(pool, Proposal("p", "kec-x"), 1, {"2": 1}, {"3"})


def test_the_pool_is_built_once_per_content() -> None:
    reviewers = [Reviewer("1", None, ("a",), "kata satu"), Reviewer("2")]
    first = incremental.pool_for(reviewers, PARENTS)
    assert incremental.pool_for(list(reviewers), dict(PARENTS)) is first
    changed = [Reviewer("1", None, ("a",), "kata dua"), Reviewer("2")]
    assert incremental.pool_for(changed, PARENTS) is not first


KIND_OF_AGENCY = {"kel-a": "government", "kel-b": "government", "kec-x": "government",
                  "dinas": "practitioner"}  # fmt: skip


@settings(max_examples=150, deadline=None)
@given(instances())
def test_one_per_institution_equals_the_exact_solver(case: tuple) -> None:
    """The institution is the evaluator's agency; an agency's evaluators share a kind."""
    reviewers, proposal, loads, conflicts, k, rules = case
    reviewers = [
        Reviewer(r.id, r.opd, r.topics, r.text, KIND_OF_AGENCY.get(r.opd or "", r.kind),
                 0, r.max_load, r.opd)
        for r in reviewers
    ]  # fmt: skip
    pool = build_pool(reviewers, PARENTS)
    score, _ = affinity(pool, proposal)
    allowed = [
        (j, r)
        for j, r in enumerate(reviewers)
        if loads[r.id] < r.max_load and r.id not in conflicts and not related(r.opd, proposal.opd)
    ]
    reference = solve(
        Problem(
            k=k,
            proposals=[Proposal("p")],
            reviewers=[Reviewer(r.id, None, (), "", r.kind, 0, 1, r.opd) for _, r in allowed],
            composition=rules,
            scores={("p", r.id): float(round(score[j], 9)) for j, r in allowed},
            one_per_institution=True,
        )
    )
    try:
        picks = assign_one(pool, proposal, k, loads, conflicts, rules, one_per_institution=True)
    except NotEnoughEvaluators:
        assert reference.status == "infeasible"
        return
    assert reference.status == "optimal", reference.message
    by_id = {r.id: r for r in reviewers}
    agencies = [by_id[p.reviewer].opd for p in picks if by_id[p.reviewer].opd is not None]
    assert len(agencies) == len(set(agencies))
    assert len(picks) == k
    total = sum(round(float(score[[r.id for r in reviewers].index(p.reviewer)]), 9) for p in picks)
    assert total == pytest.approx(reference.objective, abs=1e-5)
