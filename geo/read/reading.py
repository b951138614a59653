"""The reader's output contract: one :class:`ClaimReading` per (claim, place) a sentence states.

The ``geo_claims`` component leaves a list of them on ``Doc._.claim_readings``;
:func:`geo.read.read_claims` dates each against its article and turns it into a :class:`Claim`.
A reading is plain data (no spaCy object), so it also crosses the process boundary of
``nlp.pipe(n_process=...)``: spaCy sends documents back as msgpack bytes, and the encoder and
decoder registered here with ``srsly`` (the serialiser spaCy uses) carry readings through it.
"""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass, fields

import srsly

from ..core import ClaimType


@dataclass(frozen=True, slots=True)
class ClaimReading:
    """What one sentence says about one place, before it is dated against its article."""

    # Where it is said: the sentence and, inside the whole text, its offsets, the place name's
    # and the control words' (a long text read in pieces has them shifted to the whole).
    sentence: str
    start: int
    end: int
    place_as_written: str
    place_start: int
    place_end: int
    cue: str
    cue_start: int
    cue_end: int
    # What it claims: the place (``place_id`` None when the name did not resolve; ``candidates``
    # then lists ids), the side that holds it after (None only inside the reader, while the
    # article has still to settle it), the claim type, the share and whether only part is meant.
    # A ``denied`` reading disputes ``disputes`` ("captured:government").
    place_id: str | None
    place: str
    candidates: tuple[str, ...]
    controller: str | None
    claim_type: ClaimType
    percent: float | None
    partial: bool
    disputes: str
    # How far to trust it: what to review (``flags``), who says so, hedging words, and whether
    # its verb is in a past tense (a past state said in passing stands beside the change its
    # sentence reports; with no date words and no day fixed before it, it is dated as an event).
    flags: tuple[str, ...]
    attribution: str
    hedged: str
    past: bool
    # Told in a past tense: ``past``, or for a participle standing as an adjective ("the
    # army-held north"), which has no tense of its own, the clause around it. An undated claim so
    # told takes the day the narrative last fixed; unlike ``past``, this does not make it an
    # earlier state kept beside the change its sentence reports.
    past_clause: bool = False


_FIELDS = tuple(f.name for f in fields(ClaimReading))
#: The msgpack map key that marks an encoded reading.
_MARK = "__geo_claim_reading__"


def _encode(obj: object, chain: Callable | None = None) -> object:
    """A reading as a msgpack-ready map (srsly calls this for any object it cannot pack)."""
    if isinstance(obj, ClaimReading):
        return {_MARK: [getattr(obj, name) for name in _FIELDS]}
    return obj if chain is None else chain(obj)


def _decode(obj: dict, chain: Callable | None = None) -> object:
    """The reading back from its map (tuples were packed as lists)."""
    if isinstance(obj, dict) and _MARK in obj:
        values = dict(zip(_FIELDS, obj[_MARK], strict=True))
        values["candidates"], values["flags"] = tuple(values["candidates"]), tuple(values["flags"])
        return ClaimReading(**values)
    return obj if chain is None else chain(obj)


srsly.msgpack_encoders.register("geo_claim_reading", func=_encode)
srsly.msgpack_decoders.register("geo_claim_reading", func=_decode)
