"""Reading articles: loaders, the reader's lexicons, the spaCy pipeline (:mod:`geo.read.pipeline`:
mentions of places, actors and control words, then the claim reader) and the claims it yields.

spaCy loads only when claims are first read (:func:`read_claims`), so the layers after this one
start without it.
"""

from .articles import (
    ARTICLE_SUFFIXES,
    MAX_BYTES,
    Article,
    load_articles,
    read_article,
    read_meta_csv,
    unix_newlines,
)
from .claims import read_claims, read_claims_many
from .reading import ClaimReading
from .scoring import (
    EvaluationError,
    articles_by_file,
    evaluate,
    read_gold,
    read_negatives,
    report_lines,
    unknown_place_error,
)

__all__ = [
    "ARTICLE_SUFFIXES",
    "Article",
    "ClaimReading",
    "EvaluationError",
    "MAX_BYTES",
    "articles_by_file",
    "evaluate",
    "load_articles",
    "read_article",
    "read_claims",
    "read_claims_many",
    "read_gold",
    "read_meta_csv",
    "read_negatives",
    "report_lines",
    "unix_newlines",
    "unknown_place_error",
]
