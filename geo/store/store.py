"""The store: articles, the claims read from them, and editors' decisions, in one database.

SQLite by default (one file: ``$GEO_DB``, else ``./geo.db``); any SQLAlchemy URL works, so a
newsroom can point it at PostgreSQL. Every write is one transaction: an article and its claims go
in together or not at all, and two editors saving at once both get their decision recorded
(SQLite runs in WAL mode, writers queue on a busy timeout).

Decisions are never deleted. When re-extraction no longer produces a claim, the decisions about it
are marked orphaned (and apply again if the claim comes back).

Several cities may share one store: each article ingested is tagged with the city whose
gazetteer read it (:func:`city_of`: the gazetteer folder's name), and a city's timeline,
articles and re-extraction take only its own articles (and untagged ones, from stores written
before tags existed), so nothing of one city shows on another's map.
"""

from __future__ import annotations

import hashlib
import json
import os
from collections.abc import Callable, Iterable, Iterator
from contextlib import contextmanager
from dataclasses import dataclass, field, fields
from datetime import UTC, date, datetime
from pathlib import Path

from sqlalchemy import (
    Boolean,
    Column,
    Date,
    DateTime,
    Float,
    ForeignKey,
    Integer,
    MetaData,
    String,
    Table,
    Text,
    create_engine,
    delete,
    event,
    exists,
    func,
    insert,
    select,
    update,
)
from sqlalchemy.engine import Connection, Engine
from sqlalchemy.exc import ArgumentError, DBAPIError, IntegrityError, NoSuchModuleError

from ..core import (
    DECISIONS,
    LEXICON_DIR,
    PACKAGE_DIR,
    Claim,
    GazetteerError,
    StoreError,
    parse_iso_date,
)
from ..gazetteer import Gazetteer, load_baseline
from ..read import Article
from ..timeline import ControlTimeline, Decision

DEFAULT_DB = "geo.db"
#: How long a writer waits for another writer's transaction before giving up (SQLite).
BUSY_TIMEOUT_MS = 30_000
SCHEMA_VERSION = "1"

metadata = MetaData()

articles_table = Table(
    "articles",
    metadata,
    Column("id", String(16), primary_key=True),
    Column("content_hash", String(64), nullable=False, unique=True),
    Column("text", Text, nullable=False),
    Column("title", Text, nullable=False, default=""),
    Column("source", Text, nullable=False, default=""),
    Column("url", Text, nullable=False, default=""),
    Column("published", Date),
    Column("published_basis", Text, nullable=False, default=""),
    Column("path", Text, nullable=False, default=""),
    Column("added_at", DateTime(timezone=True), nullable=False),
)

runs_table = Table(
    "runs",
    metadata,
    Column("id", Integer, primary_key=True, autoincrement=True),
    Column("kind", String(16), nullable=False),  # "ingest" or "reextract"
    Column("extractor", Text, nullable=False, default=""),
    Column("started_at", DateTime(timezone=True), nullable=False),
)

claims_table = Table(
    "claims",
    metadata,
    Column("key", String(16), primary_key=True),
    Column("article", String(16), ForeignKey("articles.id", ondelete="CASCADE"), nullable=False, index=True),
    Column("run_id", Integer, ForeignKey("runs.id")),
    Column("sentence", Text, nullable=False),
    Column("start", Integer, nullable=False),
    Column("end", Integer, nullable=False),
    Column("place_as_written", Text, nullable=False),
    Column("place_id", Text),
    Column("place", Text, nullable=False),
    Column("controller", String(16), nullable=False),
    Column("claim_type", String(16), nullable=False),
    Column("percent", Float),
    Column("partial", Boolean, nullable=False),
    Column("date_from", Date),
    Column("date_to", Date),
    Column("date_basis", Text, nullable=False),
    Column("attribution", Text, nullable=False),
    Column("hedged", Text, nullable=False),
    Column("confidence", Float, nullable=False),
    Column("place_start", Integer, nullable=False),
    Column("place_end", Integer, nullable=False),
    Column("cue", Text, nullable=False),
    Column("cue_start", Integer, nullable=False),
    Column("cue_end", Integer, nullable=False),
    Column("candidates", Text, nullable=False),  # JSON list
    Column("disputes", Text, nullable=False),
    Column("flags", Text, nullable=False),  # JSON list
)

