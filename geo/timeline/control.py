"""The control timeline: who held every place on every date, and the claims behind it.

(The types below are the contract the maps, the app and publishing read; the rules that build
a timeline from a baseline and claims live in this module too.)
"""

from __future__ import annotations

from bisect import bisect_right
from collections import defaultdict, deque
from collections.abc import Iterable, Mapping
from dataclasses import dataclass, replace
from datetime import date, datetime
from typing import TYPE_CHECKING

from ..core import REVIEW_FILTERS, REVIEWED, UNKNOWN, Claim

if TYPE_CHECKING:  # names only: baseline imports this module
    from ..gazetteer import Baseline, Gazetteer


@dataclass(frozen=True)
class ControlState:
    """Who held one place from ``since`` on, and why we think so.

    ``status`` is ``baseline`` (from the gazetteer's baseline file), ``proposed`` (resting on
    claims no editor has reviewed), ``accepted``, or ``disputed`` (a claim behind it is denied).
    """

    place_id: str
    controller: str
    since: date | None
    claim_keys: tuple[str, ...] = ()
    status: str = "baseline"


@dataclass(frozen=True)
class Change:
    """One step of the map: a place that changed controller on a date, and the claims that did it."""

    date: date
    place_id: str
    before: str
    after: str
    claim_keys: tuple[str, ...]
    status: str = "proposed"


# -- the rules that turn claims into a timeline ----------------------------------------------------

#: Two sources that disagree about a place within this many days make it contested.
DISAGREEMENT_DAYS = 2
#: The flag of a holds claim said in passing ("militia-held X"): it ranks below every change.
BACKGROUND = "background"
#: Below this confidence a claim is listed under "low-confidence" for review.
LOW_CONFIDENCE = 0.5


@dataclass(frozen=True)
class Decision:
    """An editor's verdict on one claim: accepted, rejected, or corrected (place, side or dates).

    ``orphaned`` marks a decision whose claim a later extraction no longer produces: it is kept,
    never deleted, and applies again if the claim comes back.
    """

    claim_key: str
    decision: str
    place_id: str | None = None
    controller: str | None = None
    date_from: date | None = None
    date_to: date | None = None
    by: str = ""
    at: datetime | None = None
    note: str = ""
    orphaned: bool = False

    def apply(self, claim: Claim, gazetteer: Gazetteer) -> Claim:
        """The claim as the editor corrected it (unchanged unless the decision is a correction)."""
        if self.decision != "corrected":
            return claim
        fields: dict = {}
        if self.place_id:
            place = gazetteer.places.get(self.place_id)  # a place since removed is reported when placing
            fields.update(place_id=self.place_id, place=place.name if place else self.place_id)
        if self.controller:
            fields["controller"] = self.controller
        if self.date_from or self.date_to:
            fields.update(
                date_from=self.date_from or self.date_to,
                date_to=self.date_to or self.date_from,
                date_basis="corrected by an editor",
            )
        return replace(claim, **fields)


@dataclass(frozen=True)
class PercentCheck:
    """A claimed share of a region ("85 percent of eastern Aleppo", "most of the east") beside the
    share the map shows: such a claim repaints no member until an editor applies it.

    ``claimed`` is None when the sentence gives no figure; ``wording`` is then the words that say
    how much ("most of"), read from the sentence between the control words and the place.
    """

    claim_key: str
    place_id: str
    day: date
    controller: str
    claimed: float | None
    on_map: float
    wording: str = ""

    @property
    def difference(self) -> float | None:
        """Map minus claim, in percentage points (None without a claimed figure)."""
        return None if self.claimed is None else self.on_map - self.claimed

    @property
    def claimed_text(self) -> str:
        """ "85%", or the words when there is no figure ("“most of”")."""
        if self.claimed is not None:
            return f"{self.claimed:g}%"
        return f"“{self.wording}”" if self.wording else "a part"


#: A claim to place: (day ordinal, order, key, claim, partial).
_Placed = tuple[int, int, str, "Claim", bool]
#: A claim as applied to one place: (day, -members, order, key, controller, partial, rival claim key).
_Event = tuple[int, int, int, str, str, bool, str | None]


