"""Site search: build an SQLite FTS5 index of the catalogue and query it.

No Flask and no mkdocs here: the site build calls ``build_index`` and the
forms app serves queries through ``SearchIndex``.

    from guichet.search import build_index, SearchIndex
    build_index(catalogue, "site/search.sqlite3")
    SearchIndex.open("site/search.sqlite3").search("dog licnse", "en").results
"""

from .analysis import Analyzer
from .build import build_bytes, build_index
from .index import IndexProblem, SearchIndex, SearchResponse
from .query import Result, clean

__all__ = [
    "Analyzer", "build_bytes", "build_index", "IndexProblem", "SearchIndex", "SearchResponse", "Result", "clean",
]