decisions_table = Table(
    "decisions",
    metadata,
    Column("id", Integer, primary_key=True, autoincrement=True),
    Column("claim_key", String(16), nullable=False, index=True),
    Column("article", String(16), nullable=False, index=True),
    Column("decision", String(16), nullable=False),
    Column("place_id", Text),
    Column("controller", String(16)),
    Column("date_from", Date),
    Column("date_to", Date),
    Column("decided_by", Text, nullable=False, default=""),
    Column("decided_at", DateTime(timezone=True), nullable=False),
    Column("note", Text, nullable=False, default=""),
    Column("orphaned", Boolean, nullable=False, default=False),
    Column("claim", Text, nullable=False),  # the claim as the editor saw it (JSON), for orphans
)

#: Which city's gazetteer read an article (created in older stores on open: a new table, no migration).
article_cities_table = Table(
    "article_cities",
    metadata,
    Column("article", String(16), ForeignKey("articles.id", ondelete="CASCADE"), primary_key=True),
    Column("city", Text, primary_key=True),
)

meta_table = Table(
    "meta",
    metadata,
    Column("name", String(64), primary_key=True),
    Column("value", Text, nullable=False),
)

_LIST_FIELDS = ("candidates", "flags")
_CLAIM_FIELDS = tuple(f.name for f in fields(Claim))


def city_of(gazetteer: Gazetteer) -> str | None:
    """The city an article read with this gazetteer belongs to: its folder's name (None when
    the gazetteer was not loaded from a folder)."""
    return gazetteer.folder.name if gazetteer.folder is not None else None


def _of_city(city: str | None):
    """The articles of one city: tagged with it, or tagged with none (None: every article)."""
    if city is None:
        return None
    tagged = select(article_cities_table.c.article)
    mine = select(article_cities_table.c.article).where(article_cities_table.c.city == city)
    return articles_table.c.id.in_(mine) | articles_table.c.id.not_in(tagged)


def default_db() -> str:
    """Where the store lives unless told: ``$GEO_DB``, else ``geo.db`` in the working directory."""
    return os.environ.get("GEO_DB") or DEFAULT_DB


def database_url(where: str | Path | None = None) -> str:
    """A SQLAlchemy URL from a URL or a file path (a path means SQLite; its folder is created)."""
    where = str(where or default_db())
    if "://" in where:
        return where
    path = _database_file(where)
    try:
        path.parent.mkdir(parents=True, exist_ok=True)
    except OSError as exc:
        raise StoreError(f"cannot create its folder ({exc.strerror})", file=where) from None
    return f"sqlite:///{path}"


def _database_file(where: str) -> Path:
    """The SQLite file a path names; a folder is refused here rather than by the driver's
    "unable to open database file"."""
    path = Path(where).expanduser().resolve()
    if path.is_dir():
        raise StoreError("is a folder, not a database file", file=where)
    return path


def _read_only_url(where: str) -> str:
    """A URL that opens a SQLite file without writing to it: ``mode=ro``, and ``immutable`` when
    its folder cannot be written either (SQLite could not create the WAL's shared-memory file)."""
    path = _database_file(where)
    if not path.is_file():
        raise StoreError("no such database", file=where)
    shm = path.with_name(path.name + "-shm")
    immutable = not os.access(path.parent, os.W_OK) and not shm.exists()
    return f"sqlite:///file:{path}?mode=ro{'&immutable=1' if immutable else ''}&uri=true"


@dataclass
class IngestReport:
    """What an ingest did, article by article: the summary the command prints."""

    added: list[str] = field(default_factory=list)
    duplicates: list[str] = field(default_factory=list)
    failed: list[tuple[str, str]] = field(default_factory=list)  # (file, reason)
    claims: int = 0
    unresolved: list[str] = field(default_factory=list)  # place names as written


