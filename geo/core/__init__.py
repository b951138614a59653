"""The vocabulary every layer shares: the generic controllers and statuses, errors, the name
normaliser, date words, the project's paths and the :class:`Claim` type. Imports nothing else of ``geo``.
"""
from .claim import Claim
from .dates import DateRange, default_range, find_dateline, find_dates, parse_iso_date
from .errors import ArticleError, GazetteerError, GeoError, StoreError, read_json
from .names import ARABIC_LETTER, ARTICLES, coarse, fold_word, normalise, words
from .paths import (
    CACHE_DIR,
    CONFLICTS_DIR,
    DATA_DIR,
    GAZETTEER_VARIABLE,
    LEXICON_DIR,
    PACKAGE_DIR,
    ROOT,
    default_gazetteer,
)
from .text import BIDI_CONTROLS, FORMULA_STARTS, for_terminal, spreadsheet_cell, strip_bidi
from .vocabulary import (
    CLAIM_TYPES,
    CONTESTED,
    DECISIONS,
    EVENT_TYPES,
    GENERIC_CONTROLLERS,
    GENERIC_LABEL,
    NO_SIDE,
    REVIEW_FILTER_LABELS,
    REVIEW_FILTERS,
    REVIEW_LABEL,
    REVIEWED,
    STATUS_LABEL,
    UNKNOWN,
)

__all__ = [
    "ARABIC_LETTER",
    "ARTICLES",
    "ArticleError",
    "BIDI_CONTROLS",
    "CACHE_DIR",
    "CLAIM_TYPES",
    "CONFLICTS_DIR",
    "CONTESTED",
    "Claim",
    "DATA_DIR",
    "DECISIONS",
    "DateRange",
    "EVENT_TYPES",
    "FORMULA_STARTS",
    "GAZETTEER_VARIABLE",
    "GENERIC_CONTROLLERS",
    "GENERIC_LABEL",
    "GazetteerError",
    "GeoError",
    "LEXICON_DIR",
    "NO_SIDE",
    "PACKAGE_DIR",
    "REVIEWED",
    "REVIEW_FILTERS",
    "REVIEW_FILTER_LABELS",
    "REVIEW_LABEL",
    "ROOT",
    "STATUS_LABEL",
    "StoreError",
    "UNKNOWN",
    "coarse",
    "default_gazetteer",
    "default_range",
    "find_dateline",
    "find_dates",
    "fold_word",
    "for_terminal",
    "normalise",
    "parse_iso_date",
    "read_json",
    "spreadsheet_cell",
    "strip_bidi",
    "words",
]
