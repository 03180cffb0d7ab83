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

from collections import defaultdict
from collections.abc import Sequence

import numpy as np
from numpy.typing import NDArray
from ortools.graph.python import min_cost_flow
from scipy import sparse

from services.review import reasons as why
from services.review.affinity import Affinity, incidence
from services.review.problem import (
    Infeasible,
    Pick,
    Problem,
    Proposal,
    Result,
    Reviewer,
    Rule,
    problem_from_json,
)

__all__ = [
    "Pick", "Problem", "Proposal", "Result", "Reviewer", "Rule", "problem_from_json", "solve",
]  # fmt: skip  # the problem's types are read from here too: one import for a caller

SCALE = 1_000_000  # scores become integer costs with this many steps per unit
DENSE_LIMIT = 4_000_000  # proposal × reviewer pairs above which candidates are pruned
CHUNK = 512  # proposals per block when scoring large instances


def solve(problem: Problem) -> Result:
    """The assignment of greatest total score, or `infeasible` with the reason."""
    try:
        _precheck(problem)
        return _solve(problem)
    except Infeasible as exc:
        return Result("infeasible", 0.0, (), str(exc))


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
    affinity = Affinity(problem)
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
    affinity: Affinity,
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
    members = incidence([[int(i)] for i in institution[ruled]], int(institution.max()) + 1)
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
    affinity: Affinity,
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
            reasons.append(why.topics(common))
        reasons.append(why.score(s))
        reasons.append(why.load_of_most(int(loads[j]), r.max_load))
        if avoided[i]:
            reasons.append(why.avoided(int(avoided[i])))
        if problem.one_per_institution and r.institution is not None:
            reasons.append(why.institution(r.institution))
        value = float(s) if problem.scores is not None else round(float(s), 6)
        picks.append(Pick(p.id, r.id, value, tuple(reasons)))
    return tuple(picks)