@dataclass
class ReextractReport:
    """What re-running extraction changed, and which editors' decisions lost their claim."""

    articles: int = 0
    claims_before: int = 0
    claims_after: int = 0
    kept: int = 0
    orphaned: list[Decision] = field(default_factory=list)
    restored: list[Decision] = field(default_factory=list)


Extractor = Callable[[Article, Gazetteer], list[Claim]]
#: The packages claims are read by (the layers before the timeline): a change to any other
#: (timeline, maps, app, publishing) leaves claims as they are.
EXTRACTION_PACKAGES = ("core", "gazetteer", "read")


def extraction_version(gazetteer: Gazetteer) -> str:
    """A fingerprint of everything claims depend on: the reading code, the lexicons and the
    gazetteer's files and its conflict's (sides, actors). Recorded with each extraction run; a change means claims may differ."""
    code = [p for package in EXTRACTION_PACKAGES for p in (PACKAGE_DIR / package).rglob("*.py")]
    lexicons = [p for p in LEXICON_DIR.rglob("*") if p.is_file()]
    own = [p for p in gazetteer.folder.iterdir() if p.is_file()] if gazetteer.folder else []
    war = gazetteer.conflict.folder if gazetteer.conflict else None
    own += [p for p in war.iterdir() if p.is_file()] if war else []
    digest = hashlib.sha256()
    for file in sorted({*code, *lexicons, *own}):
        label = file.relative_to(PACKAGE_DIR).as_posix() if file.is_relative_to(PACKAGE_DIR) else file.name
        digest.update(label.encode("utf-8") + b"\0" + file.read_bytes() + b"\0")
    return digest.hexdigest()[:16]


