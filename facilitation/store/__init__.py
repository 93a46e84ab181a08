"""The one boundary to the database (SQLAlchemy 2 Core).

`Database` owns the engine; the submodules hold the tables and the queries of one area each,
all on the shared `metadata` in `schema.py`. Nothing outside this package speaks SQL.
"""
from facilitation.store.database import Database, default_url  # noqa: F401
