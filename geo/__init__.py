"""geo: read war reporting, find who holds which neighbourhood when, and map it with its sources.

Data flows one way, one module per step::

    articles -> mentions -> claims -> timeline -> maps -> publish

``geo`` knows no city: a city is a gazetteer folder under ``data/``.
"""