class Store:
    """One database of articles, claims and decisions (see the module docstring).

    ``read_only`` opens it without writing anything (no tables created, no WAL switch): what
    reading commands do, so a store on a read-only disk or shared read-only can be read. A SQLite
    file this process may not write is opened read-only too. Driver errors (a damaged file, a full
    disk, a server that is not there) become a :class:`StoreError` naming the store.
    """

    def __init__(self, where: str | Path | None = None, *, read_only: bool = False):
        where = str(where or default_db())
        self.where = where if "://" not in where else _hide_password(where)
        local = "://" not in where
        if local and not read_only:
            path = _database_file(where)
            read_only = path.is_file() and not os.access(path, os.W_OK)
        self.read_only = read_only
        self.url = _read_only_url(where) if local and read_only else database_url(where)
        try:
            self.engine: Engine = create_engine(self.url)
        except (ArgumentError, NoSuchModuleError, ImportError, ValueError) as exc:
            raise StoreError(
                f"not a database URL that can be used ({_first_line(exc)})", file=self.where
            ) from None
        _store_errors(self.engine, self.where)
        if self.engine.dialect.name == "sqlite":
            _sqlite_transactions(self.engine, read_only=read_only)
        # Writes take SQLite's write lock at BEGIN, so a read-then-write never meets a stale snapshot.
        self._writer = self.engine.execution_options(geo_write=True)
        if read_only:
            with self.engine.connect() as conn:
                missing = [t for t in metadata.tables if not self.engine.dialect.has_table(conn, t)]
            if missing:
                raise StoreError(f"not a geo store (no {', '.join(missing)} table)", file=self.where)
            return
        with self._write() as conn:
            metadata.create_all(conn)
            if conn.scalar(select(meta_table.c.value).where(meta_table.c.name == "schema")) is None:
                conn.execute(insert(meta_table).values(name="schema", value=SCHEMA_VERSION))

    def __repr__(self) -> str:
        return f"Store({self.engine.url.render_as_string(hide_password=True)!r})"

    def close(self) -> None:
        self.engine.dispose()

    @contextmanager
    def _write(self) -> Iterator[Connection]:
        with self._writer.begin() as conn:
            yield conn

    # -- articles and claims ---------------------------------------------------------------------
    def has_article(self, article_id: str) -> bool:
        with self.engine.connect() as conn:
            return conn.scalar(select(exists().where(articles_table.c.id == article_id)))

    def stored(self, article_ids: Iterable[str]) -> set[str]:
        """Which of these articles are stored already: one query, so a resumed ingest skips them
        before reading their claims."""
        ids = list(dict.fromkeys(article_ids))
        with self.engine.connect() as conn:
            return (
                set(conn.scalars(select(articles_table.c.id).where(articles_table.c.id.in_(ids))))
                if ids
                else set()
            )

    def add_article(self, article: Article, claims: Iterable[Claim], *, run_id: int | None = None) -> bool:
        """Store an article and its claims in one transaction; False if it is already stored."""
        return self.add_articles([(article, claims)], run_id=run_id)[0]

    def add_articles(
        self, batch: Iterable[tuple[Article, Iterable[Claim]]], *, run_id: int | None = None
    ) -> list[bool]:
        """Store a batch of articles, each with all its claims, in one transaction (one commit for
        many articles when ingesting thousands); per article, False if it was stored already.

        A crash leaves the store as it was before the batch: no article without its claims.
        """
        batch = list(batch)
        try:
            with self._write() as conn:
                return [self._insert_article(conn, article, claims, run_id) for article, claims in batch]
        except IntegrityError:
            if len(batch) == 1:
                if self.has_article(batch[0][0].id):  # another writer stored it first
                    return [False]
                raise
        # another writer stored one of them meanwhile: one transaction each
        return [self.add_articles([item], run_id=run_id)[0] for item in batch]

    def _insert_article(
        self, conn: Connection, article: Article, claims: Iterable[Claim], run_id: int | None
    ) -> bool:
        if conn.scalar(select(exists().where(articles_table.c.id == article.id))):
            return False
        conn.execute(insert(articles_table).values(_article_row(article)))
        self._insert_claims(conn, article.id, claims, run_id)
        return True

    def _insert_claims(
        self, conn: Connection, article_id: str, claims: Iterable[Claim], run_id: int | None
    ) -> int:
        rows = {}
        for claim in claims:
            if claim.article != article_id:
                raise StoreError(f"claim {claim.key} names article {claim.article}, not {article_id}")
            rows.setdefault(claim.key, {**_claim_row(claim), "run_id": run_id})
        if rows:
            conn.execute(insert(claims_table), list(rows.values()))
        return len(rows)

    def tag_articles(self, article_ids: Iterable[str], city: str | None) -> None:
        """Record that these articles belong to ``city`` (see the module docstring)."""
        ids = list(dict.fromkeys(article_ids))
        if city is None or not ids:
            return
        with self._write() as conn:
            known = set(
                conn.scalars(
                    select(article_cities_table.c.article).where(
                        article_cities_table.c.city == city, article_cities_table.c.article.in_(ids)
                    )
                )
            )
            rows = [{"article": i, "city": city} for i in ids if i not in known]
            if rows:
                conn.execute(insert(article_cities_table), rows)

    def remove_article(self, article_id: str) -> list[Decision]:
        """Delete an article and its claims; decisions about them are kept, orphaned (returned)."""
        with self._write() as conn:
            conn.execute(delete(article_cities_table).where(article_cities_table.c.article == article_id))
            conn.execute(delete(claims_table).where(claims_table.c.article == article_id))
            conn.execute(delete(articles_table).where(articles_table.c.id == article_id))
            return self._reconcile(conn, article_id)[0]

    def reextract(
        self, gazetteer: Gazetteer, *, extract: Extractor | None = None, extractor: str | None = None
    ) -> ReextractReport:
        """Read every stored article again; keep each decision whose claim still exists.

        Articles go through the pipeline in batches (``read_claims_many``) unless ``extract`` names
        another reader.

        One transaction per article: its old claims are replaced by the new ones, then its
        decisions are re-matched by claim key (orphaned if the claim is gone, restored if back).
        """
        report = ReextractReport()
        run_id = self.start_run(
            "reextract", extractor if extractor is not None else extraction_version(gazetteer)
        )
        mine = self.articles(
            city=city_of(gazetteer)
        )  # another city's articles are not read with this gazetteer
        if extract is None:
            from ..read import read_claims_many

            readings = read_claims_many(mine, gazetteer)
        else:
            readings = ((article, extract(article, gazetteer)) for article in mine)
        for article, claims in readings:
            with self._write() as conn:
                report.claims_before += conn.scalar(
                    select(func.count()).select_from(claims_table).where(claims_table.c.article == article.id)
                )
                conn.execute(delete(claims_table).where(claims_table.c.article == article.id))
                report.claims_after += self._insert_claims(conn, article.id, claims, run_id)
                orphaned, restored = self._reconcile(conn, article.id)
            report.articles += 1
            report.orphaned += orphaned
            report.restored += restored
        with self.engine.connect() as conn:
            report.kept = conn.scalar(
                select(func.count()).select_from(decisions_table).where(decisions_table.c.orphaned.is_(False))
            )
        return report

    def _reconcile(self, conn: Connection, article_id: str) -> tuple[list[Decision], list[Decision]]:
        """Mark the article's decisions orphaned or not by whether their claim exists now."""
        has_claim = exists().where(claims_table.c.key == decisions_table.c.claim_key)
        ours = decisions_table.c.article == article_id
        newly = list(
            conn.execute(
                select(decisions_table).where(ours, decisions_table.c.orphaned.is_(False), ~has_claim)
            )
        )
        back = list(
            conn.execute(select(decisions_table).where(ours, decisions_table.c.orphaned.is_(True), has_claim))
        )
        if newly:
            conn.execute(
                update(decisions_table)
                .where(decisions_table.c.id.in_([r.id for r in newly]))
                .values(orphaned=True)
            )
        if back:
            conn.execute(
                update(decisions_table)
                .where(decisions_table.c.id.in_([r.id for r in back]))
                .values(orphaned=False)
            )
        return ([_decision(r, orphaned=True) for r in newly], [_decision(r, orphaned=False) for r in back])

    def start_run(self, kind: str, extractor: str) -> int:
        """Record an extraction run ("ingest" or "reextract") with the extraction version; its id."""
        with self._write() as conn:
            return conn.execute(
                insert(runs_table).values(kind=kind, extractor=extractor, started_at=datetime.now(UTC))
            ).inserted_primary_key[0]

    def articles(self, *, city: str | None = None) -> list[Article]:
        """Every stored article (of one city, if given), oldest addition first."""
        query = select(articles_table).order_by(articles_table.c.added_at, articles_table.c.id)
        if city is not None:
            query = query.where(_of_city(city))
        with self.engine.connect() as conn:
            return [_article(r) for r in conn.execute(query)]

    def article(self, article_id: str) -> Article:
        return _article(self._one(articles_table.c.id, article_id, "article"))

    def _one(self, column, value: str, what: str):
        with self.engine.connect() as conn:
            row = conn.execute(select(column.table).where(column == value)).first()
        if row is None:
            raise StoreError(f"no {what} {value!r} in the store")
        return row

    def claims(self, *, city: str | None = None) -> dict[str, Claim]:
        """Every current claim (of one city's articles, if given) by key, in article and sentence order."""
        query = (
            select(claims_table)
            .join(articles_table, claims_table.c.article == articles_table.c.id)
            .order_by(
                articles_table.c.added_at, claims_table.c.article, claims_table.c.start, claims_table.c.key
            )
        )
        if city is not None:
            query = query.where(_of_city(city))
        with self.engine.connect() as conn:
            return {r.key: _claim(r) for r in conn.execute(query)}

    def claim(self, key: str) -> Claim:
        return _claim(self._one(claims_table.c.key, key, "claim"))

    # -- decisions -------------------------------------------------------------------------------
    def decide(
        self,
        claim_key: str,
        decision: str,
        *,
        place_id: str | None = None,
        controller: str | None = None,
        date_from: date | str | None = None,
        date_to: date | str | None = None,
        by: str = "",
        note: str = "",
        gazetteer: Gazetteer | None = None,
    ) -> Decision:
        """Record an editor's decision on a claim (validated; added, never overwriting another)."""
        if decision not in DECISIONS:
            raise StoreError(f"decision {decision!r} is not one of {', '.join(DECISIONS)}")
        first, last = _day(date_from, "date_from"), _day(date_to, "date_to")
        corrections = (place_id, controller, first, last)
        if decision == "corrected" and not any(corrections):
            raise StoreError("a correction needs a place, a controller or a date")
        if decision != "corrected" and any(corrections):
            raise StoreError(f"only a correction changes place, controller or dates, not {decision!r}")
        if controller is not None:
            if gazetteer is None:
                raise StoreError(
                    "a corrected side is checked against the gazetteer's conflict: give the gazetteer"
                )
            try:
                gazetteer.war.check_controller(controller)
            except GazetteerError as exc:
                raise StoreError(exc.problem) from None
        if first and last and first > last:
            raise StoreError(f"date_from {first} is after date_to {last}")
        if place_id is not None and gazetteer is not None:
            place = gazetteer.places.get(place_id)
            if place is None or not (place.is_area or place.is_region):
                raise StoreError(
                    f"place {place_id!r} is not a map place or region of the {gazetteer.name} gazetteer"
                )
        row = dict(
            claim_key=claim_key,
            decision=decision,
            place_id=place_id,
            controller=controller,
            date_from=first,
            date_to=last,
            decided_by=by,
            decided_at=datetime.now(UTC),
            note=note,
            orphaned=False,
        )
        with self._write() as conn:
            claim = conn.execute(select(claims_table).where(claims_table.c.key == claim_key)).first()
            if claim is None:
                raise StoreError(f"no claim {claim_key!r} in the store")
            row.update(article=claim.article, claim=json.dumps(_claim(claim).as_dict(), ensure_ascii=False))
            conn.execute(insert(decisions_table).values(row))
        return _decision(row)

    def decisions(self) -> dict[str, Decision]:
        """The latest decision on each claim (orphaned ones included, marked)."""
        latest: dict[str, Decision] = {}
        for decision in self.decision_log():
            latest[decision.claim_key] = decision
        return latest

    def decision_log(self) -> list[Decision]:
        """Every decision ever saved, oldest first."""
        order = (decisions_table.c.decided_at, decisions_table.c.id)
        with self.engine.connect() as conn:
            return [_decision(r) for r in conn.execute(select(decisions_table).order_by(*order))]

    def orphaned(self) -> list[tuple[Decision, dict]]:
        """Decisions whose claim no longer exists, each with the claim as the editor saw it."""
        with self.engine.connect() as conn:
            rows = conn.execute(
                select(decisions_table)
                .where(decisions_table.c.orphaned.is_(True))
                .order_by(decisions_table.c.id)
            )
            return [(_decision(r), json.loads(r.claim)) for r in rows]

    # -- the timeline and settings ---------------------------------------------------------------
    def timeline(self, gazetteer: Gazetteer, *, show_proposed: bool = True, areas=None) -> ControlTimeline:
        """The control timeline of the gazetteer's city (every untagged article too), with editors'
        decisions applied."""
        return ControlTimeline.build(
            gazetteer,
            load_baseline(gazetteer),
            self.claims(city=city_of(gazetteer)),
            self.decisions(),
            show_proposed,
            areas=areas,
        )

    def check(self) -> list[str]:
        """What is wrong with the database, if anything (an empty list: nothing): SQLite's
        integrity and foreign key checks, and every claim's offsets pointing into its article."""
        problems = []
        with self.engine.connect() as conn:
            if self.engine.dialect.name == "sqlite":
                problems += [r[0] for r in conn.exec_driver_sql("PRAGMA integrity_check") if r[0] != "ok"]
                problems += [
                    f"{r[0]} row {r[1]} refers to a missing {r[2]} row"
                    for r in conn.exec_driver_sql("PRAGMA foreign_key_check")
                ]
            query = select(claims_table, articles_table.c.text.label("article_text")).join(
                articles_table, claims_table.c.article == articles_table.c.id
            )
            for row in conn.execution_options(yield_per=500).execute(query):
                problems += [f"claim {row.key}: {p}" for p in claim_offset_problems(row, row.article_text)]
            has_claim = exists().where(claims_table.c.key == decisions_table.c.claim_key)
            unmarked = select(decisions_table.c.id, decisions_table.c.claim_key).where(
                decisions_table.c.orphaned.is_(False), ~has_claim
            )
            problems += [
                f"decision {r.id} is about claim {r.claim_key}, which is gone, but is not marked orphaned"
                for r in conn.execute(unmarked)
            ]
        return problems

    def counts(self) -> dict[str, int]:
        """How much the store holds: articles, claims, runs, decisions, orphaned decisions, and
        claims without an article (possible where the database does not enforce foreign keys)."""

        def count(table, *where) -> object:
            return select(func.count()).select_from(table).where(*where).scalar_subquery()

        no_article = ~exists().where(articles_table.c.id == claims_table.c.article)
        query = select(
            count(articles_table),
            count(claims_table),
            count(runs_table),
            count(decisions_table),
            count(decisions_table, decisions_table.c.orphaned.is_(True)),
            count(claims_table, no_article),
        )
        with self.engine.connect() as conn:
            values = conn.execute(query).one()
        names = ("articles", "claims", "runs", "decisions", "orphaned decisions", "claims without an article")
        return dict(zip(names, map(int, values)))

    def revision(self) -> tuple[int, int, int, int]:
        """Articles, last run, last decision, claims: changes with every write the store allows.

        Cheap (one query) and works for any database, where a file's modification time would miss
        SQLite's write-ahead log and mean nothing for PostgreSQL. Caches key on it.
        """
        query = select(
            select(func.count()).select_from(articles_table).scalar_subquery(),
            select(func.coalesce(func.max(runs_table.c.id), 0)).scalar_subquery(),
            select(func.coalesce(func.max(decisions_table.c.id), 0)).scalar_subquery(),
            select(func.count()).select_from(claims_table).scalar_subquery(),
        )
        with self.engine.connect() as conn:
            return tuple(int(v) for v in conn.execute(query).one())

    def get_meta(self, name: str) -> str | None:
        with self.engine.connect() as conn:
            return conn.scalar(select(meta_table.c.value).where(meta_table.c.name == name))

    def set_meta(self, name: str, value: str) -> None:
        with self._write() as conn:
            conn.execute(delete(meta_table).where(meta_table.c.name == name))
            conn.execute(insert(meta_table).values(name=name, value=value))


