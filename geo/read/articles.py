"""Articles: the text of a news report and what we know about it (title, outlet, date)."""

from __future__ import annotations

import csv
import hashlib
import io
import re
from collections.abc import Iterable, Iterator
from dataclasses import dataclass
from datetime import date
from functools import cached_property
from pathlib import Path

from ..core import ArticleError, find_dateline, parse_iso_date, url_window


def content_hash(text: str) -> str:
    """The identity of an article: the same text ingested twice is the same article."""
    return hashlib.sha256(text.encode("utf-8")).hexdigest()


@dataclass(frozen=True)
class Article:
    """A news article as read from a file, a CSV row or a paste.

    ``published`` comes from metadata; when it was inferred from the text,
    ``published_basis`` says how ("inferred: ..."), and when nobody knows it, it is None.
    """

    text: str
    title: str = ""
    source: str = ""
    url: str = ""
    published: date | None = None
    published_basis: str = ""
    path: str = ""

    @cached_property
    def content_hash(self) -> str:
        """Hashed once per article: ingest asks for the id many times on the way to the store."""
        return content_hash(self.text)

    @property
    def id(self) -> str:
        return self.content_hash[:16]

    @property
    def publication_window(self) -> tuple[date, date] | None:
        """The first and last day the report can have appeared on: the publication day when it is
        known, else the day or month the URL's path carries (``/2016/12/``), else None."""
        if self.published is not None:
            return self.published, self.published
        return url_window(self.url)


# -- reading articles from files -------------------------------------------------------------

#: Files larger than this are refused: no news article is 20 MB, a data dump or a video is.
MAX_BYTES = 20 * 1024 * 1024
#: Suffixes read as articles when a folder is given; anything else in a folder is left alone.
ARTICLE_SUFFIXES = (".txt", ".md", ".markdown", ".html", ".htm")
HTML_SUFFIXES = (".html", ".htm")
META_COLUMNS = ("file", "title", "source", "published")
FRONT_MATTER_KEYS = ("title", "source", "url", "published")
_META_FIELDS = (*FRONT_MATTER_KEYS, "published_basis")
_FRONT_MATTER = re.compile(r"\A---[ \t]*\r?\n(?P<body>.*?)^---[ \t]*\r?\n?", re.DOTALL | re.MULTILINE)
#: An email-style header: ``key: value`` lines from the first line on, no blank line, ended by ``---``.
_HEADER = re.compile(r"\A(?P<body>(?:[A-Za-z][\w-]*[ \t]*:[^\n]*\n)+)---[ \t]*(?:\n|\Z)")
#: Values saying a date is not known; they give no date rather than an error.
_UNKNOWN_VALUES = frozenset({"unknown", "n/a", "none", "-", "?", "unstated"})
#: A first line longer than this is a paragraph, not a headline.
_TITLE_MAX = 200


def read_article(path: str | Path, *, meta: dict | None = None, published: date | None = None) -> Article:
    """Read one article file: plain text, Markdown with optional front matter, or an HTML page.

    The publication date comes from ``published`` (given by the caller), else ``meta`` (a row of
    :func:`read_meta_csv`), else the file's own metadata (front matter, HTML), else a dateline at
    the top of the text (marked ``inferred: ...``), else it stays None. Raises
    :class:`ArticleError` naming the file when it is missing, empty, binary, not UTF-8, larger
    than :data:`MAX_BYTES` or carries a bad date.
    """
    path = Path(path)
    raw = _read_bytes(path)
    text = _decode(raw, path)
    if path.suffix.lower() in HTML_SUFFIXES:
        text, found = _from_html(text, path)
    else:
        text, found = _front_matter(text, path)
        if "title" not in found:
            title = _first_line_title(text)
            if title:
                found["title"] = title
    if not text.strip():
        raise ArticleError("no article text in the file", file=path)
    given = {k: v for k, v in (meta or {}).items() if k in _META_FIELDS and v not in (None, "")}
    fields = {**found, **given}
    if published is not None:
        fields["published"], fields["published_basis"] = published, "given"
    when = fields.get("published")
    basis = fields.get("published_basis") or ("metadata" if when else "")
    if when is None:
        dateline = find_dateline(text)
        if dateline:
            when, basis = dateline
    return Article(
        text=text,
        title=fields.get("title", ""),
        source=fields.get("source", ""),
        url=fields.get("url", ""),
        published=when,
        published_basis=basis,
        path=str(path),
    )


