"""Optimal reviewer assignment as a min-cost flow (OR-Tools), pure: no database, no I/O.

The network, for `P` proposals and `R` reviewers:

    proposal p (supply k) ──► [kind node (p, kind) for each composition rule]
        ──► [institution node (p, kind, institution), capacity 1, when one_per_institution]
        ──► reviewer r
    reviewer r ──► sink (demand k·P), capacity max_load

"At most one evaluator from the same institution" is the capacity-1 institution level. It nests
under the kind level, so it is exact whenever each institution's reviewers share one kind (a
university's are academics); an institution that mixes kinds under kind rules is refused with
a message naming it. Reviewers without an institution are each their own.

Every proposal→reviewer arc has capacity 1 and the cost −score, so the flow of least cost
maximises the total score with exactly `k` reviewers per proposal. Lower bounds (a reviewer's
`min_load`, a rule's `min`) are arcs with a bonus larger than any score sum can be: the optimum
fills them whenever that is feasible, and a bonus arc left unfilled names the binding constraint.
Conflicts never become arcs. Arcs are built as NumPy arrays and added in one call; on large
instances only the best `keep` candidates per proposal become arcs.
"""

from __future__ import annotations

import math
import re
from collections import defaultdict
from collections.abc import Mapping, Sequence
from dataclasses import dataclass, field

import numpy as np
from numpy.typing import NDArray
from ortools.graph.python import min_cost_flow
from scipy import sparse

SCALE = 1_000_000  # scores become integer costs with this many steps per unit
DENSE_LIMIT = 4_000_000  # proposal × reviewer pairs above which candidates are pruned
CHUNK = 512  # proposals per block when scoring large instances
TOKEN = re.compile(r"[a-z0-9]{3,}")


@dataclass(frozen=True)
class Proposal:
    id: str
    opd: str | None = None
    topics: tuple[str, ...] = ()
    text: str = ""


@dataclass(frozen=True)
class Reviewer:
    id: str
    opd: str | None = None
    topics: tuple[str, ...] = ()
    text: str = ""
    kind: str = ""
    min_load: int = 0
    max_load: int = 6
    institution: str | None = None


@dataclass(frozen=True)
class Rule:
    """At least `min` and at most `max` reviewers of `kind` on every proposal."""

    kind: str
    min: int = 0
    max: int | None = None


@dataclass(frozen=True)
class Problem:
    k: int
    proposals: Sequence[Proposal]
    reviewers: Sequence[Reviewer]
    conflicts: frozenset[tuple[str, str]] = frozenset()
    opd_parents: Mapping[str, str] = field(default_factory=dict)
    composition: Sequence[Rule] = ()
    scores: Mapping[tuple[str, str], float] | None = None
    topic_weight: float = 0.5
    text_weight: float = 0.5
    keep: int | None = None  # candidates per proposal; None: all pairs on small instances
    one_per_institution: bool = False  # at most one reviewer of an institution per proposal


@dataclass(frozen=True)
class Pick:
    proposal: str
    reviewer: str
    score: float
    reasons: tuple[str, ...]


@dataclass(frozen=True)
class Result:
    status: str  # "optimal" | "infeasible"
    objective: float
    assignments: tuple[Pick, ...]
    message: str
    candidates_per_proposal: int = 0

    def to_json(self) -> dict[str, object]:
        return {
            "status": self.status,
            "objective": round(self.objective, 9),
            "assignments": [
                {
                    "proposal": a.proposal,
                    "reviewer": a.reviewer,
                    "score": a.score,
                    "reasons": list(a.reasons),
                }
                for a in self.assignments
            ],
            "message": self.message,
        }


class Infeasible(Exception):  # noqa: N818 - reads as a result, not an error
    """The instance has no assignment; the message names the binding constraint."""


def solve(problem: Problem) -> Result:
    """The assignment of greatest total score, or `infeasible` with the reason."""
    try:
        _precheck(problem)
        return _solve(problem)
    except Infeasible as exc:
        return Result("infeasible", 0.0, (), str(exc))


# --- affinity and conflicts, vectorised ------------------------------------------------------


