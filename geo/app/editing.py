"""What the editors' pages show and do: claims to review, articles to add and read with their
marks, places to find and names to teach the gazetteer, and the published site as a zip.

Plain data and escaped HTML, no Streamlit; the map page's part is :mod:`geo.views`.
"""
from __future__ import annotations

import io
import tempfile
import zipfile
from collections import Counter, defaultdict
from collections.abc import Iterable, Mapping, Sequence
from dataclasses import dataclass, replace
from datetime import date
from pathlib import Path

from markupsafe import Markup

from ..core import ArticleError, Claim, StoreError, normalise
from ..gazetteer import Candidate, Gazetteer, Place
from ..publish import PublishReport, Source, highlight, safe_link
from ..read import ARTICLE_SUFFIXES, Article, load_articles, read_article, unix_newlines
from ..render import LABEL, format_day, fragment
from ..store import IngestReport, ReextractReport, Store
from ..timeline import ControlState, Decision, claim_day
from .views import Coverage, article_source, html_block, source_html

# -- review ----------------------------------------------------------------------------------------


@dataclass(frozen=True)
class ReviewItem:
    """A claim awaiting review, with what an editor needs to judge it."""

    claim: Claim
    place: str
    sentence: Markup
    source: Source
    #: Why the claim is not on the map, if it is not.
    unplaced: str
    disputed_by: tuple[str, ...]

    @property
    def key(self) -> str:
        return self.claim.key

    @property
    def label(self) -> str:
        """A one-line name for choosing the claim from a list."""
        claim = self.claim
        day = claim_day(claim)
        what = f"{claim.percent:g}% " if claim.percent is not None else ""
        return (f"{self.place}: {what}{LABEL.get(claim.controller, claim.controller)} ({claim.claim_type}), "
                f"{format_day(day) if day else 'no date'}")


def review_items(data: Coverage, kind: str | None = None) -> list[ReviewItem]:
    """The unreviewed claims (of one :data:`geo.timeline.REVIEW_FILTERS` kind, or all), oldest date first."""
    timeline = data.timeline
    items = [
        ReviewItem(claim, data.claim_place(claim),
                   highlight(claim), article_source(data, claim.article), timeline.unplaced.get(claim.key, ""),
                   timeline.disputed_by.get(claim.key, ()))
        for claim in timeline.claims_to_review(kind)
    ]
    items.sort(key=lambda i: (claim_day(i.claim) or date.max, i.place))
    return items


def review_html(item: ReviewItem) -> Markup:
    claim = item.claim
    facts = [f"Read as: {LABEL.get(claim.controller, claim.controller)} ({claim.claim_type})",
             f"confidence {claim.confidence:.2f}"]
    if claim.date_basis:
        facts.append(f"date: {claim.date_basis}")
    if claim.flags:
        facts.append("flags: " + ", ".join(claim.flags))
    if item.unplaced:
        facts.append(f"not on the map: {item.unplaced}")
    if item.disputed_by:
        facts.append(f"disputed by {len(item.disputed_by)} other report(s)")
    return fragment("review_card", item.sentence, item.source, claim.attribution, claim.hedged, facts)


def record_decision(
    store: Store, gazetteer: Gazetteer, claim: Claim, decision: str, *, place_id: str | None = None,
    controller: str | None = None, day: date | None = None, note: str = "", by: str = "",
) -> Decision:
    """Save an editor's decision; a correction records only what differs from the claim."""
    if decision != "corrected":
        return store.decide(claim.key, decision, note=note, by=by)
    changes = {
        "place_id": place_id if place_id and place_id != claim.place_id else None,
        "controller": controller if controller and controller != claim.controller else None,
    }
    if day and day != claim_day(claim):
        changes["date_from"] = changes["date_to"] = day
    if not any(changes.values()):
        raise StoreError("a correction needs another place, side or date than the claim has")
    return store.decide(claim.key, decision, note=note, by=by, gazetteer=gazetteer, **changes)


def place_choices(gazetteer: Gazetteer) -> list[Place]:
    """The places a claim can be corrected to: the city and its regions, then the map places by name."""
    return [*gazetteer.regions, *sorted(gazetteer.areas, key=lambda p: normalise(p.name))]


