"""The user's own collections in a search: favourites ("is:favourite", "my favourites", "我收藏的照片")
and albums (``album:"Trip to Japan"``, ``相册:东京``).

Both are read right after the explicit syntax, before dates and places, so an album named "Summer 2023"
or "Lisbon" is the album and not a date or a place.
"""

from __future__ import annotations

import re

from album.core.query.parse.context import ParseContext

_ALBUM = re.compile(r'(?:\balbum|相册|相簿)[:：]\s*(?:["“「](?P<q>[^"”」]*)["”」]|(?P<v>\S+))', re.IGNORECASE)
_FAVOURITE = re.compile(
    r"\bis:(?:favou?rites?|fav|starred|hearted)\b"
    r"|\b(?:(?:my|the)\s+)?(?:favou?rites|favou?rite\s+(?:photos|pictures|pics|images))\b"
    r"|我的收藏|我?收藏的(?:照片|相片|图片)?|我?喜欢的(?:照片|相片)",
    re.IGNORECASE,
)  # fmt: skip


def take_albums(ctx: ParseContext) -> None:
    """Every ``album:NAME`` (or ``相册:名字``): the photo must be in each album named."""
    for match in _ALBUM.finditer(ctx.rest):
        name = (match["q"] if match["q"] is not None else match["v"]).strip()
        ctx.take(match.start(), match.end())
        if name:
            ctx.albums.append(name)


def take_favourite(ctx: ParseContext) -> None:
    """"is:favourite", "favourites", "my favourite photos", "我收藏的照片": only the user's favourites."""
    for match in _FAVOURITE.finditer(ctx.rest):
        ctx.favourite = True
        ctx.take(match.start(), match.end())
