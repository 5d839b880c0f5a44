"""How the parser compares words: one normal form for typed text and for the names it knows."""

from __future__ import annotations

import functools
import logging
import re
import unicodedata
from collections.abc import Callable

log = logging.getLogger(__name__)

LATIN_END = "\u024f"  # the last Latin letter with accents (Latin Extended-B): their marks are folded away
_HAN = re.compile(r"[\u3400-\u9fff\uf900-\ufaff\U00020000-\U0002fa1f]")


@functools.lru_cache(maxsize=8192)  # the same names and words are folded on every keystroke's parse
def norm(text: str) -> str:
    """``text`` folded for comparison. NFKC first, because Chinese input methods type full-width Latin
    ("Ａｎｎａ", "ｃａｎｏｎ") that must match the half-width names; then casefold, which also folds ß;
    then without the accents of Latin letters ("renee" is Renée, "jose" José: people type names without
    them) and in simplified Chinese characters (張偉 is 张伟: :func:`simplified`)."""
    return simplified(_unaccented(unicodedata.normalize("NFKC", text).casefold()))


def _unaccented(text: str) -> str:
    """``text`` without the marks on Latin letters. Only there: a kana's voicing mark (が) or a Hangul
    jamo is part of the letter, not an accent."""
    if text.isascii():
        return text
    kept: list[str] = []
    for char in unicodedata.normalize("NFD", text):
        if unicodedata.combining(char) and kept and kept[-1] <= LATIN_END:
            continue
        kept.append(char)
    return unicodedata.normalize("NFC", "".join(kept))


def simplified(text: str) -> str:
    """``text`` with traditional Chinese characters in their simplified form (臺北 → 台北, 張 → 张), one
    character for one, so positions in ``text`` stay positions in the result. OpenCC's character table
    (the converter its authors keep for exactly this); text without CJK characters is returned as is."""
    return _HAN.sub(_simple_match, text) if _HAN.search(text) else text


def _simple_match(match: re.Match[str]) -> str:
    return _simple_char(match[0])


@functools.lru_cache(maxsize=8192)
def _simple_char(char: str) -> str:
    converted = _converter()(char)
    return converted if len(converted) == 1 else char


@functools.lru_cache(maxsize=1)
def _converter() -> Callable[[str], str]:
    """OpenCC's t2s, imported on the first CJK text (~20 ms an English search never pays); without OpenCC
    (a source install that skipped it) characters stay as typed, and only traditional ones go unmatched."""
    try:
        import opencc
    except ImportError as exc:
        log.warning("traditional Chinese characters are searched as typed: %s", exc)
        return str
    convert: Callable[[str], str] = opencc.OpenCC("t2s").convert
    return convert


def compact(text: str) -> str:
    """``text`` lower-cased without spaces and ASCII punctuation, as camera models are compared: "Nikon Z6",
    "NIKON Z 6" and "nikon-z6" are one camera. The store's camera filter squeezes its column the same way."""
    return "".join(c for c in text.lower() if not c.isspace() and not (c.isascii() and not c.isalnum()))