# -- sources ---------------------------------------------------------------------------------------
def given_metadata(title: str = "", outlet: str = "", published: date | None = None, link: str = "") -> dict:
    """Metadata typed in the app, validated: a link must be a plain http(s) URL."""
    link = link.strip()
    if link and safe_link(link) is None:
        raise ArticleError(f"the link {link!r} is not an http:// or https:// address")
    meta = {"title": title.strip(), "source": outlet.strip(), "url": link, "published": published}
    if published:
        meta["published_basis"] = "given in the app"
    return meta


def pasted_article(text: str, meta: Mapping) -> Article:
    """An article pasted into the app (metadata from :func:`given_metadata`)."""
    text = unix_newlines(text).strip()
    if not text:
        raise ArticleError("the pasted text is empty")
    return Article(text=text, title=meta.get("title") or text.split("\n", 1)[0][:200], source=meta.get("source", ""),
                   url=meta.get("url", ""), published=meta.get("published"),
                   published_basis=meta.get("published_basis", ""), path="pasted in the app")


def uploaded_articles(files: Sequence[tuple[str, bytes]], meta: Mapping) -> list[Article | ArticleError]:
    """Read uploaded files (name, bytes) as article files; a bad one becomes its error.

    Each file is read like a file on disk (front matter, HTML metadata, dateline). The metadata
    typed in the app applies to every file; a title or link only when there is one file.
    """
    shared = dict(meta) if len(files) == 1 else {k: v for k, v in meta.items() if k not in ("title", "url")}
    found: list[Article | ArticleError] = []
    with tempfile.TemporaryDirectory(prefix="geo-upload-") as folder:
        for name, data in files:
            safe = Path(name).name or "upload.txt"
            if Path(safe).suffix.lower() not in ARTICLE_SUFFIXES:
                found.append(ArticleError(f"not an article file (use {', '.join(ARTICLE_SUFFIXES)})", file=safe))
                continue
            path = Path(folder) / safe
            path.write_bytes(data)
            try:
                article = read_article(path, meta=shared)
            except ArticleError as exc:
                found.append(ArticleError(exc.problem, file=safe))
                continue
            found.append(replace(article, path=safe))
    return found


def folder_articles(folder: str, published: date | None = None) -> list[Article | ArticleError]:
    """The article files of a folder on the server (``published`` for those without a date of their own)."""
    path = Path(folder.strip()).expanduser()
    if not folder.strip() or not path.is_dir():
        raise ArticleError("no such folder on the server", file=folder or "(empty)")
    return list(load_articles([path], published=published))


def ingest_messages(report: IngestReport) -> list[tuple[str, str]]:
    """What an ingest did, as (``success``/``info``/``warning``/``error``, message) for the page to show."""
    messages = []
    if report.added:
        messages.append(("success", f"Added {_count(len(report.added), 'article')} with {_count(report.claims, 'claim')}."))
    if report.duplicates:
        messages.append(("info", f"Already stored, skipped: {', '.join(report.duplicates)}."))
    for name, problem in report.failed:
        messages.append(("error", f"{name}: {problem}"))
    if report.unresolved:
        names = ", ".join(sorted(set(report.unresolved)))
        messages.append(("warning", f"Place names the gazetteer does not know: {names}. Add a spelling on the "
                                    "Gazetteer page, then re-read the articles."))
    if not messages:
        messages.append(("info", "Nothing to add."))
    return messages


def _count(n: int, thing: str) -> str:
    return f"{n} {thing}" if n == 1 else f"{n} {thing}s"


def articles_newest_first(data: Coverage) -> list[Article]:
    return sorted(data.articles.values(), key=lambda a: (a.published or date.min, a.title), reverse=True)


def article_label(data: Coverage):
    """A function naming an article id for a list: "Title — Outlet, 7 December 2016"."""
    def label(article_id: str) -> str:
        article = data.articles[article_id]
        when = f", {format_day(article.published)}" if article.published else ""
        return f"{article.title or 'Untitled'} — {article.source or 'no outlet'}{when}"
    return label


def article_claims(data: Coverage, article_id: str) -> list[Claim]:
    return [c for c in data.timeline.claims.values() if c.article == article_id]


def article_page(data: Coverage, article_id: str) -> Markup:
    """An article's source line, then its text with places and claims marked."""
    article = data.articles[article_id]
    source = article_source(data, article_id)
    return Markup("").join([html_block(source_html(source)),
                            article_html(article, article_claims(data, article_id), data.gazetteer)])