def is_partial(claim: Claim) -> bool:
    """Part of a place, not all of it: "a facility in", "small pockets", "at least half of",
    "a third of" (a percent claim below 100)."""
    return claim.partial or (claim.percent is not None and claim.percent < 100)


def share_words(claim: Claim, limit: int = 6) -> str:
    """The words that say how much of the place a claim is about: those between its control
    words and the place name ("took *most of* eastern Aleppo"), when they are few; else ""."""
    a, b = claim.cue_end - claim.start, claim.place_start - claim.start
    if not (claim.cue and 0 <= a <= b <= len(claim.sentence)):
        return ""
    words = claim.sentence[a:b].split()
    return " ".join(words) if 0 < len(words) <= limit else ""


def claim_day(claim: Claim) -> date | None:
    """The day a claim is placed on: the end of its date range, when it had happened by."""
    return claim.date_to or claim.date_from


class ControlTimeline:
    """Who held every map place on every date, and the claims behind each change.

    Built once from a gazetteer, a baseline, claims and editors' decisions; afterwards each place
    keeps its own sorted list of states, so :meth:`state_on` is one bisection per place rather
    than a replay of the history.
    """

    def __init__(self, gazetteer: Gazetteer, baseline: Baseline, areas: Mapping[str, float] | None = None):
        self.gazetteer = gazetteer
        self.baseline = baseline
        #: Every claim by key, as the timeline used it (editors' corrections applied).
        self.claims: dict[str, Claim] = {}
        #: Review status per claim key: ``proposed``, ``accepted``, ``corrected`` or ``rejected``.
        self.review: dict[str, str] = {}
        #: Claims that did not go on the map, with the reason (no date, out of span, unresolved...).
        self.unplaced: dict[str, str] = {}
        #: Claim key -> keys of the denials that dispute it.
        self.disputed_by: dict[str, tuple[str, ...]] = {}
        self._percent: list[str] = []  # claims about a share of a region: checked, not applied
        #: Whether claims no editor reviewed went on the map (see :meth:`build`).
        self.show_proposed = True
        self._covers: dict[str | None, tuple[str, ...] | str] = {}  # place id -> map places, or why none
        self._history: dict[str, list[ControlState]] = {}
        self._since: dict[str, list[int]] = {}
        self._changes: dict[date, list[Change]] = {}
        self._areas = dict(areas) if areas is not None else None

    # -- building --------------------------------------------------------------------------------
    @classmethod
    def build(
        cls,
        gazetteer: Gazetteer,
        baseline: Baseline,
        claims: Iterable[Claim] | Mapping[str, Claim],
        decisions: Mapping[str, Decision] | None = None,
        show_proposed: bool = True,
        *,
        areas: Mapping[str, float] | None = None,
    ) -> ControlTimeline:
        """Apply the claims to the baseline, place by place, in date order.

        ``claims`` may come keyed by :attr:`Claim.key` (as the store keeps them), which saves
        hashing each one again. ``show_proposed=False`` keeps unreviewed claims off the map (only accepted or corrected
        ones count). ``areas`` (km² per place id) weighs :meth:`share`; by default the areas of
        :func:`geo.gazetteer.shapes.place_shapes`.
        """
        timeline = cls(gazetteer, baseline, areas)
        timeline.show_proposed = show_proposed
        placed = timeline._sort_claims(claims, decisions or {}, show_proposed)
        timeline._apply(placed)
        return timeline

    def _sort_claims(
        self,
        claims: Iterable[Claim] | Mapping[str, Claim],
        decisions: Mapping[str, Decision],
        show_proposed: bool,
    ) -> dict[str, list[_Placed]]:
        """Record every claim and its review status; return the claims that go on the map, by place named.

        (Written as one loop with few lookups: it runs once per claim, 100,000 times in the benchmark.)
        """
        if isinstance(claims, Mapping):
            self.claims = dict(claims)
        else:
            for claim in claims:
                self.claims.setdefault(claim.key, claim)
        self.review = dict.fromkeys(self.claims, "proposed")
        for key, decision in decisions.items():
            if key in self.claims and not decision.orphaned and decision.decision != "reopened":
                self.review[key] = decision.decision
                self.claims[key] = decision.apply(self.claims[key], self.gazetteer)
        unplaced, review, covers, start = self.unplaced, self.review, self._covers, self.baseline.start
        conflict = self.gazetteer.war
        sides = frozenset(conflict.map_controllers)
        for key, status in review.items():
            if status == "rejected":
                unplaced[key] = "rejected by an editor"
            elif status == "proposed" and not show_proposed:
                unplaced[key] = "not reviewed (proposed claims are hidden)"
        placed: dict[str, list[_Placed]] = defaultdict(list)
        denials: list[str] = []
        for seq, (key, claim) in enumerate(self.claims.items()):
            if key in unplaced:
                continue
            kind = claim.claim_type
            if kind == "denied":
                denials.append(key)
                continue
            place_id = claim.place_id
            covered = covers.get(place_id)
            if covered is None:
                covered = covers[place_id] = self._what_it_covers(place_id)
            day = claim.date_to or claim.date_from
            if covered.__class__ is str:
                unplaced[key] = covered
            elif claim.controller not in sides:
                unplaced[key] = (
                    f"controller {claim.controller!r} is not a side of {conflict.name} "
                    f"({', '.join(conflict.map_controllers)})"
                )
            elif day is None:
                unplaced[key] = "no date"
            elif start and day < start:
                unplaced[key] = f"dated {day}, before the baseline of {start}"
            elif (
                claim.controller == "contested"
                and len(covered) > 1
                and self.gazetteer.places[place_id].is_region
                and review[key] != "applied"
            ):
                unplaced[key] = (
                    f"fighting inside {self.gazetteer.places[place_id].name}: "
                    "not applied to its members"
                )  # the front is somewhere in it, not everywhere
            elif is_partial(claim) and len(covered) > 1 and self.gazetteer.places[place_id].is_region:
                if review[key] == "applied":  # an editor said it holds for every member
                    placed[place_id].append((day.toordinal(), seq, key, claim, False))
                else:
                    self._percent.append(key)
                    unplaced[key] = (
                        f"a share of {self.gazetteer.places[place_id].name}: checked against the map, "
                        "not applied to its members"
                    )
            elif kind == "percent" and claim.percent is None and not claim.partial:
                unplaced[key] = "percent claim without a figure"
            else:
                placed[place_id].append((day.toordinal(), seq, key, claim, is_partial(claim)))
        self._dispute(denials)
        return placed

    def _dispute(self, denials: list[str]) -> None:
        """Mark the claim each denial answers as disputed (a denial that answers none is listed)."""
        disputed: dict[str, list[str]] = defaultdict(list)
        about: dict[str | None, list[str]] = defaultdict(
            list
        )  # place id -> keys of the claims a denial can answer
        for key, claim in self.claims.items() if denials else ():
            if claim.claim_type != "denied":
                about[claim.place_id].append(key)
        for key in denials:
            target = self._answered_by(key, about)
            if target:
                disputed[target].append(key)
            else:
                self.unplaced[key] = "denies no claim found in the store"
        self.disputed_by = {k: tuple(v) for k, v in disputed.items()}

    def _what_it_covers(self, place_id: str | None) -> tuple[str, ...] | str:
        """The map places a claim about ``place_id`` covers, or why it covers none."""
        if place_id is None:
            return "place not resolved"
        place = self.gazetteer.places.get(place_id)
        if place is None:
            return f"place {place_id!r} is not in the gazetteer"
        if not (place.is_area or place.is_region):
            return f"{place.name} is outside the map"
        return self.gazetteer.members(place_id)

    def _answered_by(self, denial_key: str, about: Mapping[str | None, list[str]]) -> str | None:
        """The claim a denial answers: the key it names, else the latest claim it can mean.

        When the extractor could only describe the denied claim ("captured:government"), the
        denial answers the most recent claim about the same place up to the denial's date,
        preferring one whose side the description names.
        """
        denial = self.claims[denial_key]
        if denial.disputes in self.claims and denial.disputes != denial_key:
            return denial.disputes
        day = claim_day(denial) or date.max
        named = {c for c in self.gazetteer.war.map_controllers if c in denial.disputes.casefold()}
        candidates = [
            (self.claims[k].controller in named, claim_day(self.claims[k]) or date.min, k)
            for k in about.get(denial.place_id, ())
            if self.review[k] != "rejected" and (claim_day(self.claims[k]) or date.min) <= day
        ]
        return max(candidates)[2] if candidates and denial.place_id else None

    def _apply(self, placed: dict[str, list[_Placed]]) -> None:
        """Find disagreements about each named place, expand claims to the map places they cover,
        then walk each map place's claims in date order.

        Two claims disagree when they come from different sources, give the place to different
        sides within DISAGREEMENT_DAYS, and the earlier one is still its source's latest word on
        the place; partial claims neither disagree nor are disagreed with.
        """
        events: dict[str, list[_Event]] = defaultdict(list)
        sources: dict[tuple[str, str], tuple[str, str]] = {}  # (article, attribution) -> who says it
        for named, claims in placed.items():
            covered = self._covers[named]
            rank = -len(
                covered
            )  # on the same day a more specific claim (fewer members) sorts later, so it wins
            targets = [events[place_id] for place_id in covered]
            claims.sort()  # by day, then order: unique together, so claims themselves are never compared
            window: deque[tuple[int, tuple[str, str], str, str]] = deque()  # (day, source, key, side)
            for day, seq, key, claim, partial in claims:
                said, rival = claim.controller, None
                if not partial and BACKGROUND not in claim.flags:  # said in passing: no rival to anyone
                    written = (claim.article, claim.attribution)
                    source = sources.get(written) or sources.setdefault(written, _source(claim))
                    while window and day - window[0][0] > DISAGREEMENT_DAYS:
                        window.popleft()
                    repeated = False
                    for _, other, other_key, side in window:
                        if other == source:
                            repeated = True
                        elif side != said:
                            rival = other_key
                    if repeated:
                        window = deque(w for w in window if w[1] != source)
                    window.append((day, source, key, said))
                event = (day, rank, seq, key, said, partial, rival)
                for target in targets:
                    target.append(event)
        for place in self.gazetteer.areas:
            self._walk(place.id, events.get(place.id))
        order = {p.id: i for i, p in enumerate(self.gazetteer.areas)}
        for changes in self._changes.values():
            changes.sort(key=lambda c: order[c.place_id])

    def _walk(self, place_id: str, events: list[_Event] | None) -> None:
        """One place's states: each day's claims in order of specificity, the day's outcome kept."""
        entry = self.baseline.entry(place_id)
        state = ControlState(place_id, entry.controller, entry.as_of)
        history, since = [state], [(entry.as_of or date.min).toordinal()]
        self._history[place_id], self._since[place_id] = history, since
        if not events:
            return
        events.sort()
        day, controller, keys = events[0][0], state.controller, []
        for event_day, _, _, key, said, partial, rival in events:
            if event_day != day:
                state = self._close_day(state, day, controller, keys, history, since)
                day, controller, keys = event_day, state.controller, []
            if said != controller and BACKGROUND in self.claims[key].flags:
                continue  # "militia-held X" said in passing confirms a state, never changes one
            if partial and said != controller or rival:
                said = "contested"
            if said != controller:
                controller, keys = said, [rival, key] if rival else [key]
            else:  # it agrees with the day so far: cite it too
                if rival and rival not in keys:
                    keys.append(rival)
                keys.append(key)
        self._close_day(state, day, controller, keys, history, since)

    def _close_day(
        self,
        state: ControlState,
        day: int,
        controller: str,
        keys: list[str],
        history: list[ControlState],
        since: list[int],
    ) -> ControlState:
        """A place's state at the end of a day of claims: a new state and a change if it differs."""
        if controller == state.controller:
            return state
        when = date.fromordinal(day)
        status = self._status(keys)
        self._changes.setdefault(when, []).append(
            Change(when, state.place_id, state.controller, controller, tuple(keys), status)
        )
        state = ControlState(state.place_id, controller, when, tuple(keys), status)
        history.append(state)
        since.append(day)
        return state

    def _status(self, keys: Iterable[str]) -> str:
        keys = list(keys)
        if any(k in self.disputed_by for k in keys):
            return "disputed"
        if all(self.review[k] in REVIEWED for k in keys):
            return "accepted"
        return "proposed"

    # -- reading ---------------------------------------------------------------------------------
    @property
    def dates(self) -> list[date]:
        """The change dates, in order: the steps a reader walks through."""
        return sorted(self._changes)

    @property
    def changes(self) -> list[Change]:
        return [c for day in self.dates for c in self._changes[day]]

    def changes_on(self, day: date) -> list[Change]:
        return list(self._changes.get(day, ()))

    def history(self, place_id: str) -> list[ControlState]:
        """Every controller a map place had, oldest first, starting with the baseline."""
        return list(self._history[place_id])

    def state_on(self, day: date) -> dict[str, ControlState]:
        """The controller of every map place at the end of ``day`` (unknown before the baseline)."""
        ordinal = day.toordinal()
        states = {}
        for place_id, since in self._since.items():
            i = bisect_right(since, ordinal) - 1
            states[place_id] = self._history[place_id][i] if i >= 0 else ControlState(place_id, UNKNOWN, None)
        return states

    @property
    def areas(self) -> dict[str, float]:
        """km² per map place, for shares by area (from :func:`geo.gazetteer.shapes.place_shapes` unless given)."""
        if self._areas is None:
            from ..gazetteer import place_areas, place_shapes

            self._areas = place_areas(place_shapes(self.gazetteer))
        return self._areas

    def share(self, region_id: str, day: date) -> dict[str, float]:
        """The fraction of a region's area each controller holds on ``day`` (places without an area don't count)."""
        states = self.state_on(day)
        held: dict[str, float] = defaultdict(float)
        for place_id in self.gazetteer.members(region_id):
            held[states[place_id].controller] += self.areas.get(place_id, 0.0)
        total = sum(held.values())
        return {c: a / total for c, a in sorted(held.items(), key=lambda kv: -kv[1]) if a} if total else {}

    def percent_checks(self, day: date | None = None, last: date | None = None) -> list[PercentCheck]:
        """Each claim about a share of a region (dated ``day``, or from ``day`` to ``last``, or all)
        beside the share the map shows on its date, oldest first."""
        checks = []
        last = last or day
        for key in self._percent:
            claim = self.claims[key]
            when = claim_day(claim)
            if day is not None and not day <= when <= last:
                continue
            on_map = self.share(claim.place_id, when).get(claim.controller, 0.0) * 100
            checks.append(
                PercentCheck(
                    key,
                    claim.place_id,
                    when,
                    claim.controller,
                    claim.percent,
                    round(on_map, 1),
                    "" if claim.percent is not None else share_words(claim),
                )
            )
        checks.sort(key=lambda c: c.day)
        return checks

    def is_region_share(self, key: str) -> bool:
        """Whether a claim is about a share of a region, so checked rather than applied (an editor may apply it)."""
        return key in self._percent

    @property
    def unreviewed(self) -> int:
        """How many claims no editor has reviewed (on the map or not)."""
        return sum(1 for status in self.review.values() if status == "proposed")

    def claims_to_review(self, kind: str | None = None) -> list[Claim]:
        """Unreviewed claims, optionally only those of one :data:`REVIEW_FILTERS` kind."""
        if kind is not None and kind not in REVIEW_FILTERS:
            raise ValueError(f"filter {kind!r} is not one of {', '.join(REVIEW_FILTERS)}")
        tests = {
            None: lambda k, c: True,
            "unresolved": lambda k, c: c.place_id is None,
            "low-confidence": lambda k, c: c.confidence < LOW_CONFIDENCE,
            "no-date": lambda k, c: claim_day(c) is None,
            "disputed": lambda k, c: k in self.disputed_by,
        }
        test = tests[kind]
        return [c for k, c in self.claims.items() if self.review[k] == "proposed" and test(k, c)]


def _source(claim: Claim) -> tuple[str, str]:
    """Who says it: the article, and whom the article attributes the claim to."""
    return claim.article, " ".join(claim.attribution.casefold().split())
