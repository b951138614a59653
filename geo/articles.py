"""Articles: the text of a news report and what we know about it (title, outlet, date)."""
from __future__ import annotations

import hashlib
from dataclasses import dataclass
from datetime import date


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

    @property
    def id(self) -> str:
        return content_hash(self.text)[:16]
