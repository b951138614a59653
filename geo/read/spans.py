"""The document's mention spans indexed once, so each sentence finds its own in logarithmic time.

Scanning every span list of the document for each candidate sentence made long, claim-dense
articles quadratic (a megabyte of text took minutes). :class:`SpanIndex` sorts each group by
start once; a sentence takes the slice that starts inside it, in the group's own order.
"""
from __future__ import annotations

from bisect import bisect_left, bisect_right

from spacy.tokens import Doc, Span


class SpanIndex:
    """``doc.spans`` groups sorted by start, plus the named actors sorted by end (for antecedents)."""

    def __init__(self, doc: Doc, groups: tuple[str, ...] = ("places", "actors", "cues")):
        self._spans: dict[str, list[Span]] = {}
        self._starts: dict[str, list[int]] = {}
        self._order: dict[str, list[int]] = {}
        for group in groups:
            spans = list(doc.spans[group]) if group in doc.spans else []
            order = sorted(range(len(spans)), key=lambda k: (spans[k].start, k))
            self._spans[group] = [spans[k] for k in order]
            self._starts[group] = [spans[k].start for k in order]
            self._order[group] = order
        actors = [s for s in self._group_in_doc_order("actors") if s._.side != "none"]
        ranked = sorted(range(len(actors)), key=lambda k: (actors[k].end, k))
        self._actor_ends = [actors[k].end for k in ranked]
        self._latest_actor: list[Span] = []  # prefix: the actor latest in document order among ends so far
        best = -1
        for k in ranked:
            best = max(best, k)
            self._latest_actor.append(actors[best])

    def _group_in_doc_order(self, group: str) -> list[Span]:
        pairs = sorted(zip(self._order.get(group, []), self._spans.get(group, [])), key=lambda p: p[0])
        return [span for _, span in pairs]

    def inside(self, group: str, start: int, end: int) -> list[Span]:
        """The spans of ``group`` lying within tokens ``start``..``end``, in the group's order."""
        starts = self._starts[group]
        lo, hi = bisect_left(starts, start), bisect_left(starts, end)
        found = [(self._order[group][k], self._spans[group][k]) for k in range(lo, hi) if self._spans[group][k].end <= end]
        return [span for _, span in sorted(found, key=lambda p: p[0])]

    def last_actor_before(self, token: int) -> Span | None:
        """The named actor (side not ``none``) latest in the list among those ending by ``token``."""
        at = bisect_right(self._actor_ends, token)
        return self._latest_actor[at - 1] if at else None
