"""What is left for CLIP: the words no extractor understood, without the filler around them.

Filler is dropped only at the edges ("photos of dogs on the beach" → "dogs on the beach"): inside the
phrase, "on the" is part of what the photo shows, and CLIP reads whole phrases better than keywords.
"""

from __future__ import annotations

import re

from album.core.query.parse.context import ParseContext
from album.core.query.parse.tokens import norm

_EN_STOP = {
    "a", "an", "the", "of", "and", "with", "in", "on", "at", "from", "during", "near", "around", "photo", "photos",
    "picture", "pictures", "pics", "pic", "images", "image", "show", "me", "find", "all", "my", "some", "taken",
    "that", "were", "was", "to", "for", "by", "&", ",", "，", "、", "everything", "anything", "any", "our", "we",
    "i", "took", "shot",
}  # fmt: skip
_ZH_EDGE = (  # longest first: "拍的照片" goes whole, "自拍" keeps its 拍
    "拍摄的照片",
    "拍的照片",
    "的照片",
    "的图片",
    "的相片",
    "照片",
    "图片",
    "相片",
    "的",
    "和",
    "与",
    "跟",
    "在",
    "有",
    "拍的",
    "时候",
    "时",
    "期间",
    "我们",
    "一起",
    "假期",
    "以外",
    "之外",
)
_TAKEN_AT = re.compile(r"在(?P<where>[\u4e00-\u9fff]{1,8}?)拍(?:摄)?的")


def take_free_text(ctx: ParseContext) -> None:
    """Set the free text: ``text:"…"``, then people named with ``person:`` whom the library does not
    know (CLIP may still find them by what they look like in words), then the cleaned rest."""
    parts = (ctx.extra_text, *ctx.unknown_people, _clean(ctx.rest))
    ctx.free_text = " ".join(p for p in parts if p)


def _clean(rest: str) -> str:
    """``rest`` without filler words at its edges; "" if it is all filler."""
    rest = _TAKEN_AT.sub(r" \g<where> ", rest)  # 在老家拍的全家福 → 老家 全家福
    words = rest.split()
    while words and norm(words[0]) in _EN_STOP:
        words.pop(0)
    while words and norm(words[-1]) in _EN_STOP:
        words.pop()
    text = " ".join(words)
    changed = True
    while changed and text:
        changed = False
        if text in _ZH_EDGE or norm(text) in _EN_STOP:
            return ""
        for edge in _ZH_EDGE:
            if text.endswith(edge) and len(text) > len(edge):
                text, changed = text[: -len(edge)].rstrip(), True
            if text.startswith(edge) and len(text) > len(edge):
                text, changed = text[len(edge) :].lstrip(), True
        if text in _ZH_EDGE or norm(text) in _EN_STOP:
            text = ""
    return text