def _related_opds(opds: Sequence[str], parents: Mapping[str, str]) -> NDArray[np.bool_]:
    """related[i, j]: agency i is agency j, its ancestor or its descendant."""
    index = {o: i for i, o in enumerate(opds)}
    related = np.eye(len(opds), dtype=bool)
    for opd in opds:
        seen, node = set(), parents.get(opd)
        while node is not None and node not in seen:  # guard against a cycle in bad input
            seen.add(node)
            if node in index:
                related[index[opd], index[node]] = related[index[node], index[opd]] = True
            node = parents.get(node)
    return related


class _Affinity:
    """Scores and conflict masks of blocks of proposals against every reviewer."""

    def __init__(self, problem: Problem) -> None:
        self.problem = problem
        props, revs = problem.proposals, problem.reviewers
        named = [x.opd for x in props if x.opd] + [x.opd for x in revs if x.opd]
        opds = sorted(set(named) | set(problem.opd_parents))
        opds += sorted(set(problem.opd_parents.values()) - set(opds))
        self.related = _related_opds(opds, problem.opd_parents)
        index = {o: i for i, o in enumerate(opds)}
        self.p_opd = np.array([index.get(p.opd, -1) if p.opd else -1 for p in props])
        self.r_opd = np.array([index.get(r.opd, -1) if r.opd else -1 for r in revs])
        self.r_index = {r.id: j for j, r in enumerate(revs)}
        self.p_index = {p.id: i for i, p in enumerate(props)}
        self.explicit: dict[int, list[int]] = defaultdict(list)
        for pid, rid in problem.conflicts:
            if pid in self.p_index and rid in self.r_index:
                self.explicit[self.p_index[pid]].append(self.r_index[rid])
        if problem.scores is not None:
            given = sparse.dok_matrix((len(props), len(revs)), dtype=np.float64)
            for (pid, rid), value in problem.scores.items():
                if pid in self.p_index and rid in self.r_index:
                    given[self.p_index[pid], self.r_index[rid]] = value
            self.given_csr = given.tocsr()
        else:
            self._build_similarity()

    def _build_similarity(self) -> None:
        props, revs = self.problem.proposals, self.problem.reviewers
        topics = sorted(
            {t.lower() for x in props for t in x.topics}
            | {t.lower() for x in revs for t in x.topics}
        )
        t_index = {t: i for i, t in enumerate(topics)}
        self.tp = _incidence([[t_index[t.lower()] for t in p.topics] for p in props], len(topics))
        self.tr = _incidence([[t_index[t.lower()] for t in r.topics] for r in revs], len(topics))
        self.tp_size = np.asarray(self.tp.sum(axis=1)).ravel()
        self.tr_size = np.asarray(self.tr.sum(axis=1)).ravel()
        self.xp, self.xr = _tfidf([p.text for p in props], [r.text for r in revs])

    def block(self, rows: slice) -> tuple[NDArray[np.float64], NDArray[np.bool_]]:
        """(scores, allowed) for proposals `rows` × every reviewer."""
        p_opd = self.p_opd[rows]
        allowed = np.ones((len(p_opd), len(self.r_opd)), dtype=bool)
        if self.related.size:  # no agency named anywhere: no agency conflicts
            known = (p_opd[:, None] >= 0) & (self.r_opd[None, :] >= 0)
            rel = self.related[np.maximum(p_opd, 0)][:, np.maximum(self.r_opd, 0)]
            allowed &= ~(known & rel)
        start = rows.start or 0
        for i in range(start, start + len(p_opd)):
            for j in self.explicit.get(i, ()):
                allowed[i - start, j] = False
        if self.problem.scores is not None:
            return self.given_csr[rows].toarray(), allowed
        inter = (self.tp[rows] @ self.tr.T).toarray()
        union = self.tp_size[rows][:, None] + self.tr_size[None, :] - inter
        jaccard = np.divide(inter, union, out=np.zeros_like(inter, dtype=float), where=union > 0)
        cosine = (self.xp[rows] @ self.xr.T).toarray()
        weights = self.problem.topic_weight, self.problem.text_weight
        return weights[0] * jaccard + weights[1] * cosine, allowed


