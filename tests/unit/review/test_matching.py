"""The min-cost-flow assignment against an exact integer program (SciPy's MILP) on small cases."""

from __future__ import annotations

import numpy as np
import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st
from scipy.optimize import Bounds, LinearConstraint, milp

from services.review.matching import Problem, Proposal, Result, Reviewer, Rule, solve
from services.review.reasons import said

OPDS = ("kec-a", "kel-a1", "kel-a2", "dinkes", "setda", "bag-hukum", None)
PARENTS = {"kel-a1": "kec-a", "kel-a2": "kec-a", "bag-hukum": "setda"}
RELATED = {"kec-a": {"kel-a1", "kel-a2"}, "kel-a1": {"kec-a"}, "kel-a2": {"kec-a"},
           "setda": {"bag-hukum"}, "bag-hukum": {"setda"}}  # fmt: skip


def conflicted(p: Proposal, r: Reviewer, explicit: frozenset[tuple[str, str]]) -> bool:
    if (p.id, r.id) in explicit:
        return True
    return p.opd is not None and (p.opd == r.opd or r.opd in RELATED.get(p.opd, set()))


def reference(problem: Problem) -> float | None:
    """The exact optimum by MILP over every allowed pair; None when infeasible."""
    pairs = [
        (i, j)
        for i, p in enumerate(problem.proposals)
        for j, r in enumerate(problem.reviewers)
        if not conflicted(p, r, problem.conflicts)
    ]
    if not pairs:
        return None if problem.proposals else 0.0
    scores = problem.scores or {}
    c = -np.array([scores.get((problem.proposals[i].id, problem.reviewers[j].id), 0.0)
                   for i, j in pairs])  # fmt: skip
    rows, lo, hi = [], [], []
    for i in range(len(problem.proposals)):
        rows.append([1.0 if pi == i else 0.0 for pi, _ in pairs])
        lo.append(problem.k)
        hi.append(problem.k)
        for rule in problem.composition:
            kinds = [problem.reviewers[j].kind == rule.kind for _, j in pairs]
            rows.append(
                [
                    1.0 if pi == i and kind else 0.0
                    for (pi, _), kind in zip(pairs, kinds, strict=True)
                ]
            )
            lo.append(rule.min)
            hi.append(rule.max if rule.max is not None else problem.k)
        if problem.one_per_institution:
            for name in {r.institution for r in problem.reviewers} - {None}:
                rows.append([
                    1.0 if pi == i and problem.reviewers[j].institution == name else 0.0
                    for pi, j in pairs
                ])  # fmt: skip
                lo.append(0)
                hi.append(1)
    for j, r in enumerate(problem.reviewers):
        rows.append([1.0 if rj == j else 0.0 for _, rj in pairs])
        lo.append(r.min_load)
        hi.append(r.max_load)
    res = milp(
        c, constraints=LinearConstraint(np.array(rows), lo, hi), integrality=np.ones(len(pairs)),
        bounds=Bounds(0, 1),
    )  # fmt: skip
    return None if res.status != 0 else float(-res.fun)


@st.composite
def problems(draw: st.DrawFn) -> Problem:
    k = draw(st.integers(1, 3))
    n_p, n_r = draw(st.integers(1, 6)), draw(st.integers(1, 8))
    proposals = [Proposal(f"p{i}", draw(st.sampled_from(OPDS))) for i in range(n_p)]
    reviewers = []
    for j in range(n_r):
        top = draw(st.integers(0, 4))
        reviewers.append(
            Reviewer(
                f"r{j}",
                draw(st.sampled_from(OPDS)),
                kind=draw(st.sampled_from(("academic", "practitioner"))),
                min_load=draw(st.integers(0, min(top, 1))),
                max_load=top,
            )
        )
    pairs = [(p.id, r.id) for p in proposals for r in reviewers]
    explicit = draw(st.frozensets(st.sampled_from(pairs), max_size=3))
    scores = {pr: float(draw(st.integers(0, 9))) for pr in pairs if draw(st.booleans())}
    rules = [Rule("academic", draw(st.integers(0, 1)))] if draw(st.booleans()) else []
    return Problem(k, proposals, reviewers, explicit, PARENTS, rules, scores)


def optimal_or_refused(problem: Problem) -> Result | None:
    """The solver's result when the reference finds the instance feasible (and the same
    optimum); None when both call it infeasible."""
    result = solve(problem)
    best = reference(problem)
    if best is None:
        assert result.status == "infeasible"
        assert result.message
        return None
    assert result.status == "optimal", result.message
    assert result.objective == pytest.approx(best)
    return result


