"""The logic behind the Streamlit pages (the map page's views, the editors' pages): pages call
these and compute nothing themselves. No Streamlit import here.
"""

from .progress import IngestProgress
from .views import map_base

__all__ = [
    "IngestProgress",
    "map_base",
]
