"""Shares: how much of a place a claim is about ("85 percent of", "parts of", "a hospital in").
"""
from __future__ import annotations

from spacy.tokens import Span, Token

from .grammar import _number, _path_up, _phrase

#: The percent of a share that gives no number ("most of X", "a large swath of X"): a share, not the whole.
SHARE = -1.0


class Shares:
    """Share-reading methods of a parsed sentence (see :class:`geo.read.reader._Sentence`)."""

    def _share(self, place: Span, heads: list[Token | None]) -> tuple[float | None, bool] | None:
        """The percent claimed ("85 percent of", "three-quarters of") and whether only part is meant.

        None when the place hangs on a word that is no part of it ("talks about Aleppo").
        """
        w = self.words
        root = self.parsed[place.end - 1 - self.sent.start]
        ids = set(range(place.start - self.sent.start, place.end - self.sent.start))
        while root.head.i in ids and root.head != root:
            root = root.head
        up = _path_up(root, None)
        # a conjunct's head is its sibling in a list ("A, B and C"), no part of what B is a share of
        phrases = [_phrase(h) for h in heads if h is not None]  # once each, not once per word on the path
        path = [t for below, t in zip(up, up[1:]) if below.dep_ != "conj"
                and any(t.i in phrase for phrase in phrases)]
        percent, partial = None, False
        for child in root.children:  # "half the city", "more than half the city"
            said = self.parsed[child.left_edge.i:child.right_edge.i + 1].text.lower()
            if child.dep_ in ("predet", "nmod", "quantmod", "npadvmod", "amod") and child.i < root.i:
                fraction = _fraction(said, w["fractions"])
                if fraction is not None:
                    percent, partial = float(fraction), True
        for token in path:
            if token.lower_ in w["list_introducers"]:
                break  # "three districts, including A": A is one of them, whole, not a share of anything
            if any(token.i in other for other, _ in self.places) or token.pos_ not in ("NOUN", "ADJ", "PRON", "PROPN"):
                continue
            lemma = token.lemma_.lower()
            text = self.parsed[token.left_edge.i:token.i + 1].text.lower()
            written = " ".join([*(c.lower_ for c in token.lefts if c.dep_ == "compound"), token.lower_])
            if token.lower_ in w["percent_words"] or written in w["percent_words"]:  # "percent", "per cent"
                number = next((c for c in token.children if c.like_num), None)
                percent = _number(number.text) if number is not None else percent
            elif lemma in w["area_units"] or token.lower_ in w["area_units"]:  # "five square kilometres of X"
                percent = percent if percent is not None else SHARE
                partial = True
            elif _fraction(text, w["fractions"]) is not None:
                percent = float(_fraction(text, w["fractions"]))
            elif lemma in w["place_nouns"]:
                region = bool(place._.place_id and self.gazetteer.places[place._.place_id].is_region)
                partial = partial or region
                if region and percent is None and any(c.dep_ == "nummod" for c in token.children):
                    if self._named_members(token):
                        return None  # "three districts in X, including A, B and C": the claims are A, B and C
                    percent = SHARE  # "13 quarters of the Old City": a share of it
            elif lemma in w["share_heads"] or token.lower_ in w["share_heads"]:
                percent = percent if percent is not None else SHARE  # "most of X", "large parts of X"
                partial = True
            elif lemma in w["partial_heads"] or lemma in w["site_nouns"] or token.lower_ in w["partial_heads"]:
                partial = True
            elif lemma not in w["partial_heads_exempt"]:
                return None
        return percent, partial


    def _named_members(self, counted: Token) -> bool:
        """Whether a counted place noun ("three districts") names its members in a list it
        introduces ("including A, B and C", "among them A and B")."""
        intro = [c for c in counted.children if c.lower_ in self.words["list_introducers"]]
        return any(ids & {t.i for c in intro for t in c.subtree} and span._.place_id for ids, span in self.places)


def _fraction(text: str, fractions: dict[str, int]) -> int | None:
    """The percent of the fraction ``text`` ends with, as whole words: "the Sarjkhana quarter" is no "a quarter"."""
    return next((v for f, v in fractions.items() if text == f or text.endswith(" " + f)), None)
