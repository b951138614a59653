"""The vocabulary every layer shares: sides and statuses, errors, the name normaliser, date words,
the project's paths and the :class:`Claim` type. Imports nothing else of ``geo``.
"""
from .claim import Claim
from .dates import DateRange, default_range, find_dateline, find_dates, parse_iso_date
from .errors import ArticleError, GazetteerError, GeoError, StoreError
from .names import ARABIC_LETTER, ARTICLES, fold_word, normalise, words
from .paths import CACHE_DIR, DEFAULT_GAZETTEER, LEXICON_DIR, PACKAGE_DIR, ROOT
from .text import BIDI_CONTROLS, FORMULA_STARTS, for_terminal, spreadsheet_cell, strip_bidi
from .vocabulary import (
    CLAIM_TYPES,
    CONTROLLERS,
    DECISIONS,
    EVENT_TYPES,
    MAP_CONTROLLERS,
    REVIEW_FILTER_LABELS,
    REVIEW_FILTERS,
    REVIEW_LABEL,
    SIDES,
    STATUS_LABEL,
)

__all__ = [
    "ARABIC_LETTER",
    "ARTICLES",
    "BIDI_CONTROLS",
    "FORMULA_STARTS",
    "ArticleError",
    "CACHE_DIR",
    "CLAIM_TYPES",
    "CONTROLLERS",
    "Claim",
    "DECISIONS",
    "DEFAULT_GAZETTEER",
    "DateRange",
    "EVENT_TYPES",
    "GazetteerError",
    "GeoError",
    "LEXICON_DIR",
    "MAP_CONTROLLERS",
    "PACKAGE_DIR",
    "REVIEW_FILTERS",
    "REVIEW_FILTER_LABELS",
    "REVIEW_LABEL",
    "ROOT",
    "SIDES",
    "STATUS_LABEL",
    "StoreError",
    "default_range",
    "find_dateline",
    "find_dates",
    "for_terminal",
    "spreadsheet_cell",
    "strip_bidi",
    "fold_word",
    "normalise",
    "parse_iso_date",
    "words",
]
