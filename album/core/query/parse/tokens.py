"""How the parser compares words: one normal form for typed text and for the names it knows."""

from __future__ import annotations

import unicodedata


def norm(text: str) -> str:
    """``text`` folded for comparison. NFKC first, because Chinese input methods type full-width Latin
    ("Ａｎｎａ", "ｃａｎｏｎ") that must match the half-width names; then casefold, which also folds ß."""
    return unicodedata.normalize("NFKC", text).casefold()
