"""Assigning one newly admitted proposal at once, fast: pure, no database, no I/O.

A `Pool` holds what does not change between two admissions of the same call: the evaluators'
TF-IDF vectors and vocabulary, their topic incidence, and the agency relation. It is built once
and cached by its content (`pool_for`), so an admission only vectorises its own proposal.

For one proposal the optimum is exact without a network: with no composition rule it is the
`k` allowed evaluators of greatest affinity (ties: the less loaded, then the smaller id). With
composition rules the `k` best allowed evaluators of each kind are enough candidates (an
optimum never uses more than `k` of one kind), and `matching.solve` picks among them exactly.
"""

from __future__ import annotations

import math
from collections import Counter, OrderedDict
from collections.abc import Callable, Hashable, Mapping, Sequence, Set
from dataclasses import dataclass

import numpy as np
from numpy.typing import NDArray
from scipy import sparse

from services.review import reasons as why
from services.review.affinity import TOKEN, incidence, related_opds
from services.review.matching import solve
from services.review.problem import Problem, Proposal, Reviewer, Rule

CACHE_SIZE = 8


@dataclass(frozen=True)
class Pool:
    """The evaluators of one call, vectorised once."""

    reviewers: tuple[Reviewer, ...]
    vocabulary: dict[str, int]
    idf: NDArray[np.float64]
    text: sparse.csr_matrix  # reviewers × vocabulary, L2-normalised TF-IDF
    topic_index: dict[str, int]
    topics: sparse.csr_matrix  # reviewers × topics incidence
    topic_sizes: NDArray[np.float64]
    opd_index: dict[str, int]
    related: NDArray[np.bool_]  # opd × opd: same, ancestor or descendant
    r_opd: NDArray[np.int64]  # each reviewer's opd index, -1 for none
    kinds: NDArray[np.str_]


@dataclass(frozen=True)
class Pick:
    reviewer: str
    score: float
    load: int
    max_load: int
    reasons: tuple[why.Reason, ...]


class NotEnoughEvaluators(Exception):  # noqa: N818 - reads as a state, callers keep it
    """No assignment of `k` evaluators exists; the message names the binding constraint."""


def build_pool(reviewers: Sequence[Reviewer], parents: Mapping[str, str | None]) -> Pool:
    docs = [TOKEN.findall(r.text.lower()) for r in reviewers]
    vocabulary: dict[str, int] = {}
    rows: list[int] = []
    cols: list[int] = []
    for i, words in enumerate(docs):
        for w in words:
            rows.append(i)
            cols.append(vocabulary.setdefault(w, len(vocabulary)))
    width = max(len(vocabulary), 1)
    counts = sparse.csr_matrix((np.ones(len(rows)), (rows, cols)), shape=(len(docs), width))
    df = np.bincount(counts.indices, minlength=width)
    # Smoothed as if the proposal were one more document, so its words never divide by zero.
    idf = np.log((2 + len(docs)) / (1 + df)) + 1
    text = _normalise(sparse.csr_matrix(counts.multiply(idf[None, :])))
    topic_names = sorted({t.lower() for r in reviewers for t in r.topics})
    topic_index = {t: i for i, t in enumerate(topic_names)}
    topics = incidence(
        [[topic_index[t.lower()] for t in r.topics] for r in reviewers], len(topic_names)
    )
    tree = {c: p for c, p in parents.items() if p is not None}
    opds = sorted({*parents, *tree.values(), *(r.opd for r in reviewers if r.opd)})
    opd_index = {o: i for i, o in enumerate(opds)}
    return Pool(
        reviewers=tuple(reviewers),
        vocabulary=vocabulary,
        idf=idf,
        text=text,
        topic_index=topic_index,
        topics=topics,
        topic_sizes=np.asarray(topics.sum(axis=1)).ravel(),
        opd_index=opd_index,
        related=related_opds(opds, tree),
        r_opd=np.array([opd_index[r.opd] if r.opd else -1 for r in reviewers], dtype=np.int64),
        kinds=np.array([r.kind for r in reviewers], dtype=str),
    )


def _normalise(matrix: sparse.csr_matrix) -> sparse.csr_matrix:
    norms = np.sqrt(np.asarray(matrix.multiply(matrix).sum(axis=1)).ravel())
    return sparse.csr_matrix(sparse.diags(1 / np.where(norms > 0, norms, 1)) @ matrix)