#: Driver messages (SQLite's, lower case) and what they mean for whoever runs the command.
_DRIVER_PROBLEMS = (
    ("file is not a database", "not a database, or a damaged one"),
    ("database disk image is malformed", "the database file is damaged (`python -m geo check` says where)"),
    ("database or disk is full", "the disk is full"),
    ("attempt to write a readonly database", "the database is read-only"),
    ("readonly database", "the database is read-only"),
    ("unable to open database file", "cannot open the database file"),
    ("no such table", "not a geo store"),
    ("database is locked", "another process holds the database's write lock"),
    ("connection refused", "cannot reach the database server"),
    ("timeout expired", "cannot reach the database server"),
)


def _first_line(exc: BaseException) -> str:
    return (str(exc).strip().splitlines() or [type(exc).__name__])[0]


def _hide_password(url: str) -> str:
    try:
        from sqlalchemy import make_url

        return make_url(url).render_as_string(hide_password=True)
    except (ArgumentError, ValueError):
        return url


def store_problem(exc: BaseException, where: str) -> StoreError:
    """One line naming the store and the problem, from a driver's exception."""
    reason = _first_line(getattr(exc, "orig", None) or exc)
    for marker, meaning in _DRIVER_PROBLEMS:
        if marker in reason.lower():
            return StoreError(f"{meaning} ({reason})", file=where)
    return StoreError(f"the database failed: {reason}", file=where)


