"""Stars and colour labels in the words: "4 stars", "★★★★", "my best photos", "4星以上", "rejected", "red label".

What people gave their photos in Lightroom, digiKam or darktable (XMP ``xmp:Rating`` and ``xmp:Label``): a
number of stars means "at least that many", as those apps' filters read it; the best photos are the ones
with at least :data:`BEST_STARS`; a rejected photo is one rated -1.
"""

from __future__ import annotations

import re

from album.core.query.dates import EN_NUMBERS, zh_number
from album.core.query.model import MAX_STARS
from album.core.query.parse.context import ParseContext

BEST_STARS = 4  # "my best photos": four stars or five, the ones people mark as keepers
# Colour labels as Lightroom, digiKam and darktable name them (XMP writes the English name).
LABELS = {"red": "Red", "yellow": "Yellow", "green": "Green", "blue": "Blue", "purple": "Purple",
          "红": "Red", "黄": "Yellow", "绿": "Green", "蓝": "Blue", "紫": "Purple"}  # fmt: skip

_NUMBER = r"[1-5]|one|two|three|four|five"
_PHOTOS = r"(?:photos?|pictures?|pics?|shots?|images?|ones)"
_UP_EN = r"(?:\s*(?:\+|and\s+up|and\s+above|or\s+(?:more|better|above)|plus))"
# "4 stars", "4+ stars", "4-star photos", "at least four stars"; not "a five-star hotel", which is for CLIP.
_STARS_EN = re.compile(
    rf"\b(?:(?:at\s+least|min(?:imum)?)\s+)?(?P<n>{_NUMBER})\s*\+?[\s-]*(?:stars\b|star(?={_UP_EN}|\s*{_PHOTOS}\b"
    rf"|\s+(?:rated|rating)\b|\s*$)){_UP_EN}?(?:\s+(?:rated|rating))?", re.IGNORECASE)  # fmt: skip
_STARS_SIGN = re.compile(r"(?P<stars>★{1,5})[☆\s]*(?P<up>\+|以上|or more)?")
# "4星以上", "五星的照片"; not 五星红旗 (the flag).
_STARS_ZH = re.compile(r"(?P<n>[1-5一二三四五])\s*颗?星级?(?:(?:及|或)?以上|\+|(?=的|照片|相片|$|[\s,，。]))")
_BEST = re.compile(rf"\b(?:my\s+)?(?:very\s+)?best\s+{_PHOTOS}\b|\b(?:top|highly|best)[\s-]rated\b|\bstarred\b"
                   r"|最好的照片|最佳照片|精选照片|精选", re.IGNORECASE)  # fmt: skip
_REJECTED = re.compile(r"\b(?:rejected|rejects)\b|被拒(?:绝)?的?|废片", re.IGNORECASE)
_LABEL_EN = re.compile(r"\b(?P<c>red|yellow|green|blue|purple)\s+(?:colou?r\s+)?label(?:l?ed)?\b"
                       r"|\blabel(?:l?ed)?\s+(?P<c2>red|yellow|green|blue|purple)\b", re.IGNORECASE)  # fmt: skip
_LABEL_ZH = re.compile(r"(?P<c>[红黄绿蓝紫])色?(?:标签|标记|标)")


def take_rating(ctx: ParseContext) -> None:
    """Take the first rating phrase of the rest of the text; it sets the rating unless ``rating:`` did."""
    for pattern in (_STARS_SIGN, _STARS_ZH, _STARS_EN, _BEST, _REJECTED):
        match = pattern.search(ctx.rest)
        if match is None:
            continue
        if ctx.rating_min is None and not ctx.rejected:
            if pattern is _REJECTED:
                ctx.rejected = True
            else:
                ctx.rating_min = _stars(match)
        ctx.take(match.start(), match.end())
        break


def take_label(ctx: ParseContext) -> None:
    """Take the first colour label phrase of the rest of the text; it sets the label unless ``label:`` did."""
    label = _LABEL_EN.search(ctx.rest) or _LABEL_ZH.search(ctx.rest)
    if label is not None:
        ctx.label = ctx.label or LABELS[(label["c"] or label.groupdict().get("c2") or "").lower()]
        ctx.take(label.start(), label.end())


def _stars(match: re.Match[str]) -> int:
    """The least number of stars a match asks for."""
    said = match.groupdict()
    if said.get("stars"):
        return len(said["stars"])
    number = said.get("n")
    if not number:
        return BEST_STARS
    value = int(number) if number.isdigit() else EN_NUMBERS.get(number.lower()) or zh_number(number) or 1
    return min(max(value, 1), MAX_STARS)


def read_rating(value: str) -> tuple[int | None, bool] | None:
    """``rating:`` of the explicit syntax: "4", "4+", "★★★★" (at least four stars) or "rejected" / "-1";
    None for a value that means nothing."""
    value = value.strip().lower()
    if value in ("rejected", "reject", "-1"):
        return None, True
    stars = value.count("★") if "★" in value else None
    digits = value.rstrip("+")
    if stars is None and digits.isdigit():
        stars = int(digits)
    if stars is None or not 0 <= stars <= MAX_STARS:
        return None
    return stars, False


def rating_syntax(rating_min: int | None, rejected: bool) -> str | None:
    """The explicit syntax's value for a rating filter ("4+", "rejected"), or None for none."""
    if rejected:
        return "rejected"
    return f"{rating_min}+" if rating_min is not None else None
