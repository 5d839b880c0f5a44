"""The camera in the words: "shot on a Canon", "with my iPhone 15 Pro", "Nikon Z6", "用华为P60拍的", "华为手机",
"canon photos", and any model the library's own photos were taken with ("Z6 photos" with a NIKON Z 6).

A model is compared with :func:`~album.core.query.parse.tokens.compact` (no case, spaces or punctuation), so
"Nikon Z6" is the "NIKON Z 6" a Nikon writes; the store's camera filter compares the same way.
"""

from __future__ import annotations

import re
from collections.abc import Sequence

from album.core.query.parse.context import ParseContext
from album.core.query.parse.tokens import compact, norm

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
# A brand word after Mount is a mountain's name: "sunset at Mount Fuji", "Mt. Fuji" (富士山 is never a camera:
# Chinese brand words need 相机/手机 after them).
_BRAND_EN = re.compile(r"(?<![\w-])(?<!\bMount )(?<!\bMt\. )(?<!\bMt )(?P<brand>"
                       + "|".join(b for b in CAMERA_BRANDS if b.isascii()) + r")(?![\w-])", re.IGNORECASE)  # fmt: skip
_ZH_BRANDS = "|".join(b for b in CAMERA_BRANDS if not b.isascii())
_BRAND_ZH = re.compile("(?P<brand>" + _ZH_BRANDS + ")(?:手机|相机)")
_ZH_BRAND_PREFIX = re.compile("^(?P<brand>" + _ZH_BRANDS + r")\s*(?=[A-Za-z0-9])")  # 华为P60: HUAWEI P60
_ANY_CAMERA = {"phone", "cellphone", "smartphone", "mobile", "camera", "手机", "相机", "单反", "数码相机"}
# The words after a brand that are still its model's name: with a digit (Z6, 15, S23, R5), capitals (EOS,
# GR), a Roman numeral or one of the words makers put after a number (Pro, Max, Ultra, Mark II).
_MODEL_WORD = re.compile(r"\s*(?P<w>[A-Za-z]*\d[\w+-]*|[A-Z][A-Z0-9]{1,4}|[IVX]{2,4}|(?i:pro|max|plus|ultra|mini|lite"
                         r"|mark|note|fold|flip|edge))(?![\w-])")  # fmt: skip
_WORD = re.compile(r"[A-Za-z0-9][A-Za-z0-9+-]*|[\u4e00-\u9fff]")  # a Latin word, or one CJK character
MAX_MODEL_WORDS = 4
MIN_MODEL_CHARS = 5  # a library's model without a digit is found anywhere only from this long


def take_camera(ctx: ParseContext) -> None:
    """Take the first camera phrase of the rest of the text; it sets the camera unless ``camera:`` did.

    A model of the library's own cameras is looked for first, anywhere ("Z6 photos"); then a camera phrase
    or a brand, with the model words after it ("shot on my Galaxy S23"). "with my phone" is taken too but
    names no make or model, so it filters nothing.
    """
    known = _library_model(ctx.rest, ctx.library_cameras)
    if known is not None:
        start, end, model = known
        ctx.camera = ctx.camera or model
        phrase = _CAMERA.search(ctx.rest)  # "shot on my Z6", "用华为P60拍的": the words around the model go too
        if phrase is not None and phrase.start() <= end and start <= phrase.end():
            start, end = min(start, phrase.start()), max(end, phrase.end())
        ctx.take(start, end)
        return
    match = _CAMERA.search(ctx.rest) or _BRAND_ZH.search(ctx.rest) or _BRAND_EN.search(ctx.rest)
    if match is None:
        return
    group = next(k for k, v in match.groupdict().items() if v and k in ("a", "b", "c", "brand"))
    named = re.sub("(?<=.)(?:手机|相机)$", "", match[group])  # 用三星手机拍的: the brand is 三星
    end = match.end()
    if group != "c":
        words, end = _model_words(ctx.rest, match.end(group))
        named = " ".join([named, *words])
    if ctx.camera is None and norm(named) not in _ANY_CAMERA:
        ctx.camera = _spelled(named)
    ctx.take(match.start(), max(end, match.end()))


def _spelled(named: str) -> str:
    """A camera as its maker writes it: the brand word as in EXIF ("canon" → "Canon", "华为P60" → "HUAWEI P60"),
    the model words as typed."""
    prefix = _ZH_BRAND_PREFIX.match(named)
    if prefix is not None:
        return f"{CAMERA_BRANDS[prefix['brand']]} {named[prefix.end() :]}"
    first, _, rest = named.partition(" ")
    brand = CAMERA_BRANDS.get(norm(first), first)
    return f"{brand} {rest}" if rest else CAMERA_BRANDS.get(norm(named), brand)


def _model_words(text: str, start: int) -> tuple[list[str], int]:
    """The model's words that follow a brand at ``text[start:]`` ("15 Pro" after "iPhone"), and where they end."""
    words: list[str] = []
    while len(words) < MAX_MODEL_WORDS:
        word = _MODEL_WORD.match(text, start)
        if word is None:
            break
        words.append(word["w"])
        start = word.end()
    return words, start


def _library_model(text: str, cameras: Sequence[str]) -> tuple[int, int, str] | None:
    """The longest run of words in ``text`` that names one of the library's camera models (its whole model,
    or the model without the maker's name: "Z 6" of "NIKON Z 6"), with its span; a Chinese brand counts
    as its maker's ("华为P60" is HUAWEI P60)."""
    if not cameras:
        return None
    names: dict[str, str] = {}
    for model in sorted(cameras, key=len):
        first, _, rest = model.partition(" ")
        for key in (compact(model), compact(rest) if first.isalpha() else ""):
            # A name to find anywhere in a search: with a digit (Z6, 15 Pro) or long ("Mavic"), not "One".
            if (any(c.isdigit() for c in key) and any(c.isalpha() for c in key)) or len(key) >= MIN_MODEL_CHARS:
                names.setdefault(key, model)
    words = list(_WORD.finditer(text))
    best: tuple[int, int, str] | None = None
    for i, first_word in enumerate(words):
        for j in range(min(len(words), i + MAX_MODEL_WORDS), i, -1):
            said = text[first_word.start() : words[j - 1].end()]
            if not re.fullmatch(r"[\w+\- ]+", said):
                continue
            prefix = _ZH_BRAND_PREFIX.match(said)
            key = compact(_spelled(said) if prefix else said)
            if key in names and (best is None or len(said) > best[1] - best[0]):
                best = (first_word.start(), words[j - 1].end(), names[key])
                break
    return best