def _read_bytes(path: Path) -> bytes:
    if not path.is_file():
        raise ArticleError("file not found", file=path)
    size = path.stat().st_size
    if size > MAX_BYTES:
        raise ArticleError(
            f"too large for an article ({size / 1e6:.1f} MB; the limit is {MAX_BYTES // (1024 * 1024)} MB)",
            file=path,
        )
    raw = path.read_bytes()
    if not raw.strip():
        raise ArticleError("empty file", file=path)
    if b"\x00" in raw[:8192]:
        raise ArticleError("binary file, not text", file=path)
    return raw


def _decode(raw: bytes, path: Path) -> str:
    try:
        text = raw.decode("utf-8-sig")
    except UnicodeDecodeError as exc:
        raise ArticleError(
            f"not UTF-8 text (byte 0x{raw[exc.start]:02x} at offset {exc.start}); save it as UTF-8",
            file=path,
        ) from None
    return unix_newlines(text)


def unix_newlines(text: str) -> str:
    """Windows and old Mac line ends as ``\\n``: offsets and blank-line paragraphs then mean the same everywhere."""
    return text.replace("\r\n", "\n").replace("\r", "\n")


def _front_matter(text: str, path: Path) -> tuple[str, dict]:
    """Split ``key: value`` metadata from the text: front matter between ``---`` lines, or a header.

    A header is the email form: ``key: value`` lines from the very first line, ended by a line
    ``---``; it counts only when it names at least one key we read, so a body that happens to
    open with "Note: ..." lines is left alone. Unknown keys are ignored in both forms.
    """
    match = _FRONT_MATTER.match(text)
    if not match:
        match = _HEADER.match(text)
        if not match or not any(
            line.partition(":")[0].strip().lower() in (*FRONT_MATTER_KEYS, "date")
            for line in match.group("body").splitlines()
        ):
            return text, {}
    found: dict = {}
    for number, line in enumerate(match.group("body").splitlines(), start=2):
        if not line.strip() or line.lstrip().startswith("#"):
            continue
        key, sep, value = line.partition(":")
        if not sep:
            raise ArticleError(f"front matter line {number} is not 'key: value'", file=path)
        key, value = key.strip().lower(), value.strip().strip("\"'")
        if key == "date":
            key = "published"
        if (
            key in FRONT_MATTER_KEYS
            and value
            and not (key == "published" and value.lower() in _UNKNOWN_VALUES)
        ):
            found[key] = value
    if "published" in found:
        found["published"] = _date_field(found["published"], path, where="front matter: published")
    return text[match.end() :], found


def _date_field(value: str, path: Path, *, where: str, row: int | None = None) -> date:
    try:
        return parse_iso_date(value)
    except ValueError as exc:
        raise ArticleError(f"{where}: {exc}", file=path, row=row) from None


def _first_line_title(text: str) -> str:
    """The headline of a plain text whose first line stands alone above the body."""
    head, sep, rest = text.strip().partition("\n\n")
    head = head.strip()
    if sep and rest.strip() and "\n" not in head and len(head) <= _TITLE_MAX:
        return head
    return ""


def _from_html(html: str, path: Path) -> tuple[str, dict]:
    """Main text and metadata of a web page, through trafilatura (menus and footers dropped)."""
    import trafilatura

    extracted = trafilatura.bare_extraction(
        html,
        with_metadata=True,
        include_comments=False,
        # only a date the page states in its markup; no guessing from the text or the URL
        date_extraction_params={"extensive_search": False, "original_date": True},
    )
    document = extracted.as_dict() if extracted is not None else {}
    if not (document.get("text") or "").strip():
        raise ArticleError("no article text found in the HTML page", file=path)
    found = {
        key: document.get(name) or ""
        for key, name in (("title", "title"), ("source", "sitename"), ("url", "url"))
        if document.get(name)
    }
    # one paragraph a line in trafilatura's text; a blank line between them, as in plain text
    text = "\n\n".join(line.strip() for line in document["text"].splitlines() if line.strip())
    if found.get("title") and not text.startswith(found["title"]):
        text = f"{found['title']}\n\n{text}"  # the headline is part of what the article says
    if document.get("date"):
        try:
            found["published"] = parse_iso_date(str(document["date"])[:10])
            found["published_basis"] = "metadata: HTML page"
        except ValueError:
            pass  # a page date we cannot read is no date, never a guess
    return text, found


