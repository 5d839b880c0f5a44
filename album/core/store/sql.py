"""SQL literals for LanceDB filters: every value that reaches a filter string goes through here.

Strings are quoted (and LIKE-escaped where needed), numbers are finite floats in parentheses, so a
user's quote, ``%``, backslash or ``'; DROP`` is just a character to look for.
"""

from __future__ import annotations

import math
from collections.abc import Sequence
from datetime import datetime

IN_CHUNK = 500  # values per "x IN (...)" clause


def sql_string(value: str) -> str:
    """Quote a value as an SQL string literal."""
    return "'" + value.replace("'", "''") + "'"


def chunks(values: Sequence[str], size: int = IN_CHUNK) -> list[Sequence[str]]:
    """``values`` in pieces small enough for one ``IN (...)`` clause each."""
    return [values[i : i + size] for i in range(0, len(values), size)]


def in_clause(column: str, values: Sequence[str]) -> str:
    return f"{column} IN ({', '.join(sql_string(v) for v in values)})"


def like_pattern(text: str) -> str:
    """A LIKE pattern matching ``text`` anywhere, with LIKE's own wildcards escaped (escape char ``\\``)."""
    escaped = text.lower().replace("\\", "\\\\").replace("%", "\\%").replace("_", "\\_")
    return sql_string(f"%{escaped}%")


def timestamp(value: datetime) -> str:
    return f"TIMESTAMP '{value.strftime('%Y-%m-%d %H:%M:%S.%f')}'"


def sql_number(value: float) -> str:
    """A float literal in parentheses: ``lat - -9.1`` would start an SQL comment, ``lat - (-9.1)`` does not."""
    value = float(value)
    if not math.isfinite(value):
        raise ValueError(f"not a finite number: {value}")
    return f"({value!r})"
