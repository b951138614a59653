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

from spacy.attrs import DEP, IS_SPACE, LOWER, TAG
from spacy.matcher import Matcher
from spacy.pipeline import AttributeRuler
from spacy.tokens import Doc, Token

#: Token attributes a one-token rule may test here, and how each is read from a token.
_READ: dict[str, Callable[[Token], object]] = {
    "TAG": lambda t: t.tag_,
    "LOWER": lambda t: t.lower_,
    "DEP": lambda t: t.dep_,
    "IS_SPACE": lambda t: t.is_space,
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


def _lowers(patterns: list[list[dict]]) -> tuple[str, ...] | None:
    """The lower-case words every one-token pattern of a rule requires, or None when one takes any word."""
    lowers: list[str] = []
    for pattern in patterns:
        wanted = pattern[0].get("LOWER")
        if isinstance(wanted, str):
            lowers.append(wanted)
        elif isinstance(wanted, dict) and isinstance(wanted.get("IN"), list):
            lowers.extend(wanted["IN"])
        else:
            return None
    return tuple(dict.fromkeys(lowers))


class FastAttributeRuler:
    """Applies ``ruler``'s rules as ``ruler`` does: one-token rules by a look-up per token signature."""

    def __init__(self, ruler: AttributeRuler):
        self.ruler = ruler
        self.single: list[
            tuple[int, int, list[list[Callable[[tuple], bool]]]]
        ] = []  # (rule, key, tests per pattern)
        self.multi = Matcher(ruler.vocab)
        self._by_lower = {}
        for number, rule in enumerate(ruler.patterns):
            tests = [
                [_test(a, v) for a, v in pattern[0].items()] if len(pattern) == 1 else [None]
                for pattern in rule["patterns"]
            ]
            key = ruler.vocab.strings.add(str(number))
            if all(None not in t for t in tests):
                self.single.append((number, key, tests))
                lowers = _lowers(rule["patterns"])
                for lower in lowers if lowers is not None else (None,):
                    self._by_lower.setdefault(lower, []).append((number, key, tests))
            else:
                self.multi.add(str(number), rule["patterns"])
        self._by_signature: dict[tuple, tuple[tuple[int, int], ...]] = {}

    _by_lower: dict[str | None, list]  # the one-token rules by the lower-case word they need (None: any word)

    def _rules_for(self, ids: tuple) -> tuple[tuple[int, int], ...]:
        """The one-token rules (number, key) that match a token of this signature (as string ids)."""
        found = self._by_signature.get(ids)
        if found is None:
            strings = self.ruler.vocab.strings
            sig = (strings[ids[0]], strings[ids[1]], strings[ids[2]], bool(ids[3]))
            rules = sorted((*self._by_lower.get(None, ()), *self._by_lower.get(sig[1], ())))
            found = tuple(
                (number, key)
                for number, key, tests in rules
                if any(all(test(sig) for test in pattern) for pattern in tests)
            )
            self._by_signature[ids] = found
        return found

    def __call__(self, doc: Doc) -> Doc:
        rows = doc.to_array([TAG, LOWER, DEP, IS_SPACE]).tolist()  # one read of the doc, not four per token
        matches = [
            (number, key, i, i + 1)
            for i, row in enumerate(rows)
            for number, key in self._rules_for(tuple(row))
        ]
        if len(self.multi):
            strings = self.ruler.vocab.strings
            matches += [(int(strings[key]), key, s, e) for key, s, e in self.multi(doc, allow_missing=True)]
        matches.sort()
        self.ruler.set_annotations(doc, matches)
        return doc

    def pipe(self, docs: Iterable[Doc], batch_size: int = 128) -> Iterator[Doc]:
        for doc in docs:
            yield self(doc)
