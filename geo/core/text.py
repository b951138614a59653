"""Outside text made safe for where it is shown: HTML pages, a terminal, a spreadsheet.

Articles, outlets and file names come from anyone. Bidirectional controls left open (an unclosed
U+202E) reverse whatever follows them on the line, so a citation's "Not yet reviewed" reads
backwards; control characters reach a terminal as escape sequences; a CSV cell starting with
``=`` (after spaces, even no-break ones) is a formula to a spreadsheet.
"""

from __future__ import annotations

import json
import re

#: Embeddings, overrides and isolates (LRE, RLE, PDF, LRO, RLO; LRI, RLI, FSI, PDI): the
#: characters that change the direction of the text after them. Marks (LRM, RLM) change nothing
#: beyond their neighbours and stay.
BIDI_CONTROLS = frozenset("\u202a\u202b\u202c\u202d\u202e\u2066\u2067\u2068\u2069")
_BIDI = {ord(c): None for c in BIDI_CONTROLS}
#: C0 controls but tab and newline, DEL, and C1 controls: what a terminal may act on.
_CONTROLS = re.compile("[\x00-\x08\x0b-\x1f\x7f-\x9f]")
#: What a spreadsheet reads as the start of a formula.
FORMULA_STARTS = ("=", "+", "-", "@")
_NUMBER = re.compile(r"[+-]?(\d+(\.\d*)?|\.\d+)([eE][+-]?\d+)?")


def strip_bidi(text: str) -> str:
    """``text`` without the controls that change the direction of what follows them."""
    return text.translate(_BIDI)


def for_terminal(text: str) -> str:
    """``text`` as it may be printed: no control characters (tab and newline kept), no bidi
    controls, so an article cannot move the cursor, retitle the window or reverse the line."""
    return _CONTROLS.sub("", strip_bidi(text))


#: What JSON leaves as it is but a terminal may act on: DEL, C1 controls and bidi controls
#: (JSON itself escapes C0 controls).
_JSON_UNSAFE = re.compile("[\x7f-\x9f" + "".join(sorted(BIDI_CONTROLS)) + "]")


def json_for_terminal(value: object, **options) -> str:
    """``value`` as JSON (``json.dumps`` ``options``, non-ASCII text kept) whose control and bidi
    characters are written as ``\\u`` escapes: safe to print, and the same value once parsed, so
    a sentence and its offsets still agree."""
    text = json.dumps(value, ensure_ascii=False, **options)
    return _JSON_UNSAFE.sub(lambda m: f"\\u{ord(m.group()):04x}", text)


def plural(n: int, one: str, many: str | None = None) -> str:
    """ "1 run", "2 runs": ``n`` and the noun it takes (``many`` if adding an s is not the plural)."""
    return f"{n} {one if n == 1 else (many or one + 's')}"


def spreadsheet_cell(value: object) -> object:
    """A CSV cell a spreadsheet will not run: text that starts (after any spaces, no-break ones
    included) with ``= + - @``, or with a tab or carriage return, gets a leading apostrophe.
    Numbers (``-3.5``) and other values are left as they are."""
    if not isinstance(value, str) or not value or _NUMBER.fullmatch(value.strip()):
        return value
    if value[0] in "\t\r" or value.lstrip()[:1] in FORMULA_STARTS:
        return "'" + value
    return value
