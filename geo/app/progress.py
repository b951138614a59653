"""Progress of a long read in the app: an upload of many or long articles takes minutes, so the
page shows how far it has got instead of a spinner that says nothing."""

from __future__ import annotations

from collections.abc import Callable


class IngestProgress:
    """A ``progress(n)`` callback for :func:`geo.store.ingest` that tells ``show(fraction, text)``
    how many of ``total`` articles are done (the store calls it once per batch)."""

    def __init__(self, total: int, show: Callable[[float, str], object]):
        self.total = max(total, 0)
        self.done = 0
        self.show = show
        show(0.0 if self.total else 1.0, self.text())

    def text(self) -> str:
        noun = "article" if self.total == 1 else "articles"
        return f"{self.done} of {self.total} {noun} read for places and claims"

    def __call__(self, n: int) -> None:
        self.done = min(self.done + n, self.total)
        self.show(self.done / self.total if self.total else 1.0, self.text())
