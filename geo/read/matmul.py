"""The model's matrix products through numpy's own BLAS, on one thread, instead of thinc's blis.

Most of the parse of a candidate sentence is matrix products: the tok2vec's window layers and the
parser's first layer. thinc does them with blis, which on the processors we measured on takes two
to three times as long as the OpenBLAS numpy is built with, for the same products.
:func:`use_numpy_blas` gives the model's layers thinc's ``NumpyOps(use_blis=False)``, whose only
change is that ``gemm`` is numpy's; the tags, heads and labels stay those of the model (checked on
every candidate sentence of the development corpora: not one token differs).

numpy's BLAS would otherwise spread each small product over every core, which on a shared machine
is slower and takes processors from other work: :func:`one_blas_thread` holds it to one thread
(threadpoolctl, as scikit-learn does) until the block ends. Where no BLAS library can be limited
so, the model keeps blis.
"""

from __future__ import annotations

from collections.abc import Iterator
from contextlib import contextmanager
from functools import lru_cache

from spacy.language import Language
from thinc.api import NumpyOps
from threadpoolctl import ThreadpoolController


@lru_cache(maxsize=1)
def _blas() -> ThreadpoolController | None:
    """The BLAS libraries numpy loaded, or None when there is none threadpoolctl can limit."""
    controller = ThreadpoolController().select(user_api="blas")
    return controller if controller.lib_controllers else None


@contextmanager
def one_blas_thread() -> Iterator[None]:
    """numpy's matrix products on one thread, until the block ends."""
    blas = _blas()
    if blas is None:
        yield
        return
    with blas.limit(limits=1):
        yield


def use_numpy_blas(nlp: Language, names: tuple[str, ...]) -> bool:
    """Give the layers of the components ``names`` numpy's products; False (nothing changed) when
    numpy's BLAS cannot be kept to one thread."""
    if _blas() is None:
        return False
    ops = NumpyOps(use_blis=False)
    for name in names:
        if name in nlp.component_names:
            model = getattr(nlp.get_pipe(name), "model", None)
            for node in model.walk() if model is not None else ():
                node.ops = ops
    return True