def _incidence(rows: list[list[int]], width: int) -> sparse.csr_matrix:
    indptr = np.cumsum([0, *(len(r) for r in rows)])
    indices = np.array([i for r in rows for i in r], dtype=np.int64)
    data = np.ones(len(indices), dtype=np.float64)
    return sparse.csr_matrix((data, indices, indptr), shape=(len(rows), max(width, 1)))


def _tfidf(left: Sequence[str], right: Sequence[str]) -> tuple[sparse.csr_matrix, ...]:
    """L2-normalised TF-IDF vectors of two sets of texts over one vocabulary."""
    vocabulary: dict[str, int] = {}
    docs = [TOKEN.findall(t.lower()) for t in [*left, *right]]
    rows, cols = [], []
    for i, words in enumerate(docs):
        for w in words:
            rows.append(i)
            cols.append(vocabulary.setdefault(w, len(vocabulary)))
    counts = sparse.csr_matrix(
        (np.ones(len(rows)), (rows, cols)), shape=(len(docs), max(len(vocabulary), 1))
    )
    df = np.bincount(counts.indices, minlength=counts.shape[1])
    idf = np.log((1 + len(docs)) / (1 + df)) + 1
    weighted = sparse.csr_matrix(counts.multiply(idf[None, :]))
    norms = np.sqrt(np.asarray(weighted.multiply(weighted).sum(axis=1)).ravel())
    weighted = sparse.csr_matrix(sparse.diags(1 / np.where(norms > 0, norms, 1)) @ weighted)
    return weighted[: len(left)], weighted[len(left) :]


# --- feasibility ------------------------------------------------------------------------------


def _precheck(problem: Problem) -> None:
    k, props, revs = problem.k, problem.proposals, problem.reviewers
    if k < 1:
        raise Infeasible("k harus minimal 1")
    need, capacity = k * len(props), sum(r.max_load for r in revs)
    if capacity < need:
        raise Infeasible(
            f"{len(props)} proposal × {k} = {need} penilaian, "
            f"kapasitas semua evaluator hanya {capacity}"
        )
    floor = sum(r.min_load for r in revs)
    if floor > need:
        raise Infeasible(f"beban minimum evaluator berjumlah {floor}, melebihi {need} penilaian")
    for r in revs:
        if r.min_load > r.max_load:
            raise Infeasible(f"evaluator {r.id}: beban minimum {r.min_load} > maksimum")
    if problem.one_per_institution and problem.composition:
        ruled = {rule.kind for rule in problem.composition}
        kinds_of: dict[str, set[str]] = defaultdict(set)
        for r in revs:
            if r.institution is not None:
                kinds_of[r.institution].add(r.kind if r.kind in ruled else "")
        for institution, kinds in sorted(kinds_of.items()):
            if len(kinds) > 1:
                raise Infeasible(
                    f"institusi {institution}: evaluatornya berjenis berbeda "
                    f"({', '.join(sorted(k or 'lain' for k in kinds))}); aturan satu per "
                    "institusi dan aturan komposisi jenis hanya dapat digabung bila tiap "
                    "institusi satu jenis"
                )
    for rule in problem.composition:
        if rule.min > k or (rule.max is not None and rule.max < rule.min):
            raise Infeasible(f"aturan komposisi {rule.kind}: min {rule.min} tidak mungkin")
        pool = [r for r in revs if r.kind == rule.kind]
        if rule.min and sum(r.max_load for r in pool) < rule.min * len(props):
            raise Infeasible(
                f"jenis {rule.kind}: {len(props)} proposal × {rule.min} = "
                f"{rule.min * len(props)} penilaian, evaluator {rule.kind} hanya dapat "
                f"menanggung {sum(r.max_load for r in pool)}"
            )


# --- the flow ---------------------------------------------------------------------------------


