"""geo: read war reporting, find who holds which neighbourhood when, and map it with its sources.

Data flows one way, one package per step, each importing only from those before it
(``tests/test_layers.py`` keeps it so)::

    core -> gazetteer -> read -> timeline -> store -> render -> publish -> app | cli

``geo`` knows no city: a city is a gazetteer folder under ``data/``.
"""
