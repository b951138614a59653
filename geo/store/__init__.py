"""What editors save: one database of articles, claims and decisions (SQLite or any SQLAlchemy
URL), the streamed ingest that fills it, and the demo database.
"""

from .demo import DEMO_EDITOR, demo_database, demo_files
from .ingestion import BATCH_CHARS, BATCH_SIZE, default_workers, ingest, read_jsonl, read_sources
from .store import (
    IngestReport,
    ReextractReport,
    Store,
    city_of,
    claim_offset_problems,
    database_url,
    default_db,
    extraction_version,
)

__all__ = [
    "BATCH_CHARS",
    "BATCH_SIZE",
    "DEMO_EDITOR",
    "IngestReport",
    "ReextractReport",
    "Store",
    "city_of",
    "claim_offset_problems",
    "database_url",
    "default_db",
    "default_workers",
    "demo_database",
    "demo_files",
    "extraction_version",
    "ingest",
    "read_jsonl",
    "read_sources",
]