def claim_rows(data: Coverage, article_id: str) -> list[dict]:
    """The claims read from an article, one row each, for a table."""
    timeline = data.timeline
    rows = []
    for claim in article_claims(data, article_id):
        day = claim_day(claim)
        rows.append({
            "place": data.claim_place(claim),
            "side": LABEL.get(claim.controller, claim.controller),
            "claim": claim.claim_type + (f" {claim.percent:g}%" if claim.percent is not None else ""),
            "date": day.isoformat() if day else "",
            "confidence": claim.confidence,
            "review": timeline.review.get(claim.key, "proposed"),
            "on the map": "no: " + timeline.unplaced[claim.key] if claim.key in timeline.unplaced else "yes",
            "sentence": claim.sentence,
        })
    return rows


def article_html(article: Article, claims: Iterable[Claim], gazetteer: Gazetteer) -> Markup:
    """The article's text, escaped, with claim sentences underlined and place names and control words marked.

    Place names the gazetteer knows are yellow; names a claim used that it does not know are red;
    the words that say who took or holds a place are blue. Each sentence that makes a claim
    carries a tooltip saying what was read from it.
    """
    text = article.text
    outer: dict[tuple[int, int], list[str]] = defaultdict(list)
    inner: list[tuple[int, int, str, str]] = []
    for claim in claims:
        if 0 <= claim.start < claim.end <= len(text):
            day = claim_day(claim)
            outer[(claim.start, claim.end)].append(
                f"{claim.place}: {LABEL.get(claim.controller, claim.controller)} ({claim.claim_type}"
                f"{', ' + format_day(day) if day else ', no date'})")
        if claim.cue and 0 <= claim.cue_start < claim.cue_end <= len(text):
            inner.append((claim.cue_start, claim.cue_end, "geo-cue", claim.cue))
        if claim.place_id is None and 0 <= claim.place_start < claim.place_end <= len(text):
            inner.append((claim.place_start, claim.place_end, "geo-unresolved", "not in the gazetteer"))
    for mention in gazetteer.find(text):
        place = gazetteer.places.get(mention.place_id or "")
        title = place.name if place else "ambiguous: " + ", ".join(mention.candidates)
        inner.append((mention.start, mention.end, "geo-place", title))
    sentences = _without_overlaps((a, b, "geo-claim", "; ".join(t)) for (a, b), t in outer.items())
    edges = [(a, b) for a, b, _, _ in sentences]
    marks = _without_overlaps(m for m in inner if not any(m[0] < edge < m[1] for a, b in edges for edge in (a, b)))
    tags = [(a, 1, 0, ("span", css, title)) for a, _, css, title in sentences]
    tags += [(b, 0, 1, ("/span",)) for _, b, _, _ in sentences]
    tags += [(a, 1, 1, ("mark", css, title)) for a, _, css, title in marks]
    tags += [(b, 0, 0, ("/mark",)) for _, b, _, _ in marks]
    tokens, pos = [], 0
    for at, _, _, tag in sorted(tags, key=lambda t: t[:3]):
        tokens += [("text", text[pos:at]), tag]
        pos = at
    tokens.append(("text", text[pos:]))
    return fragment("article", tokens)


def _without_overlaps(spans: Iterable[tuple[int, int, str, str]]) -> list[tuple[int, int, str, str]]:
    """Spans sorted by start; one that overlaps an earlier (or longer, same-start) span is dropped."""
    kept, end = [], -1
    for span in sorted(spans, key=lambda s: (s[0], -s[1])):
        if span[0] >= end:
            kept.append(span)
            end = span[1]
    return kept


# -- the gazetteer ---------------------------------------------------------------------------------
@dataclass(frozen=True)
class PlaceMatch:
    place: Place
    how: str
    score: float