_CACHE: OrderedDict[Hashable, Pool] = OrderedDict()


def fingerprint(
    reviewers: Sequence[Reviewer], parents: Mapping[str, str | None]
) -> tuple[object, ...]:
    """What a pool is made of, as a hashable key (compared in C, cheap next to a rebuild)."""
    return (
        tuple((r.id, r.opd, r.topics, r.text, r.kind, r.max_load) for r in reviewers),
        tuple(sorted(parents.items(), key=lambda kv: kv[0])),
    )


def pool_for(reviewers: Sequence[Reviewer], parents: Mapping[str, str | None]) -> Pool:
    """The pool of these evaluators, from the cache when nothing in it changed."""
    return cached_pool(fingerprint(reviewers, parents), lambda: build_pool(reviewers, parents))


def cached_pool(key: Hashable, make: Callable[[], Pool]) -> Pool:
    """The pool cached under `key` (the content it was made from), made when missing."""
    pool = _CACHE.get(key)
    if pool is None:
        pool = _CACHE[key] = make()
        while len(_CACHE) > CACHE_SIZE:
            _CACHE.popitem(last=False)
    else:
        _CACHE.move_to_end(key)
    return pool


def affinity(
    pool: Pool, proposal: Proposal, topic_weight: float = 0.5, text_weight: float = 0.5
) -> tuple[NDArray[np.float64], NDArray[np.float64]]:
    """(weighted affinity, text cosine) of `proposal` against every evaluator of the pool."""
    n = len(pool.reviewers)
    tokens = Counter(TOKEN.findall(proposal.text.lower()))
    cosine = np.zeros(n)
    known = {pool.vocabulary[w]: c for w, c in tokens.items() if w in pool.vocabulary}
    if known:
        vector = np.zeros(len(pool.idf))
        vector[list(known)] = np.array(list(known.values()), dtype=np.float64)
        vector *= pool.idf
        # Words no evaluator uses weigh in the norm with the greatest idf: they match no one.
        unseen = math.log(2 + n) + 1
        rest = sum((c * unseen) ** 2 for w, c in tokens.items() if w not in pool.vocabulary)
        norm = math.sqrt(float((vector**2).sum()) + rest)
        cosine = np.asarray(pool.text @ (vector / norm), dtype=np.float64)
    jaccard = np.zeros(n)
    mine = {t.lower() for t in proposal.topics}
    if mine:
        cols = [pool.topic_index[t] for t in mine if t in pool.topic_index]
        inter = np.asarray(pool.topics[:, cols].sum(axis=1)).ravel() if cols else np.zeros(n)
        union = pool.topic_sizes + len(mine) - inter
        jaccard = np.divide(inter, union, out=np.zeros(n), where=union > 0)
    return topic_weight * jaccard + text_weight * cosine, np.asarray(cosine, dtype=np.float64)


