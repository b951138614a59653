"""The control timeline: who held every place on every date, and the claims behind it.

(The types below are the contract the maps, the app and publishing read; the rules that build
a timeline from a baseline and claims live in this module too.)
"""
from __future__ import annotations

from dataclasses import dataclass
from datetime import date

#: Controllers a place can have on the map; ``unknown`` is "not established".
MAP_CONTROLLERS = ("government", "opposition", "kurdish", "isis", "contested", "unknown")


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