def _store_errors(engine: Engine, where: str) -> None:
    """Turn the driver's errors into :class:`StoreError` (an integrity error stays as it is:
    :meth:`Store.add_articles` handles a duplicate another writer stored first)."""

    @event.listens_for(engine, "handle_error")
    def _handle(context) -> None:
        if isinstance(context.sqlalchemy_exception, IntegrityError):
            return None
        if isinstance(context.sqlalchemy_exception, DBAPIError) or context.original_exception is not None:
            raise store_problem(context.original_exception, where)
        return None


def _sqlite_transactions(engine: Engine, *, read_only: bool = False) -> None:
    """WAL, a busy timeout, foreign keys, and transactions SQLAlchemy controls (pysqlite's own
    implicit BEGIN would start them too late for a read-then-write to be atomic). A read-only
    store keeps the journal mode it has."""

    @event.listens_for(engine, "connect")
    def _connect(dbapi_connection, _record) -> None:
        dbapi_connection.isolation_level = None
        cursor = dbapi_connection.cursor()
        cursor.execute(f"PRAGMA busy_timeout = {BUSY_TIMEOUT_MS}")
        if not read_only:
            cursor.execute("PRAGMA journal_mode = WAL")
        cursor.execute("PRAGMA foreign_keys = ON")
        cursor.close()

    @event.listens_for(engine, "begin")
    def _begin(conn: Connection) -> None:
        conn.exec_driver_sql("BEGIN IMMEDIATE" if conn.get_execution_options().get("geo_write") else "BEGIN")


