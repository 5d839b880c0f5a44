"""The camera in the words: "shot on a Canon", "with my iPhone", "用佳能拍的", "华为手机", "canon photos"."""

from __future__ import annotations

import re

from album.core.query.parse.context import ParseContext
from album.core.query.parse.tokens import norm

_CAMERA = re.compile(
    r"\b(?:shot|taken|photographed)\s+(?:on|with)\s+(?:a|an|my)?\s*(?P<a>[\w-]+)|\bwith\s+my\s+(?P<b>[\w-]+)"
    r"|用(?P<c>[\w-]+?)拍(?:的|摄)?", re.IGNORECASE)  # fmt: skip
# Brand words → what cameras write into EXIF (make or model), so "佳能" finds Canon's photos. English
# brand words are understood anywhere ("canon photos of birds"); Chinese ones, which double as ordinary
# words (三星堆, 小米粥), only in "用X拍" or before 相机/手机.
CAMERA_BRANDS = {
    "canon": "Canon", "佳能": "Canon", "nikon": "Nikon", "尼康": "Nikon", "sony": "Sony", "索尼": "Sony",
    "fujifilm": "Fujifilm", "fuji": "Fujifilm", "富士": "Fujifilm", "olympus": "Olympus", "奥林巴斯": "Olympus",
    "panasonic": "Panasonic", "lumix": "Panasonic", "松下": "Panasonic", "leica": "Leica", "徕卡": "Leica",
    "pentax": "Pentax", "宾得": "Pentax", "ricoh": "Ricoh", "理光": "Ricoh", "hasselblad": "Hasselblad",
    "哈苏": "Hasselblad", "gopro": "GoPro", "dji": "DJI", "大疆": "DJI", "iphone": "iPhone", "苹果": "iPhone",
    "pixel": "Pixel", "samsung": "Samsung", "三星": "Samsung", "huawei": "HUAWEI", "华为": "HUAWEI",
    "xiaomi": "Xiaomi", "小米": "Xiaomi", "oppo": "OPPO", "vivo": "vivo", "oneplus": "OnePlus", "一加": "OnePlus",
    "荣耀": "HONOR",
}  # fmt: skip
_BRAND_EN = re.compile(r"(?<![\w-])(?P<brand>" + "|".join(b for b in CAMERA_BRANDS if b.isascii()) + r")(?![\w-])",
                       re.IGNORECASE)  # fmt: skip
_BRAND_ZH = re.compile("(?P<brand>" + "|".join(b for b in CAMERA_BRANDS if not b.isascii()) + ")(?:手机|相机)")
_ANY_CAMERA = {"phone", "cellphone", "smartphone", "mobile", "camera", "手机", "相机", "单反", "数码相机"}


def take_camera(ctx: ParseContext) -> None:
    """Take the first camera phrase of the rest of the text; it sets the camera unless ``camera:`` did.

    "with my phone" is taken too but names no make or model, so it filters nothing.
    """
    match = _CAMERA.search(ctx.rest) or _BRAND_ZH.search(ctx.rest) or _BRAND_EN.search(ctx.rest)
    if match is None:
        return
    if ctx.camera is None:
        named = next(v for k, v in match.groupdict().items() if v and k in ("a", "b", "c", "brand"))
        named = re.sub("(?<=.)(?:手机|相机)$", "", named)  # 用三星手机拍的: the brand is 三星
        if norm(named) not in _ANY_CAMERA:
            ctx.camera = CAMERA_BRANDS.get(norm(named), named)
    ctx.take(match.start(), match.end())
