"""The model's ``attribute_ruler``, applied with the same rules and the same result, faster.

spaCy's AttributeRuler runs a Matcher of every rule (about 180 in the English model) over every
token; on the candidate sentences that was a quarter of the reader's time. Nearly every rule
looks at one token only (its tag, lower-case form, dependency, whether it is a space), so which
of them match a token depends on those four values alone: they are worked out once per such
combination and looked up after. The few rules that span several tokens still go through a
Matcher. The matches are then sorted and applied by the ruler's own ``set_annotations``, in the
order spaCy applies them (a later rule wins), so every token gets exactly what the ruler gives.
"""
from __future__ import annotations

from collections.abc import Callable, Iterable, Iterator

from spacy.matcher import Matcher
from spacy.pipeline import AttributeRuler
from spacy.tokens import Doc, Token

#: Token attributes a one-token rule may test here, and how each is read from a token.
_READ: dict[str, Callable[[Token], object]] = {
    "TAG": lambda t: t.tag_, "LOWER": lambda t: t.lower_, "DEP": lambda t: t.dep_, "IS_SPACE": lambda t: t.is_space,
}


def _test(attr: str, wanted: object) -> Callable[[tuple], bool] | None:
    """A test of one token's signature for ``{attr: wanted}``, or None for a form not handled here."""
    if attr not in _READ:
        return None
    at = list(_READ).index(attr)
    if isinstance(wanted, (str, bool)):
        return lambda sig: sig[at] == wanted
    if isinstance(wanted, dict) and set(wanted) == {"IN"} and isinstance(wanted["IN"], list):
        allowed = frozenset(wanted["IN"])
        return lambda sig: sig[at] in allowed
    return None


class FastAttributeRuler:
    """Applies ``ruler``'s rules as ``ruler`` does: one-token rules by a look-up per token signature."""

    def __init__(self, ruler: AttributeRuler):
        self.ruler = ruler
        self.single: list[tuple[int, int, list[list[Callable[[tuple], bool]]]]] = []  # (rule, key, tests per pattern)
        self.multi = Matcher(ruler.vocab)
        for number, rule in enumerate(ruler.patterns):
            tests = [[_test(a, v) for a, v in pattern[0].items()] if len(pattern) == 1 else [None]
                     for pattern in rule["patterns"]]
            key = ruler.vocab.strings.add(str(number))
            if all(None not in t for t in tests):
                self.single.append((number, key, tests))
            else:
                self.multi.add(str(number), rule["patterns"])
        self._by_signature: dict[tuple, tuple[tuple[int, int], ...]] = {}

    def _rules_for(self, sig: tuple) -> tuple[tuple[int, int], ...]:
        found = self._by_signature.get(sig)
        if found is None:
            found = tuple((number, key) for number, key, tests in self.single
                          if any(all(test(sig) for test in pattern) for pattern in tests))
            self._by_signature[sig] = found
        return found

    def __call__(self, doc: Doc) -> Doc:
        matches = [(number, key, token.i, token.i + 1) for token in doc
                   for number, key in self._rules_for((token.tag_, token.lower_, token.dep_, token.is_space))]
        if len(self.multi):
            strings = self.ruler.vocab.strings
            matches += [(int(strings[key]), key, s, e) for key, s, e in self.multi(doc, allow_missing=True)]
        matches.sort()
        self.ruler.set_annotations(doc, matches)
        return doc

    def pipe(self, docs: Iterable[Doc], batch_size: int = 128) -> Iterator[Doc]:
        for doc in docs:
            yield self(doc)
