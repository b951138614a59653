"""The document's mention spans indexed once, so each sentence finds its own in logarithmic time.

Scanning every span list of the document for each candidate sentence made long, claim-dense
articles quadratic (a megabyte of text took minutes). :class:`SpanIndex` sorts each group by
start once; a sentence takes the slice that starts inside it, in the group's own order.
"""

from __future__ import annotations

from bisect import bisect_left, bisect_right

from spacy.tokens import Doc, Span

from ..core import NO_SIDE


class SpanIndex:
    """``doc.spans`` groups sorted by start, plus the named actors sorted by end (for antecedents)."""

    def __init__(
        self,
        doc: Doc,
        groups: tuple[str, ...] = ("places", "actors", "cues"),
        speech_forms: frozenset[str] = frozenset(),
        expel_labels: frozenset[str] = frozenset(),
    ):
        self._spans: dict[str, list[Span]] = {}
        self._starts: dict[str, list[int]] = {}
        self._order: dict[str, list[int]] = {}
        for group in groups:
            spans = list(doc.spans[group]) if group in doc.spans else []
            order = sorted(range(len(spans)), key=lambda k: (spans[k].start, k))
            self._spans[group] = [spans[k] for k in order]
            self._starts[group] = [spans[k].start for k in order]
            self._order[group] = order
        actors = [s for s in self._group_in_doc_order("actors") if s._.side != NO_SIDE]
        self._actor_ends, self._latest_actor = _latest_by_end(actors)
        expelling = {
            i for s in self._spans.get("cues", []) if s.label_ in expel_labels for i in range(s.start, s.end)
        }
        fighters = [
            s for s in actors if not _speaks(doc, s, speech_forms) and not _expelled(doc, s, expelling)
        ]
        self._fighter_ends, self._latest_fighter = _latest_by_end(fighters)
        self._fighters = fighters

    def _group_in_doc_order(self, group: str) -> list[Span]:
        pairs = sorted(zip(self._order.get(group, []), self._spans.get(group, [])), key=lambda p: p[0])
        return [span for _, span in pairs]

    def inside(self, group: str, start: int, end: int) -> list[Span]:
        """The spans of ``group`` lying within tokens ``start``..``end``, in the group's order."""
        starts = self._starts[group]
        lo, hi = bisect_left(starts, start), bisect_left(starts, end)
        found = [
            (self._order[group][k], self._spans[group][k])
            for k in range(lo, hi)
            if self._spans[group][k].end <= end
        ]
        return [span for _, span in sorted(found, key=lambda p: p[0])]

    def last_actor_before(self, token: int) -> Span | None:
        """The named actor (side not ``none``) latest in the list among those ending by ``token``."""
        at = bisect_right(self._actor_ends, token)
        return self._latest_actor[at - 1] if at else None

    def last_fighter_before(self, token: int) -> Span | None:
        """As :meth:`last_actor_before`, skipping speakers ("rebels said") and the side being
        driven out ("to drive the rebels out"): "they also seized X" means the last side fighting."""
        at = bisect_right(self._fighter_ends, token)
        return self._latest_fighter[at - 1] if at else None

    def last_fighter_of(self, token: int, sides: frozenset[str]) -> Span | None:
        """As :meth:`last_fighter_before`, among the actors of ``sides`` only."""
        found = [s for s in self._fighters if s.end <= token and s._.side in sides]
        return found[-1] if found else None


def _latest_by_end(actors: list[Span]) -> tuple[list[int], list[Span]]:
    """Ends sorted, and for each prefix the actor latest in document order among them."""
    ranked = sorted(range(len(actors)), key=lambda k: (actors[k].end, k))
    latest: list[Span] = []
    best = -1
    for k in ranked:
        best = max(best, k)
        latest.append(actors[best])
    return [actors[k].end for k in ranked], latest


def _speaks(doc: Doc, actor: Span, speech_forms: frozenset[str]) -> bool:
    """A speech verb within three words after the actor ("the rebels said", "the army has announced")."""
    return any(t.lower_ in speech_forms for t in doc[actor.end : min(actor.end + 3, len(doc))])


def _expelled(doc: Doc, actor: Span, expelling: set[int]) -> bool:
    """The actor is the object of a driving-out word just before it ("drove the rebels out")."""
    return any(i in expelling for i in range(max(0, actor.start - 3), actor.start))