def assign_one(
    pool: Pool,
    proposal: Proposal,
    k: int,
    loads: Mapping[str, int],
    conflicts: Set[str] = frozenset(),
    composition: Sequence[Rule] = (),
    topic_weight: float = 0.5,
    text_weight: float = 0.5,
    one_per_institution: bool = False,
) -> tuple[Pick, ...]:
    """The `k` evaluators of greatest affinity for `proposal`, or `NotEnoughEvaluators`.

    `loads` are reviews each evaluator holds now; `conflicts` are evaluator ids excluded for
    this proposal (declared conflicts, team members, evaluators already on it). With
    `one_per_institution`, at most one evaluator of an institution (their agency) is chosen.
    """
    if k < 1:
        raise ValueError(f"k must be at least 1, got {k}")
    reviewers = pool.reviewers
    n = len(reviewers)
    load = np.array([loads.get(r.id, 0) for r in reviewers], dtype=np.int64)
    max_load = np.array([r.max_load for r in reviewers], dtype=np.int64)
    agency_free = np.ones(n, dtype=bool)
    p_opd = pool.opd_index.get(proposal.opd or "", -1)
    if proposal.opd and p_opd < 0:  # an agency outside the tree: only the same code conflicts
        agency_free = np.array([r.opd != proposal.opd for r in reviewers], dtype=bool)
    elif p_opd >= 0:
        known = pool.r_opd >= 0
        agency_free = ~(known & pool.related[p_opd][np.maximum(pool.r_opd, 0)])
    declared_free = np.array([r.id not in conflicts for r in reviewers], dtype=bool)
    has_room = load < max_load
    allowed = agency_free & declared_free & has_room
    if int(allowed.sum()) < k:
        raise NotEnoughEvaluators(
            f"hanya {int(allowed.sum())} evaluator tanpa konflik tersedia, dibutuhkan {k} "
            f"(only {int(allowed.sum())} conflict-free evaluators available, {k} needed; "
            f"{int((~agency_free).sum())} berkonflik instansi, "
            f"{int((~declared_free).sum())} konflik dinyatakan, "
            f"{int((agency_free & declared_free & ~has_room).sum())} beban penuh)"
        )
    score, cosine = affinity(pool, proposal, topic_weight, text_weight)
    rounded = np.round(score, 9)
    order = np.lexsort((np.arange(n), load, -rounded))  # last key first: score, load, id
    ranked = order[allowed[order]]
    if one_per_institution and not composition:
        ranked = _best_of_each_institution(pool, ranked, k)
    if not composition:
        chosen = ranked[:k]
    else:
        chosen = _with_rules(pool, proposal, ranked, rounded, k, composition, one_per_institution)
    avoided = int((~(agency_free & declared_free)).sum())
    return tuple(
        _pick(pool, proposal, int(j), float(score[j]), float(cosine[j]), int(load[j]), avoided)
        for j in chosen
    )


def _best_of_each_institution(pool: Pool, ranked: NDArray[np.int64], k: int) -> NDArray[np.int64]:
    """In rank order, only the first (best) evaluator of each institution; those with none
    stay. Choosing the top `k` of what is left is then the exact optimum of the rule."""
    seen: set[str] = set()
    kept = []
    for j in ranked.tolist():
        institution = pool.reviewers[j].institution
        if institution is None or institution not in seen:
            kept.append(j)
            if institution is not None:
                seen.add(institution)
    if len(kept) < k:
        raise NotEnoughEvaluators(
            f"hanya {len(kept)} institusi berbeda tanpa konflik, dibutuhkan {k} "
            f"(only {len(kept)} distinct institutions without conflict, {k} needed)"
        )
    return np.array(kept, dtype=np.int64)


def _with_rules(
    pool: Pool,
    proposal: Proposal,
    ranked: NDArray[np.int64],
    score: NDArray[np.float64],
    k: int,
    composition: Sequence[Rule],
    one_per_institution: bool = False,
) -> list[int]:
    keep: list[int] = []
    for kind in {str(x) for x in pool.kinds[ranked]}:
        of_kind = ranked[pool.kinds[ranked] == kind]
        if one_per_institution:  # the best of each institution within the kind
            of_kind = _best_of_each_institution(pool, of_kind, 0)
        keep.extend(int(j) for j in of_kind[:k])
    candidates = [pool.reviewers[j] for j in keep]
    problem = Problem(
        k=k,
        proposals=[Proposal(proposal.id)],
        reviewers=[
            Reviewer(r.id, None, (), "", r.kind, 0, 1, institution=r.institution)
            for r in candidates
        ],
        composition=composition,
        one_per_institution=one_per_institution,
        scores={
            (proposal.id, r.id): float(score[j]) for r, j in zip(candidates, keep, strict=True)
        },
    )
    result = solve(problem)
    if result.status != "optimal":
        raise NotEnoughEvaluators(result.message)
    picked = {a.reviewer for a in result.assignments}
    by_id = {pool.reviewers[j].id: j for j in keep}
    return sorted((by_id[r] for r in picked), key=lambda j: (-score[j], j))


def _pick(
    pool: Pool, proposal: Proposal, j: int, score: float, cosine: float, load: int, avoided: int
) -> Pick:
    r = pool.reviewers[j]
    reasons = []
    common = sorted({t.lower() for t in proposal.topics} & {t.lower() for t in r.topics})
    if common:
        reasons.append(why.topics(common))
    reasons.append(why.similarity(cosine, score))
    reasons.append(why.load(load, r.max_load))
    reasons.append(why.avoided(avoided) if avoided else why.no_conflict())
    return Pick(r.id, round(score, 6), load, r.max_load, tuple(reasons))
