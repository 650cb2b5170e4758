"""Storage: the TinyDB database, the analysis cache and the data folder."""

from reader.store.cache import AnalysisCache
from reader.store.db import SCHEMA_VERSION, Store
from reader.store.paths import data_dir

__all__ = ["AnalysisCache", "SCHEMA_VERSION", "Store", "data_dir"]
