"""The pure chooser, over the real Cilegon agency tree."""

from __future__ import annotations

import pytest

from services.review.assignment import Candidate, NotEnoughEvaluators, choose_evaluators

Parents = dict[str, str | None]


def chosen_ids(
    proposal_opd: str,
    candidates: list[Candidate],
    parents: Parents,
    k: int,
    loads: dict[int, int] | None = None,
) -> list[int]:
    choices = choose_evaluators(proposal_opd, candidates, loads or {}, parents, k)
    return [c.evaluator_id for c in choices]


def test_evaluator_from_the_proposals_own_agency_is_never_chosen(parents: Parents) -> None:
    candidates = [Candidate(1, "dinkes"), Candidate(2, "dpupr"), Candidate(3, None)]
    assert chosen_ids("dinkes", candidates, parents, 2) == [2, 3]


def test_kecamatan_evaluator_cannot_judge_its_kelurahan(parents: Parents) -> None:
    assert parents["kel-bagendung"] == "kec-cilegon"
    candidates = [Candidate(1, "kec-cilegon"), Candidate(2, "kel-bendungan"), Candidate(3, None)]
    # A sibling kelurahan is not related: only the parent kecamatan is a conflict.
    assert chosen_ids("kel-bagendung", candidates, parents, 2) == [2, 3]


def test_kelurahan_evaluator_cannot_judge_its_kecamatan(parents: Parents) -> None:
    candidates = [Candidate(1, "kel-ciwaduk"), Candidate(2, "kel-bulakan"), Candidate(3, None)]
    assert chosen_ids("kec-cilegon", candidates, parents, 2) == [2, 3]


def test_setda_and_its_bagian_conflict_both_ways(parents: Parents) -> None:
    candidates = [Candidate(1, "setda"), Candidate(2, "setda-umum"), Candidate(3, "dinkes")]
    assert chosen_ids("setda-hukum", candidates, parents, 2) == [2, 3]
    assert chosen_ids("setda", candidates, parents, 1) == [3]


def test_least_loaded_evaluators_are_preferred(parents: Parents) -> None:
    candidates = [Candidate(1, None), Candidate(2, None), Candidate(3, None), Candidate(4, None)]
    loads = {1: 5, 2: 0, 3: 2, 4: 1}
    assert chosen_ids("dinkes", candidates, parents, 3, loads) == [2, 4, 3]


def test_ties_are_broken_by_id_whatever_the_candidate_order(parents: Parents) -> None:
    candidates = [Candidate(i, None) for i in (7, 3, 9, 1, 5)]
    loads = {1: 1, 3: 0, 5: 0, 7: 0, 9: 0}
    assert chosen_ids("dinkes", candidates, parents, 3, loads) == [3, 5, 7]
    assert chosen_ids("dinkes", candidates[::-1], parents, 3, loads) == [3, 5, 7]


def test_evaluator_at_max_load_is_never_chosen(parents: Parents) -> None:
    candidates = [Candidate(1, None, max_load=10), Candidate(2, None, max_load=3)]
    assert chosen_ids("dinkes", candidates, parents, 1, {1: 10, 2: 2}) == [2]
    with pytest.raises(NotEnoughEvaluators):
        choose_evaluators("dinkes", candidates, {1: 10, 2: 3}, parents, 1)


def test_excluded_evaluators_are_never_chosen(parents: Parents) -> None:
    candidates = [Candidate(1, None), Candidate(2, None), Candidate(3, None)]
    choices = choose_evaluators("dinkes", candidates, {}, parents, 2, exclude={1})
    assert [c.evaluator_id for c in choices] == [2, 3]


def test_each_choice_explains_itself(parents: Parents) -> None:
    choices = choose_evaluators("dinkes", [Candidate(4, "bpkad")], {4: 2}, parents, 1)
    assert choices[0].reason == "beban 2 dari 10; tanpa konflik instansi"
    assert (choices[0].load, choices[0].max_load) == (2, 10)


def test_too_few_eligible_evaluators_raises_with_the_numbers(parents: Parents) -> None:
    candidates = [Candidate(1, "dinkes"), Candidate(2, "dpupr"), Candidate(3, None)]
    with pytest.raises(NotEnoughEvaluators) as caught:
        choose_evaluators("dinkes", candidates, {}, parents, 3)
    assert "hanya 2 evaluator tanpa konflik tersedia, dibutuhkan 3" in str(caught.value)
    assert "only 2 conflict-free evaluators available, 3 needed" in str(caught.value)
    assert (caught.value.available, caught.value.needed) == (2, 3)


def test_zero_evaluators_asked_gives_none_and_negative_is_refused(parents: Parents) -> None:
    assert choose_evaluators("dinkes", [Candidate(1, None)], {}, parents, 0) == []
    with pytest.raises(ValueError, match="negative"):
        choose_evaluators("dinkes", [Candidate(1, None)], {}, parents, -1)