@settings(max_examples=150, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(problems())
def test_assignment_is_optimal_and_respects_every_constraint(problem: Problem) -> None:
    result = optimal_or_refused(problem)
    if result is None:
        return
    by_p: dict[str, list[str]] = {p.id: [] for p in problem.proposals}
    for a in result.assignments:
        by_p[a.proposal].append(a.reviewer)
    reviewers = {r.id: r for r in problem.reviewers}
    proposals = {p.id: p for p in problem.proposals}
    for pid, rids in by_p.items():
        assert len(rids) == len(set(rids)) == problem.k
        assert not any(conflicted(proposals[pid], reviewers[r], problem.conflicts) for r in rids)
        for rule in problem.composition:
            assert sum(reviewers[r].kind == rule.kind for r in rids) >= rule.min
    for r in problem.reviewers:
        load = sum(a.reviewer == r.id for a in result.assignments)
        assert r.min_load <= load <= r.max_load


def test_too_little_capacity_names_the_numbers() -> None:
    problem = Problem(3, [Proposal(f"p{i}") for i in range(14)],
                      [Reviewer(f"r{j}", max_load=3) for j in range(10)])  # fmt: skip
    result = solve(problem)
    assert result.status == "infeasible"
    assert result.message == "14 proposal × 3 = 42 penilaian, kapasitas semua evaluator hanya 30"


def test_proposal_with_too_few_unconflicted_evaluators_is_named() -> None:
    reviewers = [Reviewer("r1", "kec-a"), Reviewer("r2", "kel-a1"), Reviewer("r3", "kel-a2")]
    result = solve(Problem(2, [Proposal("p1", "kel-a1")], reviewers, opd_parents=PARENTS))
    assert result.status == "infeasible"
    assert "proposal p1: hanya 1 evaluator tanpa konflik" in result.message


def test_text_and_topics_drive_the_choice_and_are_explained() -> None:
    proposal = Proposal("p1", "dinkes", ("kesehatan",), "posyandu balita gizi buruk")
    reviewers = [
        Reviewer("ahli-gizi", "unsera", ("kesehatan",), "gizi balita posyandu stunting"),
        Reviewer("ahli-jalan", "untirta", ("pekerjaan umum",), "jalan jembatan drainase"),
    ]
    result = solve(Problem(1, [proposal], reviewers))
    assert [a.reviewer for a in result.assignments] == ["ahli-gizi"]
    assert ("topics", {"topics": "kesehatan"}) in result.assignments[0].reasons
    assert "topik sama: kesehatan" in said(result.assignments[0].reasons)


INSTITUTIONS = ("univ-a", "univ-b", "pemkot", None)


@st.composite
def institution_problems(draw: st.DrawFn) -> Problem:
    """Institutions of one kind each (a university's reviewers are academics), with or
    without a kind rule: the cases the flow model is exact for."""
    base = draw(problems())
    kind_of = {"univ-a": "academic", "univ-b": "academic", "pemkot": "practitioner"}
    reviewers = []
    for r in base.reviewers:
        institution = draw(st.sampled_from(INSTITUTIONS))
        kind = kind_of[institution] if institution is not None else r.kind
        reviewers.append(Reviewer(r.id, r.opd, kind=kind, min_load=r.min_load,
                                  max_load=r.max_load, institution=institution))  # fmt: skip
    return Problem(base.k, base.proposals, reviewers, base.conflicts, PARENTS, base.composition,
                   base.scores, one_per_institution=True)  # fmt: skip


@settings(max_examples=150, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(institution_problems())
def test_one_per_institution_is_optimal_and_never_violated(problem: Problem) -> None:
    result = optimal_or_refused(problem)
    if result is None:
        return
    reviewers = {r.id: r for r in problem.reviewers}
    by_p: dict[str, list[str]] = {p.id: [] for p in problem.proposals}
    for a in result.assignments:
        by_p[a.proposal].append(a.reviewer)
    for rids in by_p.values():
        assert len(rids) == problem.k
        named = [reviewers[r].institution for r in rids if reviewers[r].institution is not None]
        assert len(named) == len(set(named)), rids


def test_too_few_institutions_names_the_proposal() -> None:
    reviewers = [Reviewer(f"r{j}", institution="univ-a" if j < 3 else None) for j in range(4)]
    problem = Problem(3, [Proposal("p1")], reviewers, one_per_institution=True)
    result = solve(problem)
    assert result.status == "infeasible"
    assert "proposal p1: hanya 2 institusi berbeda" in result.message
    assert solve(Problem(2, [Proposal("p1")], reviewers, one_per_institution=True)).status == (
        "optimal"
    )


def test_an_institution_of_mixed_kinds_under_kind_rules_is_refused_by_name() -> None:
    reviewers = [
        Reviewer("r1", kind="academic", institution="univ-a"),
        Reviewer("r2", kind="practitioner", institution="univ-a"),
        Reviewer("r3", kind="academic"),
    ]
    problem = Problem(2, [Proposal("p1")], reviewers, composition=[Rule("academic", 1)],
                      one_per_institution=True)  # fmt: skip
    result = solve(problem)
    assert result.status == "infeasible"
    assert "institusi univ-a" in result.message
