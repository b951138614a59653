"""The words every layer shares: the generic controllers, claim types, review decisions and filters.

One place for them, so a page that fills one form imports one module. The sides of a war are
not here: they are data (``data/conflicts/<id>/conflict.json``, see :mod:`geo.gazetteer.conflict`).
"""

from __future__ import annotations

from typing import Literal, get_args

#: A place two sides fight over, or that sources disagree about.
CONTESTED = "contested"
#: A place nobody has established the controller of ("not established").
UNKNOWN = "unknown"
#: The controllers every war has besides its sides: who holds a place is a side, or one of these.
GENERIC_CONTROLLERS = (CONTESTED, UNKNOWN)
GENERIC_LABEL = {CONTESTED: "Contested", UNKNOWN: "Not established"}
#: The side of an actor lexicon's words that name no party to the war ("civilians", "the UN").
NO_SIDE = "none"
#: What a claim says happened to a place. The tuples below are derived from the Literal types
#: (``typing.get_args``), so each list of words has one source that type checkers also read.
ClaimType = Literal["captured", "withdrew", "holds", "percent", "evacuated", "denied"]
CLAIM_TYPES: tuple[ClaimType, ...] = get_args(ClaimType)
#: Claim types that report a change of hands (the others state who holds what).
EventType = Literal["captured", "withdrew", "evacuated"]
EVENT_TYPES: tuple[EventType, ...] = get_args(EventType)
#: What an editor can decide about a claim. ``applied`` puts a share of a region ("most of the east")
#: on the map as a claim about every member; ``reopened`` undoes the decision before it (the claim
#: is unreviewed again: decisions are never deleted, a later one supersedes).
Decision = Literal["accepted", "rejected", "corrected", "applied", "reopened"]
DECISIONS: tuple[Decision, ...] = get_args(Decision)
#: Decisions after which a claim counts as reviewed and moves the map when unreviewed claims are hidden.
ReviewedDecision = Literal["accepted", "corrected", "applied"]
REVIEWED: tuple[ReviewedDecision, ...] = get_args(ReviewedDecision)
#: The kinds of claims the review queue can be narrowed to.
ReviewFilter = Literal["unresolved", "low-confidence", "no-date", "disputed"]
REVIEW_FILTERS: tuple[ReviewFilter, ...] = get_args(ReviewFilter)
#: A place's state on the map (the keys of :data:`STATUS_LABEL`).
PlaceStatus = Literal["baseline", "accepted", "proposed", "disputed"]
#: A claim's review status (the keys of :data:`REVIEW_LABEL`).
ReviewStatus = Literal["proposed", "accepted", "corrected", "applied", "disputed"]

#: A place's state on the map, as its tooltip says it.
STATUS_LABEL: dict[PlaceStatus, str] = {
    "baseline": "as of the baseline",
    "accepted": "reviewed",
    "proposed": "unreviewed claim",
    "disputed": "disputed claim",
}

#: A claim's review status, as the citation says it.
REVIEW_LABEL: dict[ReviewStatus, str] = {
    "proposed": "Not yet reviewed by an editor",
    "accepted": "Accepted by an editor",
    "corrected": "Corrected by an editor",
    "applied": "Applied to the whole area by an editor",
    "disputed": "Disputed by another report",
}

#: The review filters as the page names them (None: every unreviewed claim).
REVIEW_FILTER_LABELS: dict[ReviewFilter | None, str] = {
    None: "All unreviewed claims",
    "unresolved": "Place not resolved",
    "low-confidence": "Low confidence",
    "no-date": "No date",
    "disputed": "Disputed by another report",
}
