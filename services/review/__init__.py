"""Review service: evaluators, agency conflicts and the assignment of evaluators to proposals.

Hears `proposal.admitted`, assigns conflict-free least-loaded evaluators, says `review.assigned`.
"""