def _solve(problem: Problem) -> Result:
    k, props, revs = problem.k, problem.proposals, problem.reviewers
    n_p, n_r = len(props), len(revs)
    if n_p == 0:
        return Result("optimal", 0.0, (), "tidak ada proposal", 0)
    affinity = _Affinity(problem)
    keep = problem.keep or (n_r if n_p * n_r <= DENSE_LIMIT else max(25 * k, 80))
    keep = min(keep, n_r)
    institution = _institutions(revs) if problem.one_per_institution else np.full(n_r, -1)
    pair_p, pair_r, pair_s, avoided = _candidates(affinity, n_p, n_r, keep, k, props, institution)

    rules = list(problem.composition)
    kinds = np.array([r.kind for r in revs])
    rule_of_reviewer = np.full(n_r, -1)
    for idx, rule in enumerate(rules):
        rule_of_reviewer[kinds == rule.kind] = idx

    # Node numbers: proposals, then (proposal, rule) nodes, reviewers, sink.
    n_rule_nodes = n_p * len(rules)
    rule_base, rev_base = n_p, n_p + n_rule_nodes
    sink = rev_base + n_r
    costs = -np.rint(pair_s * SCALE).astype(np.int64)
    bonus = int(np.abs(costs).max(initial=0)) * k * n_p + 1

    rule_idx = rule_of_reviewer[pair_r]
    tail = np.where(rule_idx >= 0, rule_base + pair_p * max(len(rules), 1) + rule_idx, pair_p)
    head, groups, group_tails = _institution_level(tail, institution[pair_r], sink + 1)
    starts, ends, caps, unit = (
        [head],
        [rev_base + pair_r],
        [np.ones(len(pair_p), dtype=np.int64)],
        [costs],
    )
    lower_arcs: list[tuple[int, int, str]] = []  # (first arc, count, what it names)

    def add(s: NDArray[np.int64], e: NDArray[np.int64], c: NDArray[np.int64], u: int) -> int:
        first = sum(len(x) for x in starts)
        starts.append(s)
        ends.append(e)
        caps.append(c)
        unit.append(np.full(len(s), u, dtype=np.int64))
        return first

    if groups:  # tail ──► (tail, institution) node, capacity 1
        add(group_tails, sink + 1 + np.arange(groups), np.ones(groups, dtype=np.int64), 0)
    p_nodes = np.arange(n_p)
    for idx, rule in enumerate(rules):
        nodes = rule_base + p_nodes * len(rules) + idx
        top = k if rule.max is None else min(rule.max, k)
        if rule.min:
            first = add(p_nodes, nodes, np.full(n_p, rule.min), -bonus)
            lower_arcs.append((first, n_p, f"komposisi: minimal {rule.min} {rule.kind}"))
        if top > rule.min:
            add(p_nodes, nodes, np.full(n_p, top - rule.min), 0)
    r_nodes = rev_base + np.arange(n_r)
    mins = np.array([r.min_load for r in revs])
    maxs = np.array([r.max_load for r in revs])
    has_min = mins > 0
    if has_min.any():
        first = add(r_nodes[has_min], np.full(int(has_min.sum()), sink), mins[has_min], -bonus)
        lower_arcs.append((first, int(has_min.sum()), "beban minimum evaluator"))
    extra = maxs - mins
    add(r_nodes[extra > 0], np.full(int((extra > 0).sum()), sink), extra[extra > 0], 0)

    flow = min_cost_flow.SimpleMinCostFlow()
    arcs = flow.add_arcs_with_capacity_and_unit_cost(
        np.concatenate(starts).astype(np.int64),
        np.concatenate(ends).astype(np.int64),
        np.concatenate(caps).astype(np.int64),
        np.concatenate(unit).astype(np.int64),
    )
    flow.set_nodes_supplies(
        np.array([*range(n_p), sink], dtype=np.int64),
        np.array([k] * n_p + [-k * n_p], dtype=np.int64),
    )
    status = flow.solve()
    if status != flow.OPTIMAL:
        raise Infeasible(_explain_infeasible(problem, keep))
    flows = flow.flows(arcs)
    capacity = np.concatenate(caps)
    for first, count, what in lower_arcs:
        if (flows[first : first + count] < capacity[first : first + count]).any():
            raise Infeasible(f"{what} tidak dapat dipenuhi tanpa konflik kepentingan")
    chosen = np.flatnonzero(flows[: len(pair_p)] > 0)
    picks = _explain(problem, affinity, pair_p[chosen], pair_r[chosen], pair_s[chosen], avoided)
    objective = float(sum(p.score for p in picks))
    message = f"{len(picks)} penugasan, {keep} kandidat per proposal"
    return Result("optimal", objective, picks, message, keep)


