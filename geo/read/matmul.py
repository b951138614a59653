"""The model's matrix products through numpy's own BLAS, on one thread, instead of thinc's blis.

Most of the parse of a candidate sentence is matrix products: the tok2vec's window layers and the
parser's first layer. thinc does them with blis, which on the processors we measured on takes
about twice to three times as long as the OpenBLAS numpy is built with, for the same products.
:func:`use_numpy_blas` points the model's layers at :class:`MatmulOps`, whose only change is the
product; the tags, heads and labels stay those of the model (checked on every candidate sentence
of the development corpora: not one token differs).

numpy's OpenBLAS would otherwise spread each product over every core, which on a shared machine
is slower and takes processors from other work; :func:`one_blas_thread` keeps the products of the
calling thread on that thread, and restores the setting after. Where numpy's BLAS cannot be told
so (another build of numpy, another system), the model keeps blis.
"""

from __future__ import annotations

import ctypes
from collections.abc import Iterator
from contextlib import contextmanager
from functools import lru_cache

import numpy
from spacy.language import Language
from thinc.api import NumpyOps


class MatmulOps(NumpyOps):
    """thinc's CPU operations, with ``gemm`` (every layer's matrix product) done by ``numpy.matmul``."""

    def gemm(self, x, y, out=None, trans1=False, trans2=False):
        if trans1:
            x = x.T
        if trans2:
            y = y.T
        if out is None:
            return numpy.matmul(x, y)
        numpy.matmul(x, y, out=out)
        return out


@lru_cache(maxsize=1)
def _thread_setter():
    """OpenBLAS's ``openblas_set_num_threads_local`` from the library numpy loaded, or None."""
    try:
        with open("/proc/self/maps", encoding="utf-8") as maps:
            paths = {line.split()[-1] for line in maps if "openblas" in line.lower() and ".so" in line}
    except OSError:
        return None
    for path in sorted(paths):
        try:
            setter = ctypes.CDLL(path).openblas_set_num_threads_local
        except (OSError, AttributeError):
            continue
        setter.argtypes, setter.restype = [ctypes.c_int], ctypes.c_int
        return setter
    return None


@contextmanager
def one_blas_thread() -> Iterator[None]:
    """numpy's matrix products on the calling thread only, until the block ends."""
    setter = _thread_setter()
    if setter is None:
        yield
        return
    before = setter(1)
    try:
        yield
    finally:
        setter(before)


def use_numpy_blas(nlp: Language, names: tuple[str, ...]) -> bool:
    """Give the layers of the components ``names`` :class:`MatmulOps`; False (nothing changed) when
    numpy's BLAS cannot be kept to one thread."""
    if _thread_setter() is None:
        return False
    ops = MatmulOps()
    for name in names:
        if name in nlp.component_names:
            model = getattr(nlp.get_pipe(name), "model", None)
            for node in model.walk() if model is not None else ():
                node.ops = ops
    return True
