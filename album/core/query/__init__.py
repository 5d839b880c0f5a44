"""Search queries: the typed :class:`Query`, the search-box parser, and the explicit syntax."""

from album.core.query.model import (
    DEFAULT_RADIUS_KM,
    InvalidQuery,
    KnownPerson,
    PlaceFilter,
    Query,
    QueryProblem,
    Source,
    both,
    check_query,
    check_text,
    match_reasons,
)
from album.core.query.parse import parse_query, to_syntax
from album.core.query.said import without_sources

__all__ = [
    "DEFAULT_RADIUS_KM", "InvalidQuery", "KnownPerson", "PlaceFilter", "Query", "QueryProblem", "Source", "both",
    "check_query", "check_text", "match_reasons", "parse_query", "to_syntax", "without_sources",
]  # fmt: skip
