"""The logic behind the Streamlit pages (the map page's views, the editors' pages): pages call
these and compute nothing themselves. No Streamlit import here.
"""
from .views import map_base

__all__ = [
    "map_base",
]
