"""How well each reviewer fits each proposal, and who may not review it; pure and vectorised.

Scores are the weighted Jaccard of topics and the cosine of TF-IDF texts (or the scores given);
agency conflicts (same agency, ancestor or descendant) and declared ones are masked out.
"""

from __future__ import annotations

import re
from collections import defaultdict
from collections.abc import Mapping, Sequence

import numpy as np
from numpy.typing import NDArray
from scipy import sparse

from services.review.problem import Problem

TOKEN = re.compile(r"[a-z0-9]{3,}")


def related_opds(opds: Sequence[str], parents: Mapping[str, str]) -> NDArray[np.bool_]:
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


class Affinity:
    """Scores and conflict masks of blocks of proposals against every reviewer."""

    def __init__(self, problem: Problem) -> None:
        self.problem = problem
        props, revs = problem.proposals, problem.reviewers
        named = [x.opd for x in props if x.opd] + [x.opd for x in revs if x.opd]
        opds = sorted(set(named) | set(problem.opd_parents))
        opds += sorted(set(problem.opd_parents.values()) - set(opds))
        self.related = related_opds(opds, problem.opd_parents)
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
        self.tp = incidence([[t_index[t.lower()] for t in p.topics] for p in props], len(topics))
        self.tr = incidence([[t_index[t.lower()] for t in r.topics] for r in revs], len(topics))
        self.tp_size = np.asarray(self.tp.sum(axis=1)).ravel()
        self.tr_size = np.asarray(self.tr.sum(axis=1)).ravel()
        self.xp, self.xr = tfidf([p.text for p in props], [r.text for r in revs])

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


def incidence(rows: list[list[int]], width: int) -> sparse.csr_matrix:
    """A 0/1 sparse matrix with a one in each row at the listed columns."""
    indptr = np.cumsum([0, *(len(r) for r in rows)])
    indices = np.array([i for r in rows for i in r], dtype=np.int64)
    data = np.ones(len(indices), dtype=np.float64)
    return sparse.csr_matrix((data, indices, indptr), shape=(len(rows), max(width, 1)))


def tfidf(left: Sequence[str], right: Sequence[str]) -> tuple[sparse.csr_matrix, ...]:
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