def _institutions(revs: Sequence[Reviewer]) -> NDArray[np.int64]:
    """Each reviewer's institution as a number, -1 for none."""
    numbers: dict[str, int] = {}
    return np.array(
        [-1 if r.institution is None else numbers.setdefault(r.institution, len(numbers))
         for r in revs],
        dtype=np.int64,
    )  # fmt: skip


def _institution_level(
    tail: NDArray[np.int64], institution: NDArray[np.int64], first_node: int
) -> tuple[NDArray[np.int64], int, NDArray[np.int64]]:
    """Where each pair arc starts: its tail, or the (tail, institution) node it shares with the
    other reviewers of that institution. Returns the starts, how many institution nodes, and
    the tail each institution node hangs from."""
    ruled = institution >= 0
    if not ruled.any():
        return tail, 0, np.zeros(0, dtype=np.int64)
    keys = np.stack([tail[ruled], institution[ruled]], axis=1)
    unique, index = np.unique(keys, axis=0, return_inverse=True)
    head = tail.copy()
    head[ruled] = first_node + index.ravel()
    return head, len(unique), unique[:, 0].astype(np.int64)


def _candidates(
    affinity: _Affinity,
    n_p: int,
    n_r: int,
    keep: int,
    k: int,
    props: Sequence[Proposal],
    institution: NDArray[np.int64],
) -> tuple[NDArray[np.int64], NDArray[np.int64], NDArray[np.float64], NDArray[np.int64]]:
    """The arcs worth adding: every allowed pair, or the best `keep` per proposal."""
    ps, rs, ss, avoided = [], [], [], np.zeros(n_p, dtype=np.int64)
    ruled = institution >= 0
    members = _incidence([[int(i)] for i in institution[ruled]], int(institution.max()) + 1)
    for start in range(0, n_p, CHUNK):
        rows = slice(start, min(start + CHUNK, n_p))
        scores, allowed = affinity.block(rows)
        avoided[rows] = n_r - allowed.sum(axis=1)
        short = np.flatnonzero(allowed.sum(axis=1) < k)
        if len(short):
            p = props[start + int(short[0])]
            raise Infeasible(
                f"proposal {p.id}: hanya {int(allowed[short[0]].sum())} evaluator tanpa konflik, "
                f"dibutuhkan {k}"
            )
        if ruled.any():  # one per institution: distinct institutions (or none) must reach k
            slots = allowed[:, ~ruled].sum(axis=1) + (
                (sparse.csr_matrix(allowed[:, ruled].astype(np.int64)) @ members).toarray() > 0
            ).sum(axis=1)
            few = np.flatnonzero(slots < k)
            if len(few):
                p = props[start + int(few[0])]
                raise Infeasible(
                    f"proposal {p.id}: hanya {int(slots[few[0]])} institusi berbeda tanpa "
                    f"konflik, dibutuhkan {k} (satu evaluator per institusi)"
                )
        if keep < n_r:
            masked = np.where(allowed, scores, -np.inf)
            best = np.argpartition(-masked, keep - 1, axis=1)[:, :keep]
            local = np.repeat(np.arange(best.shape[0]), keep)
            cols = best.ravel()
            ok = allowed[local, cols]
            local, cols = local[ok], cols[ok]
        else:
            local, cols = np.nonzero(allowed)
        ps.append(local + start)
        rs.append(cols)
        ss.append(scores[local, cols])
    return (
        np.concatenate(ps).astype(np.int64),
        np.concatenate(rs).astype(np.int64),
        np.concatenate(ss).astype(np.float64),
        avoided,
    )


