"""The Claim type: one statement that a side took, lost or holds a place, with the sentence that says so.

It is plain data (no spaCy), so the store, the timeline, the maps and the app use it without
loading the reader.
"""

from __future__ import annotations

import hashlib
from dataclasses import asdict, dataclass, field
from datetime import date

from .vocabulary import ClaimType


@dataclass(frozen=True)
class Claim:
    """A control claim read from an article.

    ``start``/``end`` are the sentence's character offsets in the article text;
    ``place_start``/``place_end`` and ``cue_start``/``cue_end`` locate the place name and the
    control words inside the article text too, so any view can highlight them.
    ``place_id`` is None when the name did not resolve (``candidates`` then lists ids).
    A ``denied`` claim disputes another: ``disputes`` is ``claim_type:controller`` of the denied
    claim ("captured:government"), about the same place and dates, so the timeline can mark the
    matching claims (from any article) disputed. ``flags`` say what to review: "no date",
    "unresolved place", "fuzzy place", "side inferred".
    """

    article: str
    sentence: str
    start: int
    end: int
    place_as_written: str
    place_id: str | None
    place: str
    controller: str
    claim_type: ClaimType
    percent: float | None = None
    partial: bool = False
    date_from: date | None = None
    date_to: date | None = None
    date_basis: str = ""
    attribution: str = ""
    hedged: str = ""
    confidence: float = 0.5
    place_start: int = 0
    place_end: int = 0
    cue: str = ""
    cue_start: int = 0
    cue_end: int = 0
    candidates: tuple[str, ...] = ()
    disputes: str = ""
    flags: tuple[str, ...] = field(default=())

    @property
    def key(self) -> str:
        """Stable identity across re-extraction: article, sentence position, place as written, type."""
        raw = f"{self.article}|{self.start}|{self.place_as_written.casefold()}|{self.claim_type}"
        return hashlib.sha1(raw.encode("utf-8")).hexdigest()[:16]

    def as_dict(self) -> dict:
        """Plain JSON-ready fields (dates as ISO strings)."""
        out = asdict(self)
        for name in ("date_from", "date_to"):
            out[name] = out[name].isoformat() if out[name] else None
        out["candidates"] = list(self.candidates)
        out["flags"] = list(self.flags)
        out["key"] = self.key
        return out
