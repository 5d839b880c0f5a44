"""The user's own words, edited: take out the words one understood part came from, leave the rest.

A chip's ✕ must not rewrite what the user typed ("Nicole in Lisbon 2019" minus the date chip is
"Nicole in Lisbon", not ``person:Nicole near:Lisbon``), so front ends remove a chip's
:class:`~album.core.query.model.Source` spans from the text with :func:`without_sources`.
"""

from __future__ import annotations

import re
from collections.abc import Sequence

from album.core.query.model import Source

# A word that only joined the removed words to the rest: "in" of "in summer 2023" (the date took
# "summer 2023"), "and" of "Anna and Ben", 和 of 小明和小红. Removing it with them leaves no dangling "in".
_JOINER = re.compile(r"(?:(?<=\s)|^)(?:in|on|at|from|during|of|near|around|since|and|with|&)\s+$"
                     r"|(?:在|和|与|跟|及)\s*$", re.IGNORECASE)  # fmt: skip
# ...and at the start of the text, the word that joined them to what follows ("Nicole and Ben" minus Nicole).
_LEADING_JOINER = re.compile(r"\s*(?:(?:and|with|&)(?=\s|$)|和|与|跟|及)", re.IGNORECASE)


def without_sources(text: str, sources: Sequence[Source]) -> str:
    """``text`` without the words of ``sources`` (and a joining word just before each), spaces tidied."""
    keep = [True] * len(text)
    for source in sources:
        start = max(0, min(source.start, len(text)))
        while start < source.end and text[start].isspace():  # a span may begin with the space before its words
            start += 1
        end = min(source.end, len(text))
        joiner = _JOINER.search(text[:start])
        if joiner is not None:
            start = joiner.start()
        elif not text[:start].strip() and (leading := _LEADING_JOINER.match(text, end)) is not None:
            end = leading.end()
        for i in range(start, end):
            keep[i] = False
    kept = "".join(ch for ch, k in zip(text, keep, strict=True) if k)
    return re.sub(r"\s+", " ", kept).strip()