def _explain_infeasible(problem: Problem, keep: int) -> str:
    if keep < len(problem.reviewers):
        return (
            "tidak ada penugasan di antara kandidat terbaik; naikkan jumlah kandidat "
            "atau kapasitas evaluator"
        )
    return (
        f"{len(problem.proposals)} proposal × {problem.k} penilaian tidak dapat dibagi tanpa "
        "konflik dalam batas beban evaluator"
    )


def _explain(
    problem: Problem,
    affinity: _Affinity,
    p_rows: NDArray[np.int64],
    r_cols: NDArray[np.int64],
    scores: NDArray[np.float64],
    avoided: NDArray[np.int64],
) -> tuple[Pick, ...]:
    """Each chosen pair with why: topics in common, similarity, the load, conflicts avoided."""
    loads = np.bincount(r_cols, minlength=len(problem.reviewers))
    picks = []
    for i, j, s in sorted(zip(p_rows.tolist(), r_cols.tolist(), scores.tolist(), strict=True)):
        p, r = problem.proposals[i], problem.reviewers[j]
        reasons = []
        common = sorted({t.lower() for t in p.topics} & {t.lower() for t in r.topics})
        if common:
            reasons.append("topik sama: " + ", ".join(common))
        reasons.append(f"skor {s:.4f}")
        reasons.append(f"beban {int(loads[j])} dari maksimum {r.max_load}")
        if avoided[i]:
            reasons.append(f"{int(avoided[i])} evaluator dihindari karena konflik")
        if problem.one_per_institution and r.institution is not None:
            reasons.append(f"satu-satunya dari institusi {r.institution}")
        value = float(s) if problem.scores is not None else round(float(s), 6)
        picks.append(Pick(p.id, r.id, value, tuple(reasons)))
    return tuple(picks)


def problem_from_json(data: Mapping[str, object]) -> Problem:
    """The `sipinda assign --input` format (see the issue and README) into a `Problem`."""

    def items(key: str) -> list[dict[str, object]]:
        value = data.get(key) or []
        if not isinstance(value, list):
            raise ValueError(f"{key} harus berupa daftar")
        return value

    def topics(x: Mapping[str, object]) -> tuple[str, ...]:
        return tuple(str(t) for t in x.get("topics") or [])  # type: ignore[attr-defined]

    proposals = [
        Proposal(str(p["id"]), _opt(p.get("opd")), topics(p), str(p.get("text") or ""))
        for p in items("proposals")
    ]
    reviewers = [
        Reviewer(
            str(r["id"]), _opt(r.get("opd")), topics(r), str(r.get("text") or ""),
            str(r.get("kind") or ""), int(r.get("min_load") or 0),  # type: ignore[call-overload]
            int(r.get("max_load") if r.get("max_load") is not None else 6),  # type: ignore[call-overload]
            _opt(r.get("institution")),
        )
        for r in items("reviewers")
    ]  # fmt: skip
    scores_raw = data.get("scores")
    scores = None
    if scores_raw is not None:
        scores = {}
        for pid, rid, value in scores_raw:  # type: ignore[attr-defined]
            number = float(value)
            if not math.isfinite(number):
                raise ValueError("skor harus berupa bilangan")
            scores[(str(pid), str(rid))] = number
    parents = data.get("opd_parents") or {}
    return Problem(
        k=int(data.get("k", 3)),  # type: ignore[call-overload]
        proposals=proposals,
        reviewers=reviewers,
        conflicts=frozenset((str(p), str(r)) for p, r in data.get("conflicts") or []),  # type: ignore[attr-defined]
        opd_parents={str(c): str(p) for c, p in parents.items()},  # type: ignore[attr-defined]
        composition=[
            Rule(str(c["kind"]), _opt_int(c.get("min")) or 0, _opt_int(c.get("max")))
            for c in items("composition")
        ],
        scores=scores,
        one_per_institution=bool(data.get("one_per_institution", False)),
    )


def _opt(value: object) -> str | None:
    return None if value is None or value == "" else str(value)


def _opt_int(value: object) -> int | None:
    return None if value is None else int(value)  # type: ignore[call-overload]
