"""Place names as keys: one spelling-insensitive form for every way a name is written.

Arabic names reach English news in many transliterations (al-Sha'ar, ash-Shaar, Shaar) and
in Arabic script with or without vowel marks. Both sides of every lookup go through
:func:`normalise`, so the gazetteer stores one key per spelling and never needs to list the
trivial ones.
"""

from __future__ import annotations

import re
import unicodedata
from collections.abc import Iterator
from functools import lru_cache

#: Arabic article forms written before a name, with the sun-letter assimilations.
ARTICLES = frozenset("al el il ul ash as ad az an ar at aj ath adh ed es esh ez et en er".split())
#: Of those, the ones that are never English words, so a bare "al Sakhour" is an article too.
_BARE_ARTICLES = frozenset({"al", "el"})

_APOSTROPHES = "'’‘ʿʾ`´ʼʻ"
# Letters, and the combining marks (Latin accents, Arabic vowel signs) that sit on them.
_LETTER = r"(?:[^\W_]|[\u0300-\u036F\u0610-\u061A\u064B-\u065F\u0670\u06D6-\u06ED\u0640])"
_WORD = re.compile(rf"{_LETTER}+(?:[{_APOSTROPHES}]{_LETTER}+)*")
_POSSESSIVE = re.compile(rf"[{_APOSTROPHES}]s$", re.IGNORECASE)

ARABIC_LETTER = re.compile(r"[\u0600-\u06FF]")
_TASHKEEL = re.compile(r"[\u064B-\u065F\u0670\u0640\u06D6-\u06ED]")
_ARABIC_FOLD = str.maketrans(
    {"أ": "ا", "إ": "ا", "آ": "ا", "ٱ": "ا", "ؤ": "و", "ئ": "ي", "ء": None, "ة": "ه", "ى": "ي"}
)
_ARABIC_DIGITS = str.maketrans("٠١٢٣٤٥٦٧٨٩", "0123456789")

# Latin spelling variants, applied in this order to each word.
_VOWELS = [("ee", "i"), ("oo", "u"), ("ou", "u"), ("ei", "ay"), ("ey", "ay"), ("ai", "ay")]
_DOUBLED = re.compile(r"(.)\1+")
_ENDINGS = [(re.compile(r"iy(?:ah|eh|a|e)$"), "iya"), (re.compile(r"(?<=.)(?:ah|eh)$"), "a")]


def _fold_latin(word: str) -> str:
    """Key of one Latin-script word: no accents, apostrophes, case or vowel spelling."""
    word = "".join(ch for ch in unicodedata.normalize("NFKD", word) if not unicodedata.combining(ch))
    word = word.casefold().replace("ı", "i")
    word = "".join(ch for ch in word if ch not in _APOSTROPHES)
    word = word.replace("q", "k")
    for old, new in _VOWELS:
        word = word.replace(old, new)
    word = _DOUBLED.sub(r"\1", word)
    for pattern, new in _ENDINGS:
        word = pattern.sub(new, word)
    return word


def _fold_arabic(word: str) -> str:
    """Key of one Arabic-script word: no vowel marks, one alef, no article."""
    word = _TASHKEEL.sub("", word).translate(_ARABIC_FOLD).translate(_ARABIC_DIGITS)
    if word.startswith("ال") and len(word) > 3:
        word = word[2:]
    return word


@lru_cache(maxsize=65536)
def fold_word(word: str) -> str:
    """The key of a single word, whatever its script."""
    return _fold_arabic(word) if ARABIC_LETTER.search(word) else _fold_latin(word)


def words(text: str) -> Iterator[tuple[int, int, str, bool]]:
    """Words of ``text`` as ``(start, end, word, is_article)``, possessive 's cut off.

    A word is an article when it is one of :data:`ARTICLES` joined by a hyphen to the
    next word (``ash-Sha'ar``) or a bare ``al``/``el`` before another word.
    """
    found = list(_WORD.finditer(text))
    for i, m in enumerate(found):
        start, end, word = m.start(), m.end(), m.group()
        possessive = _POSSESSIVE.search(word)
        if possessive and len(word) > 3:
            end -= len(possessive.group())
            word = word[: len(word) - len(possessive.group())]
        nxt = found[i + 1] if i + 1 < len(found) else None
        lower = word.casefold()
        is_article = False
        if nxt is not None and lower in ARTICLES:
            gap = text[end : nxt.start()]
            is_article = gap.strip() in {"-", "‑", "–"} or (lower in _BARE_ARTICLES and gap.isspace())
        yield start, end, word, is_article


def normalise(name: str) -> str:
    """The lookup key of a name: its words folded, articles dropped, joined by spaces.

    >>> normalise("ash-Sha'ar") == normalise("al-Shaar") == normalise("Shaar")
    True
    >>> normalise("الشَّعَّار") == normalise("الشعار")
    True
    """
    keys = [fold_word(w) for _, _, w, article in words(name) if not article]
    return " ".join(k for k in keys if k)


# A coarser key, for the spellings the normaliser keeps apart: transliterations that differ in
# a digraph (kh/k, sh/s), a vowel (e/i, o/u, ie/ei/i), a dropped or added final vowel (Badr,
# Badro), a y for an i (Zebdiya, Zibdiyeh). Too coarse to be a name's identity: the gazetteer
# uses it only where it names one place and nothing else (see ``Gazetteer.find``).
_DIGRAPHS = [("kh", "k"), ("sh", "s"), ("th", "t"), ("dh", "d"), ("gh", "g"), ("ph", "f"), ("q", "k")]
_VOWEL_RUN = re.compile(r"([aiu])[aiu]+")
_VOWEL = re.compile(r"[aiu]")


@lru_cache(maxsize=65536)
def coarse_word(word: str) -> str:
    """The coarse key of one word; Arabic script keeps its :func:`fold_word` key."""
    if ARABIC_LETTER.search(word):
        return fold_word(word)
    word = "".join(ch for ch in unicodedata.normalize("NFKD", word) if not unicodedata.combining(ch))
    word = "".join(ch for ch in word.casefold() if ch not in _APOSTROPHES)
    for old, new in _DIGRAPHS:
        word = word.replace(old, new)
    word = word.replace("e", "i").replace("o", "u")
    word = word[:1] + word[1:].replace("y", "i")
    if len(word) > 3 and word.endswith("h") and word[-2] in "aiu":
        word = word[:-1]
    word = _DOUBLED.sub(r"\1", _VOWEL_RUN.sub(r"\1", word))
    if len(word) > 3 and word[-1] in "au" and word[-2] not in "aiu":  # Badro/Badr, Hamra/Hamr; not -i, -iya
        word = word[:-1]
    return word


def vowel_blind(name: str) -> tuple[str, ...]:
    """The words of a name's coarse key with every vowel the same: "Qastel" and "Kastal" meet.

    Coarser still than :func:`coarse`, it only ever compares a name word by word with one place's
    (see ``Gazetteer._sounded_place``), never stands as a key of its own.

    >>> vowel_blind("Qastel Moshet") == vowel_blind("Kastal Moshat")
    True
    """
    return tuple(_VOWEL.sub("a", k) for k in coarse(name).split())


def coarse(name: str) -> str:
    """The coarse key of a name: :func:`coarse_word` of each word, articles dropped.

    >>> coarse("Shekh Najjar") == coarse("Sheikh Najjar") and coarse("Sakhor") == coarse("al-Sakhour")
    True
    """
    keys = [coarse_word(w) for _, _, w, article in words(name) if not article]
    return " ".join(k for k in keys if k)