def search_places(gazetteer: Gazetteer, query: str, limit: int = 25) -> list[PlaceMatch]:
    """Places of the city (map places and regions) whose names match ``query``: the lookup's
    answer and candidates first, then every place one of whose spellings contains the words."""
    key = normalise(query)
    if not key:
        return []
    local = gazetteer.local_ids
    found: dict[str, PlaceMatch] = {}
    lookup = gazetteer.lookup(query, limit=limit)
    if lookup.match is not None and lookup.match.id in local:
        found[lookup.match.id] = PlaceMatch(lookup.match, lookup.method, lookup.score)
    for candidate in lookup.candidates:
        if candidate.place.id in local and candidate.place.id not in found:
            found[candidate.place.id] = PlaceMatch(candidate.place, "similar spelling", candidate.score)
    for place_id in sorted(local):
        place = gazetteer.places[place_id]
        if place_id not in found and any(key in normalise(n) for n in place.names()):
            found[place_id] = PlaceMatch(place, "contains the words", 0.0)
    return list(found.values())[:limit]


@dataclass(frozen=True)
class UnresolvedName:
    """A name articles used for a place the gazetteer could not resolve, and likely matches."""

    written: str
    claims: int
    suggestions: tuple[Candidate, ...]


def unresolved_names(data: Coverage, limit: int = 3) -> list[UnresolvedName]:
    """Names in claims that resolved to no place, most used first, with the closest places."""
    counts: Counter[str] = Counter()
    spelled: dict[str, Counter[str]] = defaultdict(Counter)
    for claim in data.timeline.claims.values():
        if claim.place_id is None and claim.place_as_written.strip():
            key = normalise(claim.place_as_written)
            counts[key] += 1
            spelled[key][claim.place_as_written.strip()] += 1
    local = data.gazetteer.local_ids
    found = []
    for key, count in counts.most_common():
        written = spelled[key].most_common(1)[0][0]
        lookup = data.gazetteer.lookup(written, limit=limit + 3)
        suggestions = tuple(c for c in lookup.candidates if c.place.id in local)[:limit]
        found.append(UnresolvedName(written, count, suggestions))
    return found


def place_rows(found: Iterable[PlaceMatch]) -> list[dict]:
    """Search results, one row each, for a table."""
    return [{"name": m.place.name, "kind": m.place.kind, "id": m.place.id, "found by": m.how,
             "other spellings": ", ".join(n for n in m.place.names() if n != m.place.name),
             "in": ", ".join(m.place.parents)} for m in found]


def unresolved_html(names: Sequence[UnresolvedName]) -> Markup:
    """The unresolved names as a list: “Zebdine Farms” (2 claims): perhaps al-Zebdiyeh (74), …"""
    return fragment("unresolved", [
        (n.written, _count(n.claims, "claim"),
         ", ".join(f"{c.place.name} ({c.score:.0f})" for c in n.suggestions) or "no close match")
        for n in names
    ])


def reextract_text(report: ReextractReport) -> str:
    lost = f"; {_count(len(report.orphaned), 'decision')} lost its claim and is kept aside" if report.orphaned else ""
    return (f"Read {_count(report.articles, 'article')} again: {report.claims_before} claims before, "
            f"{report.claims_after} now{lost}.")


def latest_states(data: Coverage) -> dict[str, ControlState]:
    """Who held each place on the last change date (nothing before any change)."""
    return data.timeline.state_on(data.dates[-1]) if data.dates else {}


def spelling_added_text(spelling: str, place: Place) -> str:
    return (f"“{' '.join(spelling.split())}” is now a spelling of {place.name}. "
            "Re-read the articles for their claims to use it.")


def places_on_map(data: Coverage, place_ids: Iterable[str]) -> frozenset[str]:
    """The map places to outline for a list of places (a region stands for its members)."""
    return frozenset(m for p in place_ids if p in data.gazetteer.places for m in data.gazetteer.members(p))


# -- publishing ------------------------------------------------------------------------------------
def publish_text(report: PublishReport) -> str:
    """“Published 14 dates (26 November 2016 to 22 December 2016) to …/site: 61 files, 3.2 MB in 2.4 s.”"""
    return f"Published {report.summary(format_day)}."


def zip_site(folder: str | Path) -> bytes:
    """A published site as one zip file (paths relative to the site's folder)."""
    folder = Path(folder)
    buffer = io.BytesIO()
    with zipfile.ZipFile(buffer, "w", zipfile.ZIP_DEFLATED) as archive:
        for path in sorted(folder.rglob("*")):
            if path.is_file():
                archive.write(path, path.relative_to(folder).as_posix())
    return buffer.getvalue()
