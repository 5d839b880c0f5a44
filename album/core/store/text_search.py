"""What the user wrote about their photos, searched as words: titles, captions and keywords from other apps.

CLIP ranks by what a photo shows; it cannot know that a cake on a table is "Ben's 5th birthday". LanceDB's
full-text search can, inside the database: one inverted index per column (BM25, English stemming so
"birthdays" finds "birthday", ASCII folding so "cafe" finds "Café"), searched with every word of the query
required in one column, under the same SQL prefilter as the vector search. Rows written after an index was
built are searched too (unindexed rows are scanned) until :meth:`Store.optimize` folds them in.

Chinese has no spaces for the index's tokenizer to split on (a caption "小明的生日" is one token), so runs
of CJK characters in the query are looked for as substrings of the same columns, also inside the database.
"""

from __future__ import annotations

import logging
import re
from typing import Any

from album.core.store.sql import like_pattern

log = logging.getLogger(__name__)

TEXT_COLUMNS = ("title", "description", "keywords")
_CJK_RUN = re.compile(r"[\u3400-\u9fff\uf900-\ufaff]{2,}")


def ensure_text_indexes(table: Any) -> None:
    """Give each written-text column its full-text index (a no-op for the columns that have one)."""
    from lancedb.index import FTS

    indexed = {c for index in table.list_indices() if index.index_type == "FTS" for c in index.columns}
    for column in TEXT_COLUMNS:
        if column in table.schema.names and column not in indexed:
            table.create_index(column, config=FTS(with_position=False, stem=True, remove_stop_words=True,
                                                  ascii_folding=True, lower_case=True))  # fmt: skip


def text_indexed(table: Any) -> tuple[str, ...]:
    """The written-text columns that have a full-text index."""
    indexed = {c for index in table.list_indices() if index.index_type == "FTS" for c in index.columns}
    return tuple(c for c in TEXT_COLUMNS if c in indexed)


def written_rows(table: Any, text: str, where: str | None, columns: list[str], limit: int) -> list[dict[str, Any]]:
    """Rows passing ``where`` whose title, caption or keywords hold every word of ``text``, best match first
    (Chinese runs: rows holding each run in one of those columns, newest first, after the word matches)."""
    from lancedb.query import FullTextOperator, MultiMatchQuery

    found: dict[str, dict[str, Any]] = {}
    latin = _CJK_RUN.sub(" ", text).strip()
    indexed = text_indexed(table)
    if latin and indexed:
        query = MultiMatchQuery(latin, list(indexed), boosts=None, operator=FullTextOperator.AND)
        search = table.search(query, query_type="fts")
        search = search.where(where, prefilter=True) if where else search
        try:
            rows = search.select([*columns, "_score"]).limit(limit).to_list()
        except (ValueError, RuntimeError, OSError) as exc:  # e.g. a query of stop words only: nothing to match
            log.info("full-text search for %r not run: %s", latin, exc)
            rows = []
        found.update((row["id"], row) for row in rows)
    runs = _CJK_RUN.findall(text)
    if runs and len(found) < limit:
        present = [c for c in TEXT_COLUMNS if c in table.schema.names]
        clauses = [" OR ".join(_contains(c, run) for c in present) for run in runs]
        sql = " AND ".join(f"({c})" for c in clauses if c)
        if sql:
            search = table.search().where(f"({where}) AND {sql}" if where else sql)
            for row in search.select(columns).limit(limit).to_list():
                found.setdefault(row["id"], row)
    return list(found.values())[:limit]


def _contains(column: str, run: str) -> str:
    if column == "keywords":
        return f"array_to_string(keywords, ' ') LIKE {like_pattern(run)} ESCAPE '\\'"
    return f"{column} LIKE {like_pattern(run)} ESCAPE '\\'"