def claim_offset_problems(claim, text: str) -> list[str]:
    """How a claim's offsets fail to point into its article's text (none: they all do): the
    sentence is ``text[start:end]``, the place name and the control words, where located (a
    non-empty span), lie inside it."""
    if not 0 <= claim.start <= claim.end <= len(text) or text[claim.start : claim.end] != claim.sentence:
        return [f"sentence offsets {claim.start}-{claim.end} do not hold its sentence"]
    spans = {"place": (claim.place_start, claim.place_end), "cue": (claim.cue_start, claim.cue_end)}
    problems = [
        f"{name} offsets {a}-{b} fall outside its sentence {claim.start}-{claim.end}"
        for name, (a, b) in spans.items()
        if a != b and not claim.start <= a < b <= claim.end
    ]
    if (
        not problems
        and claim.place_end > claim.place_start
        and text[claim.place_start : claim.place_end] != claim.place_as_written
    ):
        problems.append(
            f"place offsets {claim.place_start}-{claim.place_end} do not hold {claim.place_as_written!r}"
        )
    return problems


def _day(value: date | str | None, what: str) -> date | None:
    if value is None or value == "" or isinstance(value, date):
        return value or None
    try:
        return parse_iso_date(value)
    except ValueError:
        raise StoreError(f"{what} {value!r} is not a date (YYYY-MM-DD)") from None


