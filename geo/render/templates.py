"""The one Jinja environment (autoescape on) that every HTML fragment and page is rendered with.

The app and the published site both call :func:`fragment` and :func:`page`, so a citation, a
legend or a tooltip is written once, in ``templates/``, and escaped the same way everywhere.
"""

from __future__ import annotations

from datetime import date
from functools import cache, lru_cache
from pathlib import Path

from jinja2 import Environment, FileSystemLoader
from markupsafe import Markup

from ..core import GENERIC_LABEL, REVIEW_LABEL, STATUS_LABEL, UNKNOWN, strip_bidi
from ..gazetteer import GENERIC_COLOURS, Conflict

TEMPLATES = Path(__file__).resolve().parent / "templates"
#: The file holding the macros for fragments (citation, history, legend, tooltip...).
FRAGMENTS = "_fragments.html"


def format_day(day: date | None) -> str:
    """ "7 December 2016": unambiguous in every English-speaking country."""
    return f"{day.day} {day:%B %Y}" if day else ""


def _without_bidi(value: object) -> object:
    """Every value a template prints, without bidi controls (an unclosed U+202E from an outlet
    would reverse the rest of the line, in the app and on the published pages alike)."""
    if isinstance(value, Markup):
        return Markup(strip_bidi(str(value)))
    return strip_bidi(value) if isinstance(value, str) else value


@lru_cache(maxsize=8)
def environment(conflict: Conflict | None = None) -> Environment:
    """The templates, loaded once per process and conflict; shared by the app and the site.

    The ``controller`` and ``colour`` filters name and colour a side as ``conflict`` does (no
    conflict: the generic labels and colours, or the side's id).
    """
    env = Environment(
        loader=FileSystemLoader(TEMPLATES),
        autoescape=True,
        trim_blocks=True,
        lstrip_blocks=True,
        finalize=_without_bidi,
    )
    env.filters["day"] = format_day
    env.filters["controller"] = conflict.label if conflict else (lambda c: GENERIC_LABEL.get(c, c))
    env.filters["colour"] = (
        conflict.colour if conflict else (lambda c: GENERIC_COLOURS.get(c, GENERIC_COLOURS[UNKNOWN]))
    )
    env.filters["status"] = lambda s: STATUS_LABEL.get(s, s)
    env.filters["review"] = lambda r: REVIEW_LABEL.get(r, r)
    return env


def fragment(
    name: str, *args, template: str = FRAGMENTS, conflict: Conflict | None = None, **kwargs
) -> Markup:
    """Call the macro ``name`` of ``template`` (escaped HTML, as Markup); sides named as ``conflict`` names them."""
    macro = getattr(environment(conflict).get_template(template).module, name)
    return Markup(str(macro(*args, **kwargs)).strip())


def page(template: str, conflict: Conflict | None = None, **values) -> str:
    """A whole page rendered from ``template``."""
    return environment(conflict).get_template(template).render(**values)


@cache
def asset(name: str) -> Markup:
    """A stylesheet or script of ``templates/`` as text to place inside ``<style>`` or ``<script>``."""
    return Markup((TEMPLATES / name).read_text(encoding="utf-8"))
