"""The candidate parse's matrix products through numpy (geo.read.matmul) change nothing the model
says: every tag, head and label is the one thinc's blis gives, and the BLAS thread count is back
where it was once the parse is done."""

from __future__ import annotations

import pytest

from geo.read.matmul import _blas, one_blas_thread, use_numpy_blas
from geo.read.pipeline import load_model

SENTENCES = [
    "Government troops retook the Tarik al-Bab quarter on Thursday after two days of street fighting.",
    "Rebel brigades said they still held about a third of the eastern districts, including Sukkari.",
    "Further convoys will leave until the last neighbourhoods have been emptied of fighters.",
    "The militants, who had controlled the old market since 2014, pulled back across the river overnight.",
]

PARSE = ("tok2vec", "tagger", "parser")


def _parses(nlp) -> list[list[tuple[str, str, int]]]:
    with nlp.select_pipes(enable=list(PARSE)):
        return [[(t.tag_, t.dep_, t.head.i) for t in doc] for doc in nlp.pipe(SENTENCES)]


@pytest.mark.skipif(_blas() is None, reason="no BLAS library threadpoolctl can hold to one thread")
def test_numpy_products_parse_every_sentence_as_blis_does():
    blis, numpy_ops = load_model(), load_model()
    assert use_numpy_blas(numpy_ops, PARSE)
    assert any(
        type(node.ops).__name__ == "NumpyOps" and not node.ops.use_blis
        for node in numpy_ops.get_pipe("parser").model.walk()
    )
    with one_blas_thread():
        ours = _parses(numpy_ops)
    assert ours == _parses(blis)


@pytest.mark.skipif(_blas() is None, reason="no BLAS library threadpoolctl can hold to one thread")
def test_one_blas_thread_holds_numpy_to_one_thread_and_gives_the_rest_back():
    before = [lib["num_threads"] for lib in _blas().info()]
    with one_blas_thread():
        assert all(lib["num_threads"] == 1 for lib in _blas().info())
    assert [lib["num_threads"] for lib in _blas().info()] == before