def _article_row(article: Article) -> dict:
    return dict(
        id=article.id,
        content_hash=article.content_hash,
        text=article.text,
        title=article.title,
        source=article.source,
        url=article.url,
        published=article.published,
        published_basis=article.published_basis,
        path=article.path,
        added_at=datetime.now(UTC),
    )


def _article(row) -> Article:
    return Article(
        text=row.text,
        title=row.title,
        source=row.source,
        url=row.url,
        published=row.published,
        published_basis=row.published_basis,
        path=row.path,
    )


def _claim_row(claim: Claim) -> dict:
    row = {name: getattr(claim, name) for name in _CLAIM_FIELDS}
    for name in _LIST_FIELDS:
        row[name] = json.dumps(list(row[name]), ensure_ascii=False)
    row["key"] = claim.key
    return row


def _claim(row) -> Claim:
    values = {name: getattr(row, name) for name in _CLAIM_FIELDS}
    for name in _LIST_FIELDS:
        values[name] = tuple(json.loads(values[name]))
    return Claim(**values)


def _decision(row, *, orphaned: bool | None = None) -> Decision:
    get = row.get if isinstance(row, dict) else row._mapping.get
    return Decision(
        claim_key=get("claim_key"),
        decision=get("decision"),
        place_id=get("place_id"),
        controller=get("controller"),
        date_from=get("date_from"),
        date_to=get("date_to"),
        by=get("decided_by"),
        at=get("decided_at"),
        note=get("note"),
        orphaned=get("orphaned") if orphaned is None else orphaned,
    )
