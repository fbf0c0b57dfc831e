"""The certification finder (issue 14): one interface, :func:`find`, over PostgreSQL or SQLite full-text search."""

from acquis.orientation.finder.search import MAX_LIMIT, FinderAnswer, FinderError, FinderResult, find

__all__ = ["MAX_LIMIT", "FinderAnswer", "FinderError", "FinderResult", "find"]