def read_meta_csv(path: str | Path) -> dict[str, dict]:
    """Metadata for a batch, ``file,title,source,published`` (+ optional ``url``, ``published_basis``).

    Keyed by the ``file`` column as written. ``published`` is a date (or None when blank); a
    ``published_basis`` starting with "inferred" is kept, marking the date as inferred.
    Raises :class:`ArticleError` naming the file and row for a missing column or a bad date.
    """
    path = Path(path)
    text = _decode(_read_bytes(path), path)
    reader = csv.DictReader(io.StringIO(text), strict=True)
    missing = [c for c in META_COLUMNS if c not in (reader.fieldnames or [])]
    if missing:
        raise ArticleError(f"missing column(s): {', '.join(missing)}", file=path, row=1)
    rows: dict[str, dict] = {}
    for number, row in enumerate(_strict_rows(reader, path), start=2):
        if None in row:
            raise ArticleError("more fields than columns", file=path, row=number)
        if any("\n" in (v or "") for v in row.values() if isinstance(v, str)):
            raise ArticleError("a field runs over several lines (a quote left open?)", file=path, row=number)
        row = {k: (v or "").strip() for k, v in row.items()}
        name = row["file"]
        if not name:
            raise ArticleError("empty file name", file=path, row=number)
        if name in rows:
            raise ArticleError(f"{name!r} is listed twice", file=path, row=number)
        when = (
            _date_field(row["published"], path, where="published", row=number) if row["published"] else None
        )
        basis = row.get("published_basis", "")
        rows[name] = {
            "title": row["title"],
            "source": row["source"],
            "url": row.get("url", ""),
            "published": when,
            "published_basis": basis or ("metadata" if when else ""),
            "row": number,
        }
    return rows


def _strict_rows(reader: csv.DictReader, path: Path) -> Iterator[dict]:
    """The reader's rows; a quote left open (which would swallow the rows after it into one
    field) is refused naming the row it opens on."""
    number = 1
    while True:
        try:
            row = next(reader)
        except StopIteration:
            return
        except csv.Error as exc:
            raise ArticleError(
                f"malformed CSV ({exc}; a quote left open?)", file=path, row=number + 1
            ) from None
        number += 1
        yield row


def load_articles(
    paths: Iterable[str | Path],
    *,
    meta_csv: str | Path | None = None,
    published: date | None = None,
) -> Iterator[Article | ArticleError]:
    """Read a batch of articles one by one; a bad file yields its :class:`ArticleError` and the rest go on.

    ``paths`` are files or folders (a folder gives its article files, sorted, README files
    skipped). With ``meta_csv``, each file takes its CSV row's metadata; with no paths, the
    files the CSV lists are read. A CSV row naming a missing file is reported as an error.
    """
    meta: dict[str, dict] = {}
    meta_dir = Path(".")
    if meta_csv is not None:
        meta_dir = Path(meta_csv).parent
        try:
            meta = read_meta_csv(meta_csv)
        except ArticleError as exc:
            yield exc
    by_path = {(meta_dir / name).resolve(): name for name in meta}
    files = list(_article_files(paths))
    if not files and meta_csv is not None:
        files = [meta_dir / name for name in meta]
    given = {file.name for file in files if isinstance(file, Path)}
    for name, row in meta.items():
        if not (meta_dir / name).is_file() and name not in given:  # a given file may take its row by name
            yield ArticleError(
                f"lists {name!r}, which is not found in {meta_dir}", file=meta_csv, row=row["row"]
            )
    for file in files:
        if isinstance(file, ArticleError):
            yield file
            continue
        name = by_path.get(file.resolve()) or (file.name if file.name in meta else None)
        if name is not None and not file.is_file():
            continue  # reported above as the CSV's missing row
        try:
            yield read_article(file, meta=meta.get(name) if name else None, published=published)
        except ArticleError as exc:
            yield exc


def _article_files(paths: Iterable[str | Path]) -> Iterator[Path | ArticleError]:
    for item in paths:
        item = Path(item)
        if item.is_dir():
            for file in sorted(item.rglob("*")):
                if (
                    file.is_file()
                    and file.suffix.lower() in ARTICLE_SUFFIXES
                    and not file.name.startswith(".")
                    and not file.name.upper().startswith("README")
                ):
                    yield file
        elif item.exists():
            yield item
        else:
            yield ArticleError("file not found", file=item)
